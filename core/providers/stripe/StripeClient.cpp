#include "providers/stripe/StripeClient.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::stripe {

namespace {
net::ApiProfile profileFor(const StripeSettings &s)
{
    net::ApiProfile p;
    p.name = u"Stripe"_s;
    p.baseUrl = s.baseUrl;
    p.credential = s.apiKey.toUtf8();
    p.headers = {{"Authorization", "Bearer " + p.credential},
                 {"Stripe-Version", QByteArray(kApiVersion.data(), kApiVersion.size())}};
    p.requestIdHeader = "Request-Id";
    p.transferTimeoutMs = s.transferTimeoutMs;
    p.formBodies = true;
    p.idempotencyKeys = true;
    p.errorDetail = [](int, const QByteArray &body) {
        return errorDetail(body);
    };
    p.isNotFound = [](int, const QByteArray &body) {
        return QJsonDocument::fromJson(body).object().value("error"_L1).toObject().value("code"_L1) ==
               "resource_missing"_L1;
    };
    return p;
}
} // namespace

double StripeClient::defaultRate(const QString &apiKey)
{
    // Stripe allows 25 requests a second in test mode and 100 in live mode: 90 % of that, which keeps a
    // full sync within 1.2x of the bound the limit sets and leaves room for the console's own actions.
    return apiKey.contains("_live_"_L1) ? 90.0 : 22.5;
}

StripeClient::StripeClient(QNetworkAccessManager *nam, StripeSettings settings, QObject *parent)
    : QObject(parent)
    , m_api(nam, profileFor(settings))
{
    const double rate =
        settings.requestsPerSecond > 0 ? settings.requestsPerSecond : defaultRate(settings.apiKey);
    // At most `rate` in any second (a bucket starting full would let twice that through in the first one).
    m_api.pacer().configureRolling(std::max(1, int(std::min(rate, 1e6))), 1000);
    m_api.retryPolicy().apply(settings.retry);
    m_pageSize = std::clamp(settings.pageSize, 1, 100);
    connect(&m_api, &net::ApiClient::requestSent, this, &StripeClient::requestSent);
}

QString errorDetail(const QByteArray &body)
{
    const QJsonObject err = QJsonDocument::fromJson(body).object().value("error"_L1).toObject();
    if (err.isEmpty())
        return {};
    const QString type = err.value("type"_L1).toString();
    const QString code = err.value("code"_L1).toString();
    return err.value("message"_L1).toString().left(500) + u" ("_s + type +
           (code.isEmpty() ? QString() : u", "_s + code) + u")"_s;
}

} // namespace sb::stripe
