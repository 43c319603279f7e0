// The sync thread: one QThread with its own network manager and its own SQLite write connection.
// The GUI talks to it only through queued calls and signals.
#pragma once

#include "common/Config.h"
#include "sync/SyncTypes.h"

#include <QObject>
#include <QThread>

namespace sb::sync {

class SyncWorker;

class SyncEngine : public QObject {
    Q_OBJECT
public:
    explicit SyncEngine(Config config, QObject *parent = nullptr);
    ~SyncEngine() override;

    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void syncNow();
    void cancel();

Q_SIGNALS:
    void started();
    void progress(const sb::sync::SyncProgress &progress);
    void finished(const sb::sync::SyncReport &report);

private:
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    bool m_running = false;
};

// Lives on the sync thread. Public only so it can be tested without the thread.
class SyncWorker : public QObject {
    Q_OBJECT
public:
    explicit SyncWorker(Config config);
    ~SyncWorker() override;

public Q_SLOTS:
    void run();
    void cancel();

Q_SIGNALS:
    void progress(const sb::sync::SyncProgress &progress);
    void finished(const sb::sync::SyncReport &report);

private:
    struct Parts;
    Config m_config;
    std::unique_ptr<Parts> m_parts;
};

} // namespace sb::sync
