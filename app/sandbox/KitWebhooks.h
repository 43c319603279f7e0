// Kit's webhooks (API v4 /webhooks: create, list, delete) and the subscriber changes they are told about.
// Changes are found by comparing the subscribers before and after a write or a journey entry, so every way a
// subscriber changes (API writes, live journey entries) is seen the same way.
#pragma once

#include "HttpServer.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace sb::sandbox::kit {

class KitWorld;

struct KitWebhook {
    qint64 id = 0;
    QString event;    // subscriber.subscriber_activate, …, subscriber.tag_add, subscriber.tag_remove
    qint64 tagId = 0; // tag events only
    QString targetUrl;
};

// One subscriber change a webhook may be told about.
struct KitChange {
    QString type; // as KitWebhook::event
    qint64 subscriber = 0;
    qint64 tag = 0; // tag events only
};

class KitWebhooks {
public:
    // The subscribers' states and tags, to compare with after a change.
    struct Snapshot {
        std::vector<std::pair<QString, QList<qint64>>> subscribers; // by index: state, tag ids
    };

    // POST /webhooks: {"target_url", "event": {"name", "tag_id" (tag events)}} -> 201 {"webhook":{…}}.
    HttpResponse create(const HttpRequest &request, const KitWorld &world);
    // DELETE /webhooks/{id}: 204, or 404.
    HttpResponse remove(const QString &id);

    bool isEmpty() const { return m_hooks.isEmpty(); }
    const QList<KitWebhook> &webhooks() const { return m_hooks; }
    void clear() { m_hooks.clear(); }

    static Snapshot snapshot(const KitWorld &world);
    // What changed since `before`, in subscriber order: activations (new active subscribers, or back to
    // active), unsubscribes, bounces, complaints, tags added and removed.
    static QList<KitChange> changes(const Snapshot &before, const KitWorld &world);
    static bool matches(const KitWebhook &hook, const KitChange &change)
    {
        return hook.event == change.type && (hook.tagId == 0 || hook.tagId == change.tag);
    }
    static QJsonObject render(const KitWebhook &hook);

private:
    QList<KitWebhook> m_hooks;
    qint64 m_nextId = 7310001;
};

} // namespace sb::sandbox::kit
