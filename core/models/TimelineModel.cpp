#include "models/TimelineModel.h"

#include "audit/AuditLog.h"
#include "common/Money.h"
#include "models/AuditModel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace sb::models {

QString providerLabel(const QString &p)
{
    if (p == provider::Stripe)
        return TimelineModel::tr("Stripe");
    if (p == provider::Circle)
        return TimelineModel::tr("Circle");
    if (p == provider::Kit)
        return TimelineModel::tr("Kit");
    if (p == provider::Local)
        return TimelineModel::tr("Switchboard");
    return p;
}

TimelineModel::TimelineModel(store::Queries *queries, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(queries)
{}

TimelineModel::~TimelineModel() = default;

void TimelineModel::setAuditSource(QSqlDatabase db)
{
    m_auditDb = db;
    m_audit = std::make_unique<audit::AuditLog>(db);
    loadFirstPage();
}

Result<bool> TimelineModel::hasAuditEntries(qint64 personId)
{
    if (!m_audit || personId == 0)
        return false;
    auto subjects = models::personAuditSubjects(m_auditDb, personId);
    if (!subjects)
        return subjects.error();
    if (subjects.value().isEmpty())
        return false;
    audit::Filter f;
    f.subjects = subjects.value();
    auto first = m_audit->list(f, 0, 1);
    if (!first)
        return first.error();
    return !first.value().isEmpty();
}

bool TimelineModel::filterAdmitsAudit() const
{
    return (m_filter.providers.isEmpty() || m_filter.providers.contains(provider::Local)) &&
           (m_filter.kinds.isEmpty() || m_filter.kinds.contains(AuditRowKind));
}

Status TimelineModel::topUpAudit(int limit)
{
    // Outcome entries become part of their intent's row, so a read can yield fewer rows than it asked for:
    // read on until there are enough or the log has no more.
    while (!m_auditDone && m_auditAhead.size() < limit) {
        audit::Filter f;
        f.subjects = m_subjects;
        auto page = m_audit->list(f, m_auditBefore, limit);
        if (!page)
            return page.error();
        const QList<audit::Entry> &entries = page.value();
        if (entries.size() < limit)
            m_auditDone = true;
        if (entries.isEmpty())
            break;
        m_auditBefore = entries.last().seq;
        QList<qint64> unanswered;
        for (const audit::Entry &e : entries) {
            if (e.intentSeq > 0)
                m_outcomes.insert(e.intentSeq, e.outcome);
            else if (e.outcome == audit::outcome::Pending && !m_outcomes.contains(e.seq))
                unanswered.append(e.seq);
        }
        // An outcome recorded without the person's subjects: one read for the page, not one per row.
        if (!unanswered.isEmpty()) {
            auto answers = models::outcomesOf(m_auditDb, unanswered);
            if (!answers)
                return answers.error();
            for (auto it = answers.value().cbegin(); it != answers.value().cend(); ++it)
                m_outcomes.insert(it.key(), it->outcome);
        }
        for (const audit::Entry &e : entries) {
            if (e.intentSeq > 0)
                continue;
            const QString result = m_outcomes.value(e.seq, e.outcome);
            TimelineEvent row;
            row.personId = m_personId;
            row.at = e.at;
            row.provider = provider::Local;
            row.kind = AuditRowKind;
            row.sourceKey = u"audit:%1"_s.arg(e.seq);
            row.summary = auditSummary(e, result);
            row.detail =
                QJsonObject{{u"seq"_s, e.seq},       {u"action"_s, e.action},
                            {u"actor"_s, e.actor},   {u"actor_kind"_s, audit::actorKindName(e.actorKind)},
                            {u"target"_s, e.target}, {u"reason"_s, e.reason},
                            {u"outcome"_s, result},  {u"hash"_s, e.hash}};
            m_auditAhead.append(row);
        }
    }
    return {};
}

Result<QList<TimelineEvent>> TimelineModel::nextRows(int limit)
{
    // Each source is read ahead to `limit` rows (or its end), so the newest `limit` of both are in hand.
    if (!m_timelineDone && m_timelineAhead.size() < limit) {
        auto page = m_queries->timelinePage(m_personId, m_cursor, limit, m_filter);
        if (!page)
            return page.error();
        m_timelineAhead += page.value();
        if (!page.value().isEmpty())
            m_cursor = store::TimelineCursor{page.value().last().at, page.value().last().id, true};
        m_timelineDone = page.value().size() < limit;
    }
    if (const Status audit = topUpAudit(limit); !audit)
        return audit.error();
    QList<TimelineEvent> out;
    qsizetype t = 0, a = 0;
    while (out.size() < limit && (t < m_timelineAhead.size() || a < m_auditAhead.size())) {
        // At the same moment the provider's row comes first: it is older in cause (the action answers it).
        const bool takeAudit = t >= m_timelineAhead.size() ||
                               (a < m_auditAhead.size() && m_auditAhead.at(a).at > m_timelineAhead.at(t).at);
        out.append(takeAudit ? m_auditAhead.at(a++) : m_timelineAhead.at(t++));
    }
    m_timelineAhead.remove(0, t);
    m_auditAhead.remove(0, a);
    return out;
}

void TimelineModel::setPerson(qint64 personId)
{
    if (personId != m_personId)
        m_filter = {};
    m_personId = personId;
    loadFirstPage();
}

void TimelineModel::setFilter(const TimelineFilter &filter)
{
    m_filter = filter;
    loadFirstPage();
}

void TimelineModel::loadFirstPage()
{
    // The first page is read inside the reset, so views never see a reset followed by a nested insert.
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    m_complete = m_personId == 0;
    m_pageInFlight = false;
    m_cursor = {};
    m_timelineAhead.clear();
    m_timelineDone = m_complete;
    m_auditAhead.clear();
    m_outcomes.clear();
    m_auditBefore = 0;
    m_subjects.clear();
    m_auditDone = true;
    if (!m_complete && m_audit && filterAdmitsAudit()) {
        auto subjects = models::personAuditSubjects(m_auditDb, m_personId);
        if (subjects)
            m_subjects = subjects.value();
        else
            m_error = subjects.error().message;
        m_auditDone = m_subjects.isEmpty();
    }
    if (!m_complete && m_error.isEmpty()) {
        auto page = nextRows(m_pageSize);
        if (page) {
            m_rows = page.value();
            m_complete = m_timelineDone && m_auditDone && m_timelineAhead.isEmpty() && m_auditAhead.isEmpty();
        } else {
            m_error = page.error().message;
        }
    }
    endResetModel();
    if (!m_error.isEmpty())
        Q_EMIT loadFailed(m_error);
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool TimelineModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete && !m_pageInFlight && m_error.isEmpty();
}

void TimelineModel::fetchMore(const QModelIndex &parent)
{
    // Only asks: the page is read on the next turn of the event loop, so views that call fetchMore from
    // inside their own signal handlers never see rows inserted underneath them.
    if (!canFetchMore(parent))
        return;
    m_pageInFlight = true;
    QMetaObject::invokeMethod(this, &TimelineModel::loadNextPage, Qt::QueuedConnection);
}

void TimelineModel::loadNextPage()
{
    if (!m_pageInFlight)
        return; // a reset happened meanwhile
    m_pageInFlight = false;
    if (m_complete || m_rows.isEmpty())
        return;
    auto page = nextRows(m_pageSize);
    if (!page) {
        m_error = page.error().message;
        Q_EMIT loadFailed(m_error);
        return;
    }
    const auto &rows = page.value();
    if (m_timelineDone && m_auditDone && m_timelineAhead.isEmpty() && m_auditAhead.isEmpty())
        m_complete = true;
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const TimelineEvent &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SystemColumn:
            return providerLabel(e.provider);
        case TimeColumn: {
            const QString t = QLocale().toString(fromMillis(e.at).toLocalTime(), u"yyyy-MM-dd HH:mm"_s);
            return e.observed ? tr("%1 (seen)").arg(t) : t;
        }
        case WhatColumn:
            return e.summary;
        case AmountColumn:
            if (!e.amount)
                return {};
            return formatMoney(e.kind == "refund"_L1 ? -*e.amount : *e.amount, e.currency);
        }
        return {};
    case Qt::ToolTipRole:
        // An observed row says so wherever the pointer rests: its time is when a sync saw it.
        if (e.observed)
            return tr("Observed by a sync at this time; the provider does not record when it happened.");
        if (index.column() == TimeColumn)
            return fromMillis(e.at).toLocalTime().toString(Qt::ISODate);
        if (e.kind == AuditRowKind) {
            // The whole sentence (actor, reason, outcome) and where it is in the log. Tooltips guess whether
            // text is markup: <qt> and escaping make a reason such as "<b>urgent</b>" read as itself.
            return u"<qt>%1<br>%2</qt>"_s.arg(
                e.summary.toHtmlEscaped(),
                tr("Audit entry #%1").arg(e.detail.value("seq"_L1).toInteger()).toHtmlEscaped());
        }
        return e.sourceKey;
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case AtRole:
        return e.at;
    case ProviderRole:
        return e.provider;
    case KindRole:
        return e.kind;
    case ObservedRole:
        return e.observed;
    case AmountRole:
        return e.amount ? QVariant(*e.amount) : QVariant();
    case CurrencyRole:
        return e.currency;
    case SourceKeyRole:
        return e.sourceKey;
    case DetailRole:
        return e.detail;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SystemColumn:
        return tr("System");
    case TimeColumn:
        return tr("Time");
    case WhatColumn:
        return tr("What happened");
    case AmountColumn:
        return tr("Amount");
    }
    return {};
}

} // namespace sb::models
