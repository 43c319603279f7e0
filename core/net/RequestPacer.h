// A token bucket that keeps a client under a provider's published request rate, so 429s are the exception.
#pragma once

#include "common/Time.h"

#include <deque>

namespace sb::net {

class RequestPacer {
public:
    // `requests` per `windowMs`, allowing bursts of up to `burst` requests. requests <= 0 means no pacing.
    RequestPacer(double requests = 0, Millis windowMs = 1000, double burst = 1);

    void configure(double requests, Millis windowMs, double burst);
    // Rolling-window pacing: at most `cap` requests sent in any `windowMs` (the client's own count). A long
    // run is then as fast as the limit allows: `cap` at once, and each later request as soon as the one
    // `cap` places before it leaves the window.
    void configureRolling(int cap, Millis windowMs);
    // Milliseconds to wait before the next request may go; 0 when it may go now.
    Millis delayBeforeNext(Millis now);
    // Records that a request went out at `now`.
    void consume(Millis now);
    // After a 429: empty the bucket so the next requests slow down.
    void drain(Millis now);
    bool enabled() const { return m_ratePerMs > 0 || m_rollingCap > 0; }

private:
    void refill(Millis now);
    int rollingCap(Millis now) const;
    double m_ratePerMs = 0;
    double m_burst = 1;
    double m_tokens = 1;
    Millis m_last = 0;
    // Rolling mode (m_rollingCap > 0): the send times inside the window, oldest first.
    int m_rollingCap = 0;
    Millis m_windowMs = 0;
    Millis m_throttledAt = 0; // the last 429: for one window after it, half the cap
    std::deque<Millis> m_sent;
};

// Paces under a provider's rolling-window limit ("at most `limit` requests in any `windowMs`"): 95 % of the
// limit in any window by the client's own count, the rest left for the console's actions and the clock
// difference between sending and the provider's counting. A small sync never waits; a full pass larger than
// the limit takes the bound the limit sets (one window per `limit` requests) and no more. After a 429
// (another client on the same key or address) half the cap holds for one window.
void paceUnderRollingLimit(RequestPacer &pacer, double limit, Millis windowMs);

} // namespace sb::net
