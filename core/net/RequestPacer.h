// A token bucket that keeps a client under a provider's published request rate, so 429s are the exception.
#pragma once

#include "common/Time.h"

namespace sb::net {

class RequestPacer {
public:
    // `requests` per `windowMs`, allowing bursts of up to `burst` requests. requests <= 0 means no pacing.
    RequestPacer(double requests = 0, Millis windowMs = 1000, double burst = 1);

    void configure(double requests, Millis windowMs, double burst);
    // Milliseconds to wait before the next request may go; 0 when it may go now.
    Millis delayBeforeNext(Millis now);
    // Records that a request went out at `now`.
    void consume(Millis now);
    // After a 429: empty the bucket so the next requests slow down.
    void drain(Millis now);
    bool enabled() const { return m_ratePerMs > 0; }

private:
    void refill(Millis now);
    double m_ratePerMs = 0;
    double m_burst = 1;
    double m_tokens = 1;
    Millis m_last = 0;
};

// Paces under a rolling-window limit ("at most `limit` requests in any `windowMs`") without making a small
// sync wait: a burst of 45 % of the limit goes at once, then the bucket refills at half the limit per window.
// In any window at most burst + refill = 95 % of the limit is sent.
void paceUnderRollingLimit(RequestPacer &pacer, double limit, Millis windowMs);

} // namespace sb::net
