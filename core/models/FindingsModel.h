// The attention queue as a table: a filtered list of findings, most severe and oldest first, read a page at a
// time as the view scrolls so a cache with 100k findings never holds the GUI thread for long.
#pragma once

#include "store/FindingsStore.h"

#include <QAbstractTableModel>

namespace sb::models {

class FindingsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        RuleColumn,
        PersonColumn,
        SummaryColumn,
        SinceColumn,
        FirstSeenColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        PersonIdRole,
        SeverityRole, // int: reconcile::Severity (1 low … 3 high)
        RuleRole,     // the rule's name (paid_without_access, …)
        SinceRole,    // UTC ms: when the disagreement began
        FirstSeenRole,
        LastSeenRole,
        StatusRole, // open | snoozed | resolved
        SnoozedUntilRole,
        PersonNameRole,
        EmailsRole, // QStringList
        SummaryRole,
        WhyRole,
    };

    explicit FindingsModel(store::FindingsStore *store, QObject *parent = nullptr);

    // Reloads from the first page. The filter's limit and offset are the model's own (see setPageSize).
    void setFilter(const store::FindingFilter &filter);
    const store::FindingFilter &filter() const { return m_filter; }
    // Reads again what is shown (as many rows as are loaded now: at least one page, at most four), e.g. after
    // a reconcile.
    void reload();
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    int pageSize() const { return m_pageSize; }

    const store::StoredFinding *findingAt(int row) const;
    // The row of a finding, or -1 when it is not loaded (filtered out, resolved, or on a later page).
    int rowOf(qint64 findingId) const;
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
    void load(int rows);
    void loadNextPage();

    store::FindingsStore *m_store;
    store::FindingFilter m_filter;
    QList<store::StoredFinding> m_rows;
    int m_pageSize = 200;
    bool m_complete = true;
    bool m_pageInFlight = false;
    QString m_error;
};

// A rule in words ("paid_without_access" -> "Paid without access"); unknown rules stay readable.
QString ruleLabel(const QString &rule);
QString severityLabel(reconcile::Severity severity);
// How long ago, in few letters: "now", "12 min", "3 h", "2 d".
QString shortAge(Millis since, Millis now);
// The reconciler writes times as ISO 8601 UTC ("2026-11-20T12:00:00Z"); people read them in local time.
QString withLocalTimes(const QString &text);

} // namespace sb::models
