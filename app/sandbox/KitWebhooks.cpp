#include "KitWebhooks.h"

#include "JsonParams.h"
#include "KitJson.h"
#include "KitWorld.h"

#include <QJsonObject>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox::kit {

namespace {

// The subscriber events the sandbox can tell about (Kit has more: forms, courses, link clicks, purchases
// and custom fields, none of which the sandbox models).
const QStringList &subscriberEvents()
{
    static const QStringList names = {u"subscriber.subscriber_activate"_s,
                                      u"subscriber.subscriber_unsubscribe"_s,
                                      u"subscriber.subscriber_bounce"_s,
                                      u"subscriber.subscriber_complain"_s,
                                      u"subscriber.tag_add"_s,
                                      u"subscriber.tag_remove"_s};
    return names;
}

bool isTagEvent(const QString &name)
{
    return name == u"subscriber.tag_add" || name == u"subscriber.tag_remove";
}

QString stateEvent(const QString &state)
{
    if (state == u"active")
        return u"subscriber.subscriber_activate"_s;
    if (state == u"cancelled")
        return u"subscriber.subscriber_unsubscribe"_s;
    if (state == u"bounced")
        return u"subscriber.subscriber_bounce"_s;
    if (state == u"complained")
        return u"subscriber.subscriber_complain"_s;
    return {};
}

} // namespace

QJsonObject KitWebhooks::render(const KitWebhook &hook)
{
    QJsonObject event{{u"name"_s, hook.event}, {u"initiator_value"_s, QJsonValue::Null}};
    if (hook.tagId != 0)
        event.insert(u"tag_id"_s, hook.tagId);
    return QJsonObject{{u"id"_s, hook.id},
                       {u"account_id"_s, KitAccountId},
                       {u"event"_s, event},
                       {u"target_url"_s, hook.targetUrl}};
}

HttpResponse KitWebhooks::create(const HttpRequest &request, const KitWorld &world)
{
    // UNSURE: Kit documents no error bodies for this endpoint; these follow its other 422s.
    const std::optional<JsonParams> params = JsonParams::read(request);
    if (!params)
        return kitError(400, u"The request body is not valid JSON"_s);
    const QString target = params->text(u"target_url"_s);
    if (target.isEmpty())
        return kitError(422, u"Target url can't be blank"_s);
    const QUrl url(target, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return kitError(422, u"Target url is invalid"_s);
    const QJsonObject event = params->value(u"event"_s).toObject();
    const QString name = event.value(u"name").toString();
    if (name.isEmpty())
        return kitError(422, u"Event name can't be blank"_s);
    if (!subscriberEvents().contains(name))
        return kitError(422, u"Event name is not supported: "_s + name);
    KitWebhook hook;
    hook.id = m_nextId++;
    hook.event = name;
    hook.targetUrl = target;
    if (isTagEvent(name)) {
        hook.tagId = JsonParams::idOf(event.value(u"tag_id"));
        if (hook.tagId == 0)
            return kitError(422, u"Tag id is required for "_s + name);
        if (!world.findTag(hook.tagId))
            return notFound();
    }
    m_hooks.append(hook);
    HttpResponse r;
    r.status = 201;
    r.body = toBody(QJsonObject{{u"webhook"_s, render(hook)}});
    return r;
}

HttpResponse KitWebhooks::remove(const QString &id)
{
    const qint64 wanted = JsonParams::idOf(id);
    if (wanted == 0 || m_hooks.removeIf([wanted](const KitWebhook &h) { return h.id == wanted; }) == 0)
        return notFound();
    HttpResponse r;
    r.status = 204;
    return r;
}

KitWebhooks::Snapshot KitWebhooks::snapshot(const KitWorld &world)
{
    Snapshot s;
    s.subscribers.reserve(world.subscribers().size());
    for (const Subscriber &sub : world.subscribers())
        s.subscribers.emplace_back(sub.state, sub.tags.keys());
    return s;
}

QList<KitChange> KitWebhooks::changes(const Snapshot &before, const KitWorld &world)
{
    QList<KitChange> out;
    const std::vector<Subscriber> &now = world.subscribers();
    for (size_t i = 0; i < now.size(); ++i) {
        const Subscriber &s = now[i];
        const bool isNew = i >= before.subscribers.size();
        const QString oldState = isNew ? QString() : before.subscribers[i].first;
        const QList<qint64> oldTags = isNew ? QList<qint64>() : before.subscribers[i].second;
        if (s.state != oldState) {
            const QString type = stateEvent(s.state);
            if (!type.isEmpty())
                out.append(KitChange{type, s.id, 0});
        }
        for (auto it = s.tags.cbegin(); it != s.tags.cend(); ++it) {
            if (!oldTags.contains(it.key()))
                out.append(KitChange{u"subscriber.tag_add"_s, s.id, it.key()});
        }
        for (qint64 tag : oldTags) {
            if (!s.tags.contains(tag))
                out.append(KitChange{u"subscriber.tag_remove"_s, s.id, tag});
        }
    }
    return out;
}

} // namespace sb::sandbox::kit
