// One person's unified timeline, newest first, fetched a page at a time as the view scrolls.
#pragma once

#include "domain/Types.h"
#include "store/Queries.h"

#include <QAbstractTableModel>

namespace sb::models {

class TimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SystemColumn, TimeColumn, WhatColumn, AmountColumn, ColumnCount };
    enum Role {
        AtRole = Qt::UserRole + 1, // UTC milliseconds
        ProviderRole,
        KindRole,
        ObservedRole,
        AmountRole, // minor units, or invalid
        CurrencyRole,
        SourceKeyRole,
        DetailRole,
    };

    explicit TimelineModel(store::Queries *queries, QObject *parent = nullptr);

    // Another person starts unfiltered; the same person again (a reload) keeps the filter.
    void setPerson(qint64 personId);
    qint64 personId() const { return m_personId; }
    void reload() { setPerson(m_personId); }
    // Reloads from the first page with only these rows; later pages keep the filter.
    void setFilter(const TimelineFilter &filter);
    const TimelineFilter &filter() const { return m_filter; }
    void setPageSize(int rows) { m_pageSize = rows; }
    QString lastError() const { return m_error; }
    bool isComplete() const { return m_complete; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadFailed(const QString &error);

private:
    void loadFirstPage();
    void loadNextPage();

    store::Queries *m_queries;
    qint64 m_personId = 0;
    TimelineFilter m_filter;
    QList<TimelineEvent> m_rows;
    int m_pageSize = 100;
    bool m_complete = true;
    bool m_pageInFlight = false;
    QString m_error;
};

QString providerLabel(const QString &provider);

} // namespace sb::models
