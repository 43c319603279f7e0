#include "models/AuditModel.h"

#include "store/Database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::models {

QString auditActionLabel(const QString &action)
{
    static const QHash<QString, const char *> labels = {
        {u"circle.invite_member"_s, QT_TRANSLATE_NOOP("AuditModel", "Circle member invited")},
        {u"circle.add_access_group"_s, QT_TRANSLATE_NOOP("AuditModel", "Circle access group added")},
        {u"circle.remove_access_group"_s, QT_TRANSLATE_NOOP("AuditModel", "Circle access group removed")},
        {u"circle.add_space"_s, QT_TRANSLATE_NOOP("AuditModel", "Circle space added")},
        {u"circle.remove_space"_s, QT_TRANSLATE_NOOP("AuditModel", "Circle space removed")},
        {u"circle.deactivate_member"_s, QT_TRANSLATE_NOOP("AuditModel", "Circle member deactivated")},
        {u"kit.add_subscriber"_s, QT_TRANSLATE_NOOP("AuditModel", "Kit subscriber added")},
        {u"kit.add_tag"_s, QT_TRANSLATE_NOOP("AuditModel", "Kit tag added")},
        {u"kit.remove_tag"_s, QT_TRANSLATE_NOOP("AuditModel", "Kit tag removed")},
        {u"kit.add_to_sequence"_s, QT_TRANSLATE_NOOP("AuditModel", "Added to a Kit sequence")},
        {u"kit.unsubscribe"_s, QT_TRANSLATE_NOOP("AuditModel", "Unsubscribed in Kit")},
        {u"identity.link"_s, QT_TRANSLATE_NOOP("AuditModel", "Accounts linked")},
        {u"identity.unlink"_s, QT_TRANSLATE_NOOP("AuditModel", "Accounts unlinked")},
        {u"identity.restore_automatic"_s, QT_TRANSLATE_NOOP("AuditModel", "Linking back to automatic")},
        {u"comp.grant"_s, QT_TRANSLATE_NOOP("AuditModel", "Comp granted")},
        {u"comp.revoke"_s, QT_TRANSLATE_NOOP("AuditModel", "Comp revoked")},
        {u"note.add"_s, QT_TRANSLATE_NOOP("AuditModel", "Note added")},
        {u"finding.resolve"_s, QT_TRANSLATE_NOOP("AuditModel", "Finding resolved")},
        {u"finding.snooze"_s, QT_TRANSLATE_NOOP("AuditModel", "Finding snoozed")},
        {u"finding.unsnooze"_s, QT_TRANSLATE_NOOP("AuditModel", "Finding unsnoozed")},
        {u"fix.apply"_s, QT_TRANSLATE_NOOP("AuditModel", "Fix plan applied")},
        {u"policy.save"_s, QT_TRANSLATE_NOOP("AuditModel", "Policy saved")},
        {u"audit.export"_s, QT_TRANSLATE_NOOP("AuditModel", "Audit log exported")},
        {u"evidence.export"_s, QT_TRANSLATE_NOOP("AuditModel", "Evidence pack exported")},
    };
    if (const char *label = labels.value(action))
        return QCoreApplication::translate("AuditModel", label);
    // "circle.do_thing" -> "Circle: do thing"
    const qsizetype dot = action.indexOf(u'.');
    QString system = dot > 0 ? action.left(dot) : QString();
    QString words = action.mid(dot + 1);
    words.replace(u'_', u' ');
    if (system.isEmpty())
        return words;
    system[0] = system[0].toUpper();
    return AuditModel::tr("%1: %2").arg(system, words);
}

QString auditOutcomeLabel(const QString &outcome)
{
    if (outcome == audit::outcome::Pending)
        return AuditModel::tr("pending");
    if (outcome == audit::outcome::Ok)
        return AuditModel::tr("ok");
    if (outcome == audit::outcome::Noop)
        return AuditModel::tr("no change needed");
    if (outcome == audit::outcome::Failed)
        return AuditModel::tr("failed");
    if (outcome == audit::outcome::Unknown)
        return AuditModel::tr("outcome unknown");
    return outcome;
}

