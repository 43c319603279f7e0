#include "models/TimelineModel.h"

#include "common/Money.h"

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
    if (!m_complete) {
        auto page = m_queries->timelinePage(m_personId, {}, m_pageSize, m_filter);
        if (page) {
            m_rows = page.value();
            m_complete = m_rows.size() < m_pageSize;
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
    const store::TimelineCursor after{m_rows.last().at, m_rows.last().id, true};
    auto page = m_queries->timelinePage(m_personId, after, m_pageSize, m_filter);
    if (!page) {
        m_error = page.error().message;
        Q_EMIT loadFailed(m_error);
        return;
    }
    const auto &rows = page.value();
    if (rows.size() < m_pageSize)
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
