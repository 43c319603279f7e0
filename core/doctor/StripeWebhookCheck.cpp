#include "doctor/StripeWebhookCheck.h"

#include "providers/stripe/StripeClient.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::doctor {

namespace {

constexpr int kMaxEventPages = 20; // 2,000 failed events are plenty to judge a pipeline by
const QString kArea = u"stripe_webhooks"_s;

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host == "localhost"_L1 || host == "127.0.0.1"_L1 || host == "::1"_L1;
}

} // namespace

QStringList requiredStripeEvents(bool sellsSubscriptions, bool sellsOneTime)
{
    QStringList types{u"customer.created"_s, u"customer.updated"_s,       u"charge.succeeded"_s,
                      u"charge.refunded"_s,  u"charge.dispute.created"_s, u"charge.dispute.closed"_s};
    if (sellsSubscriptions || !sellsOneTime)
        types += {u"customer.subscription.created"_s, u"customer.subscription.updated"_s,
                  u"customer.subscription.deleted"_s, u"invoice.paid"_s, u"invoice.payment_failed"_s};
    if (sellsOneTime || !sellsSubscriptions)
        types += {u"checkout.session.completed"_s};
    return types;
}

QStringList requiredStripeEvents(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT json_type(json, '$.recurring') = 'object', count(*) FROM raw_objects"
                " WHERE provider = 'stripe' AND kind = 'price' GROUP BY 1"_s))
        return requiredStripeEvents(true, true);
    bool subscriptions = false, oneTime = false;
    while (q.next())
        (q.value(0).toBool() ? subscriptions : oneTime) = true;
    return requiredStripeEvents(subscriptions, oneTime);
}

StripeWebhookCheck::StripeWebhookCheck(QNetworkAccessManager *nam, StripeSettings settings, QObject *parent)
    : QObject(parent)
    , m_client(std::make_unique<stripe::StripeClient>(nam, std::move(settings)))
    , m_required(requiredStripeEvents(true, true))
{}

StripeWebhookCheck::~StripeWebhookCheck() = default;

void StripeWebhookCheck::start()
{
    m_endpoints.clear();
    m_failedEvents.clear();
    m_checks.clear();
    m_done = false;
    m_pages = 0;
    fetchEndpoints({});
}

void StripeWebhookCheck::cancel()
{
    if (m_done)
        return;
    m_client->cancelAll();
    m_checks.append({kArea,
                     u"cancelled"_s,
                     Level::Skipped,
                     tr("Stripe's webhook settings were not read (cancelled)"),
                     {},
                     {},
                     90,
                     {}});
    m_done = true;
    Q_EMIT finished(m_checks);
}

void StripeWebhookCheck::stopWith(const QString &what, const Error &error)
{
    const bool permission = error.kind == ErrorKind::Auth;
    m_checks.append({kArea,
                     u"read"_s,
                     Level::Skipped,
                     tr("Could not read %1 from Stripe").arg(what),
                     error.message,
                     permission
                         ? tr("Give the key Switchboard uses Read access to Webhook Endpoints and Events "
                              "(a restricted key's permissions), then run the check again.")
                         : tr("Check the connection to Stripe on the Connections page, then run again."),
                     30,
                     {}});
    m_done = true;
    Q_EMIT finished(m_checks);
}

void StripeWebhookCheck::fetchEndpoints(const QString &startingAfter)
{
    stripe::Query q{{u"limit"_s, u"100"_s}};
    if (!startingAfter.isEmpty())
        q.append({u"starting_after"_s, startingAfter});
    QPointer<StripeWebhookCheck> self(this);
    m_client->get(u"/v1/webhook_endpoints"_s, q, [self](Result<QJsonObject> r) {
        if (!self || self->m_done)
            return;
        if (!r) {
            self->stopWith(tr("the webhook endpoints"), r.error());
            return;
        }
        const QJsonArray data = r.value().value("data"_L1).toArray();
        for (const QJsonValue &v : data)
            self->m_endpoints.append(v.toObject());
        if (r.value().value("has_more"_L1).toBool() && !data.isEmpty() && self->m_endpoints.size() < 1000)
            self->fetchEndpoints(data.last().toObject().value("id"_L1).toString());
        else
            self->fetchFailedEvents({});
    });
}