QString actorKindLabel(audit::ActorKind kind)
{
    switch (kind) {
    case audit::ActorKind::Human:
        return AuditModel::tr("person");
    case audit::ActorKind::Sync:
        return AuditModel::tr("sync");
    case audit::ActorKind::System:
        break;
    }
    return AuditModel::tr("system");
}

QString auditSummary(const audit::Entry &e, const QString &result)
{
    QString what = auditActionLabel(e.action);
    if (!e.target.isEmpty())
        what = AuditModel::tr("%1 (%2)").arg(what, e.target);
    QString line = e.actor.isEmpty() ? what : AuditModel::tr("%1 by %2").arg(what, e.actor);
    if (!e.reason.isEmpty())
        line = AuditModel::tr("%1: %2").arg(line, e.reason);
    return result.isEmpty() ? line : AuditModel::tr("%1 (%2)").arg(line, auditOutcomeLabel(result));
}

namespace {
QString marks(qsizetype n)
{
    QStringList m;
    m.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        m.append(u"?"_s);
    return m.join(u',');
}
} // namespace

Result<QHash<qint64, audit::Entry>> outcomesOf(QSqlDatabase db, const QList<qint64> &intentSeqs)
{
    QHash<qint64, audit::Entry> out;
    // Bounded batches: SQLite's default limit on bound parameters is 999 (older builds) or 32766.
    constexpr qsizetype kBatch = 500;
    for (qsizetype from = 0; from < intentSeqs.size(); from += kBatch) {
        const QList<qint64> batch = intentSeqs.mid(from, kBatch);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT seq, at, outcome, intent_seq, request_json FROM audit_log WHERE intent_seq IN (%1)"
                  // the index on intent_seq is partial (intent_seq <> 0): say so, or it is not used
                  " AND intent_seq <> 0"
                  " ORDER BY seq"_s.arg(marks(batch.size())));
        for (qint64 seq : batch)
            q.addBindValue(seq);
        if (!q.exec())
            return store::sqlError(q, "read audit outcomes");
        while (q.next()) {
            audit::Entry e;
            e.seq = q.value(0).toLongLong();
            e.at = q.value(1).toLongLong();
            e.outcome = q.value(2).toString();
            e.intentSeq = q.value(3).toLongLong();
            e.request = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
            out.insert(e.intentSeq, e); // the last one written wins (there should be one)
        }
    }
    return out;
}

