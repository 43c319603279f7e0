// Answers Stripe API requests (/v1/...) from a StripeWorld the way api.stripe.com does: auth and key
// permissions, rate limit, list pagination and filters, search, retrieve, customer creation, webhook
// endpoints (and events' pending_webhooks and delivery_success from their deliveries), and Stripe's error
// bodies.
#pragma once

#include "HttpServer.h"
#include "InjectedFaults.h"
#include "StripeKeys.h"
#include "StripeObjects.h"
#include "StripeWebhooks.h"
#include "StripeWrites.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QString>

#include <optional>
#include <span>

namespace sb::sandbox::stripe {

class StripeWorld;
class StripeJson;

class StripeApi {
public:
    explicit StripeApi(StripeWorld &world);

    void setKey(const QString &key) { m_keys.setSecretKey(key); }
    void addRestrictedKey(const QString &key, const QHash<QString, StripeAccess> &access)
    {
        m_keys.addRestricted(key, access);
    }
    // A new world: objects created through the API and their idempotency keys are gone (webhook endpoints
    // are reset by the sandbox, which loads the world's own).
    void worldReplaced() { m_writes.forget(); }
    StripeWebhooks &webhooks() { return m_webhooks; }
    const StripeWebhooks &webhooks() const { return m_webhooks; }
    // The body of a webhook delivery: exactly what GET /v1/events/{id} answers now (pending_webhooks
    // included); nullopt when the event is unknown or older than the 30-day window.
    std::optional<QByteArray> eventBody(const QString &id, qint64 now) const;
    void setRateLimit(int requestsPerSecond) { m_rateLimit = requestsPerSecond; }
    void failNext(int count, int status) { m_faults.set(count, status); }

    // `now` is the sandbox clock in unix seconds (for the events window).
    HttpResponse handle(const HttpRequest &request, qint64 now);

    qint64 requestCount() const { return m_requests; }
    qint64 rateLimitedCount() const { return m_rateLimited; }

private:
    struct Call; // one request in flight

    HttpResponse route(Call &call);
    HttpResponse listCustomers(Call &call);
    HttpResponse searchCustomers(Call &call);
    HttpResponse listEvents(Call &call);
    HttpResponse listSubscriptions(Call &call);
    HttpResponse retrieve(Call &call, const QString &resource, const QString &id);
    HttpResponse listSimple(Call &call, const QString &resource);
    HttpResponse webhookEndpoints(Call &call, const QString &id);
    HttpResponse deleteWebhookEndpoint(Call &call, const QString &id);
    // An event with its pending_webhooks (the renderer knows nothing of deliveries).
    QJsonObject renderEvent(const StripeJson &json, const Event &e) const;
    HttpResponse listLineItems(Call &call, const QString &session);
    HttpResponse listInvoicePayments(Call &call);
    // One page of a parent's sub-list (line items, invoice payments), paged by the items' ids.
    static HttpResponse pageOfList(const Call &call, const QJsonArray &items, const QString &url,
                                   const QString &noun);

    template <typename T, typename Pred>
    HttpResponse listTable(Call &call, const T &table, std::optional<std::span<const int>> candidates,
                           Pred pred, const QString &url, const QString &noun, qint64 minCreated = 0);

    bool checkParams(Call &call, const QSet<QString> &allowed);
    bool parseList(Call &call);
    QString nextRequestId();

    const StripeWorld &m_world;
    StripeKeys m_keys;
    StripeWrites m_writes;
    StripeWebhooks m_webhooks;
    int m_rateLimit = 0;
    InjectedFaults m_faults;
    qint64 m_requests = 0;
    qint64 m_rateLimited = 0;
    qint64 m_window = -1;
    int m_windowCount = 0;
    quint64 m_requestCounter = 0;
    QElapsedTimer m_clock;
};

} // namespace sb::sandbox::stripe
