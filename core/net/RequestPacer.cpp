#include "net/RequestPacer.h"

#include <algorithm>
#include <cmath>

namespace sb::net {

RequestPacer::RequestPacer(double requests, Millis windowMs, double burst)
{
    configure(requests, windowMs, burst);
}

void RequestPacer::configure(double requests, Millis windowMs, double burst)
{
    m_ratePerMs = (requests > 0 && windowMs > 0) ? requests / double(windowMs) : 0;
    m_burst = std::max(1.0, burst);
    m_tokens = m_burst;
    m_last = 0;
    m_rollingCap = 0;
    m_sent.clear();
}

void RequestPacer::configureRolling(int cap, Millis windowMs)
{
    m_ratePerMs = 0;
    m_rollingCap = windowMs > 0 ? std::max(0, cap) : 0;
    m_windowMs = windowMs;
    m_throttledAt = 0;
    m_sent.clear();
}

int RequestPacer::rollingCap(Millis now) const
{
    if (m_throttledAt && now - m_throttledAt < m_windowMs)
        return std::max(1, m_rollingCap / 2);
    return m_rollingCap;
}

void RequestPacer::refill(Millis now)
{
    if (m_last == 0) {
        m_last = now;
        return;
    }
    if (now > m_last) {
        m_tokens = std::min(m_burst, m_tokens + double(now - m_last) * m_ratePerMs);
        m_last = now;
    }
}

Millis RequestPacer::delayBeforeNext(Millis now)
{
    if (m_rollingCap > 0) {
        while (!m_sent.empty() && now - m_sent.front() >= m_windowMs)
            m_sent.pop_front();
        const auto cap = size_t(rollingCap(now));
        if (m_sent.size() < cap)
            return 0;
        // The request `cap` places back must leave the window (or the halving end, whichever is first).
        Millis wait = m_sent.at(m_sent.size() - cap) + m_windowMs - now;
        if (m_throttledAt)
            wait = std::min(wait, std::max<Millis>(1, m_throttledAt + m_windowMs - now));
        return std::max<Millis>(1, wait);
    }
    if (!enabled())
        return 0;
    refill(now);
    if (m_tokens >= 1.0)
        return 0;
    return Millis(std::ceil((1.0 - m_tokens) / m_ratePerMs));
}

void RequestPacer::consume(Millis now)
{
    if (m_rollingCap > 0) {
        m_sent.push_back(now);
        while (m_sent.size() > size_t(m_rollingCap))
            m_sent.pop_front();
        return;
    }
    if (!enabled())
        return;
    refill(now);
    m_tokens -= 1.0;
}

void RequestPacer::drain(Millis now)
{
    if (m_rollingCap > 0) {
        m_throttledAt = now;
        return;
    }
    if (!enabled())
        return;
    refill(now);
    m_tokens = std::min(m_tokens, 0.0);
}

void paceUnderRollingLimit(RequestPacer &pacer, double limit, Millis windowMs)
{
    // Clamped: a limit from the INI file may be any size (1e9 means "do not pace").
    pacer.configureRolling(int(std::clamp(limit * 0.95, 1.0, 1e9)), windowMs);
}

} // namespace sb::net
