#include "sync/SyncEngine.h"

#include "audit/AuditLog.h"
#include "common/Log.h"
#include "providers/circle/CircleClient.h"
#include "providers/kit/KitClient.h"
#include "providers/stripe/StripeClient.h"
#include "store/Database.h"
#include "store/Store.h"
#include "sync/CircleSync.h"
#include "sync/KitSync.h"
#include "sync/ReconcilePass.h"
#include "sync/StripeSync.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <QHash>
#include <QNetworkAccessManager>
#include <QSet>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace {
// Incremental passes look only at the people a sync touched; a full pass now and then catches what depends
// on others (a look-alike that changed) or on time alone.
constexpr Millis kFullReconcileEvery = 60 * 60 * 1000;
} // namespace

struct SyncWorker::Parts {
    std::unique_ptr<store::Connection> connection;
    std::unique_ptr<store::Store> store;
    QNetworkAccessManager nam;
    std::unique_ptr<stripe::StripeClient> stripeClient;
    std::unique_ptr<StripeSync> stripeSync;
    std::unique_ptr<net::ApiClient> circleClient;
    std::unique_ptr<CircleSync> circleSync;
    std::unique_ptr<net::ApiClient> kitClient;
    std::unique_ptr<KitSync> kitSync;
    std::unique_ptr<actions::ActionRunner> actions;
    std::unique_ptr<webhooks::WebhookReceiver> receiver;
    // Batches asked for while a sync was under way: they start when it ends.
    QList<std::pair<QList<actions::Action>, actions::Who>> waitingActions;
    bool writesUnlocked = false;
    QHash<QString, Millis> lastStarted;
    QSet<QString> running;
    Millis lastFullReconcile = 0; // 0: none yet in this session
    Millis reconcileDue = 0;      // a grace period or a snooze ends then (0: nothing pending)

    // None yet this session, an hour since the last, or a deadline has passed.
    bool fullReconcileDue(Millis now) const
    {
        return !lastFullReconcile || now - lastFullReconcile >= kFullReconcileEvery ||
               (reconcileDue && now >= reconcileDue);
    }
};

namespace {

// A rebuild (a link, an unlink, `switchboard rebuild`) whose full reconcile pass has not run yet.
bool fullPassNeeded(QSqlDatabase db)
{
    QSqlQuery q(db);
    return q.exec(u"SELECT 1 FROM settings WHERE key = 'reconcile.full_pass_needed'"_s) && q.next();
}

} // namespace

QStringList SyncWorker::connectedProviders(const Config &c)
{
    QStringList out;
    if (!c.stripe.apiKey.isEmpty())
        out.append(provider::Stripe);
    if (!c.circle.token.isEmpty())
        out.append(provider::Circle);
    if (!c.kit.apiKey.isEmpty())
        out.append(provider::Kit);
    return out;
}

SyncWorker::SyncWorker(Config config)
    : m_config(std::move(config))
{}

SyncWorker::~SyncWorker()
{
    // Torn down on the sync thread: the syncs first (they hold callbacks), then the clients, then the
    // connection.
    if (m_parts) {
        m_parts->receiver.reset(); // no delivery is taken once the rest is going
        m_parts->actions.reset();  // an action under way leaves its intent: "unknown" at the next start
        m_parts->stripeSync.reset();
        m_parts->circleSync.reset();
        m_parts->kitSync.reset();
        m_parts->stripeClient.reset();
        m_parts->circleClient.reset();
        m_parts->kitClient.reset();
        m_parts->store.reset();
        m_parts->connection.reset();
    }
}

