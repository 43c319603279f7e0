#include "audit/AuditLog.h"

#include "audit/AuditSql.h"
#include "store/Database.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::audit {

using store::sqlError;

QString actorKindName(ActorKind kind)
{
    switch (kind) {
    case ActorKind::Human:
        return u"human"_s;
    case ActorKind::Sync:
        return u"sync"_s;
    case ActorKind::System:
        return u"system"_s;
    }
    return {};
}

std::optional<ActorKind> actorKindFromName(const QString &name)
{
    if (name == "human"_L1)
        return ActorKind::Human;
    if (name == "sync"_L1)
        return ActorKind::Sync;
    if (name == "system"_L1)
        return ActorKind::System;
    return std::nullopt;
}

QString emailSubject(const QString &emailNorm)
{
    return u"email:"_s + emailNorm;
}

QString identitySubject(const QString &provider, const QString &externalId)
{
    return provider + u':' + externalId;
}

QString findingSubject(const QString &findingKey)
{
    return u"finding:"_s + findingKey;
}

QByteArray canonicalJson(const Entry &e)
{
    // QJsonObject keeps its keys sorted and writes integers (qint64) as integers.
    const QJsonObject o{
        {u"action"_s, e.action},
        {u"actor"_s, e.actor},
        {u"actor_kind"_s, actorKindName(e.actorKind)},
        {u"at"_s, e.at},
        {u"intent_seq"_s, e.intentSeq},
        {u"outcome"_s, e.outcome},
        {u"prev_hash"_s, e.prevHash},
        {u"reason"_s, e.reason},
        {u"request"_s, e.request},
        {u"seq"_s, e.seq},
        {u"subjects"_s, QJsonArray::fromStringList(e.subjects)},
        {u"target"_s, e.target},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString entryHash(const Entry &entry)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalJson(entry), QCryptographicHash::Sha256).toHex());
}

namespace detail {

// A JSON string as QJsonDocument writes it in compact form: quote, backslash and the C0 controls escaped
// (\b \f \n \r \t, else \u00xx), everything else as UTF-8.
void appendJsonString(QByteArray &out, const QString &s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

QByteArray canonicalJsonOf(const RawEntry &r)
{
    // Keys in sorted order, as canonicalJson writes them; request and subjects embedded as stored (append
    // stores them compact and sorted).
    QByteArray out;
    out.reserve(512 + r.request.size());
    out += "{\"action\":";
    appendJsonString(out, r.action);
    out += ",\"actor\":";
    appendJsonString(out, r.actor);
    out += ",\"actor_kind\":";
    appendJsonString(out, r.actorKind);
    out += ",\"at\":";
    out += QByteArray::number(r.at);
    out += ",\"intent_seq\":";
    out += QByteArray::number(r.intentSeq);
    out += ",\"outcome\":";
    appendJsonString(out, r.outcome);
    out += ",\"prev_hash\":";
    appendJsonString(out, r.prevHash);
    out += ",\"reason\":";
    appendJsonString(out, r.reason);
    out += ",\"request\":";
    out += r.request;
    out += ",\"seq\":";
    out += QByteArray::number(r.seq);
    out += ",\"subjects\":";
    out += r.subjects;
    out += ",\"target\":";
    appendJsonString(out, r.target);
    out += '}';
    return out;
}

QString hashOf(const RawEntry &r)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalJsonOf(r), QCryptographicHash::Sha256).toHex());
}

QByteArray canonicalJsonOfRow(const QSqlQuery &q)
{
    RawEntry r;
    r.seq = q.value(0).toLongLong();
    r.at = q.value(1).toLongLong();
    r.actor = q.value(2).toString();
    r.actorKind = q.value(3).toString();
    r.action = q.value(4).toString();
    r.target = q.value(5).toString();
    r.reason = q.value(6).toString();
    r.request = q.value(7).toByteArray();
    r.outcome = q.value(8).toString();
    r.intentSeq = q.value(9).toLongLong();
    r.subjects = q.value(10).toByteArray();
    r.prevHash = q.value(11).toString();
    return canonicalJsonOf(r);
}

