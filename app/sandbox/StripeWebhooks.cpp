#include "StripeWebhooks.h"

#include "WebhookSigning.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox::stripe {

bool WebhookEndpoint::simulated() const
{
    return !isLoopbackHttp(QUrl(url));
}

bool WebhookEndpoint::simulatedSuccess(qint64 eventCreated, qint64 attemptAt) const
{
    if (failingSince < 0)
        return true;
    return eventCreated < failingSince && attemptAt < failingSince;
}

void StripeWebhooks::reset(quint64 salt)
{
    m_endpoints.clear();
    m_targets.clear();
    m_ids.reset(salt);
}

const WebhookEndpoint &StripeWebhooks::add(WebhookEndpoint endpoint)
{
    endpoint.id = m_ids.make("we_"_L1, 24);
    if (endpoint.secret.isEmpty())
        endpoint.secret = makeWebhookSecret();
    m_endpoints.append(std::move(endpoint));
    return m_endpoints.constLast();
}

const WebhookEndpoint *StripeWebhooks::find(const QString &id) const
{
    const auto it = std::find_if(m_endpoints.cbegin(), m_endpoints.cend(),
                                 [&id](const WebhookEndpoint &e) { return e.id == id; });
    return it == m_endpoints.cend() ? nullptr : &*it;
}

WebhookEndpoint *StripeWebhooks::find(const QString &id)
{
    const auto it = std::find_if(m_endpoints.begin(), m_endpoints.end(),
                                 [&id](const WebhookEndpoint &e) { return e.id == id; });
    return it == m_endpoints.end() ? nullptr : &*it;
}

bool StripeWebhooks::remove(const QString &id)
{
    const qsizetype removed = m_endpoints.removeIf([&id](const WebhookEndpoint &e) { return e.id == id; });
    if (removed == 0)
        return false;
    for (auto it = m_targets.begin(); it != m_targets.end();) {
        it->remove(id);
        it = it->isEmpty() ? m_targets.erase(it) : std::next(it);
    }
    return true;
}

void StripeWebhooks::addTarget(const QString &event, const QString &endpoint)
{
    QHash<QString, bool> &targets = m_targets[event];
    if (!targets.contains(endpoint))
        targets.insert(endpoint, false);
}

void StripeWebhooks::setDelivered(const QString &event, const QString &endpoint)
{
    const auto it = m_targets.find(event);
    if (it != m_targets.end() && it->contains(endpoint))
        it->insert(endpoint, true);
}

bool StripeWebhooks::isTarget(const QString &event, const QString &endpoint) const
{
    return m_targets.value(event).contains(endpoint);
}

int StripeWebhooks::pending(const QString &event) const
{
    const auto it = m_targets.constFind(event);
    if (it == m_targets.cend())
        return 0;
    return static_cast<int>(std::count(it->cbegin(), it->cend(), false));
}

QStringList StripeWebhooks::pendingEndpoints(const QString &event) const
{
    QStringList out;
    const QHash<QString, bool> targets = m_targets.value(event);
    // In the endpoints' creation order, so redeliveries go out in a stable order.
    for (const WebhookEndpoint &e : m_endpoints) {
        const auto it = targets.constFind(e.id);
        if (it != targets.cend() && !*it)
            out.append(e.id);
    }
    return out;
}

} // namespace sb::sandbox::stripe