bool SyncWorker::ensureParts()
{
    if (m_parts)
        return true;
    auto conn = store::Connection::open(m_config.dbPath, u"sync"_s);
    if (!conn) {
        SyncReport r;
        r.provider = connectedProviders(m_config).value(0, provider::Stripe);
        r.error = conn.error();
        r.startedAt = r.finishedAt = Clock::now();
        Q_EMIT providerFinished(r);
        Q_EMIT finished();
        return false;
    }
    m_parts = std::make_unique<Parts>();
    Parts &p = *m_parts;
    p.connection = std::move(conn).value();
    p.store = std::make_unique<store::Store>(p.connection->db());
    auto wire = [this](auto *sync) {
        connect(sync, &std::remove_pointer_t<decltype(sync)>::progress, this, &SyncWorker::progress);
        connect(sync, &std::remove_pointer_t<decltype(sync)>::finished, this, &SyncWorker::providerDone);
    };
    // Stripe always runs (without a key it says so); Circle and Kit only when connected.
    p.stripeClient = std::make_unique<stripe::StripeClient>(&p.nam, m_config.stripe);
    p.stripeSync = std::make_unique<StripeSync>(p.store.get(), p.stripeClient.get());
    p.stripeSync->setRereadPushed(!m_config.stripe.apiKey.isEmpty());
    wire(p.stripeSync.get());
    if (!m_config.circle.token.isEmpty()) {
        p.circleClient = std::make_unique<net::ApiClient>(&p.nam, circle::apiProfile(m_config.circle));
        circle::configure(*p.circleClient, m_config.circle);
        p.circleSync = std::make_unique<CircleSync>(p.store.get(), p.circleClient.get(), m_config.circle);
        wire(p.circleSync.get());
    }
    if (!m_config.kit.apiKey.isEmpty()) {
        p.kitClient = std::make_unique<net::ApiClient>(&p.nam, kit::apiProfile(m_config.kit));
        kit::configure(*p.kitClient, m_config.kit);
        p.kitSync = std::make_unique<KitSync>(p.store.get(), p.kitClient.get(), m_config.kit);
        wire(p.kitSync.get());
    }
    p.actions =
        std::make_unique<actions::ActionRunner>(p.connection->db(), p.circleClient.get(), p.kitClient.get());
    // An intent without an outcome is from a session that stopped mid-action: say so before anything else.
    if (auto unknown = p.actions->recoverInterrupted(); !unknown)
        qCWarning(lcSync) << "cannot check the audit log for interrupted actions:" << unknown.error().message;
    else if (unknown.value() > 0)
        qCWarning(lcSync) << unknown.value()
                          << "action(s) were interrupted; their outcome is recorded as unknown";
    p.actions->setWritesUnlocked(p.writesUnlocked);
    p.actions->setRefresher([&p](const actions::Observed &o) -> Status {
        PolledSync *sync = o.provider == provider::Circle ? static_cast<PolledSync *>(p.circleSync.get())
                                                          : static_cast<PolledSync *>(p.kitSync.get());
        if (!sync)
            return {};
        return o.removed() ? sync->refreshRemoval(o.containerKind, o.containerId, o.memberId)
                           : sync->refresh(o.rawKind, o.containerId, o.record);
    });
    // The rest of a batch after a link refreshes accounts through this store: its cached person ids must go.
    connect(p.actions.get(), &actions::ActionRunner::projectionsRebuilt, this,
            [&p] { p.store->clearCaches(); });
    connect(p.actions.get(), &actions::ActionRunner::actionStarted, this, &SyncWorker::actionStarted);
    connect(p.actions.get(), &actions::ActionRunner::actionFinished, this, &SyncWorker::actionFinished);
    connect(p.actions.get(), &actions::ActionRunner::batchFinished, this, &SyncWorker::actionsDone);
    return true;
}

void SyncWorker::setWritesUnlocked(bool unlocked)
{
    if (!ensureParts())
        return;
    m_parts->writesUnlocked = unlocked;
    m_parts->actions->setWritesUnlocked(unlocked);
}

void SyncWorker::runActions(const QList<actions::Action> &list, const actions::Who &who)
{
    if (!ensureParts()) {
        // Every batch gets an answer: here, that nothing ran.
        actions::BatchReport report;
        for (const actions::Action &a : list)
            report.results.append(
                {a, audit::outcome::Failed, tr("The cache cannot be opened."), {}, 0, 0, {}});
        Q_EMIT actionsFinished(report);
        return;
    }
    m_parts->waitingActions.append({list, who});
    if (m_parts->running.isEmpty())
        startWaitingActions();
}

void SyncWorker::startWaitingActions()
{
    Parts &p = *m_parts;
    for (const auto &[list, who] : std::as_const(p.waitingActions))
        p.actions->run(list, who);
    p.waitingActions.clear();
}

void SyncWorker::cancelActions()
{
    if (!m_parts)
        return;
    // Batches still waiting for a sync end here, each with its (cancelled, empty) report.
    const auto waiting = std::exchange(m_parts->waitingActions, {});
    for (qsizetype i = 0; i < waiting.size(); ++i) {
        actions::BatchReport report;
        report.cancelled = true;
        Q_EMIT actionsFinished(report);
    }
    m_parts->actions->cancel();
}