bool rowHashMatches(const QSqlQuery &q)
{
    const QByteArray stored = q.value(12).toByteArray();
    const QByteArray fast =
        QCryptographicHash::hash(canonicalJsonOfRow(q), QCryptographicHash::Sha256).toHex();
    if (fast == stored)
        return true;
    // Text of a different shape than the fast path writes it (a string escaped another way): decide on the
    // parsed entry, but only when the stored JSON is exactly what append stores: otherwise text that parses
    // to the same value (or fails to parse where {} was) would pass as unedited.
    const Entry e = readEntry(q);
    if (compactJson(e.request) != q.value(7).toByteArray() ||
        compactJson(QJsonArray::fromStringList(e.subjects)) != q.value(10).toByteArray())
        return false;
    return entryHash(e).toLatin1() == stored;
}

QByteArray compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray compactJson(const QJsonArray &a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

Where whereClause(const Filter &f, qint64 beforeSeq)
{
    QStringList parts;
    Where w;
    if (beforeSeq > 0) {
        parts.append(u"seq < ?"_s);
        w.binds.append(beforeSeq);
    }
    if (f.maxSeq > 0) {
        parts.append(u"seq <= ?"_s);
        w.binds.append(f.maxSeq);
    }
    if (f.since) {
        parts.append(u"at >= ?"_s);
        w.binds.append(*f.since);
    }
    if (f.until) {
        parts.append(u"at < ?"_s);
        w.binds.append(*f.until);
    }
    if (!f.actor.isEmpty()) {
        parts.append(u"actor = ?"_s);
        w.binds.append(f.actor);
    }
    if (f.action.endsWith(u'.')) {
        // A prefix as an index range: "circle." ≤ action < "circle/".
        parts.append(u"action >= ? AND action < ?"_s);
        w.binds.append(f.action);
        w.binds.append(QString(f.action.chopped(1) + QChar(u'.' + 1)));
    } else if (!f.action.isEmpty()) {
        parts.append(u"action = ?"_s);
        w.binds.append(f.action);
    }
    if (!f.subjects.isEmpty()) {
        QStringList marks;
        for (const QString &s : f.subjects) {
            marks.append(u"?"_s);
            w.binds.append(s);
        }
        parts.append(
            u"seq IN (SELECT seq FROM audit_subjects WHERE subject IN (%1))"_s.arg(marks.join(u", ")));
    }
    if (!parts.isEmpty())
        w.sql = u" WHERE "_s + parts.join(u" AND "_s);
    return w;
}

void bind(QSqlQuery &q, const Where &where)
{
    for (const QVariant &v : where.binds)
        q.addBindValue(v);
}

Entry readEntry(const QSqlQuery &q)
{
    Entry e;
    e.seq = q.value(0).toLongLong();
    e.at = q.value(1).toLongLong();
    e.actor = q.value(2).toString();
    e.actorKind = actorKindFromName(q.value(3).toString()).value_or(ActorKind::System);
    e.action = q.value(4).toString();
    e.target = q.value(5).toString();
    e.reason = q.value(6).toString();
    e.request = QJsonDocument::fromJson(q.value(7).toByteArray()).object();
    e.outcome = q.value(8).toString();
    e.intentSeq = q.value(9).toLongLong();
    const QJsonArray subjects = QJsonDocument::fromJson(q.value(10).toByteArray()).array();
    for (const QJsonValue &v : subjects)
        e.subjects.append(v.toString());
    e.prevHash = q.value(11).toString();
    e.hash = q.value(12).toString();
    return e;
}

QJsonObject filterToJson(const Filter &f)
{
    QJsonObject o;
    if (f.since)
        o.insert(u"since"_s, *f.since);
    if (f.until)
        o.insert(u"until"_s, *f.until);
    if (!f.actor.isEmpty())
        o.insert(u"actor"_s, f.actor);
    if (!f.action.isEmpty())
        o.insert(u"action"_s, f.action);
    if (!f.subjects.isEmpty())
        o.insert(u"subjects"_s, QJsonArray::fromStringList(f.subjects));
    if (f.maxSeq > 0)
        o.insert(u"max_seq"_s, f.maxSeq);
    return o;
}

Filter filterFromJson(const QJsonObject &o)
{
    Filter f;
    if (o.contains("since"_L1))
        f.since = o.value("since"_L1).toInteger();
    if (o.contains("until"_L1))
        f.until = o.value("until"_L1).toInteger();
    f.actor = o.value("actor"_L1).toString();
    f.action = o.value("action"_L1).toString();
    for (const QJsonValue &v : o.value("subjects"_L1).toArray())
        f.subjects.append(v.toString());
    f.maxSeq = o.value("max_seq"_L1).toInteger();
    return f;
}

} // namespace detail