void StripeWebhookCheck::fetchFailedEvents(const QString &startingAfter)
{
    const qint64 since = Clock::now() / 1000 - 30LL * 24 * 3600;
    stripe::Query q{{u"delivery_success"_s, u"false"_s},
                    {u"created[gte]"_s, QString::number(since)},
                    {u"limit"_s, u"100"_s}};
    if (!startingAfter.isEmpty())
        q.append({u"starting_after"_s, startingAfter});
    QPointer<StripeWebhookCheck> self(this);
    m_client->get(u"/v1/events"_s, q, [self](Result<QJsonObject> r) {
        if (!self || self->m_done)
            return;
        if (!r) {
            self->stopWith(tr("the events whose delivery failed"), r.error());
            return;
        }
        const QJsonArray data = r.value().value("data"_L1).toArray();
        for (const QJsonValue &v : data) {
            const QJsonObject e = v.toObject();
            // Listed because a delivery is pending or failed; an event still in flight for a second is not.
            if (e.value("pending_webhooks"_L1).toInt() > 0)
                self->m_failedEvents.append(e);
        }
        if (r.value().value("has_more"_L1).toBool() && !data.isEmpty() && ++self->m_pages < kMaxEventPages)
            self->fetchFailedEvents(data.last().toObject().value("id"_L1).toString());
        else
            self->finish();
    });
}

