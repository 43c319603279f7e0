#include "sync/WebhookIngest.h"

#include "common/Log.h"
#include "domain/Types.h"
#include "providers/Observation.h"
#include "providers/kit/KitMapper.h"
#include "store/Store.h"
#include "sync/KitSync.h"
#include "sync/StripeSync.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace {

// Kit's event names (webhooks 2.0): subscriber.subscriber_activate, …_unsubscribe, …_bounce, …_complain,
// subscriber.tag_add, subscriber.tag_remove, and others the console does not act on beyond the subscriber.
Status applyKitEvent(KitSync &sync, const QJsonObject &event)
{
    const QString type = event.value("type"_L1).toString();
    const QJsonObject data = event.value("data"_L1).toObject();
    const QJsonObject subscriber = data.value("subscriber"_L1).toObject();
    const QString subscriberId = idText(subscriber.value("id"_L1));
    if (subscriberId.isEmpty())
        return Status::failure(ErrorKind::Parse, u"a Kit event without a subscriber id"_s);
    // The subscriber as the event shows it (state, address, name), as a listing would record it.
    if (Status s = sync.refresh(kit::kind::Subscriber, {}, subscriber); !s)
        return s;
    QString tagId = idText(data.value("tag"_L1).toObject().value("id"_L1));
    if (tagId.isEmpty())
        tagId = idText(data.value("tag_id"_L1));
    if (tagId.isEmpty())
        return {};
    if (type == "subscriber.tag_add"_L1) {
        QJsonObject listed = subscriber;
        const qint64 created = event.value("created"_L1).toInteger();
        listed.insert(u"tagged_at"_s, created > 0 ? isoUtc(secondsToMillis(created)) : isoUtc(Clock::now()));
        return sync.refresh(kit::kind::Tag, tagId, listed);
    }
    if (type == "subscriber.tag_remove"_L1)
        return sync.refreshRemoval(kit::kind::Tag, tagId, subscriberId);
    return {};
}

} // namespace

Result<WebhookReport> ingestStripeEvent(StripeSync &sync, const QJsonObject &event)
{
    WebhookReport report;
    report.provider = provider::Stripe;
    const QString id = event.value("id"_L1).toString();
    report.eventIds.append(id);
    report.types.append(event.value("type"_L1).toString());
    if (!id.startsWith("evt_"_L1) || event.value("object"_L1).toString() != "event"_L1)
        return Error{ErrorKind::Parse, u"The body is not a Stripe event (no evt_ id or object \"event\")."_s};
    auto applied = sync.applyPushedEvent(event);
    if (!applied)
        return applied.error();
    // applyPushedEvent says false for a duplicate and for an event it could not map; tell them apart.
    if (applied.value())
        ++report.applied;
    else
        ++report.duplicates;
    report.storedAt = Clock::now();
    return report;
}

Result<WebhookReport> ingestKitDelivery(store::Store &store, KitSync *sync, const QJsonObject &delivery)
{
    WebhookReport report;
    report.provider = provider::Kit;
    if (!sync)
        return Error{ErrorKind::Unavailable,
                     u"Kit is not connected here, so its events cannot be applied."_s};
    const QJsonValue events = delivery.value("events"_L1);
    if (!events.isArray())
        return Error{ErrorKind::Parse, u"The body is not a Kit delivery (no \"events\" list)."_s};
    for (const QJsonValue &v : events.toArray()) {
        const QJsonObject event = v.toObject();
        const QString id = idText(event.value("id"_L1));
        report.eventIds.append(id);
        report.types.append(event.value("type"_L1).toString());
        if (id.isEmpty()) {
            ++report.unusable;
            continue;
        }
        if (store.hasRaw(provider::Kit, kKitWebhookEventKind, id)) {
            ++report.duplicates;
            continue;
        }
        if (Status s = applyKitEvent(*sync, event); !s) {
            if (s.error().kind != ErrorKind::Parse)
                return s.error(); // the cache failed: the sender retries the whole delivery
            qCWarning(lcWebhooks) << "Kit event" << id << "not applied:" << s.error().message;
            ++report.unusable;
            continue;
        }
        // Recorded after it was applied: a crash in between re-applies the same snapshot, which is harmless.
        IngestItem seen;
        const qint64 created = event.value("created"_L1).toInteger();
        seen.raw = rawRecord(provider::Kit, kKitWebhookEventKind, id, event, secondsToMillis(created),
                             secondsToMillis(created));
        if (Status s = store.begin(); !s)
            return s.error();
        if (auto r = store.ingest(seen); !r) {
            store.rollback();
            return r.error();
        }
        if (Status s = store.commit(); !s)
            return s.error();
        ++report.applied;
    }
    report.storedAt = Clock::now();
    return report;
}

} // namespace sb::sync
