// The audit log as a table, newest first, read a page at a time as the view scrolls. Every entry is a row
// (an intent and its outcome are two entries of the chain, and an auditor reads both); an intent's Outcome
// column shows the outcome its outcome entry recorded once there is one ("ok", "failed", …) and "pending"
// until then, and an outcome entry says which intent it answers. Those outcomes come from the rows already
// loaded (newest first, an outcome is usually loaded before its intent) and otherwise from one batched read
// per page, never a read per row.
#pragma once

#include "audit/AuditLog.h"

#include <QAbstractTableModel>
#include <QHash>

namespace sb::models {

class AuditModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        WhenColumn,
        ActorColumn,
        ActionColumn,
        TargetColumn,
        ReasonColumn,
        OutcomeColumn,
        ColumnCount
    };
    enum Role {
        SeqRole = Qt::UserRole + 1,
        AtRole, // UTC ms
        ActorRole,
        ActorKindRole, // human | sync | system
        ActionRole,    // as recorded: circle.add_access_group, …
        TargetRole,
        ReasonRole,
        RequestRole,     // QJsonObject
        RequestJsonRole, // the request as indented JSON text
        OutcomeRole,     // the entry's own outcome field
        ResultRole,      // what became of it: an intent's outcome once written, else the entry's own
        ResultSeqRole,   // an intent: the seq of its outcome entry (0 while none); an outcome: its intent's
        IntentSeqRole,   // an outcome entry: the intent it answers; otherwise 0
        SubjectsRole,    // QStringList
        PrevHashRole,
        HashRole,
    };

    explicit AuditModel(QSqlDatabase db, QObject *parent = nullptr);

    // Reloads from the newest entry with only these entries; later pages keep the filter.
    void setFilter(const audit::Filter &filter);
    const audit::Filter &filter() const { return m_filter; }
    // Reads again from the newest (as many rows as are loaded now, at least a page, at most four): new
    // entries and outcomes written since appear.
    void refresh();
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    int pageSize() const { return m_pageSize; }

    const audit::Entry *entryAt(int row) const;
    int rowOf(qint64 seq) const;
    // What became of an entry: an intent's outcome ("pending" while none is written), else its own outcome.
    QString resultOf(const audit::Entry &entry) const;
    // The outcome entry's seq for an intent, the intent's seq for an outcome entry, else 0.
    qint64 linkedSeq(const audit::Entry &entry) const;
    QString lastError() const { return m_error; }
    bool isComplete() const { return m_complete; }
    bool isLoadingMore() const { return m_pageInFlight; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadFailed(const QString &error);
    void loadingChanged(bool loading); // a later page was asked for, or arrived

private:
    void load(int rows);
    void loadNextPage();
    void readNextPage();
    // Learns the outcomes the new rows carry, and reads the ones their intents still lack (one query).
    Status learnOutcomes(const QList<audit::Entry> &rows);

    QSqlDatabase m_db;
    audit::AuditLog m_log;
    audit::Filter m_filter;
    QList<audit::Entry> m_rows;
    struct Answer {
        qint64 seq = 0;
        QString outcome;
    };
    QHash<qint64, Answer> m_answers; // intent seq -> its outcome entry
    int m_pageSize = 200;
    bool m_complete = true;
    bool m_pageInFlight = false;
    QString m_error;
};

// An action in words ("circle.add_access_group" -> "Circle access group added"); unknown ones stay readable.
QString auditActionLabel(const QString &action);
// An outcome in words ("noop" -> "no change needed").
QString auditOutcomeLabel(const QString &outcome);
QString actorKindLabel(audit::ActorKind kind);
// One line for a person's timeline: "Circle access group added (ada@example.com → Pro members) by ana: Paid
// but no access (ok)".
QString auditSummary(const audit::Entry &entry, const QString &result);

// The outcome entries of these intents (intent seq -> outcome entry), in one query.
Result<QHash<qint64, audit::Entry>> outcomesOf(QSqlDatabase db, const QList<qint64> &intentSeqs);
// What audit entries about a person name: their accounts ("stripe:cus_…"), every address their accounts have
// had ("email:…") and their findings ("finding:<key>"). Empty when the person is unknown.
Result<QStringList> personAuditSubjects(QSqlDatabase db, qint64 personId);
// The person an entry is about, from its subjects (an account first, then an address); 0 when none.
Result<qint64> personOfSubjects(QSqlDatabase db, const QStringList &subjects);

} // namespace sb::models
