// The Stripe writes the sandbox serves: POST /v1/customers (which the console also uses to probe a key's
// write access) and webhook endpoint creation and update, with Stripe's parameter checks and Idempotency-Key
// replay. Permission is checked by the caller.
#pragma once

#include "HttpServer.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace sb::sandbox::stripe {

class StripeWorld;
class StripeWebhooks;
struct WebhookEndpoint;

class StripeWrites {
public:
    explicit StripeWrites(StripeWorld &world);

    // `requestId` is this request's Request-Id (kept as Original-Request for replays); `now` is the sandbox
    // clock in unix seconds.
    HttpResponse createCustomer(const HttpRequest &request, const QString &requestId, qint64 now,
                                bool legacy);

    // POST /v1/webhook_endpoints: url and enabled_events[] required; api_version, description,
    // metadata[k], disabled. The answer is the only one that shows the endpoint's secret.
    HttpResponse createWebhookEndpoint(const HttpRequest &request, const QString &requestId, qint64 now,
                                       StripeWebhooks &hooks);
    // POST /v1/webhook_endpoints/{id}: url, enabled_events[], description, metadata[k], disabled.
    HttpResponse updateWebhookEndpoint(const HttpRequest &request, const QString &requestId,
                                       const QString &id, StripeWebhooks &hooks);
    // The webhook_endpoint object; `secret` only in the create answer, as Stripe shows it once.
    static QJsonObject renderWebhookEndpoint(const WebhookEndpoint &endpoint, bool withSecret);

    using Params = QList<QPair<QString, QString>>;
    // A write's parameters: the query string, then the form body (Stripe reads both alike).
    static Params params(const HttpRequest &request);
    // Stripe's Idempotency-Key rules around one write: the same key and parameters replay the first 200
    // (Idempotent-Replayed, Original-Request), other parameters are 400 idempotency_error; `make` runs
    // otherwise, and only its 200s are remembered.
    HttpResponse idempotent(const HttpRequest &request, const QString &requestId,
                            const std::function<HttpResponse(const Params &)> &make);

    void forget() { m_idempotent.clear(); }

private:
    HttpResponse makeCustomer(const Params &params, qint64 now, bool legacy);

    struct Saved {
        QByteArray fingerprint; // method, path and sorted parameters of the first request
        QString requestId;
        HttpResponse response;
    };

    StripeWorld &m_world;
    QHash<QString, Saved> m_idempotent; // Idempotency-Key -> first response
};

} // namespace sb::sandbox::stripe
