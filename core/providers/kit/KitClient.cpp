#include "providers/kit/KitClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb::kit {

QString errorDetail(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return QString::fromUtf8(body.left(200)).simplified();
    QStringList errors;
    for (const QJsonValue &e : doc.object().value("errors"_L1).toArray())
        errors.append(e.toString());
    return errors.join(u"; "_s);
}

net::ApiProfile apiProfile(const KitSettings &s)
{
    net::ApiProfile p;
    p.name = u"Kit"_s;
    p.baseUrl = s.baseUrl;
    p.credential = s.apiKey.toUtf8();
    p.headers = {{"X-Kit-Api-Key", p.credential}};
    p.transferTimeoutMs = s.transferTimeoutMs;
    p.errorDetail = [](int, const QByteArray &body) {
        return errorDetail(body);
    };
    return p;
}

std::optional<net::Query> nextPage(const net::Query &query, const QJsonObject &page)
{
    const QJsonObject pagination = page.value("pagination"_L1).toObject();
    const QString cursor = pagination.value("end_cursor"_L1).toString();
    if (!pagination.value("has_next_page"_L1).toBool() || cursor.isEmpty())
        return std::nullopt;
    // A cursor that does not move, or a page with nothing in it, ends the listing (no endless asking).
    bool anything = false;
    for (auto it = page.constBegin(); it != page.constEnd(); ++it)
        anything = anything || (it.value().isArray() && !it.value().toArray().isEmpty());
    for (const auto &[k, v] : query) {
        if (k == "after"_L1 && v == cursor)
            return std::nullopt;
    }
    if (!anything)
        return std::nullopt;
    net::Query next;
    for (const auto &kv : query) {
        if (kv.first != "after"_L1)
            next.append(kv);
    }
    next.append({u"after"_s, cursor});
    return next;
}

QString pageProblem(const net::Query &query, const QJsonObject &page)
{
    const QJsonObject pagination = page.value("pagination"_L1).toObject();
    if (!pagination.value("has_next_page"_L1).toBool())
        return {};
    const QString cursor = pagination.value("end_cursor"_L1).toString();
    for (const auto &[k, v] : query) {
        if (k == "after"_L1 && !cursor.isEmpty() && v == cursor)
            return u"Kit answered the page after cursor %1 with that cursor again"_s.arg(cursor.left(40));
    }
    for (auto it = page.constBegin(); it != page.constEnd(); ++it) {
        if (it.value().isArray() && !it.value().toArray().isEmpty())
            return {};
    }
    return u"Kit sent an empty page that says more follow"_s;
}

void configure(net::ApiClient &client, const KitSettings &s)
{
    net::paceUnderRollingLimit(client.pacer(), s.requestsPerMinute > 0 ? s.requestsPerMinute : 120,
                               60 * 1000);
    client.retryPolicy().apply(s.retry);
}

} // namespace sb::kit
