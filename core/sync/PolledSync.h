// A sync for a provider that has no event history (Circle, Kit): it lists what is there, page by page, and
// derives the history by comparing with what the cache held. A run is a list of steps (one listing each)
// that may grow while it runs (a catalog step adds one step per group it found). Each page is applied in
// one transaction together with the requests it cost. A full run also compares complete listings with the
// cache, so a removal is never missed; an incremental run reads only the newest pages.
#pragma once

#include "net/ApiClient.h"
#include "store/Store.h"
#include "sync/SyncTypes.h"

#include <QJsonArray>
#include <QObject>
#include <functional>

namespace sb::sync {

class PolledSync : public QObject {
    Q_OBJECT
public:
    enum class Mode { Auto, Incremental, Full };

    // `fullEveryHours`: how old the last full run may get before an automatic run is a full one.
    PolledSync(QString provider, store::Store *store, net::ApiClient *client, int fullEveryHours,
               QObject *parent = nullptr);

    // `automatic`: started by the periodic timer, not by a person; a provider may pace those (Circle's
    // quota).
    void start(Mode mode = Mode::Auto, bool automatic = false);
    void cancel();
    bool isRunning() const { return m_running; }

    // The requests spent in the calendar month (UTC) of `now`, as recorded in sync_state.
    static QString monthStream(Millis now);

    // After an action changed one member (actions/ActionRunner): what one read of the provider showed,
    // applied as a listing would apply it, in one transaction. `rawKind`: the kind of listing the record
    // belongs to (a member or subscriber, or a membership row; for Kit the container kind, tag or sequence,
    // with the subscriber as that container lists it). Not while a run is going (the caller waits).
    // `observedAt`: the moment the record describes (a webhook event's time); 0 = now.
    Status refresh(const QString &rawKind, const QString &containerId, const QJsonObject &record,
                   Millis observedAt = 0);
    // A membership the provider confirmed is gone: recorded as a listing comparison would record it. With
    // `observedAt`, a membership that began after that moment is kept (a late removal does not undo a
    // re-add).
    Status refreshRemoval(const QString &containerKind, const QString &containerId, const QString &memberId,
                          Millis observedAt = 0);

Q_SIGNALS:
    void progress(const sb::sync::SyncProgress &progress);
    void finished(const sb::sync::SyncReport &report);

protected:
    struct Step {
        QString stream; // shown in progress
        QString path;
        net::Query query;
        QString recordsKey; // the array of records in a page
        // Applies one page's records (inside the page's transaction). Returns whether the next page is
        // wanted (an incremental step stops at a page with nothing new).
        std::function<Result<bool>(const QJsonArray &records, Millis fetchedAt)> apply;
        // Runs once the listing is complete (inside a transaction): comparisons, follow-up steps.
        std::function<Status()> complete;
    };

    // The steps of a run; `full` says which kind it is.
    virtual QList<Step> plan(bool full) = 0;
    // The query of the page after `page`, or nothing when it was the last. Provider-specific pagination.
    virtual std::optional<net::Query> nextPage(const net::Query &query, const QJsonObject &page) const = 0;
    // What is wrong with a page that cannot be right (served twice, empty yet "more follow"); empty when
    // usable. Such a page stops the run with that error instead of ending its listing early.
    virtual QString pageProblem(const net::Query &query, const QJsonObject &page) const = 0;
    // Prepares a run (loads catalogs from the cache into the mapper). Called before plan().
    virtual Status prepare() { return {}; }
    // refresh() and refreshRemoval() for this provider (inside their transaction; names learnt).
    virtual Status learnNames() = 0;
    virtual Status applyOne(const QString &rawKind, const QString &containerId, const QJsonObject &record,
                            Millis fetchedAt) = 0;
    virtual IngestItem removalOf(const QString &containerKind, const QString &containerId,
                                 const StoredMembership &membership, Millis observedAt) const = 0;
    // A reason not to run now (a quota that would be exceeded); empty to run. A refused full run is tried
    // again as an incremental one.
    virtual QString refuseRun(bool full, bool automatic)
    {
        (void)full;
        (void)automatic;
        return {};
    }

    void addStep(Step step) { m_steps.append(std::move(step)); }

    // A catalog (access groups, spaces, tags, sequences): every record is learnt and stored; once the whole
    // list is in (and `trustworthy` says so), a container that is gone ends its memberships and its raw
    // object goes, so it is not listed again (its member list would answer 404).
    struct Catalog {
        std::function<QList<IngestItem>(const QJsonObject &record, Millis fetchedAt)> learnAndMap;
        std::function<IngestItem(const QString &containerId, const StoredMembership &ended, Millis at)> ended;
        std::function<bool(qsizetype listed)> trustworthy; // optional
    };
    // `step` names the listing (stream, path, query, records key); its apply and complete are filled in.
    Step catalogStep(Step step, const QString &rawKind, Catalog catalog);
    Status ingestAll(const QList<IngestItem> &items);
    // Hands every stored catalog object of these raw kinds to `learn` (names for timeline rows).
    Status learnCatalogs(const QStringList &kinds,
                         const std::function<void(const QString &kind, const QJsonObject &object)> &learn);
    // A container gone from the provider's catalog: its memberships end (observed) and its raw object goes.
    Status forgetContainer(const QString &containerKind, const QString &containerId,
                           const std::function<IngestItem(const StoredMembership &)> &ended);
    // The page the current step applied last (its envelope: counts, cursors).
    const QJsonObject &lastPage() const { return m_lastPage; }
    // The first page of the current step (a list that changed while it was paged has other counts).
    const QJsonObject &firstPage() const { return m_firstPage; }
    bool fullRun() const { return m_full; }
    // When the last successful run started: an incremental run asks for what changed since then.
    std::optional<Millis> lastRunStart() const { return m_lastRunStart; }
    Millis runStartedAt() const { return m_report.startedAt; }
    store::Store *store() const { return m_store; }
    const net::ApiClient *client() const { return m_client; }
    const QString &providerName() const { return m_provider; }
    qint64 requestsThisMonth();

private:
    void nextStep();
    void fetch(const net::Query &query);
    void applyPage(const QJsonObject &page);
    bool stopIfCancelled();
    void finish(const Error &error);
    Status recordRequests();
    Status editState(const QString &stream, const std::function<void(store::SyncState &)> &edit);
    void emitProgress();

    QString m_provider;
    store::Store *m_store;
    net::ApiClient *m_client;
    QList<Step> m_steps;
    qsizetype m_stepIndex = 0;
    SyncReport m_report;
    qint64 m_requestsAtStart = 0;
    qint64 m_requestsRecorded = 0;
    qint64 m_rowsAtStart = 0;
    std::optional<Millis> m_lastRunStart;
    Millis m_fullEvery = 0;
    QJsonObject m_lastPage;
    QJsonObject m_firstPage;
    bool m_full = false;
    bool m_running = false;
    bool m_cancelRequested = false;
};

// Ingests an item; when it is a membership and the cache holds another row for the same member and container
// (removed and added again between two looks, or a Kit re-tag with a new tagged_at), the earlier one is
// recorded as ended first, so the timeline and a rebuild keep both.
Status ingestMembership(store::Store &store, const IngestItem &item,
                        const std::function<IngestItem(const StoredMembership &)> &ended);

} // namespace sb::sync