using detail::kEntryColumns;
using detail::readEntry;

namespace {

// Qt binds a null QString as NULL; the columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

bool knownOutcome(const QString &o)
{
    return o == outcome::Pending || o == outcome::Ok || o == outcome::Noop || o == outcome::Failed ||
           o == outcome::Unknown;
}

Result<std::optional<Entry>> oneEntry(QSqlQuery &q, const char *what)
{
    if (!q.exec())
        return sqlError(q, what);
    if (!q.next())
        return std::optional<Entry>();
    return std::optional<Entry>(readEntry(q));
}

} // namespace

AuditLog::AuditLog(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<Entry> AuditLog::append(Entry entry)
{
    QSqlQuery q(m_db);
    // IMMEDIATE takes the write lock before the head is read, so two connections cannot both extend it.
    if (!q.exec(u"BEGIN IMMEDIATE"_s))
        return sqlError(q, "cannot start an audit entry");
    Result<Entry> stored = appendWithin(std::move(entry));
    if (!stored || !q.exec(u"COMMIT"_s)) {
        const Error e = stored ? sqlError(q, "cannot commit an audit entry") : stored.error();
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        return e;
    }
    return stored;
}

namespace {

// SQLite takes a U+FEFF at the start of text bound as UTF-16 (as Qt binds every QString) for a byte-order
// mark and drops it, so an entry is hashed as it will be stored: otherwise a reason pasted with a BOM in
// front would verify as "edited" forever after (tst_hostile found it).
QString asStored(const QString &s)
{
    return s.startsWith(QChar(0xfeff)) ? s.sliced(1) : s;
}

// The same for every string (and key) of the request: Qt's JSON parser drops a raw U+FEFF at the start of a
// string too, so a request holding one would not read back as written, and a JSON Lines export of it would
// not verify.
QJsonValue asStored(const QJsonValue &v)
{
    if (v.isString())
        return asStored(v.toString());
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(asStored(item));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(asStored(it.key()), asStored(it.value()));
        return out;
    }
    return v;
}

} // namespace

