#include "MeasureRun.h"

#include "sync/SyncEngine.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>
#include <QWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::app {

MeasureRun::MeasureRun(QString file, QElapsedTimer sinceStart, QObject *parent)
    : QObject(parent)
    , m_file(std::move(file))
    , m_sinceStart(sinceStart)
{}

qint64 MeasureRun::peakRssBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

void MeasureRun::windowShown(QWidget *window, sync::SyncEngine *engine)
{
    // Usable: the window's first paint is done once the event loop has run after show().
    QTimer::singleShot(0, window, [this, window, engine] {
        window->repaint();
        m_usableMs = m_sinceStart.elapsed();
        if (!engine) {
            finish();
            return;
        }
        // From the first paint on: what the window does while the sync runs.
        m_watchdog.start();
        connect(engine, &sync::SyncEngine::providerFinished, this, &MeasureRun::providerDone);
        connect(engine, &sync::SyncEngine::finished, this, &MeasureRun::finish);
    });
    if (engine)
        m_syncStartMs = m_sinceStart.elapsed();
}

void MeasureRun::providerDone(const sync::SyncReport &report)
{
    m_providers.append(QJsonObject{{u"provider"_s, report.provider},
                                   {u"ok"_s, report.ok},
                                   {u"requests"_s, report.requests},
                                   {u"items"_s, report.items},
                                   {u"rows_written"_s, report.rowsWritten},
                                   {u"seconds"_s, double(report.finishedAt - report.startedAt) / 1000.0},
                                   {u"error"_s, report.error.message}});
}

void MeasureRun::finish()
{
    m_watchdog.stop();
    QJsonObject out{{u"usable_window_ms"_s, m_usableMs}, {u"peak_rss_bytes"_s, peakRssBytes()}};
    if (m_syncStartMs >= 0) {
        out.insert(u"sync_seconds"_s, double(m_sinceStart.elapsed() - m_syncStartMs) / 1000.0);
        out.insert(u"providers"_s, m_providers);
        out.insert(u"gui_longest_stall_ms"_s, m_watchdog.longestStallMs());
        out.insert(u"gui_stalls_over_50ms"_s, m_watchdog.stallsOver(50));
        out.insert(u"gui_watchdog_ticks"_s, m_watchdog.ticks());
        // The longest ones and when they happened (ms after the first paint), to find what froze.
        QList<StallWatchdog::Stall> worst = m_watchdog.stalls();
        std::sort(worst.begin(), worst.end(), [](const auto &a, const auto &b) { return a.ms > b.ms; });
        QJsonArray top;
        for (const auto &s : worst.mid(0, 10))
            top.append(QJsonObject{{u"at_ms"_s, s.at}, {u"ms"_s, s.ms}});
        out.insert(u"gui_worst_stalls"_s, top);
    }
    QFile f(m_file);
    const bool ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                    f.write(QJsonDocument(out).toJson(QJsonDocument::Compact) + '\n') > 0;
    if (!ok)
        QTextStream(stderr) << "switchboard: cannot write " << m_file << Qt::endl;
    QApplication::exit(ok ? 0 : 3);
}

} // namespace sb::app
