#include "net/RetryPolicy.h"

#include <QRandomGenerator>
#include <algorithm>

namespace sb::net {

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 429 || status == 409 || status >= 500;
}

bool RetryPolicy::isTransientNetworkError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::HostNotFoundError:
        return true;
    default:
        return false;
    }
}

RetryDecision RetryPolicy::decide(const RetryInput &in) const
{
    if (in.attempt >= maxAttempts)
        return {};
    bool retryable = false;
    if (in.unreadableBody)
        retryable = true;
    else if (in.httpStatus > 0)
        retryable = isRetryableStatus(in.httpStatus);
    else
        retryable = isTransientNetworkError(in.networkError);
    // The provider knows better than our status table (Stripe sends it on idempotency conflicts, for
    // example).
    if (in.shouldRetryHeader)
        retryable = *in.shouldRetryHeader;
    if (!retryable)
        return {};

    const int exp = std::min(in.attempt - 1, 16);
    const double ceiling = std::min<double>(maxDelayMs, double(baseDelayMs) * double(1 << exp));
    const double r = random ? random() : QRandomGenerator::global()->generateDouble();
    // Full jitter spreads retries of many clients; the floor keeps us from hammering on the first retry.
    int delay = int(ceiling / 2 + r * ceiling / 2);
    if (in.httpStatus == 429)
        delay = std::max(delay, rateLimitMinDelayMs);
    if (in.retryAfterSeconds)
        delay = std::max(delay, std::min(*in.retryAfterSeconds * 1000, 10 * 60 * 1000));
    return {true, delay};
}

} // namespace sb::net
