#include "sync/SyncEngine.h"

#include "common/Log.h"
#include "providers/stripe/StripeClient.h"
#include "store/Database.h"
#include "store/Store.h"
#include "sync/StripeSync.h"

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace sb::sync {

struct SyncWorker::Parts {
    std::unique_ptr<store::Connection> connection;
    std::unique_ptr<store::Store> store;
    QNetworkAccessManager nam;
    std::unique_ptr<stripe::StripeClient> stripeClient;
    std::unique_ptr<StripeSync> stripeSync;
};

SyncWorker::SyncWorker(Config config)
    : m_config(std::move(config))
{}

SyncWorker::~SyncWorker()
{
    // Torn down on the sync thread: the sync first (it holds callbacks), then the client, then the
    // connection.
    if (m_parts) {
        m_parts->stripeSync.reset();
        m_parts->stripeClient.reset();
        m_parts->store.reset();
        m_parts->connection.reset();
    }
}

void SyncWorker::run()
{
    if (m_parts && m_parts->stripeSync && m_parts->stripeSync->isRunning())
        return;
    if (!m_parts) {
        auto conn = store::Connection::open(m_config.dbPath, u"sync"_s);
        if (!conn) {
            SyncReport r;
            r.provider = provider::Stripe;
            r.error = conn.error();
            r.startedAt = r.finishedAt = Clock::now();
            Q_EMIT finished(r);
            return;
        }
        m_parts = std::make_unique<Parts>();
        m_parts->connection = std::move(conn).value();
        m_parts->store = std::make_unique<store::Store>(m_parts->connection->db());
        m_parts->stripeClient = std::make_unique<stripe::StripeClient>(&m_parts->nam, m_config.stripe);
        m_parts->stripeSync = std::make_unique<StripeSync>(m_parts->store.get(), m_parts->stripeClient.get());
        connect(m_parts->stripeSync.get(), &StripeSync::progress, this, &SyncWorker::progress);
        connect(m_parts->stripeSync.get(), &StripeSync::finished, this, &SyncWorker::finished);
    }
    m_parts->stripeSync->start();
}

void SyncWorker::cancel()
{
    if (m_parts && m_parts->stripeSync)
        m_parts->stripeSync->cancel();
}

SyncEngine::SyncEngine(Config config, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncReport>();
    m_thread.setObjectName(u"switchboard-sync"_s);
    m_worker = new SyncWorker(std::move(config));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::progress, this, &SyncEngine::progress);
    connect(m_worker, &SyncWorker::finished, this, [this](const SyncReport &r) {
        m_running = false;
        Q_EMIT finished(r);
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

void SyncEngine::syncNow()
{
    if (m_running)
        return;
    m_running = true;
    Q_EMIT started();
    QMetaObject::invokeMethod(m_worker, &SyncWorker::run, Qt::QueuedConnection);
}

void SyncEngine::cancel()
{
    if (m_running)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::cancel, Qt::QueuedConnection);
}

} // namespace sb::sync