void StripeWebhookCheck::finish()
{
    int enabled = 0;
    for (const QJsonObject &e : std::as_const(m_endpoints)) {
        const QString id = e.value("id"_L1).toString();
        const QUrl url(e.value("url"_L1).toString());
        // Without query, credentials or fragment: an endpoint URL may carry a token.
        const QString shown =
            url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment).toDisplayString();
        QJsonObject facts{{u"id"_s, id},
                          {u"url"_s, shown},
                          {u"status"_s, e.value("status"_L1)},
                          {u"api_version"_s, e.value("api_version"_L1)},
                          {u"enabled_events"_s, e.value("enabled_events"_L1)}};
        if (e.value("status"_L1).toString() != "enabled"_L1) {
            m_checks.append(
                {kArea, id + u".status"_s, Level::Warn, tr("Endpoint %1 is disabled").arg(shown),
                 tr("Stripe sends nothing to it."),
                 tr("Enable it in Stripe (Developers → Webhooks), or delete it if it is not used."), 40,
                 facts});
            continue;
        }
        ++enabled;
        QSet<QString> subscribed;
        for (const QJsonValue &t : e.value("enabled_events"_L1).toArray())
            subscribed.insert(t.toString());
        QStringList missing;
        if (!subscribed.contains(u"*"_s)) {
            for (const QString &t : std::as_const(m_required))
                if (!subscribed.contains(t))
                    missing.append(t);
        }
        if (!missing.isEmpty()) {
            m_checks.append(
                {kArea, id + u".events"_s, Level::Fail,
                 tr("Endpoint %1 misses event types your products need (%2)").arg(shown).arg(missing.size()),
                 tr("Not subscribed: %1.").arg(missing.join(u", "_s)),
                 tr("Add these event types to the endpoint in Stripe (Developers → Webhooks → the "
                    "endpoint → Select events)."),
                 10, facts});
        } else {
            m_checks.append({kArea,
                             id + u".events"_s,
                             Level::Ok,
                             tr("Endpoint %1 receives every event type your products need").arg(shown),
                             subscribed.contains(u"*"_s)
                                 ? tr("Subscribed to all events.")
                                 : tr("Event types subscribed: %1.").arg(subscribed.size()),
                             {},
                             50,
                             facts});
        }
        if (url.scheme() != "https"_L1 && !isLoopback(url))
            m_checks.append({kArea, id + u".url"_s, Level::Fail, tr("Endpoint %1 is not https").arg(shown),
                             tr("Events, with your customers' details, travel unencrypted."),
                             tr("Serve the endpoint over https and update its URL in Stripe."), 15, facts});
        const QString version = e.value("api_version"_L1).toString();
        m_checks.append(version.isEmpty()
                            ? Check{kArea, id + u".api_version"_s, Level::Warn,
                                    tr("Endpoint %1 follows the account's default API version").arg(shown),
                                    tr("Its event shapes change when the account's version is upgraded."),
                                    tr("Pin the endpoint's API version when you create it, and test before "
                                       "upgrading."),
                                    70, facts}
                            : Check{kArea,
                                    id + u".api_version"_s,
                                    Level::Ok,
                                    tr("Endpoint %1 uses API version %2").arg(shown, version),
                                    {},
                                    {},
                                    70,
                                    facts});
    }
    if (enabled == 0) {
        m_checks.prepend(
            {kArea, u"endpoints"_s, Level::Fail,
             m_endpoints.isEmpty() ? tr("Stripe has no webhook endpoint")
                                   : tr("Stripe has no enabled webhook endpoint"),
             tr("Nothing hears about a payment as it happens: access is granted only when someone or "
                "something polls."),
             tr("Add an endpoint in Stripe (Developers → Webhooks) for the service that grants access, "
                "with the event types listed here."),
             5, QJsonObject{{u"endpoints"_s, int(m_endpoints.size())}}});
    }

    // Failed deliveries in the last 30 days, and the worst burst of them.
    QList<qint64> times;
    QStringList examples;
    for (const QJsonObject &e : std::as_const(m_failedEvents)) {
        times.append(e.value("created"_L1).toInteger());
        if (examples.size() < 5)
            examples.append(u"%1 (%2)"_s.arg(e.value("id"_L1).toString(), e.value("type"_L1).toString()));
    }
    std::sort(times.begin(), times.end());
    int burst = 0;
    qint64 burstAt = 0;
    for (qsizetype i = 0, j = 0; i < times.size(); ++i) {
        while (times.at(i) - times.at(j) >= qint64(m_burstWindowMinutes) * 60)
            ++j;
        if (int(i - j + 1) > burst) {
            burst = int(i - j + 1);
            burstAt = times.at(i);
        }
    }
    const QJsonObject facts{{u"failed_events"_s, int(times.size())},
                            {u"worst_burst"_s, burst},
                            {u"worst_burst_at"_s, burstAt ? isoUtc(burstAt * 1000) : QString()},
                            {u"alert_threshold"_s, m_burstFailures},
                            {u"alert_window_minutes"_s, m_burstWindowMinutes}};
    if (times.isEmpty()) {
        m_checks.append({kArea,
                         u"deliveries"_s,
                         Level::Ok,
                         tr("No failed webhook delivery in the last 30 days"),
                         {},
                         {},
                         60,
                         facts});
    } else {
        const bool alert = burst >= m_burstFailures;
        m_checks.append(
            {kArea, u"deliveries"_s, alert ? Level::Fail : Level::Warn,
             alert ? tr("Alert: %1 webhook deliveries failed within %2 minutes (%3 in 30 days)")
                         .arg(burst)
                         .arg(m_burstWindowMinutes)
                         .arg(times.size())
                   : tr("Failed webhook deliveries in the last 30 days: %1").arg(times.size()),
             tr("For example: %1. Stripe retries for up to three days; until one succeeds, whoever paid may "
                "be "
                "waiting for access.")
                 .arg(examples.join(u", "_s)),
             tr("Open the endpoint in Stripe (Developers → Webhooks) to see the errors, fix the endpoint, "
                "then "
                "resend the failed events. Switchboard's Attention page shows who is waiting."),
             alert ? 8 : 25, facts});
    }
    m_done = true;
    Q_EMIT finished(m_checks);
}

} // namespace sb::doctor
