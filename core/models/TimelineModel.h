// One person's unified timeline, newest first, fetched a page at a time as the view scrolls. With an audit
// source it also shows what Switchboard did about the person (the audit entries naming their accounts,
// addresses or findings) as rows of provider "local" ("Switchboard"), merged by time.
#pragma once

#include "domain/Types.h"
#include "store/Queries.h"

#include <QAbstractTableModel>
#include <QHash>
#include <memory>

namespace sb::audit {
class AuditLog;
}

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
    ~TimelineModel() override;

    // Merges the audit entries about the person from this database (one indexed read per page through the
    // audit log's subjects). One row per action: an intent shows the outcome written for it.
    void setAuditSource(QSqlDatabase db);
    // Whether the person has audit entries at all (for filter menus), read without loading them.
    Result<bool> hasAuditEntries(qint64 personId);

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
    // The next `limit` rows of the merged sources, newest first.
    Result<QList<TimelineEvent>> nextRows(int limit);
    Status topUpAudit(int limit);
    bool filterAdmitsAudit() const;

    store::Queries *m_queries;
    qint64 m_personId = 0;
    TimelineFilter m_filter;
    QList<TimelineEvent> m_rows;
    int m_pageSize = 100;
    bool m_complete = true;
    bool m_pageInFlight = false;
    QString m_error;

    // The two sources and what each has read but not shown yet.
    store::TimelineCursor m_cursor;
    bool m_timelineDone = true;
    QList<TimelineEvent> m_timelineAhead;
    QSqlDatabase m_auditDb;
    std::unique_ptr<audit::AuditLog> m_audit;
    QStringList m_subjects;
    qint64 m_auditBefore = 0; // the seq of the oldest entry read
    bool m_auditDone = true;
    QList<TimelineEvent> m_auditAhead;
    QHash<qint64, QString> m_outcomes; // intent seq -> the outcome written for it
};

// The kind of a timeline row that is an audit entry ("what Switchboard did").
inline const QString AuditRowKind = QStringLiteral("switchboard_action");

QString providerLabel(const QString &provider);

} // namespace sb::models
