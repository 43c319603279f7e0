// Measures how long the thread it lives on stops answering: a precise timer ticks every few milliseconds,
// and every tick that comes late records the lateness. On the GUI thread, a late tick is a frozen window.
// Used by the console's --measure run (docs/BENCHMARKS.md); cheap enough to leave on.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace sb {

class StallWatchdog : public QObject {
    Q_OBJECT
public:
    explicit StallWatchdog(int intervalMs = 5, QObject *parent = nullptr);

    void start(); // forgets what was recorded
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    // The longest time the thread did not answer beyond one interval, in milliseconds.
    qint64 longestStallMs() const { return m_longest; }
    // Ticks that came this much later than due, or more.
    int stallsOver(qint64 ms) const;
    qint64 ticks() const { return m_ticks; }
    struct Stall {
        qint64 at = 0; // ms since start(), when the thread answered again
        qint64 ms = 0; // how late it answered
    };
    // The late ticks (over one interval), in the order they happened.
    const QList<Stall> &stalls() const { return m_stalls; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
    qint64 m_ticks = 0;
    QList<Stall> m_stalls;
};

} // namespace sb
