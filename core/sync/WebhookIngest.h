// What a verified webhook delivery does to the cache (webhooks/WebhookReceiver hands it over on the sync
// thread). Deliveries are deduplicated by event id *together with pulled events*: a Stripe event received
// live is the raw event the next sync would have pulled (and skips), and one received twice, or after it was
// pulled, changes nothing. Out-of-order deliveries are harmless because every snapshot carries its time and
// an older one never overwrites a newer one (Store::ingest).
#pragma once

#include "common/Result.h"
#include "common/Time.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QStringList>

namespace sb::store {
class Store;
}

namespace sb::sync {

class StripeSync;
class KitSync;

struct WebhookReport {
    QString provider;     // "stripe" or "kit"
    QStringList eventIds; // in the delivery, in order
    QStringList types;
    int applied = 0;         // new events applied to the cache
    int duplicates = 0;      // already there (received or pulled before)
    int unusable = 0;        // verified but not applicable (no id, an object the mapper cannot read)
    Millis receivedAt = 0;   // the delivery's last byte
    Millis storedAt = 0;     // committed to the cache
    Millis reconciledAt = 0; // the findings of its people updated (0: nothing to reconcile)
};

// Kit keeps no raw copy of a pushed event: this kind records the ids seen, so a redelivery is a duplicate.
inline const QString kKitWebhookEventKind = QStringLiteral("webhook_event");

// A Stripe event object (the body of a Stripe webhook). `keyMode`: "live" or "test" from the cache's Stripe
// key (empty: unknown); an event of the other mode is refused (`stripe listen` forwards test events unless
// told
// --live, and a test payment must never be a finding in the live cache).
Result<WebhookReport> ingestStripeEvent(StripeSync &sync, const QJsonObject &event, const QString &keyMode);
// "live", "test" or "" for a Stripe key.
QString stripeKeyMode(const QString &apiKey);
// A Kit webhooks 2.0 delivery: {"delivery_id", "events": [{"id","type","created","data":{"subscriber",…}}]}.
// `sync` may be null (Kit not connected): the delivery is refused, since it could not be applied.
Result<WebhookReport> ingestKitDelivery(store::Store &store, KitSync *sync, const QJsonObject &delivery);

} // namespace sb::sync

Q_DECLARE_METATYPE(sb::sync::WebhookReport)
