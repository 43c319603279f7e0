#include "providers/stripe/StripeClient.h"

#include "common/Log.h"
#include "secrets/Redactor.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace sb::stripe {

struct StripeClient::Pending {
    QString path;
    Query query;
    bool post = false;
    QByteArray idempotencyKey;
    Callback callback;
    int attempt = 0;
    quint64 generation = 0;
};

double StripeClient::defaultRate(const QString &apiKey)
{
    // Stripe allows about 25 req/s in test mode and 100 in live mode; stay below with some headroom.
    return apiKey.contains("_live_"_L1) ? 80.0 : 20.0;
}

StripeClient::StripeClient(QNetworkAccessManager *nam, StripeSettings settings, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_settings(std::move(settings))
{
    const double rate =
        m_settings.requestsPerSecond > 0 ? m_settings.requestsPerSecond : defaultRate(m_settings.apiKey);
    m_pacer.configure(rate, 1000, rate);
}

StripeClient::~StripeClient()
{
    cancelAll();
}

void StripeClient::get(const QString &path, const Query &query, Callback callback)
{
    auto p = std::make_shared<Pending>();
    p->path = path;
    p->query = query;
    p->callback = std::move(callback);
    p->generation = m_generation;
    dispatch(std::move(p));
}

void StripeClient::post(const QString &path, const Query &form, Callback callback)
{
    auto p = std::make_shared<Pending>();
    p->path = path;
    p->query = form;
    p->post = true;
    p->idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    p->callback = std::move(callback);
    p->generation = m_generation;
    dispatch(std::move(p));
}

void StripeClient::cancelAll()
{
    ++m_generation;
    // Requests waiting for a retry or for the pacer are answered now, not when their timer fires.
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &p : waiting)
        p->callback(Error{ErrorKind::Cancelled, u"cancelled"_s});
    const auto replies = m_inFlight;
    for (QNetworkReply *r : replies)
        r->abort(); // finished() runs and reports Cancelled
}

void StripeClient::waitThenDispatch(std::shared_ptr<Pending> p, int delayMs)
{
    m_waiting.insert(p.get(), p);
    QTimer::singleShot(std::chrono::milliseconds(delayMs), this, [this, raw = p.get()] {
        auto it = m_waiting.find(raw);
        if (it == m_waiting.end())
            return; // cancelled while waiting, already answered
        auto pending = it.value();
        m_waiting.erase(it);
        dispatch(std::move(pending));
    });
}

void StripeClient::dispatch(std::shared_ptr<Pending> p)
{
    if (p->generation != m_generation) {
        p->callback(Error{ErrorKind::Cancelled, u"cancelled"_s});
        return;
    }
    const Millis wait = m_pacer.delayBeforeNext(Clock::now());
    if (wait > 0) {
        waitThenDispatch(std::move(p), int(wait));
        return;
    }
    send(std::move(p));
}

void StripeClient::send(std::shared_ptr<Pending> p)
{
    if (m_settings.apiKey.isEmpty()) {
        p->callback(Error{ErrorKind::Auth, u"no Stripe API key is configured"_s});
        return;
    }
    QUrl url = m_settings.baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + p->path);
    QUrlQuery q;
    for (const auto &[k, v] : p->query)
        q.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(k, "[]")),
                       QString::fromLatin1(QUrl::toPercentEncoding(v)));
    if (!p->post)
        url.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);

    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + m_settings.apiKey.toUtf8());
    req.setRawHeader("Stripe-Version", QByteArray(kApiVersion.data(), kApiVersion.size()));
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "Switchboard/0.1 (+desktop console)");
    req.setTransferTimeout(m_settings.transferTimeoutMs);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    m_pacer.consume(Clock::now());
    ++p->attempt;
    ++m_requestsSent;
    QNetworkReply *reply = nullptr;
    if (p->post) {
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
        req.setRawHeader("Idempotency-Key", p->idempotencyKey);
        reply = m_nam->post(req, q.query(QUrl::FullyEncoded).toUtf8());
    } else {
        reply = m_nam->get(req);
    }
    m_inFlight.insert(reply);
    Q_EMIT requestSent();
    connect(reply, &QNetworkReply::finished, this, [this, reply, p] { finished(reply, p); });
}