void SyncWorker::actionsDone(const actions::BatchReport &report)
{
    Parts &p = *m_parts;
    if (report.rebuilt) {
        // Person ids changed under the store's caches; every finding needs its person again.
        p.store->clearCaches();
        reconcilePass(true);
    } else {
        // The people acted on: what the providers showed was recorded by the refresh (touched people);
        // local decisions (comps) touch no ingested data, so their people are named here.
        QSet<QString> emails;
        for (const actions::ActionResult &r : report.results)
            for (const QString &e : r.emails)
                emails.insert(e);
        QList<qint64> people;
        QSqlQuery q(p.connection->db());
        q.prepare(u"SELECT DISTINCT person_id FROM identities WHERE email_norm = ?"_s);
        for (const QString &e : std::as_const(emails)) {
            q.addBindValue(e);
            if (q.exec()) {
                while (q.next())
                    people.append(q.value(0).toLongLong());
            }
        }
        p.store->touchPeople(people);
        // Full when a rebuild has not had its full pass yet: a process that stopped between a link's rebuild
        // and that batch's full pass left findings on person ids that now name other people, and a pass over
        // the touched people alone would never put them right (`switchboard fix` run again after a crash).
        reconcilePass(fullPassNeeded(p.connection->db()));
    }
    Q_EMIT actionsFinished(report);
}

void SyncWorker::run(bool onlyDue)
{
    if (!ensureParts())
        return;
    Parts &p = *m_parts;
    if (!p.running.isEmpty())
        return;
    if (p.actions->isBusy() || !p.waitingActions.isEmpty()) {
        // A listing taken while an action changes the same member could undo what the action recorded.
        qCInfo(lcSync) << "sync skipped: actions are being applied";
        Q_EMIT finished();
        return;
    }
    const Millis now = Clock::now();
    auto due = [&](const QString &provider, Millis interval) {
        if (!onlyDue)
            return true;
        auto it = p.lastStarted.constFind(provider);
        return it == p.lastStarted.cend() || now - it.value() >= interval;
    };
    QList<std::pair<QString, std::function<void()>>> starts;
    // Stripe runs when it has a key, or when nothing is connected (its report says a key is missing).
    const bool stripeWanted = !m_config.stripe.apiKey.isEmpty() || (!p.circleSync && !p.kitSync);
    if (stripeWanted && due(provider::Stripe, kStripeInterval))
        starts.append({provider::Stripe, [&p] {
                           p.stripeSync->start();
                       }});
    if (p.circleSync && due(provider::Circle, qint64(m_config.circle.intervalMinutes) * 60 * 1000))
        starts.append({provider::Circle, [&p, onlyDue] {
                           p.circleSync->start(PolledSync::Mode::Auto, onlyDue);
                       }});
    if (p.kitSync && due(provider::Kit, qint64(m_config.kit.intervalMinutes) * 60 * 1000))
        starts.append({provider::Kit, [&p, onlyDue] {
                           p.kitSync->start(PolledSync::Mode::Auto, onlyDue);
                       }});
    if (starts.isEmpty()) {
        // Nothing to fetch, but time alone may have turned a disagreement into a finding.
        if (onlyDue && p.fullReconcileDue(now))
            reconcilePass(true);
        Q_EMIT finished();
        return;
    }
    // Mark them all running first: a provider that fails at once must not end the run for the others.
    for (const auto &start : std::as_const(starts)) {
        p.running.insert(start.first);
        p.lastStarted.insert(start.first, now);
    }
    for (const auto &start : std::as_const(starts))
        start.second();
}

void SyncWorker::providerDone(const SyncReport &report)
{
    Q_EMIT providerFinished(report);
    if (!m_parts)
        return;
    Parts &p = *m_parts;
    p.running.remove(report.provider);
    if (p.running.isEmpty()) {
        reconcilePass(p.fullReconcileDue(Clock::now()));
        Q_EMIT finished();
        startWaitingActions();
    }
}

void SyncWorker::reconcile()
{
    if (!ensureParts())
        return;
    reconcilePass(true);
}

