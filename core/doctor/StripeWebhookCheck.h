// Stripe's side of the webhook pipeline, read through the API (read-only): which endpoints exist, whether
// they are enabled and subscribed to every event type the policy needs, their API version, and the events of
// the last 30 days whose delivery failed (delivery_success=false; pending_webhooks > 0), with an alert when
// failures come in a burst (by default 3 within 10 minutes).
#pragma once

#include "common/Config.h"
#include "doctor/Check.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSqlDatabase>
#include <memory>

class QNetworkAccessManager;

namespace sb::stripe {
class StripeClient;
}

namespace sb::doctor {

// The event types Switchboard needs from Stripe: always customers, payments, refunds and disputes; the
// subscription and invoice events when something sold is a subscription (or when it cannot tell); checkout
// completion when something is sold once.
QStringList requiredStripeEvents(bool sellsSubscriptions, bool sellsOneTime);
// The same, from the prices in the cache (recurring or not); both kinds when none is known yet.
QStringList requiredStripeEvents(QSqlDatabase db);

class StripeWebhookCheck : public QObject {
    Q_OBJECT
public:
    StripeWebhookCheck(QNetworkAccessManager *nam, StripeSettings settings, QObject *parent = nullptr);
    ~StripeWebhookCheck() override;

    void setRequiredEvents(const QStringList &types) { m_required = types; }
    void setBurstAlert(int failures, int windowMinutes)
    {
        m_burstFailures = failures;
        m_burstWindowMinutes = windowMinutes;
    }
    void start();
    void cancel();

Q_SIGNALS:
    void finished(const QList<sb::doctor::Check> &checks);

private:
    void fetchEndpoints(const QString &startingAfter);
    void fetchFailedEvents(const QString &startingAfter);
    void finish();
    void stopWith(const QString &what, const Error &error);

    std::unique_ptr<stripe::StripeClient> m_client;
    QStringList m_required;
    int m_burstFailures = 3;
    int m_burstWindowMinutes = 10;
    QList<QJsonObject> m_endpoints;
    QList<QJsonObject> m_failedEvents;
    QList<Check> m_checks;
    bool m_done = false;
    int m_pages = 0;
};

} // namespace sb::doctor
