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
    if (!enabled())
        return 0;
    refill(now);
    if (m_tokens >= 1.0)
        return 0;
    return Millis(std::ceil((1.0 - m_tokens) / m_ratePerMs));
}

void RequestPacer::consume(Millis now)
{
    if (!enabled())
        return;
    refill(now);
    m_tokens -= 1.0;
}

void RequestPacer::drain(Millis now)
{
    if (!enabled())
        return;
    refill(now);
    m_tokens = std::min(m_tokens, 0.0);
}

void paceUnderRollingLimit(RequestPacer &pacer, double limit, Millis windowMs)
{
    pacer.configure(limit * 0.5, windowMs, std::max(1.0, limit * 0.45));
}

} // namespace sb::net
