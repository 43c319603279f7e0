// The sync thread: one QThread with its own network manager and its own SQLite write connection. Stripe,
// Circle and Kit sync concurrently on it, each with its own checkpoint, progress, request count and error:
// one failing does not stop the others. The GUI talks to it only through queued calls and signals.
#pragma once

#include "actions/ActionRunner.h"
#include "common/Config.h"
#include "store/FindingsStore.h"
#include "sync/SyncTypes.h"
#include "sync/WebhookIngest.h"
#include "webhooks/WebhookReceiver.h"

#include <QObject>
#include <QStringList>
#include <QThread>

namespace sb::sync {

class SyncWorker;

class SyncEngine : public QObject {
    Q_OBJECT
public:
    explicit SyncEngine(Config config, QObject *parent = nullptr);
    ~SyncEngine() override;

    bool isRunning() const { return m_running; }
    // The providers this engine syncs (those with a key), in display order.
    QStringList providers() const { return m_providers; }
    qint64 circleQuota() const { return m_circleQuota; }

public Q_SLOTS:
    // Every connected provider now (Circle still within its monthly quota).
    void syncNow();
    // Only the providers whose interval has passed (Stripe 5 min, Circle and Kit as configured).
    void syncDue();
    void cancel();
    // A full reconcile pass now (after the policy changed, or when a grace period runs out). A sync that
    // finishes runs one by itself.
    void reconcileNow();

    // Override actions (actions/ActionRunner) on the sync thread: they wait for a sync under way, and a sync
    // asked for while they run is skipped. Read-only until unlocked for the session.
    void setWritesUnlocked(bool unlocked);
    void runActions(const QList<sb::actions::Action> &actions, const sb::actions::Who &who);
    void cancelActions();

    // The live webhook receiver on loopback (webhooks/WebhookReceiver), on the sync thread: a verified
    // delivery is applied to the cache and its people reconciled before it is answered. Off until started.
    void startReceiver(quint16 port);
    void stopReceiver();

Q_SIGNALS:
    void started();
    void progress(const sb::sync::SyncProgress &progress);
    void providerFinished(const sb::sync::SyncReport &report);
    // All providers of the run are done.
    void finished();
    // A reconcile pass recorded its findings (after every sync run and every reconcileNow()).
    void findingsChanged(const sb::store::FindingsDelta &delta);
    // A reconcile pass could not run (no policy is not an error: it finds only the policy-free rules).
    void reconcileFailed(const QString &error);
    void actionStarted(int index, int total, const sb::actions::Action &action);
    void actionFinished(const sb::actions::ActionResult &result);
    // A batch ended; its people were re-synced (what the provider showed) and reconciled.
    void actionsFinished(const sb::actions::BatchReport &report);
    // The receiver started (url set) or stopped or could not start (error set).
    void receiverChanged(const QUrl &url, const QString &error);
    void webhookReceived(const sb::sync::WebhookReport &report);
    void webhookRefused(const sb::webhooks::Refusal &refusal);

private:
    void request(bool onlyDue);

    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    QStringList m_providers;
    qint64 m_circleQuota = 0;
    bool m_running = false;
};

// Lives on the sync thread. Public only so it can be tested without the thread.
class SyncWorker : public QObject {
    Q_OBJECT
public:
    explicit SyncWorker(Config config);
    ~SyncWorker() override;

    static QStringList connectedProviders(const Config &config);
    // Work a pushed delivery left behind is still going (objects and refunds re-read).
    bool isSettlingWebhooks() const;

public Q_SLOTS:
    void run(bool onlyDue);
    void cancel();
    void reconcile();
    void setWritesUnlocked(bool unlocked);
    void runActions(const QList<sb::actions::Action> &actions, const sb::actions::Who &who);
    void cancelActions();
    void startReceiver(quint16 port);
    void stopReceiver();

Q_SIGNALS:
    void progress(const sb::sync::SyncProgress &progress);
    void providerFinished(const sb::sync::SyncReport &report);
    void finished();
    void findingsChanged(const sb::store::FindingsDelta &delta);
    void reconcileFailed(const QString &error);
    void actionStarted(int index, int total, const sb::actions::Action &action);
    void actionFinished(const sb::actions::ActionResult &result);
    void actionsFinished(const sb::actions::BatchReport &report);
    void receiverChanged(const QUrl &url, const QString &error);
    void webhookReceived(const sb::sync::WebhookReport &report);
    void webhookRefused(const sb::webhooks::Refusal &refusal);

private:
    struct Parts;
    bool ensureParts();
    void providerDone(const SyncReport &report);
    // keepTouched: the people stay due for the pass at the end of a sync under way (a webhook's pass must
    // not take them from it: that sync may not have brought the other providers' side yet).
    void reconcilePass(bool full, bool keepTouched = false);
    webhooks::Answer receive(const webhooks::Delivery &delivery);
    void actionsDone(const actions::BatchReport &report);
    void startWaitingActions();

    Config m_config;
    std::unique_ptr<Parts> m_parts;
};

} // namespace sb::sync
