// Answers Kit API v4 requests (/v4/...) the way api.kit.com does: the X-Kit-Api-Key header (or an OAuth
// Bearer token) and Kit's error bodies. Served so far: GET /v4/account.
#pragma once

#include "HttpServer.h"

#include <QString>

namespace sb::sandbox::kit {

class KitApi {
public:
    KitApi() = default;

    void setKey(const QString &key) { m_key = key; }

    HttpResponse handle(const HttpRequest &request, qint64 now);

    qint64 requestCount() const { return m_requests; }

private:
    bool authorised(const HttpRequest &request) const;
    HttpResponse account() const;

    QString m_key = QStringLiteral("kit_sandbox");
    qint64 m_requests = 0;
};

} // namespace sb::sandbox::kit
