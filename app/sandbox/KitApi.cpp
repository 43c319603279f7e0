#include "KitApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb::sandbox::kit {

namespace {

// The sandbox's Kit account: plausible fixed values, not part of the world.
constexpr qint64 AccountId = 1840231;
constexpr qint64 UserId = 2957716;

HttpResponse kitError(int status, const QString &message)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject{{u"errors"_s, QJsonArray{message}}}).toJson(QJsonDocument::Compact);
    return r;
}

} // namespace

bool KitApi::authorised(const HttpRequest &request) const
{
    if (m_key.isEmpty())
        return false;
    // The API key header wins when both are sent, as it names the credential Kit checks first.
    const QByteArray header = request.header("X-Kit-Api-Key");
    if (!header.isEmpty())
        return QString::fromUtf8(header).trimmed() == m_key;
    const QString auth = QString::fromUtf8(request.header("Authorization")).trimmed();
    if (!auth.startsWith(u"Bearer ", Qt::CaseInsensitive))
        return false;
    return QStringView(auth).mid(7).trimmed() == m_key;
}

HttpResponse KitApi::handle(const HttpRequest &request, qint64 now)
{
    Q_UNUSED(now); // for the subscriber endpoints to come
    ++m_requests;
    if (!authorised(request)) // the same answer for a missing or wrong key; the key is never echoed
        return kitError(401, u"The access token is invalid"_s);
    QString path = request.path;
    if (path.endsWith(u'/'))
        path.chop(1);
    if (request.method == "GET" && path == u"/v4/account")
        return account();
    return kitError(404, u"Not Found"_s);
}

HttpResponse KitApi::account() const
{
    const QString email = u"creator@sandbox.test"_s;
    const QJsonObject body{
        {u"user"_s, QJsonObject{{u"id"_s, UserId}, {u"email"_s, email}}},
        {u"account"_s, QJsonObject{{u"id"_s, AccountId},
                                   {u"name"_s, u"Switchboard Sandbox"_s},
                                   {u"plan_type"_s, u"creator"_s},
                                   {u"primary_email_address"_s, email},
                                   {u"created_at"_s, u"2023-02-17T11:43:55Z"_s},
                                   {u"timezone"_s, QJsonObject{{u"name"_s, u"Etc/UTC"_s},
                                                               {u"friendly_name"_s, u"UTC"_s},
                                                               {u"utc_offset"_s, u"+00:00"_s}}}}},
    };
    HttpResponse r;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

} // namespace sb::sandbox::kit
