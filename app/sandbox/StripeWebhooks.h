// Stripe's webhook endpoints (from the world file and from the API) and, per event, the endpoints it was
// sent to and whether one delivery to each succeeded: what an event's pending_webhooks and the events list's
// delivery_success filter answer from. Sending is the Sandbox's (WebhookSender).
#pragma once

#include "Random.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace sb::sandbox::stripe {

struct WebhookEndpoint {
    QString id;
    QString url;
    QStringList enabledEvents; // event types, or "*"
    QString apiVersion;        // empty = null (the account's default version)
    QString description;       // empty = null
    QJsonObject metadata;
    QString secret; // whsec_…, made at run time
    qint64 created = 0;
    qint64 failingSince = -1; // world endpoints: deliveries of events created at or after it fail; -1 = never
    bool disabled = false;

    bool subscribes(const QString &type) const
    {
        return enabledEvents.contains(u"*") || enabledEvents.contains(type);
    }
    // Not a loopback http URL: never contacted, its deliveries' outcome is computed (failingSince).
    bool simulated() const;
    // The outcome of a simulated delivery of an event created at `eventCreated`, attempted at `attemptAt`
    // (a redelivery fails while the endpoint is failing).
    bool simulatedSuccess(qint64 eventCreated, qint64 attemptAt) const;
};

class StripeWebhooks {
public:
    // Forgets every endpoint and every delivery; ids are reproducible for the same salt.
    void reset(quint64 salt);

    // Stores `endpoint` with a new id (and a new secret when it has none) after every endpoint so far.
    const WebhookEndpoint &add(WebhookEndpoint endpoint);
    const WebhookEndpoint *find(const QString &id) const;
    WebhookEndpoint *find(const QString &id);
    bool remove(const QString &id); // with its deliveries, which no longer count as pending
    // In creation order.
    const QList<WebhookEndpoint> &endpoints() const { return m_endpoints; }

    // The event was sent (or is being sent) to the endpoint; until a delivery succeeds it is pending.
    void addTarget(const QString &event, const QString &endpoint);
    void setDelivered(const QString &event, const QString &endpoint);
    bool isTarget(const QString &event, const QString &endpoint) const;
    // Endpoints the event has not yet been delivered to: its pending_webhooks.
    int pending(const QString &event) const;
    QStringList pendingEndpoints(const QString &event) const;

private:
    QList<WebhookEndpoint> m_endpoints;
    QHash<QString, QHash<QString, bool>> m_targets; // event -> endpoint -> delivered
    IdGenerator m_ids;
};

} // namespace sb::sandbox::stripe
