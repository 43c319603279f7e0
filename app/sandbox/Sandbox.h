// The provider sandbox: a world of people and journeys served as faithful emulations of the Stripe, Circle
// and Kit APIs on loopback (Stripe reads, customer creation and webhook endpoints; Circle and Kit reads and
// writes; Kit webhooks), and a source of signed Stripe and Kit webhook deliveries to loopback receivers.
// Single-threaded and asynchronous: it lives on the caller's thread and event loop.
#pragma once

#include "Faults.h"
#include "StripeAccess.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <utility>

namespace sb::sandbox {

struct World;
struct HttpRequest;
struct HttpResponse;
class HttpServer;
class WebhookSender;
namespace stripe {
class StripeWorld;
class StripeApi;
} // namespace stripe
namespace circle {
class CircleWorld;
class CircleApi;
} // namespace circle
namespace kit {
class KitWorld;
class KitApi;
struct KitChange;
} // namespace kit

// One webhook delivery attempt (webhookDeliveries(), webhookDelivered()).
struct WebhookDelivery {
    QString provider; // "stripe" or "kit"
    QString endpoint; // a Stripe endpoint's id (we_…), or a Kit webhook's id
    QString eventId;  // evt_…, or the Kit event's uuid
    QDateTime attemptedAt;
    int httpStatus = 0;     // 0 when no answer came (refused, timed out) or the endpoint is simulated
    QString error;          // empty when delivered (a 2xx, or a simulated success)
    bool simulated = false; // not a loopback http URL: nothing was sent, the outcome was computed

    bool delivered() const { return error.isEmpty(); }
};

class Sandbox : public QObject {
    Q_OBJECT
public:
    using StripeAccess = sb::sandbox::StripeAccess;

    explicit Sandbox(QObject *parent = nullptr);
    ~Sandbox() override;

    bool loadWorldFile(const QString &path, QString *error); // also accepts ":/sandbox/demo-world.json"
    bool loadWorld(const QJsonObject &world, QString *error);
    void generateWorld(int people, quint64 seed); // deterministic for (people, seed)
    QJsonObject world() const;                    // the world as loaded/generated, plus entries added since

    bool listen(quint16 port = 0); // 127.0.0.1 only; 0 = any free port
    QUrl baseUrl() const;          // http://127.0.0.1:PORT

    void setKeys(const QString &stripeKey, const QString &circleToken, const QString &kitKey);
    // A restricted key (rk_test_… or rk_live_…) with per-resource access; resources not named are None.
    // Resource names: customers, charges, payment_intents, invoices, subscriptions, refunds, disputes,
    // checkout_sessions, events, products, prices, webhook_endpoints. The key set by setKeys keeps Write on
    // everything. Adding a key again replaces its grants. Other names are ignored with a warning.
    void addStripeRestrictedKey(const QString &key, const QHash<QString, StripeAccess> &access);
    // The Authorization scheme Circle requests must use: "Token", "Bearer" or "any" (the default).
    void setCircleAuthScheme(const QString &scheme);
    void setStripeRateLimit(int requestsPerSecond); // 0 = unlimited (the default)
    // Rolling-window limits: at most `requests` in any `windowSeconds`, beyond which the API answers 429 with
    // its provider's body. 0 = unlimited (the default; the executable sets Circle 2000/300 s and Kit 120/60
    // s).
    void setCircleRateLimit(int requests, int windowSeconds);
    void setKitRateLimit(int requests, int windowSeconds);
    // Test hook: the next `count` Stripe requests answer `httpStatus` with Stripe's error body
    // (5xx carry Stripe-Should-Retry: true).
    void failNextStripeRequests(int count, int httpStatus);
    // Fault injection (Faults.h; README.md "Fault injection"): replaces the plan and restarts its request
    // counts. The failNext*Requests hooks above work beside it. A plan's clock skew moves now() at once; load
    // the world again to have the world's times follow it.
    void setFaults(const FaultPlan &plan);
    bool setFaults(const QString &spec, QString *error); // false + error when the spec does not parse
    void addFault(const Fault &fault);                   // keeps the plan's other faults (counts restart)
    FaultPlan faults() const;
    void restoreKeys(); // keys a "revoke" fault spoilt work again (for good, for this plan)
    // Requests a fault acted on, per provider ("stripe", "circle", "kit"), revoked ones included.
    qint64 faultsServed(const QString &provider) const;
    qint64 stripeRequestCount() const;     // Stripe API requests served, 401 and 429 included
    qint64 stripeRateLimitedCount() const; // how many of them were answered 429
    // Test hooks: the next `count` Circle (Kit) requests answer `httpStatus` with the provider's error body
    // (Kit's 429 is the plain-text "Retry later"). Checked after the rate limit, before the token or key.
    void failNextCircleRequests(int count, int httpStatus);
    void failNextKitRequests(int count, int httpStatus);
    qint64 circleRequestCount() const; // Circle API requests served, 401 and 429 included
    qint64 kitRequestCount() const;    // Kit API requests served, 401 and 429 included
    // Circle (Kit) write requests that changed something remotely; a repeated, idempotent write that
    // changed nothing is not counted. API writes are not part of world()'s dump.
    qint64 circleWriteCount() const;
    qint64 kitWriteCount() const;

