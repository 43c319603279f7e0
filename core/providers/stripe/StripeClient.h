// Stripe's REST API over one QNetworkAccessManager: pinned version, pacing, retries, errors naming
// Request-Id.
#pragma once

#include "common/Config.h"
#include "common/Result.h"
#include "net/ApiClient.h"

#include <QJsonObject>
#include <QObject>

class QNetworkAccessManager;

namespace sb::stripe {

// The one API version every request pins. Event payloads may still arrive in older shapes (see the mapper).
inline constexpr QLatin1StringView kApiVersion{"2025-03-31.basil"};

using Query = net::Query;

class StripeClient : public QObject {
    Q_OBJECT
public:
    using Callback = net::ApiClient::Callback;

    StripeClient(QNetworkAccessManager *nam, StripeSettings settings, QObject *parent = nullptr);

    // GET base_url + path (e.g. "/v1/customers") with the query; the callback runs exactly once, on this
    // thread.
    void get(const QString &path, const Query &query, Callback callback)
    {
        m_api.get(path, query, std::move(callback));
    }
    // POST a form (Stripe's request encoding) with an Idempotency-Key, so a retry never acts twice. The
    // console reads Stripe; its one POST is the connection test's write-permission probe.
    void post(const QString &path, const Query &form, Callback callback)
    {
        m_api.send(net::Method::Post, path, form, {}, std::move(callback));
    }
    // Aborts everything in flight; their callbacks get ErrorKind::Cancelled.
    void cancelAll() { m_api.cancelAll(); }

    qint64 requestsSent() const { return m_api.requestsSent(); }
    qint64 rateLimitedResponses() const { return m_api.rateLimitedResponses(); }
    net::RetryPolicy &retryPolicy() { return m_api.retryPolicy(); }
    Millis serverClockOffset() const { return m_api.serverClockOffset(); } // Stripe's clock minus ours

    static double defaultRate(const QString &apiKey);
    // The `limit` of the sync's list requests (StripeSettings::pageSize, 1..100).
    int pageSize() const { return m_pageSize; }

Q_SIGNALS:
    void requestSent();

private:
    net::ApiClient m_api;
    int m_pageSize = 100;
};

// Stripe's error body in one phrase: "message (type, code)".
QString errorDetail(const QByteArray &body);

} // namespace sb::stripe
