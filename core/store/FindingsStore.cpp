#include "store/FindingsStore.h"

#include "store/Database.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::store {

using reconcile::Finding;
using reconcile::FixStep;
using reconcile::Severity;

namespace {

QByteArray detailJson(const Finding &f)
{
    return QJsonDocument(QJsonObject{{u"why"_s, f.why}, {u"facts"_s, f.facts}, {u"fix"_s, f.fixJson()}})
        .toJson(QJsonDocument::Compact);
}

const QString kColumns =
    u"f.id, f.finding_key, f.rule, f.severity, f.person_id, f.emails, f.since, f.summary, f.detail_json,"
    " f.status, f.first_seen, f.last_seen, f.resolved_at, f.resolution, f.snoozed_until, f.status_actor,"
    " f.status_reason, p.display_name"_s;

StoredFinding readRow(const QSqlQuery &q)
{
    StoredFinding s;
    s.id = q.value(0).toLongLong();
    Finding &f = s.finding;
    f.key = q.value(1).toString();
    f.rule = q.value(2).toString();
    f.severity = reconcile::severityFromString(q.value(3).toString()).value_or(Severity::Medium);
    f.personId = q.value(4).toLongLong();
    f.emails = q.value(5).toString().split(u' ', Qt::SkipEmptyParts);
    f.since = q.value(6).toLongLong();
    f.summary = q.value(7).toString();
    const QJsonObject detail = QJsonDocument::fromJson(q.value(8).toByteArray()).object();
    f.why = detail.value("why"_L1).toString();
    f.facts = detail.value("facts"_L1).toObject();
    for (const QJsonValue &v : detail.value("fix"_L1).toArray())
        f.fix.append(FixStep::fromJson(v.toObject()));
    s.status = q.value(9).toString();
    s.firstSeen = q.value(10).toLongLong();
    s.lastSeen = q.value(11).toLongLong();
    s.resolvedAt = q.value(12).toLongLong();
    s.resolution = q.value(13).toString();
    s.snoozedUntil = q.value(14).toLongLong();
    s.statusActor = q.value(15).toString();
    s.statusReason = q.value(16).toString();
    s.personName = q.value(17).toString();
    return s;
}

// Qt binds a null QString as NULL; these columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

// The values a pass writes, shared by insert and refresh.
void bindFinding(QSqlQuery &q, const Finding &f)
{
    q.bindValue(u":person"_s, f.personId ? QVariant(f.personId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.bindValue(u":rule"_s, text(f.rule));
    q.bindValue(u":severity"_s, reconcile::toString(f.severity));
    q.bindValue(u":rank"_s, int(f.severity));
    q.bindValue(u":since"_s, f.since);
    q.bindValue(u":summary"_s, text(f.summary));
    q.bindValue(u":emails"_s, text(f.emails.join(u' ')));
    q.bindValue(u":detail"_s, QString::fromUtf8(detailJson(f)));
}

struct Live {
    qint64 id = 0;
    qint64 person = 0;
    QString rule;
    QString status;
    Millis snoozedUntil = 0;
};

} // namespace

Result<FindingsDelta> FindingsStore::apply(const reconcile::ReconcileResult &result,
                                           const ReconcileScope &scope, Millis now)
{
    FindingsDelta delta;
    delta.fullPass = scope.everyone;
    // IMMEDIATE: take the write lock first, so a pass in the console and one from the command line at the
    // same time wait for each other instead of failing halfway.
    QSqlQuery q(m_db);
    if (!q.exec(u"BEGIN IMMEDIATE"_s))
        return sqlError(q, "cannot start recording findings");
    auto fail = [this](Error e) -> Result<FindingsDelta> {
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        return e;
    };
    q.setForwardOnly(true);
    QHash<QString, Live> live;
    if (!q.exec(u"SELECT id, finding_key, person_id, rule, status, snoozed_until FROM findings"
                " WHERE status <> 'resolved'"_s))
        return fail(sqlError(q, "cannot read open findings"));
    while (q.next())
        live.insert(q.value(1).toString(),
                    Live{q.value(0).toLongLong(), q.value(2).toLongLong(), q.value(3).toString(),
                         q.value(4).toString(), q.value(5).toLongLong()});

    QSqlQuery insert(m_db);
    insert.prepare(u"INSERT INTO findings(person_id, rule, severity, severity_rank, first_seen, last_seen,"
                   " status, detail_json, finding_key, since, summary, emails)"
                   " VALUES (:person, :rule, :severity, :rank, :now, :now, 'open', :detail, :key, :since,"
                   " :summary, :emails)"_s);
    QSqlQuery refresh(m_db);
    refresh.prepare(u"UPDATE findings SET person_id = :person, rule = :rule, severity = :severity,"
                    " severity_rank = :rank, last_seen = :now, detail_json = :detail, since = :since,"
                    " summary = :summary, emails = :emails, status = :status,"
                    " snoozed_until = CASE WHEN :status = 'open' THEN NULL ELSE snoozed_until END"
                    " WHERE id = :id"_s);
    QSet<QString> seen;
    QList<qint64> opened;
    for (const Finding &f : result.findings) {
        if (seen.contains(f.key))
            continue; // one finding per key, whatever a caller passes
        seen.insert(f.key);
        if (const auto it = live.constFind(f.key); it != live.cend()) {
            // A snooze that has run out on a finding still true: it comes back.
            const bool wakes = it->status == "snoozed"_L1 && it->snoozedUntil <= now;
            bindFinding(refresh, f);
            refresh.bindValue(u":now"_s, now);
            refresh.bindValue(u":status"_s, wakes ? u"open"_s : it->status);
            refresh.bindValue(u":id"_s, it->id);
            if (!refresh.exec())
                return fail(sqlError(refresh, "cannot refresh a finding"));
            if (wakes)
                opened.append(it->id);
            else
                ++delta.kept;
            continue;
        }
        bindFinding(insert, f);
        insert.bindValue(u":now"_s, now);
        insert.bindValue(u":key"_s, text(f.key));
        if (!insert.exec())
            return fail(sqlError(insert, "cannot record a finding"));
        opened.append(insert.lastInsertId().toLongLong());
    }

    // What the pass speaks for and no longer shows has resolved itself.
    const QSet<qint64> people(scope.people.cbegin(), scope.people.cend());
    QSqlQuery resolve(m_db);
    resolve.prepare(u"UPDATE findings SET status = 'resolved', resolved_at = ?, resolution = 'auto'"
                    " WHERE id = ?"_s);
    for (auto it = live.cbegin(); it != live.cend(); ++it) {
        if (seen.contains(it.key()))
            continue;
        const bool isSync = it->rule == reconcile::rule::SyncStale;
        const bool inScope = isSync ? scope.syncs : (scope.everyone || people.contains(it->person));
        if (!inScope)
            continue;
        resolve.bindValue(0, now);
        resolve.bindValue(1, it->id);
        if (!resolve.exec())
            return fail(sqlError(resolve, "cannot resolve a finding"));
        ++delta.resolved;
    }

    if (!q.exec(u"SELECT count(*) FROM findings WHERE status = 'open'"_s) || !q.next())
        return fail(sqlError(q, "cannot count open findings"));
    delta.open = q.value(0).toInt();
    delta.opened = int(opened.size());
    q.finish();
    if (!q.exec(u"COMMIT"_s))
        return fail(sqlError(q, "cannot record findings"));

    for (qint64 id : std::as_const(opened)) {
        auto row = byId(id);
        if (row && row.value())
            delta.newlyOpened.append(*row.value());
    }
    return delta;
}

Result<QList<StoredFinding>> FindingsStore::list(const FindingFilter &filter)
{
    QString sql =
        u"SELECT "_s + kColumns + u" FROM findings f LEFT JOIN people p ON p.id = f.person_id WHERE 1 = 1"_s;
    QVariantList args;
    const auto in = [&](const QString &column, const QStringList &values) {
        if (values.isEmpty())
            return;
        sql += u" AND "_s + column + u" IN ("_s + QStringList(values.size(), u"?"_s).join(u',') + u')';
        for (const QString &v : values)
            args.append(v);
    };
    in(u"f.status"_s, filter.statuses);
    in(u"f.rule"_s, filter.rules);
    if (filter.minSeverity) {
        sql += u" AND f.severity_rank >= ?"_s;
        args.append(int(*filter.minSeverity));
    }
    if (filter.personId) {
        sql += u" AND f.person_id = ?"_s;
        args.append(filter.personId);
    }
    if (!filter.text.trimmed().isEmpty()) {
        // A literal substring: the user's % and _ mean themselves. LIKE ignores case for ASCII only, so the
        // text is not lowered here (SQLite's lower() would not lower "É" to match).
        QString pattern = filter.text.trimmed();
        pattern.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        pattern = u'%' + pattern + u'%';
        sql += u" AND (f.summary LIKE ? ESCAPE '\\' OR f.emails LIKE ? ESCAPE '\\'"
               " OR coalesce(p.display_name, '') LIKE ? ESCAPE '\\')"_s;
        args << pattern << pattern << pattern;
    }
    sql += u" ORDER BY f.severity_rank DESC, f.since, f.id LIMIT ? OFFSET ?"_s;
    args << std::max(0, filter.limit) << std::max(0, filter.offset);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (int i = 0; i < args.size(); ++i)
        q.bindValue(i, args.at(i));
    if (!q.exec())
        return sqlError(q, "cannot list findings");
    QList<StoredFinding> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

Result<std::optional<StoredFinding>> FindingsStore::byId(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kColumns +
              u" FROM findings f LEFT JOIN people p ON p.id = f.person_id WHERE f.id = ?"_s);
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(q, "cannot read a finding");
    if (!q.next())
        return std::optional<StoredFinding>();
    return std::optional<StoredFinding>(readRow(q));
}

Result<QHash<QString, int>> FindingsStore::openCounts()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT rule, count(*) FROM findings WHERE status = 'open' GROUP BY rule"_s))
        return sqlError(q, "cannot count findings");
    QHash<QString, int> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

Result<int> FindingsStore::openCount(Severity atLeast)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT count(*) FROM findings WHERE status = 'open' AND severity_rank >= ?"_s);
    q.addBindValue(int(atLeast));
    if (!q.exec() || !q.next())
        return sqlError(q, "cannot count findings");
    return q.value(0).toInt();
}

Result<QList<StoredFinding>> FindingsStore::ofPerson(qint64 personId)
{
    FindingFilter f;
    f.personId = personId;
    f.statuses = {u"open"_s, u"snoozed"_s};
    f.limit = 200;
    return list(f);
}

Status FindingsStore::snooze(qint64 id, Millis until, const QString &actor, const QString &reason)
{
    if (actor.trimmed().isEmpty() || reason.trimmed().isEmpty())
        return Status::failure(ErrorKind::Usage, u"snoozing a finding needs an actor and a reason"_s);
    QSqlQuery q(m_db);
    q.prepare(
        u"UPDATE findings SET status = 'snoozed', snoozed_until = ?, status_actor = ?, status_reason = ?"
        " WHERE id = ? AND status <> 'resolved'"_s);
    q.addBindValue(until);
    q.addBindValue(actor.trimmed());
    q.addBindValue(reason.trimmed());
    q.addBindValue(id);
    if (!q.exec())
        return Status::failure(ErrorKind::Io, q.lastError().text());
    if (q.numRowsAffected() != 1)
        return Status::failure(ErrorKind::Usage, u"no open finding %1"_s.arg(id));
    return {};
}

Status FindingsStore::unsnooze(qint64 id, const QString &actor, const QString &reason)
{
    if (actor.trimmed().isEmpty() || reason.trimmed().isEmpty())
        return Status::failure(ErrorKind::Usage, u"lifting a snooze needs an actor and a reason"_s);
    QSqlQuery q(m_db);
    q.prepare(
        u"UPDATE findings SET status = 'open', snoozed_until = NULL, status_actor = ?, status_reason = ?"
        " WHERE id = ? AND status = 'snoozed'"_s);
    q.addBindValue(actor.trimmed());
    q.addBindValue(reason.trimmed());
    q.addBindValue(id);
    if (!q.exec())
        return Status::failure(ErrorKind::Io, q.lastError().text());
    if (q.numRowsAffected() != 1)
        return Status::failure(ErrorKind::Usage, u"no snoozed finding %1"_s.arg(id));
    return {};
}

Status FindingsStore::resolve(qint64 id, const QString &actor, const QString &reason, Millis now)
{
    if (actor.trimmed().isEmpty() || reason.trimmed().isEmpty())
        return Status::failure(ErrorKind::Usage, u"resolving a finding needs an actor and a reason"_s);
    QSqlQuery q(m_db);
    q.prepare(
        u"UPDATE findings SET status = 'resolved', resolved_at = ?, resolution = 'human',"
        " snoozed_until = NULL, status_actor = ?, status_reason = ? WHERE id = ? AND status <> 'resolved'"_s);
    q.addBindValue(now);
    q.addBindValue(actor.trimmed());
    q.addBindValue(reason.trimmed());
    q.addBindValue(id);
    if (!q.exec())
        return Status::failure(ErrorKind::Io, q.lastError().text());
    if (q.numRowsAffected() != 1)
        return Status::failure(ErrorKind::Usage, u"no open or snoozed finding %1"_s.arg(id));
    return {};
}

} // namespace sb::store
