// The Circle Admin API v2 writes the sandbox serves: create/invite and deactivate members, add and remove
// access group members, space members and tagged members. They change the CircleWorld the reads answer from,
// at the sandbox's now, and count only the requests that changed something. Auth, rate limit and injected
// faults are the caller's.
#pragma once

#include "HttpServer.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace sb::sandbox {
class JsonParams;
}

namespace sb::sandbox::circle {

class CircleWorld;

class CircleWrites {
public:
    explicit CircleWrites(CircleWorld &world);

    // The answer to a POST or DELETE on `segments` (the path after /api/admin/v2); nullopt when no write
    // lives there.
    std::optional<HttpResponse> handle(const HttpRequest &request, const QStringList &segments, qint64 now);

    // Write requests that changed the world (a repeated, idempotent one does not count).
    qint64 changeCount() const { return m_changes; }

private:
    HttpResponse createMember(const JsonParams &p, qint64 now);
    HttpResponse deactivateMember(const QString &id, qint64 now);
    HttpResponse addAccessGroupMember(const QString &groupId, const JsonParams &p, qint64 now);
    HttpResponse removeAccessGroupMember(const QString &groupId, const JsonParams &p, qint64 now);
    HttpResponse addSpaceMember(const JsonParams &p, qint64 now);
    HttpResponse removeSpaceMember(const JsonParams &p, qint64 now);
    HttpResponse tagMember(const JsonParams &p, qint64 now);
    HttpResponse untagMember(const JsonParams &p, qint64 now);
    // The answer, counting the write when it changed the world.
    HttpResponse changed(bool change, HttpResponse response);

    CircleWorld &m_world;
    qint64 m_changes = 0;
};

} // namespace sb::sandbox::circle
