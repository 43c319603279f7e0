// When to retry a provider request and how long to wait: exponential backoff with full jitter.
#pragma once

#include "common/Config.h"

#include <QNetworkReply>
#include <functional>
#include <optional>

namespace sb::net {

struct RetryInput {
    int attempt = 1;    // the attempt that just failed, from 1
    int httpStatus = 0; // 0 when no HTTP response arrived
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    std::optional<bool> shouldRetryHeader; // Stripe-Should-Retry
    std::optional<int> retryAfterSeconds;  // Retry-After
    bool unreadableBody = false; // a 2xx whose body is not the JSON asked for (cut short, a proxy's page)
};

struct RetryDecision {
    bool retry = false;
    int delayMs = 0;
};

class RetryPolicy {
public:
    int maxAttempts = 6;
    int baseDelayMs = 500;
    int maxDelayMs = 30000;
    int rateLimitMinDelayMs = 1000; // a 429 never retries sooner than this
    std::function<double()> random; // [0,1); defaults to a global generator

    void apply(const RetrySettings &s)
    {
        maxAttempts = s.maxAttempts;
        baseDelayMs = s.baseDelayMs;
        maxDelayMs = s.maxDelayMs;
        rateLimitMinDelayMs = s.rateLimitMinDelayMs;
    }
    RetryDecision decide(const RetryInput &in) const;
    static bool isRetryableStatus(int status);
    static bool isTransientNetworkError(QNetworkReply::NetworkError e);
};

} // namespace sb::net