    // The sandbox clock (UTC). The world's "now" is the moment the world was loaded.
    QDateTime now() const;

    // Appends one journey entry to the person with this email (created if absent, with the entry's "name")
    // at the sandbox's current time, and materialises its objects and events as if it just happened.
    // provider: "stripe", "circle" or "kit". False + error if invalid.
    bool addJourneyEntry(const QString &email, const QString &provider, const QJsonObject &entry,
                         QString *error);

    // Webhooks. Stripe events made while the sandbox runs (journey entries, API writes) go to every enabled
    // endpoint created at or before them whose enabled_events hold "*" or their type; Kit subscriber changes
    // to every matching Kit webhook. Loopback http URLs (127.0.0.1, localhost, ::1) get a signed POST,
    // one at a time per endpoint, asynchronously; any other URL is simulated. Loading a world drops
    // endpoints made since, Kit webhooks, queued deliveries and the log.
    //
    // A Stripe endpoint as POST /v1/webhook_endpoints makes it, created now: its id, and its whsec_ secret
    // in `secretOut`. Empty (and a warning) when the URL is not http(s) or no event is named.
    QString addWebhookEndpoint(const QString &url, const QStringList &enabledEvents,
                               QString *secretOut = nullptr);
    QString webhookEndpointSecret(const QString &endpointId) const; // world endpoints' too; empty if unknown
    // Chaos for receivers: every delivery sent twice, and/or the deliveries of one change (one journey
    // entry, one API write, one redelivery) sent in an order shuffled by `seed`.
    void setWebhookChaos(bool duplicates, bool shuffle, quint64 seed);
    // Sends these Stripe events again to every endpoint that has not yet had one successful delivery of
    // them (Stripe's "resend"). Unknown ids are ignored.
    void redeliverEvents(const QStringList &eventIds);
    // Every attempt since the world was loaded, oldest first (outcomes computed at load for world
    // endpoints are not attempts and are not listed).
    QList<WebhookDelivery> webhookDeliveries() const;
    // The key Kit deliveries are signed with (X-Kit-Signature); by default one made at run time.
    void setKitWebhookSecret(const QString &secret);
    QString kitWebhookSecret() const;

Q_SIGNALS:
    void webhookDelivered(const sb::sandbox::WebhookDelivery &delivery);

private:
    struct AddedEntry {
        int person = 0;
        QString email;
        QString name;
        QString provider;
        QJsonObject entry;
    };

    bool load(QJsonObject json, QString *error);
    HttpResponse dispatch(const HttpRequest &incoming); // the fault plan around serve()
    HttpResponse serve(const HttpRequest &request);
    void loadWebhookEndpoints(qint64 loadNow);
    // Delivers the Stripe events at rows [fromRow, end) of the events table: they were just made.
    void deliverNewStripeEvents(size_t fromRow);
    // Sends (or, for simulated endpoints, settles) these (event, endpoint) deliveries, chaos applied.
    void sendStripe(QList<std::pair<QString, QString>> deliveries);
    void deliverKitChanges(const QList<kit::KitChange> &changes);
    template <typename T> QList<T> withChaos(QList<T> items);
    void record(const WebhookDelivery &delivery);

    std::unique_ptr<FaultEngine> m_faults; // first: now() reads its clock skew
    std::unique_ptr<World> m_world;
    QByteArray m_worldBytes; // the world as loaded, compact JSON
    QList<AddedEntry> m_added;
    std::unique_ptr<stripe::StripeWorld> m_stripe;
    std::unique_ptr<stripe::StripeApi> m_stripeApi;
    std::unique_ptr<circle::CircleWorld> m_circle;
    std::unique_ptr<circle::CircleApi> m_circleApi;
    std::unique_ptr<kit::KitWorld> m_kit;
    std::unique_ptr<kit::KitApi> m_kitApi;
    HttpServer *m_server = nullptr;
    quint16 m_port = 0;
    qint64 m_offset = 0;               // sandbox time = world time + offset
    WebhookSender *m_sender = nullptr; // a child, deleted first so no delivery outlives the sandbox's parts
    QList<WebhookDelivery> m_deliveries;
    QString m_kitWebhookSecret;
    bool m_chaosDuplicates = false;
    bool m_chaosShuffle = false;
    quint64 m_chaosState = 0;
};

} // namespace sb::sandbox
