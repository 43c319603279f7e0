// `switchboard --measure FILE`: the console opens as usual and writes what a user would feel as JSON — the
// time from the process's start to a usable window (shown, its lists loaded, painted once), and when it
// syncs, the sync's time and requests per provider and the longest time the GUI thread did not answer
// during it (StallWatchdog) — with the peak memory, then quits. docs/BENCHMARKS.md uses it.
#pragma once

#include "common/StallWatchdog.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QString>

namespace sb::sync {
class SyncEngine;
struct SyncReport;
} // namespace sb::sync

namespace sb::app {

class MeasureRun : public QObject {
    Q_OBJECT
public:
    // `sinceStart` was started first thing in main().
    MeasureRun(QString file, QElapsedTimer sinceStart, QObject *parent = nullptr);

    // The window was just shown; with an engine, its first sync is about to start.
    void windowShown(QWidget *window, sync::SyncEngine *engine);

    // Peak resident memory of this process (VmHWM), in bytes; 0 where /proc is not there.
    static qint64 peakRssBytes();

private:
    void providerDone(const sync::SyncReport &report);
    void finish();

    QString m_file;
    QElapsedTimer m_sinceStart;
    qint64 m_usableMs = -1;
    qint64 m_syncStartMs = -1;
    StallWatchdog m_watchdog;
    QJsonArray m_providers;
};

} // namespace sb::app
