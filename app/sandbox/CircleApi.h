// Answers Circle Admin API v2 requests (/api/admin/v2/...) from a CircleWorld the way app.circle.so does:
// token auth (Token or Bearer scheme), page-numbered lists in Circle's envelope, and Circle's error bodies.
// Served so far: GET community_members.
#pragma once

#include "HttpServer.h"

#include <QJsonObject>
#include <QString>

namespace sb::sandbox::circle {

class CircleWorld;
struct Member;

class CircleApi {
public:
    enum class Scheme { Any, Token, Bearer };

    explicit CircleApi(const CircleWorld &world);

    void setToken(const QString &token) { m_token = token; }
    void setScheme(Scheme scheme) { m_scheme = scheme; }
    // "Token", "Bearer" or "any" (case-insensitive); false, and no change, for anything else.
    bool setScheme(const QString &scheme);

    HttpResponse handle(const HttpRequest &request, qint64 now);

    qint64 requestCount() const { return m_requests; }

private:
    bool authorised(const HttpRequest &request) const;
    HttpResponse listMembers(const HttpRequest &request);
    QJsonObject renderMember(const Member &m) const;

    const CircleWorld &m_world;
    QString m_token = QStringLiteral("circle_sandbox");
    Scheme m_scheme = Scheme::Any;
    qint64 m_requests = 0;
};

} // namespace sb::sandbox::circle