Result<Entry> AuditLog::appendWithin(Entry e)
{
    e.actor = asStored(e.actor);
    e.action = asStored(e.action);
    e.target = asStored(e.target);
    e.reason = asStored(e.reason);
    e.request = asStored(QJsonValue(e.request)).toObject();
    for (QString &subject : e.subjects)
        subject = asStored(subject);
    if (e.actor.trimmed().isEmpty())
        return Error{ErrorKind::Usage, u"an audit entry needs an actor"_s};
    if (e.action.trimmed().isEmpty())
        return Error{ErrorKind::Usage, u"an audit entry needs an action"_s};
    if (!knownOutcome(e.outcome))
        return Error{ErrorKind::Usage, u"unknown audit outcome \"%1\""_s.arg(e.outcome)};
    if (e.intentSeq < 0 || (e.intentSeq != 0 && e.outcome == outcome::Pending))
        return Error{ErrorKind::Usage, u"an intent cannot point at another intent"_s};
    // Subjects are a set kept in the caller's order (audit_subjects holds each once).
    QStringList subjects;
    for (const QString &s : std::as_const(e.subjects))
        if (!s.isEmpty() && !subjects.contains(s))
            subjects.append(s);
    e.subjects = subjects;

    QSqlQuery q(m_db);
    if (e.intentSeq != 0) {
        q.prepare(u"SELECT outcome, (SELECT count(*) FROM audit_log o WHERE o.intent_seq = i.seq AND "
                  u"o.intent_seq <> 0)"
                  " FROM audit_log i WHERE i.seq = ?"_s);
        q.addBindValue(e.intentSeq);
        if (!q.exec())
            return sqlError(q, "cannot read the audit intent");
        if (!q.next() || q.value(0).toString() != outcome::Pending)
            return Error{ErrorKind::Usage, u"audit entry %1 is not an intent"_s.arg(e.intentSeq)};
        if (q.value(1).toLongLong() > 0)
            return Error{ErrorKind::Usage, u"audit intent %1 already has its outcome"_s.arg(e.intentSeq)};
    }
    if (!q.exec(u"SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"_s))
        return sqlError(q, "cannot read the audit head");
    if (q.next()) {
        e.seq = q.value(0).toLongLong() + 1;
        e.prevHash = q.value(1).toString();
    } else {
        e.seq = 1;
        e.prevHash = GenesisHash;
    }
    if (e.at == 0)
        e.at = Clock::now();
    e.target = text(e.target);
    e.reason = text(e.reason);
    e.hash = entryHash(e);

    q.prepare(
        u"INSERT INTO audit_log(seq, at, actor, actor_kind, action, target, reason, request_json,"
        " outcome, intent_seq, subjects, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(e.seq);
    q.addBindValue(e.at);
    q.addBindValue(e.actor);
    q.addBindValue(actorKindName(e.actorKind));
    q.addBindValue(e.action);
    q.addBindValue(e.target);
    q.addBindValue(e.reason);
    q.addBindValue(QString::fromUtf8(detail::compactJson(e.request)));
    q.addBindValue(e.outcome);
    q.addBindValue(e.intentSeq);
    q.addBindValue(QString::fromUtf8(detail::compactJson(QJsonArray::fromStringList(e.subjects))));
    q.addBindValue(e.prevHash);
    q.addBindValue(e.hash);
    if (!q.exec())
        return sqlError(q, "cannot append to the audit log");
    if (!e.subjects.isEmpty()) {
        // DO NOTHING: rows left behind by someone who deleted entries with sqlite3 must not block the log.
        q.prepare(u"INSERT INTO audit_subjects(subject, seq) VALUES (?, ?) ON CONFLICT DO NOTHING"_s);
        for (const QString &s : std::as_const(e.subjects)) {
            q.addBindValue(s);
            q.addBindValue(e.seq);
            if (!q.exec())
                return sqlError(q, "cannot record an audit subject");
        }
    }
    return e;
}

Result<std::optional<Entry>> AuditLog::head()
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kEntryColumns + u" FROM audit_log ORDER BY seq DESC LIMIT 1"_s);
    return oneEntry(q, "cannot read the audit head");
}

Result<std::optional<Entry>> AuditLog::entry(qint64 seq)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kEntryColumns + u" FROM audit_log WHERE seq = ?"_s);
    q.addBindValue(seq);
    return oneEntry(q, "cannot read an audit entry");
}

Result<QList<Entry>> AuditLog::list(const Filter &filter, qint64 beforeSeq, int limit)
{
    const detail::Where where = detail::whereClause(filter, beforeSeq);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = u"SELECT "_s + kEntryColumns + u" FROM audit_log"_s + where.sql + u" ORDER BY seq DESC"_s;
    if (limit > 0)
        sql += u" LIMIT ?"_s;
    q.prepare(sql);
    detail::bind(q, where);
    if (limit > 0)
        q.addBindValue(limit);
    if (!q.exec())
        return sqlError(q, "cannot list the audit log");
    QList<Entry> out;
    while (q.next())
        out.append(readEntry(q));
    return out;
}

