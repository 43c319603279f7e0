#include "providers/circle/CircleClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb::circle {

QString errorDetail(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString message = o.value("message"_L1).toString();
    const QString detail = o.value("error_details"_L1).toObject().value("message"_L1).toString();
    if (!detail.isEmpty() && detail != message)
        message += message.isEmpty() ? detail : u" ("_s + detail + u")"_s;
    return message;
}

net::ApiProfile apiProfile(const CircleSettings &s)
{
    net::ApiProfile p;
    p.name = u"Circle"_s;
    p.baseUrl = s.baseUrl;
    p.credential = s.token.toUtf8();
    p.headers = {{"Authorization", s.authScheme.toUtf8() + ' ' + p.credential}};
    p.requestIdHeader = "X-Request-Id";
    p.transferTimeoutMs = s.transferTimeoutMs;
    p.errorDetail = [](int, const QByteArray &body) {
        return errorDetail(body);
    };
    return p;
}

std::optional<net::Query> nextPage(const net::Query &query, const QJsonObject &page)
{
    // An empty page ends the listing whatever has_next_page says, so a provider that misbehaves cannot keep
    // a sync asking forever.
    if (!page.value("has_next_page"_L1).toBool() || page.value("records"_L1).toArray().isEmpty())
        return std::nullopt;
    net::Query next;
    int current = 1;
    for (const auto &[k, v] : query) {
        if (k == "page"_L1)
            current = v.toInt();
        else
            next.append({k, v});
    }
    next.append({u"page"_s, QString::number(current + 1)});
    return next;
}

QString pageProblem(const net::Query &query, const QJsonObject &page)
{
    int asked = 1;
    for (const auto &[k, v] : query) {
        if (k == "page"_L1)
            asked = v.toInt();
    }
    const int answered = page.value("page"_L1).toInt(asked);
    if (answered != asked)
        return u"Circle answered page %1 when asked for page %2"_s.arg(answered).arg(asked);
    if (page.value("has_next_page"_L1).toBool() && page.value("records"_L1).toArray().isEmpty())
        return u"Circle sent an empty page %1 that says more follow"_s.arg(asked);
    return {};
}

void configure(net::ApiClient &client, const CircleSettings &s)
{
    net::paceUnderRollingLimit(client.pacer(), s.requestsPer5Min > 0 ? s.requestsPer5Min : 2000,
                               5 * 60 * 1000);
    client.retryPolicy().apply(s.retry);
}

} // namespace sb::circle
