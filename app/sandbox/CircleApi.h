// Answers Circle Admin API v2 requests (/api/admin/v2/...) from a CircleWorld the way app.circle.so does:
// token auth (Token or Bearer scheme), page-numbered lists in Circle's envelope, Circle's error bodies and
// its per-IP rate limit. Reads: members and their access groups, access groups and their members, spaces and
// space members, member tags and tagged members; the writes are CircleWrites'.
#pragma once

#include "CircleWrites.h"
#include "HttpServer.h"
#include "InjectedFaults.h"
#include "RateWindow.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sb::sandbox::circle {

class CircleWorld;
struct Member;
struct Grant;

class CircleApi {
public:
    enum class Scheme { Any, Token, Bearer };

    explicit CircleApi(CircleWorld &world);

    void setToken(const QString &token) { m_token = token; }
    void setScheme(Scheme scheme) { m_scheme = scheme; }
    // "Token", "Bearer" or "any" (case-insensitive); false, and no change, for anything else.
    bool setScheme(const QString &scheme);

    // At most `requests` in any `windowSeconds` (Circle: 2000 per 5 minutes per IP); 0 = no limit.
    void setRateLimit(int requests, int windowSeconds) { m_rate.set(requests, windowSeconds); }

    // Test hook: the next `count` requests answer `status` with Circle's error body (checked after the rate
    // limit, before the token).
    void failNext(int count, int status) { m_faults.set(count, status); }

    HttpResponse handle(const HttpRequest &request, qint64 now);

    qint64 requestCount() const { return m_requests; }
    qint64 writeCount() const { return m_writes.changeCount(); } // writes that changed something

private:
    bool authorised(const HttpRequest &request) const;
    HttpResponse route(const HttpRequest &request, const QStringList &segments);
    HttpResponse listMembers(const HttpRequest &request);
    HttpResponse searchMember(const HttpRequest &request);
    HttpResponse memberOrMissing(const Member *member) const;
    HttpResponse showMember(const QString &id);
    HttpResponse listMemberAccessGroups(const HttpRequest &request, const QString &id);
    HttpResponse listAccessGroups(const HttpRequest &request);
    HttpResponse listAccessGroupMembers(const HttpRequest &request, const QString &groupId);
    HttpResponse showAccessGroupMember(const HttpRequest &request, const QString &groupId);
    HttpResponse listSpaces(const HttpRequest &request);
    HttpResponse listSpaceMembers(const HttpRequest &request);
    HttpResponse showSpaceMember(const HttpRequest &request);
    HttpResponse listMemberTags(const HttpRequest &request);
    HttpResponse listTaggedMembers(const HttpRequest &request);

    const CircleWorld &m_world;
    CircleWrites m_writes;
    QString m_token = QStringLiteral("circle_sandbox");
    Scheme m_scheme = Scheme::Any;
    qint64 m_requests = 0;
    InjectedFaults m_faults;
    RateWindow m_rate;
};

} // namespace sb::sandbox::circle