void SyncWorker::reconcilePass(bool full, bool keepTouched)
{
    Parts &p = *m_parts;
    const Millis now = Clock::now();
    const QList<qint64> touched = p.store->takeTouchedPeople();
    if (!full && touched.isEmpty())
        return;
    if (keepTouched)
        p.store->touchPeople(touched);
    auto pass = runReconcilePass(p.connection->db(), m_config, now, touched, full);
    if (!pass) {
        qCWarning(lcSync) << "reconcile failed:" << pass.error().message;
        // The people stay due for the next pass; a failing full pass waits for the next sync or the hour
        // instead of being retried at every idle tick.
        p.store->touchPeople(touched);
        if (full)
            p.lastFullReconcile = now;
        Q_EMIT reconcileFailed(pass.error().message);
        return;
    }
    if (full) {
        p.lastFullReconcile = now;
        QSqlQuery done(p.connection->db());
        if (!done.exec(u"DELETE FROM settings WHERE key = 'reconcile.full_pass_needed'"_s))
            qCWarning(lcSync) << "cannot record the full pass:" << done.lastError().text();
    }
    // An incremental pass knows only its people's deadlines: keep an earlier one still ahead.
    Millis nextDue = pass->nextDue;
    if (!full && p.reconcileDue > now && (!nextDue || p.reconcileDue < nextDue))
        nextDue = p.reconcileDue;
    auto due = nextReconcileDue(p.connection->db(), nextDue);
    p.reconcileDue = due ? due.value() : nextDue;
    qCInfo(lcSync) << (full ? "full" : "incremental") << "reconcile:" << pass->people << "people,"
                   << pass->delta.open << "open," << pass->delta.opened << "new," << pass->delta.resolved
                   << "resolved in" << pass->elapsedMs << "ms";
    Q_EMIT findingsChanged(pass->delta);
}

void SyncWorker::startReceiver(quint16 port)
{
    if (!ensureParts()) {
        Q_EMIT receiverChanged({}, tr("The cache cannot be opened."));
        return;
    }
    Parts &p = *m_parts;
    if (!p.receiver) {
        p.receiver = std::make_unique<webhooks::WebhookReceiver>();
        p.receiver->setHandler([this](const webhooks::Delivery &d) { return receive(d); });
        connect(p.receiver.get(), &webhooks::WebhookReceiver::refused, this, &SyncWorker::webhookRefused);
    }
    p.receiver->setSecrets(provider::Stripe, webhookSecrets(m_config.webhooks.stripeSecret));
    p.receiver->setSecrets(provider::Kit, webhookSecrets(m_config.webhooks.kitSecret));
    p.receiver->setToleranceSeconds(m_config.webhooks.toleranceSeconds);
    QString error;
    if (!p.receiver->listen(port, &error)) {
        Q_EMIT receiverChanged({}, error);
        return;
    }
    qCInfo(lcWebhooks).noquote() << "receiving webhooks at" << p.receiver->baseUrl().toString();
    Q_EMIT receiverChanged(p.receiver->baseUrl(), {});
}

void SyncWorker::stopReceiver()
{
    if (m_parts && m_parts->receiver)
        m_parts->receiver->close();
    Q_EMIT receiverChanged({}, {});
}

webhooks::Answer SyncWorker::receive(const webhooks::Delivery &delivery)
{
    Parts &p = *m_parts;
    const QJsonObject body = QJsonDocument::fromJson(delivery.body).object(); // verified and parsed before
    Result<WebhookReport> r =
        delivery.provider == provider::Kit
            ? ingestKitDelivery(*p.store, p.kitSync.get(), body)
            : ingestStripeEvent(*p.stripeSync, body, stripeKeyMode(m_config.stripe.apiKey));
    auto answer = [](int status, const QJsonObject &o) {
        return webhooks::Answer{status, QJsonDocument(o).toJson(QJsonDocument::Compact)};
    };
    if (!r) {
        // Not the sender's fault when the cache failed: a 5xx makes it retry. A body that is no event is.
        const ErrorKind kind = r.error().kind;
        const bool theirs = kind == ErrorKind::Parse || kind == ErrorKind::Usage;
        const int status = theirs ? 400 : kind == ErrorKind::Unavailable ? 503 : 500;
        const QString code = kind == ErrorKind::Usage ? u"other_mode"_s
                             : theirs                 ? u"not_an_event"_s
                                                      : u"not_stored"_s;
        qCWarning(lcWebhooks).noquote() << delivery.provider << "webhook not applied:" << r.error().message;
        return answer(status,
                      {{u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, r.error().message}}}});
    }
    WebhookReport report = std::move(r).value();
    report.receivedAt = delivery.receivedAt;
    // Then the objects the events carried, as Stripe shows them now (WebhookIngest.h, "Order").
    if (report.applied > 0 && delivery.provider == provider::Stripe && !m_config.stripe.apiKey.isEmpty() &&
        p.stripeSync->hasRereads()) {
        p.stripeSync->rereadPushed([this](const Error &) {
            if (m_parts)
                reconcilePass(false, !m_parts->running.isEmpty());
        });
    }
    if (report.applied > 0) {
        // The findings of the people it touched, now: the founder sees the payment and what it entitles in
        // the same moment.
        reconcilePass(false, !p.running.isEmpty());
        report.reconciledAt = Clock::now();
    }
    Q_EMIT webhookReceived(report);
    return answer(
        200, {{u"received"_s, true}, {u"applied"_s, report.applied}, {u"duplicates"_s, report.duplicates}});
}

