// The Kit API v4 writes the sandbox serves: create or update a subscriber, unsubscribe, tag and untag (by id
// or address), add to a sequence (by id or address). They change the KitWorld the reads answer from, at the
// sandbox's now, and count only the requests that changed something. Auth, rate limit and injected faults
// are the caller's.
#pragma once

#include "HttpServer.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace sb::sandbox {
class JsonParams;
}

namespace sb::sandbox::kit {

class KitWorld;
struct Subscriber;

class KitWrites {
public:
    explicit KitWrites(KitWorld &world);

    // The answer to a POST or DELETE on `segments` (the path after /v4); nullopt when no write lives there.
    std::optional<HttpResponse> handle(const HttpRequest &request, const QStringList &segments, qint64 now);

    // Write requests that changed the world (a repeated, idempotent one does not count).
    qint64 changeCount() const { return m_changes; }

private:
    HttpResponse upsertSubscriber(const JsonParams &p, qint64 now);
    HttpResponse unsubscribe(const QString &id, qint64 now);
    // `subscriber` is a path id, or empty to find the subscriber by the body's email_address.
    HttpResponse tag(const QString &tagId, const QString &subscriber, const JsonParams &p, qint64 now);
    HttpResponse untag(const QString &tagId, const QString &subscriber, const JsonParams &p, qint64 now);
    HttpResponse addToSequence(const QString &sequenceId, const QString &subscriber, const JsonParams &p,
                               qint64 now);
    // The subscriber a tag or sequence write names; nullptr + the error when there is none.
    Subscriber *target(const QString &subscriber, const JsonParams &p, const QString &missingEmail,
                       HttpResponse *error);
    // Puts `s` in its `rows` at `id` once: 201 with now as `timeKey`, or 200 with the first time when it was
    // in already.
    HttpResponse addOnce(Subscriber &s, QMap<qint64, qint64> Subscriber::*rows, qint64 id,
                         const QString &timeKey, qint64 now);
    HttpResponse changed(bool change, HttpResponse response);

    KitWorld &m_world;
    qint64 m_changes = 0;
};

} // namespace sb::sandbox::kit
