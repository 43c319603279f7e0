#include "common/StallWatchdog.h"

#include <algorithm>

namespace sb {

StallWatchdog::StallWatchdog(int intervalMs, QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(std::max(1, intervalMs));
    connect(&m_timer, &QTimer::timeout, this, &StallWatchdog::tick);
}

void StallWatchdog::start()
{
    m_longest = 0;
    m_ticks = 0;
    m_stalls.clear();
    m_clock.start();
    m_last = 0;
    m_timer.start();
}

void StallWatchdog::stop()
{
    if (!m_timer.isActive())
        return;
    // What blocked the thread just before stop() (the work stop() was called after) counts too.
    tick();
    m_timer.stop();
}

int StallWatchdog::stallsOver(qint64 ms) const
{
    return int(
        std::count_if(m_stalls.cbegin(), m_stalls.cend(), [ms](const Stall &s) { return s.ms >= ms; }));
}

void StallWatchdog::tick()
{
    const qint64 now = m_clock.elapsed();
    ++m_ticks;
    // What came on top of the interval is time the event loop spent elsewhere.
    const qint64 late = now - m_last - m_timer.interval();
    m_last = now;
    if (late <= m_timer.interval())
        return;
    m_stalls.append({now, late});
    m_longest = std::max(m_longest, late);
}

} // namespace sb