bool SyncWorker::isSettlingWebhooks() const
{
    return m_parts && m_parts->stripeSync &&
           (m_parts->stripeSync->isRereading() || m_parts->stripeSync->hasRereads());
}

void SyncWorker::cancel()
{
    if (!m_parts)
        return;
    for (PolledSync *s : {static_cast<PolledSync *>(m_parts->circleSync.get()),
                          static_cast<PolledSync *>(m_parts->kitSync.get())}) {
        if (s)
            s->cancel();
    }
    if (m_parts->stripeSync)
        m_parts->stripeSync->cancel();
}

SyncEngine::SyncEngine(Config config, QObject *parent)
    : QObject(parent)
    , m_providers(SyncWorker::connectedProviders(config))
    , m_circleQuota(config.circle.monthlyQuota)
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncReport>();
    qRegisterMetaType<store::FindingsDelta>();
    qRegisterMetaType<actions::Action>();
    qRegisterMetaType<actions::ActionResult>();
    qRegisterMetaType<actions::BatchReport>();
    qRegisterMetaType<actions::Who>();
    qRegisterMetaType<WebhookReport>();
    qRegisterMetaType<webhooks::Refusal>();
    m_thread.setObjectName(u"switchboard-sync"_s);
    m_worker = new SyncWorker(std::move(config));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::progress, this, &SyncEngine::progress);
    connect(m_worker, &SyncWorker::providerFinished, this, &SyncEngine::providerFinished);
    connect(m_worker, &SyncWorker::findingsChanged, this, &SyncEngine::findingsChanged);
    connect(m_worker, &SyncWorker::reconcileFailed, this, &SyncEngine::reconcileFailed);
    connect(m_worker, &SyncWorker::actionStarted, this, &SyncEngine::actionStarted);
    connect(m_worker, &SyncWorker::actionFinished, this, &SyncEngine::actionFinished);
    connect(m_worker, &SyncWorker::actionsFinished, this, &SyncEngine::actionsFinished);
    connect(m_worker, &SyncWorker::receiverChanged, this, &SyncEngine::receiverChanged);
    connect(m_worker, &SyncWorker::webhookReceived, this, &SyncEngine::webhookReceived);
    connect(m_worker, &SyncWorker::webhookRefused, this, &SyncEngine::webhookRefused);
    connect(m_worker, &SyncWorker::finished, this, [this] {
        m_running = false;
        Q_EMIT finished();
    });
    m_thread.start();
}

SyncEngine::~SyncEngine()
{
    m_thread.requestInterruption();
    QMetaObject::invokeMethod(m_worker, &SyncWorker::cancel, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SyncEngine::request(bool onlyDue)
{
    if (m_running)
        return;
    m_running = true;
    Q_EMIT started();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, onlyDue] { w->run(onlyDue); }, Qt::QueuedConnection);
}

void SyncEngine::syncNow()
{
    request(false);
}

void SyncEngine::syncDue()
{
    request(true);
}

void SyncEngine::reconcileNow()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::reconcile, Qt::QueuedConnection);
}

void SyncEngine::setWritesUnlocked(bool unlocked)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, unlocked] { w->setWritesUnlocked(unlocked); }, Qt::QueuedConnection);
}

void SyncEngine::runActions(const QList<actions::Action> &list, const actions::Who &who)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, list, who] { w->runActions(list, who); }, Qt::QueuedConnection);
}

void SyncEngine::cancelActions()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::cancelActions, Qt::QueuedConnection);
}

void SyncEngine::startReceiver(quint16 port)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, port] { w->startReceiver(port); }, Qt::QueuedConnection);
}

void SyncEngine::stopReceiver()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::stopReceiver, Qt::QueuedConnection);
}

void SyncEngine::cancel()
{
    if (m_running)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::cancel, Qt::QueuedConnection);
}

} // namespace sb::sync
