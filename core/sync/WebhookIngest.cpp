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
    // Stamped with the event's time, not the receipt's: a late retry must not overwrite a newer state. Kit's
    // times are whole seconds and a listing's are milliseconds: the event counts as the end of its second, so
    // a listing fetched earlier in that second does not hide it (one fetched later shows the same state
    // anyway).
    const qint64 created = event.value("created"_L1).toInteger();
    const Millis at = created > 0 ? secondsToMillis(created) + 999 : Clock::now();
    // The subscriber as the event shows it (state, address, name), as a listing would record it.
    if (Status s = sync.refresh(kit::kind::Subscriber, {}, subscriber, at); !s)
        return s;
    QString tagId = idText(data.value("tag"_L1).toObject().value("id"_L1));
    if (tagId.isEmpty())
        tagId = idText(data.value("tag_id"_L1));
    if (tagId.isEmpty())
        return {};
    if (type == "subscriber.tag_add"_L1) {
        QJsonObject listed = subscriber;
        listed.insert(u"tagged_at"_s, isoUtc(at));
        return sync.refresh(kit::kind::Tag, tagId, listed, at);
    }
    if (type == "subscriber.tag_remove"_L1)
        return sync.refreshRemoval(kit::kind::Tag, tagId, subscriberId, at);
    return {};
}

} // namespace

QString stripeKeyMode(const QString &apiKey)
{
    if (apiKey.contains("_live_"_L1))
        return u"live"_s;
    if (apiKey.contains("_test_"_L1))
        return u"test"_s;
    return {};
}

Result<WebhookReport> ingestStripeEvent(StripeSync &sync, const QJsonObject &event, const QString &keyMode)
{
    WebhookReport report;
    report.provider = provider::Stripe;
    const QString id = event.value("id"_L1).toString();
    report.eventIds.append(id);
    report.types.append(event.value("type"_L1).toString());
    if (!id.startsWith("evt_"_L1) || event.value("object"_L1).toString() != "event"_L1)
        return Error{ErrorKind::Parse, u"The body is not a Stripe event (no evt_ id or object \"event\")."_s};
    if (!keyMode.isEmpty()) {
        const QString mode = event.value("livemode"_L1).toBool() ? u"live"_s : u"test"_s;
        if (mode != keyMode)
            return Error{
                ErrorKind::Usage,
                u"A %1-mode event, and this cache is for %2 mode: not applied (forward %2 events only)."_s
                    .arg(mode, keyMode)};
    }
    auto applied = sync.applyPushedEvent(event);
    if (!applied)
        return applied.error();
    switch (applied.value()) {
    case StripeSync::Pushed::Applied:
        ++report.applied;
        break;
    case StripeSync::Pushed::Duplicate:
        ++report.duplicates;
        break;
    case StripeSync::Pushed::Unusable:
        ++report.unusable;
        break;
    }
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