Result<qint64> AuditLog::count(const Filter &filter)
{
    const detail::Where where = detail::whereClause(filter, 0);
    QSqlQuery q(m_db);
    q.prepare(u"SELECT count(*) FROM audit_log"_s + where.sql);
    detail::bind(q, where);
    if (!q.exec() || !q.next())
        return sqlError(q, "cannot count the audit log");
    return q.value(0).toLongLong();
}

Result<std::optional<Entry>> AuditLog::outcomeOf(qint64 intentSeq)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kEntryColumns +
              u" FROM audit_log WHERE intent_seq = ? AND intent_seq <> 0 ORDER BY seq LIMIT 1"_s);
    q.addBindValue(intentSeq);
    return oneEntry(q, "cannot read an audit outcome");
}

Result<QList<Entry>> AuditLog::pendingIntents()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(
            u"SELECT "_s + kEntryColumns +
            u" FROM audit_log i WHERE outcome = 'pending' AND NOT EXISTS"
            " (SELECT 1 FROM audit_log o WHERE o.intent_seq = i.seq AND o.intent_seq <> 0) ORDER BY seq"_s))
        return sqlError(q, "cannot read pending audit intents");
    QList<Entry> out;
    while (q.next())
        out.append(readEntry(q));
    return out;
}

Result<int> AuditLog::markUnknown()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"BEGIN IMMEDIATE"_s))
        return sqlError(q, "cannot start recording unknown outcomes");
    auto fail = [this](Error e) -> Result<int> {
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        return e;
    };
    // Read under the write lock, so a console starting twice records each unknown outcome once.
    auto pending = pendingIntents();
    if (!pending)
        return fail(pending.error());
    for (const Entry &intent : std::as_const(pending.value())) {
        Entry e;
        e.actor = u"switchboard"_s;
        e.actorKind = ActorKind::System;
        e.action = intent.action;
        e.target = intent.target;
        e.reason = u"The console stopped before the outcome was recorded"_s;
        e.outcome = outcome::Unknown;
        e.intentSeq = intent.seq;
        e.subjects = intent.subjects;
        if (auto stored = appendWithin(e); !stored)
            return fail(stored.error());
    }
    if (!q.exec(u"COMMIT"_s))
        return fail(sqlError(q, "cannot commit unknown outcomes"));
    return int(pending->size());
}

namespace {

Result<QStringList> distinct(QSqlDatabase db, const QString &column)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // column is one of two fixed names, never user input.
    if (!q.exec(u"SELECT DISTINCT %1 FROM audit_log ORDER BY %1"_s.arg(column)))
        return sqlError(q, "cannot read the audit log");
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

} // namespace

Result<QStringList> AuditLog::actors()
{
    return distinct(m_db, u"actor"_s);
}

Result<QStringList> AuditLog::actions()
{
    return distinct(m_db, u"action"_s);
}

Result<QStringList> personSubjects(QSqlDatabase db, qint64 personId)
{
    QStringList out;
    auto add = [&out](const QString &s) {
        if (!out.contains(s))
            out.append(s);
    };
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT email_norm FROM people WHERE id = ?"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return sqlError(q, "cannot read the person");
    if (!q.next())
        return Error{ErrorKind::NotFound, u"no person with id %1"_s.arg(personId)};
    if (!q.value(0).toString().isEmpty())
        add(emailSubject(q.value(0).toString()));
    q.prepare(u"SELECT i.provider, i.external_id, i.email_norm, e.email_norm FROM identities i"
              " LEFT JOIN identity_emails e ON e.provider = i.provider AND e.external_id = i.external_id"
              " WHERE i.person_id = ? ORDER BY i.provider, i.external_id"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return sqlError(q, "cannot read the person's identities");
    while (q.next()) {
        add(identitySubject(q.value(0).toString(), q.value(1).toString()));
        for (int column : {2, 3})
            if (!q.value(column).toString().isEmpty())
                add(emailSubject(q.value(column).toString()));
    }
    return out;
}

} // namespace sb::audit
