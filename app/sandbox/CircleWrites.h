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
struct NamedId;
} // namespace sb::sandbox

namespace sb::sandbox::circle {

class CircleWorld;
struct Grant;
struct Member;

class CircleWrites {
public:
    explicit CircleWrites(CircleWorld &world);

    // The answer to a POST or DELETE on `segments` (the path after /api/admin/v2); nullopt when no write
    // lives there.
    std::optional<HttpResponse> handle(const HttpRequest &request, const QStringList &segments, qint64 now);

    // Write requests that changed the world (a repeated, idempotent one does not count).
    qint64 changeCount() const { return m_changes; }

    struct Membership;

private:
    HttpResponse createMember(const JsonParams &p, qint64 now);
    HttpResponse deactivateMember(const QString &id, qint64 now);
    HttpResponse addAccessGroupMember(const QString &groupId, const JsonParams &p, qint64 now);
    HttpResponse removeAccessGroupMember(const QString &groupId, const JsonParams &p, qint64 now);
    HttpResponse addSpaceMember(const JsonParams &p, qint64 now);
    HttpResponse removeSpaceMember(const JsonParams &p, qint64 now);
    HttpResponse tagMember(const JsonParams &p, qint64 now);
    HttpResponse untagMember(const JsonParams &p, qint64 now);
    // The member the body names for a write on `record` (one of `of`'s records); nullptr + the 404 when the
    // record or the member is missing.
    Member *memberFor(const NamedId *record, const Membership &of, const JsonParams &p, HttpResponse *error);
    // Puts the member in `of` at `record`: `createdStatus` when that made a row, 200 when it had one.
    HttpResponse grantTo(const NamedId *record, const Membership &of, const JsonParams &p, int createdStatus,
                         const QString &message, qint64 now);
    // Takes the member out of `of` at `record`: 200, or `of.row`'s 404 when it was not in it.
    HttpResponse revokeFrom(const NamedId *record, const Membership &of, const JsonParams &p,
                            const QString &message, qint64 now);
    // The answer, counting the write when it changed the world.
    HttpResponse changed(bool change, HttpResponse response);

    CircleWorld &m_world;
    qint64 m_changes = 0;
};

} // namespace sb::sandbox::circle