QString describeError(int httpStatus, const QByteArray &body, const QByteArray &requestId)
{
    const QJsonObject err = QJsonDocument::fromJson(body).object().value("error"_L1).toObject();
    QString text = u"Stripe answered %1"_s.arg(httpStatus);
    if (!err.isEmpty()) {
        const QString type = err.value("type"_L1).toString();
        const QString code = err.value("code"_L1).toString();
        // Provider messages can quote a key (Stripe masks it; we make sure): scrubbed before anyone sees
        // them.
        text += u" ("_s + type + (code.isEmpty() ? QString() : u", "_s + code) + u"): "_s +
                secrets::Redactor::redact(err.value("message"_L1).toString().left(500));
    }
    if (!requestId.isEmpty())
        text += u" [request %1]"_s.arg(QString::fromLatin1(requestId));
    return text;
}

void StripeClient::finished(QNetworkReply *reply, std::shared_ptr<Pending> p)
{
    m_inFlight.remove(reply);
    reply->deleteLater();
    const QNetworkReply::NetworkError netError = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QByteArray requestId = reply->rawHeader("Request-Id");

    // Qt reports an expired transfer timeout as OperationCanceledError too: only a request of an older
    // generation was cancelled by us; anything else is a timeout, and retried as one.
    if (p->generation != m_generation) {
        p->callback(Error{ErrorKind::Cancelled, u"cancelled"_s});
        return;
    }
    if (status >= 200 && status < 300) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            p->callback(
                Error{ErrorKind::Parse, u"Stripe sent malformed JSON for %1 (%2 at byte %3) [request %4]"_s
                                            .arg(p->path, perr.errorString())
                                            .arg(perr.offset)
                                            .arg(QString::fromLatin1(requestId))});
            return;
        }
        p->callback(doc.object());
        return;
    }

    if (status == 429) {
        ++m_rateLimited;
        m_pacer.drain(Clock::now());
    }
    net::RetryInput in;
    in.attempt = p->attempt;
    in.httpStatus = status;
    in.networkError =
        netError == QNetworkReply::OperationCanceledError ? QNetworkReply::TimeoutError : netError;
    if (reply->hasRawHeader("Stripe-Should-Retry"))
        in.shouldRetryHeader = reply->rawHeader("Stripe-Should-Retry") == "true";
    bool okRetryAfter = false;
    const int retryAfter = reply->rawHeader("Retry-After").toInt(&okRetryAfter);
    if (okRetryAfter)
        in.retryAfterSeconds = retryAfter;
    const net::RetryDecision d = m_retry.decide(in);
    QString what;
    if (status > 0)
        what = describeError(status, body, requestId);
    else if (netError == QNetworkReply::OperationCanceledError)
        what = u"Stripe at %1 did not answer within %2 s"_s.arg(m_settings.baseUrl.host())
                   .arg(m_settings.transferTimeoutMs / 1000.0);
    else
        what = u"cannot reach Stripe at %1: %2"_s.arg(m_settings.baseUrl.host(), reply->errorString());
    if (d.retry) {
        qCInfo(lcStripe) << "retrying" << p->path << "in" << d.delayMs << "ms after:" << what;
        waitThenDispatch(p, d.delayMs);
        return;
    }
    qCWarning(lcStripe) << p->path << "failed:" << what;
    ErrorKind kind = ErrorKind::Provider;
    if (status == 0)
        kind = ErrorKind::Network;
    else if (status == 401 || status == 403)
        kind = ErrorKind::Auth;
    else if (status == 429)
        kind = ErrorKind::RateLimited;
    else if (status == 404 ||
             QJsonDocument::fromJson(body).object().value("error"_L1).toObject().value("code"_L1) ==
                 "resource_missing"_L1)
        kind = ErrorKind::NotFound;
    p->callback(Error{kind, what});
}

} // namespace sb::stripe