Result<QStringList> personAuditSubjects(QSqlDatabase db, qint64 personId)
{
    QStringList subjects;
    QSet<QString> seen;
    auto add = [&](const QString &s) {
        if (!seen.contains(s)) {
            seen.insert(s);
            subjects.append(s);
        }
    };
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT provider, external_id, email_norm FROM identities WHERE person_id = ?"
              " ORDER BY provider, external_id"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return store::sqlError(q, "read identities");
    while (q.next()) {
        add(audit::identitySubject(q.value(0).toString(), q.value(1).toString()));
        if (const QString email = q.value(2).toString(); !email.isEmpty())
            add(audit::emailSubject(email));
    }
    // Addresses an account used to have: an action taken before a change named the old one.
    q.prepare(u"SELECT e.email_norm FROM identity_emails e JOIN identities i"
              " ON i.provider = e.provider AND i.external_id = e.external_id WHERE i.person_id = ?"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return store::sqlError(q, "read past addresses");
    while (q.next()) {
        if (const QString email = q.value(0).toString(); !email.isEmpty())
            add(audit::emailSubject(email));
    }
    q.prepare(u"SELECT email_norm FROM people WHERE id = ?"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return store::sqlError(q, "read person");
    if (q.next() && !q.value(0).toString().isEmpty())
        add(audit::emailSubject(q.value(0).toString()));
    q.prepare(u"SELECT DISTINCT finding_key FROM findings WHERE person_id = ? AND finding_key <> ''"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return store::sqlError(q, "read findings");
    while (q.next())
        add(audit::findingSubject(q.value(0).toString()));
    return subjects;
}

Result<qint64> personOfSubjects(QSqlDatabase db, const QStringList &subjects)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Accounts first: an address can move between people, an account id does not.
    for (const QString &s : subjects) {
        if (s.startsWith("email:"_L1) || s.startsWith("finding:"_L1))
            continue;
        const qsizetype colon = s.indexOf(u':');
        if (colon <= 0)
            continue;
        q.prepare(u"SELECT person_id FROM identities WHERE provider = ? AND external_id = ?"_s);
        q.addBindValue(s.left(colon));
        q.addBindValue(s.mid(colon + 1));
        if (!q.exec())
            return store::sqlError(q, "find account");
        if (q.next() && q.value(0).toLongLong() > 0)
            return q.value(0).toLongLong();
    }
    for (const QString &s : subjects) {
        if (s.startsWith("email:"_L1)) {
            q.prepare(u"SELECT person_id FROM identities WHERE email_norm = ? AND person_id IS NOT NULL"
                      " ORDER BY person_id LIMIT 1"_s);
            q.addBindValue(s.mid(6));
        } else if (s.startsWith("finding:"_L1)) {
            q.prepare(u"SELECT person_id FROM findings WHERE finding_key = ? AND person_id IS NOT NULL"
                      " ORDER BY id DESC LIMIT 1"_s);
            q.addBindValue(s.mid(8));
        } else {
            continue;
        }
        if (!q.exec())
            return store::sqlError(q, "find person");
        if (q.next() && q.value(0).toLongLong() > 0)
            return q.value(0).toLongLong();
    }
    return qint64(0);
}

AuditModel::AuditModel(QSqlDatabase db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_log(db)
{}

void AuditModel::setFilter(const audit::Filter &filter)
{
    m_filter = filter;
    load(m_pageSize);
}

void AuditModel::refresh()
{
    // As many rows as were shown, within a bound, so a refresh stays a short read.
    load(std::clamp(int(m_rows.size()), m_pageSize, 4 * m_pageSize));
}

void AuditModel::load(int rows)
{
    // The first rows are read inside the reset, so views never see a reset followed by a nested insert.
    const bool wasLoading = m_pageInFlight;
    beginResetModel();
    m_rows.clear();
    m_answers.clear();
    m_error.clear();
    m_pageInFlight = false;
    m_complete = true;
    auto page = m_log.list(m_filter, 0, rows);
    if (page) {
        m_rows = page.value();
        m_complete = m_rows.size() < rows;
        if (const Status learned = learnOutcomes(m_rows); !learned)
            m_error = learned.error().message;
    } else {
        m_error = page.error().message;
    }
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    if (!m_error.isEmpty())
        Q_EMIT loadFailed(m_error);
}

Status AuditModel::learnOutcomes(const QList<audit::Entry> &rows)
{
    for (const audit::Entry &e : rows) {
        if (e.intentSeq > 0)
            m_answers.insert(e.intentSeq, Answer{e.seq, e.outcome});
    }
    // Newest first, an outcome is loaded before its intent unless the filter hides it (a date range that
    // ends between the two, a person filter on an outcome without subjects): those are read together.
    QList<qint64> missing;
    for (const audit::Entry &e : rows) {
        if (e.outcome == audit::outcome::Pending && !m_answers.contains(e.seq))
            missing.append(e.seq);
    }
    if (missing.isEmpty())
        return {};
    auto found = outcomesOf(m_db, missing);
    if (!found)
        return found.error();
    for (auto it = found.value().cbegin(); it != found.value().cend(); ++it)
        m_answers.insert(it.key(), Answer{it->seq, it->outcome});
    return {};
}

bool AuditModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete && !m_pageInFlight && m_error.isEmpty();
}

void AuditModel::fetchMore(const QModelIndex &parent)
{
    // Only asks: the page is read on the next turn of the event loop, so a view that calls fetchMore from
    // inside its own handlers never sees rows inserted underneath it.
    if (!canFetchMore(parent))
        return;
    m_pageInFlight = true;
    Q_EMIT loadingChanged(true);
    QMetaObject::invokeMethod(this, &AuditModel::loadNextPage, Qt::QueuedConnection);
}

void AuditModel::loadNextPage()
{
    if (!m_pageInFlight)
        return; // a reset happened meanwhile
    m_pageInFlight = false;
    readNextPage();
    Q_EMIT loadingChanged(false); // after the page's rows and state, so listeners see where it ended
}

void AuditModel::readNextPage()
{
    if (m_complete || m_rows.isEmpty())
        return;
    auto page = m_log.list(m_filter, m_rows.last().seq, m_pageSize);
    if (!page) {
        m_error = page.error().message;
        Q_EMIT loadFailed(m_error);
        return;
    }
    const QList<audit::Entry> &rows = page.value();
    if (rows.size() < m_pageSize)
        m_complete = true;
    if (rows.isEmpty())
        return;
    if (const Status learned = learnOutcomes(rows); !learned) {
        m_error = learned.error().message;
        Q_EMIT loadFailed(m_error);
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
    // Intents already shown whose outcome came with this page (a filter that showed the intent first).
    Q_EMIT dataChanged(index(0, OutcomeColumn), index(int(m_rows.size()) - 1, OutcomeColumn));
}

const audit::Entry *AuditModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AuditModel::rowOf(qint64 seq) const
{
    // Newest first: seqs descend, so a binary search finds it.
    auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq,
                               [](const audit::Entry &e, qint64 s) { return e.seq > s; });
    return it != m_rows.cend() && it->seq == seq ? int(it - m_rows.cbegin()) : -1;
}

QString AuditModel::resultOf(const audit::Entry &e) const
{
    if (e.outcome != audit::outcome::Pending)
        return e.outcome;
    const auto it = m_answers.constFind(e.seq);
    return it == m_answers.cend() ? e.outcome : it->outcome;
}

qint64 AuditModel::linkedSeq(const audit::Entry &e) const
{
    if (e.intentSeq > 0)
        return e.intentSeq;
    const auto it = m_answers.constFind(e.seq);
    return it == m_answers.cend() ? 0 : it->seq;
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const audit::Entry &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn:
            return QLocale().toString(fromMillis(e.at).toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
        case ActorColumn:
            return e.actorKind == audit::ActorKind::Human
                       ? e.actor
                       : tr("%1 (%2)").arg(e.actor, actorKindLabel(e.actorKind));
        case ActionColumn:
            return auditActionLabel(e.action);
        case TargetColumn:
            return e.target;
        case ReasonColumn:
            return e.reason;
        case OutcomeColumn: {
            const QString result = resultOf(e);
            if (e.intentSeq > 0)
                return tr("%1 (for #%2)").arg(auditOutcomeLabel(result)).arg(e.intentSeq);
            return auditOutcomeLabel(result);
        }
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case WhenColumn:
            return tr("#%1 · %2")
                .arg(e.seq)
                .arg(QLocale().toString(fromMillis(e.at).toLocalTime(), QLocale::LongFormat));
        case ActionColumn:
            return e.action;
        case ActorColumn:
        case TargetColumn:
        case ReasonColumn: {
            // The whole text where the column cuts it. Tooltips guess whether text is markup: <qt> and
            // escaping make a reason such as "<b>now</b>" read as itself.
            const QString text = index.column() == ActorColumn    ? e.actor
                                 : index.column() == TargetColumn ? e.target
                                                                  : e.reason;
            return text.isEmpty() ? QVariant() : QVariant(u"<qt>%1</qt>"_s.arg(text.toHtmlEscaped()));
        }
        case OutcomeColumn:
            if (e.outcome == audit::outcome::Pending) {
                const qint64 answer = linkedSeq(e);
                return answer ? tr("The outcome was recorded in #%1").arg(answer)
                              : tr("No outcome recorded yet");
            }
            return {};
        default:
            return {};
        }
    case SeqRole:
        return e.seq;
    case AtRole:
        return e.at;
    case ActorRole:
        return e.actor;
    case ActorKindRole:
        return audit::actorKindName(e.actorKind);
    case ActionRole:
        return e.action;
    case TargetRole:
        return e.target;
    case ReasonRole:
        return e.reason;
    case RequestRole:
        return e.request;
    case RequestJsonRole:
        return QString::fromUtf8(QJsonDocument(e.request).toJson(QJsonDocument::Indented));
    case OutcomeRole:
        return e.outcome;
    case ResultRole:
        return resultOf(e);
    case ResultSeqRole:
        return linkedSeq(e);
    case IntentSeqRole:
        return e.intentSeq;
    case SubjectsRole:
        return e.subjects;
    case PrevHashRole:
        return e.prevHash;
    case HashRole:
        return e.hash;
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ActorColumn:
        return tr("Actor");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case ReasonColumn:
        return tr("Reason");
    case OutcomeColumn:
        return tr("Outcome");
    }
    return {};
}

} // namespace sb::models
