// Applies actions one after another, on the thread that owns its database connection and API clients (the
// sync thread in the console, the main thread in the CLI). For each: refused unless writes are unlocked and
// an actor and a reason are given; a remote action writes its intent to the audit log, re-reads the remote
// state, writes only what is missing, confirms, and writes its outcome; what the last read showed goes into
// the cache at once (PolledSync::refresh), so the timeline shows the effect and the finding can resolve.
// The same action asked for again while it is queued or running is not queued twice (a double click).
#pragma once

#include "actions/Action.h"
#include "actions/RemoteExecutor.h"

#include <QLockFile>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <deque>
#include <functional>

namespace sb::actions {

struct BatchReport {
    QList<ActionResult> results;
    bool cancelled = false;
    bool rebuilt = false; // a link or unlink re-derived the projections: person ids changed
    int count(const QString &outcome) const;
};

class ActionRunner : public QObject {
    Q_OBJECT
public:
    // `circle` and `kit` may be null (not connected): their actions fail with a clear message.
    ActionRunner(QSqlDatabase db, net::ApiClient *circle, net::ApiClient *kit, QObject *parent = nullptr);
    ~ActionRunner() override;

    // Read-only by default: nothing is applied until a person unlocks writes for the session.
    void setWritesUnlocked(bool unlocked) { m_unlocked = unlocked; }
    bool writesUnlocked() const { return m_unlocked; }

    // Applies an observation to the cache (the sync's refresh); without one the cache learns at the next
    // sync.
    void setRefresher(std::function<Status(const Observed &)> refresher)
    {
        m_refresher = std::move(refresher);
    }

    // Queues a batch. Each action's result is reported as it ends, then the batch's.
    void run(const QList<Action> &actions, const Who &who);
    // The actions not started yet are skipped (an action under way finishes: stopping between its write and
    // its outcome is what must never happen).
    void cancel();
    // An action under way, or a batch queued: a sync must not start now.
    bool isBusy() const { return m_busy || !m_batches.empty(); }

    // At start-up: an intent without an outcome means a console stopped in between; record "unknown". Only
    // when no other process is applying actions to this cache (its intents are not interrupted): then 0.
    Result<int> recoverInterrupted();

Q_SIGNALS:
    void actionStarted(int index, int total, const sb::actions::Action &action);
    void actionFinished(const sb::actions::ActionResult &result);
    void batchFinished(const sb::actions::BatchReport &report);
    // A link or unlink re-derived people (ids changed): cached person ids elsewhere are stale from now on.
    void projectionsRebuilt();

private:
    struct Batch {
        QList<Action> actions;
        Who who;
        qsizetype next = 0;
        bool cancelled = false; // cancel() came while it was queued or running
        BatchReport report;
    };
    void pump();
    void startNext();
    void runRemote(const Action &action, const Who &who);
    void finishAction(ActionResult result);
    ActionResult refused(const Action &action, const QString &message) const;
    // One process at a time applies actions to a cache (a lock file beside it, held while batches run), so
    // another one's start-up never calls its intents interrupted. False when another process holds it.
    bool lock();
    void unlockWhenIdle();

    QSqlDatabase m_db;
    std::unique_ptr<QLockFile> m_lock;
    RemoteExecutor m_remote;
    std::function<Status(const Observed &)> m_refresher;
    std::deque<Batch> m_batches;
    QSet<QString> m_pendingKeys; // queued or running: a second request for the same action is dropped
    bool m_unlocked = false;
    bool m_busy = false;
};

} // namespace sb::actions

Q_DECLARE_METATYPE(sb::actions::Action)
Q_DECLARE_METATYPE(sb::actions::ActionResult)
Q_DECLARE_METATYPE(sb::actions::BatchReport)
Q_DECLARE_METATYPE(sb::actions::Who)
