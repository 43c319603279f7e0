// A rolling-window request limit (N requests in any W seconds), as Circle and Kit apply theirs. Off when N is
// 0.
#pragma once

#include <QElapsedTimer>

#include <algorithm>
#include <deque>

namespace sb::sandbox {

class RateWindow {
public:
    RateWindow() { m_clock.start(); }

    // 0 requests (or a window < 1 s) turns the limit off and forgets what was counted.
    void set(int requests, int windowSeconds)
    {
        m_limit = windowSeconds >= 1 ? std::max(requests, 0) : 0;
        m_windowMs = static_cast<qint64>(windowSeconds) * 1000;
        m_admitted.clear();
    }

    // True when one more request fits in the window (and counts it); false when it must be refused. Refused
    // requests do not use up the window.
    bool admit()
    {
        if (m_limit == 0)
            return true;
        const qint64 now = m_clock.elapsed();
        while (!m_admitted.empty() && m_admitted.front() <= now - m_windowMs)
            m_admitted.pop_front();
        if (static_cast<qint64>(m_admitted.size()) >= m_limit)
            return false;
        m_admitted.push_back(now);
        return true;
    }

private:
    QElapsedTimer m_clock;
    std::deque<qint64> m_admitted; // monotonic ms of the requests in the window
    qint64 m_limit = 0;
    qint64 m_windowMs = 0;
};

} // namespace sb::sandbox
