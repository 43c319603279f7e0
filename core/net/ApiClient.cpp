#include "net/ApiClient.h"

#include <QScopeGuard>

#include "common/Log.h"
#include "secrets/Redactor.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace sb::net {

struct ApiClient::Pending {
    Method method = Method::Get;
    QString path;
    Query query;
    QJsonObject body;
    QByteArray idempotencyKey;
    Callback callback;
    int attempt = 0;
    quint64 generation = 0;
};

namespace {
QByteArray verb(Method m)
{
    switch (m) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    }
    return "GET";
}

QString encodedQuery(const Query &query)
{
    QUrlQuery q;
    for (const auto &[k, v] : query)
        q.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(k, "[]")),
                       QString::fromLatin1(QUrl::toPercentEncoding(v)));
    return q.query(QUrl::FullyEncoded);
}
} // namespace

ApiClient::ApiClient(QNetworkAccessManager *nam, ApiProfile profile, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_profile(std::move(profile))
{}

ApiClient::~ApiClient()
{
    cancelAll();
}

void ApiClient::get(const QString &path, const Query &query, Callback callback)
{
    send(Method::Get, path, query, {}, std::move(callback));
}

void ApiClient::send(Method method, const QString &path, const Query &query, const QJsonObject &body,
                     Callback callback)
{
    auto p = std::make_shared<Pending>();
    p->method = method;
    p->path = path;
    p->query = query;
    p->body = body;
    if (method != Method::Get && m_profile.idempotencyKeys)
        p->idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    p->callback = std::move(callback);
    p->generation = m_generation;
    dispatch(std::move(p));
}

void ApiClient::cancelAll()
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

void ApiClient::waitThenDispatch(std::shared_ptr<Pending> p, int delayMs)
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

void ApiClient::dispatch(std::shared_ptr<Pending> p)
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
    transmit(std::move(p));
}

void ApiClient::transmit(std::shared_ptr<Pending> p)
{
    if (m_profile.credential.isEmpty()) {
        p->callback(Error{ErrorKind::Auth, u"no %1 key is configured"_s.arg(m_profile.name)});
        return;
    }
    QUrl url = m_profile.baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + p->path);
    const QString query = encodedQuery(p->query);
    const bool formBody = p->method != Method::Get && m_profile.formBodies;
    if (!formBody && !query.isEmpty())
        url.setQuery(query, QUrl::StrictMode);

    QNetworkRequest req(url);
    for (const auto &[name, value] : m_profile.headers)
        req.setRawHeader(name, value);
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "Switchboard/0.1 (+desktop console)");
    req.setTransferTimeout(m_profile.transferTimeoutMs);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    QByteArray payload;
    if (p->method != Method::Get) {
        if (formBody) {
            req.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
            payload = query.toUtf8();
        } else if (p->method != Method::Delete || !p->body.isEmpty()) {
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            payload = QJsonDocument(p->body).toJson(QJsonDocument::Compact);
        }
        if (!p->idempotencyKey.isEmpty())
            req.setRawHeader("Idempotency-Key", p->idempotencyKey);
    }

    m_pacer.consume(Clock::now());
    ++p->attempt;
    ++m_requestsSent;
    QNetworkReply *reply = nullptr;
    switch (p->method) {
    case Method::Get:
        reply = m_nam->get(req);
        break;
    case Method::Post:
        reply = m_nam->post(req, payload);
        break;
    case Method::Put:
        reply = m_nam->put(req, payload);
        break;
    case Method::Delete:
        reply = payload.isEmpty() ? m_nam->deleteResource(req)
                                  : m_nam->sendCustomRequest(req, verb(p->method), payload);
        break;
    }
    m_inFlight.insert(reply);
    Q_EMIT requestSent();
    connect(reply, &QNetworkReply::finished, this, [this, reply, p] { finished(reply, p); });
}

QString ApiClient::describe(int status, const QByteArray &body, const QByteArray &requestId) const
{
    QString text = u"%1 answered %2"_s.arg(m_profile.name).arg(status);
    // Provider messages can quote a key: scrubbed before anyone sees them.
    const QString detail = m_profile.errorDetail ? m_profile.errorDetail(status, body) : QString();
    if (!detail.isEmpty())
        text += u": "_s + secrets::Redactor::redact(detail.left(500));
    if (!requestId.isEmpty())
        text += u" [request %1]"_s.arg(QString::fromLatin1(requestId.left(100)));
    return text;
}

void ApiClient::finished(QNetworkReply *reply, std::shared_ptr<Pending> p)
{
    m_inFlight.remove(reply);
    reply->deleteLater();
    const QNetworkReply::NetworkError netError = reply->error();
    int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Headers came, then the body did not (a timeout, or the connection closed midway): a failed transfer,
    // not an answer. Whatever part of the body arrived must not pass for the whole (an empty one read as {}).
    if (status >= 200 && status < 300 && netError != QNetworkReply::NoError)
        status = 0;
    const QByteArray body = reply->readAll();
    const QByteArray requestId =
        m_profile.requestIdHeader.isEmpty() ? QByteArray() : reply->rawHeader(m_profile.requestIdHeader);
    if (const QByteArray date = reply->rawHeader("Date"); !date.isEmpty()) {
        // HTTP-date (RFC 9110 IMF-fixdate), whole seconds: good enough to ask "since" with an overlap.
        const QDateTime server = QLocale::c().toDateTime(QString::fromLatin1(date).trimmed(),
                                                         u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
        if (server.isValid()) {
            QDateTime utc = server;
            utc.setTimeSpec(Qt::UTC);
            m_serverClockOffset = utc.toMSecsSinceEpoch() - Clock::now();
        }
    }

    // Qt reports an expired transfer timeout as OperationCanceledError too: only a request of an older
    // generation was cancelled by us; anything else is a timeout, and retried as one.
    if (p->generation != m_generation) {
        p->callback(Error{ErrorKind::Cancelled, u"cancelled"_s});
        return;
    }
    if (status >= 200 && status < 300) {
        m_answerStatus = status; // for the callback (answerStatus())
        const auto clear = qScopeGuard([this] { m_answerStatus = 0; });
        if (body.trimmed().isEmpty()) {
            p->callback(QJsonObject{});
            return;
        }
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            const QByteArray type = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
            QString what;
            if (!type.isEmpty() && !type.contains("json"))
                what = u"%1 sent %2 instead of JSON for %3"_s.arg(
                    m_profile.name, QString::fromLatin1(type.left(60)).simplified(), p->path);
            else
                what = u"%1 sent malformed JSON for %2 (%3 at byte %4)"_s
                           .arg(m_profile.name, p->path,
                                doc.isArray() ? u"an array, not an object"_s : perr.errorString())
                           .arg(perr.offset);
            if (!requestId.isEmpty())
                what += u" [request %1]"_s.arg(QString::fromLatin1(requestId.left(100)));
            // A read is safe to ask again, and a body cut short or a proxy's maintenance page is usually
            // gone on the next try; a write may have acted, so its answer is reported as it came.
            if (p->method == Method::Get) {
                RetryInput in;
                in.attempt = p->attempt;
                in.httpStatus = status;
                in.unreadableBody = true;
                if (const RetryDecision d = m_retry.decide(in); d.retry) {
                    qCInfo(lcNet) << "retrying" << m_profile.name << p->path << "in" << d.delayMs
                                  << "ms after:" << what;
                    waitThenDispatch(p, d.delayMs);
                    return;
                }
            }
            p->callback(Error{ErrorKind::Parse, what});
            return;
        }
        p->callback(doc.object());
        return;
    }

    if (status == 429) {
        ++m_rateLimited;
        m_pacer.drain(Clock::now());
    }
    RetryInput in;
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
    RetryDecision d = m_retry.decide(in);
    // A write without an idempotency key may have acted if any answer (or none) came back; only a 429
    // proves it did not.
    if (p->method != Method::Get && p->idempotencyKey.isEmpty() && status != 429)
        d.retry = false;
    QString what;
    if (status > 0)
        what = describe(status, body, requestId);
    else if (netError == QNetworkReply::OperationCanceledError)
        what = u"%1 at %2 did not answer within %3 s"_s.arg(m_profile.name, m_profile.baseUrl.host())
                   .arg(m_profile.transferTimeoutMs / 1000.0);
    else
        what = u"cannot reach %1 at %2: %3"_s.arg(m_profile.name, m_profile.baseUrl.host(),
                                                  reply->errorString());
    if (d.retry) {
        qCInfo(lcNet) << "retrying" << m_profile.name << p->path << "in" << d.delayMs << "ms after:" << what;
        waitThenDispatch(p, d.delayMs);
        return;
    }
    qCWarning(lcNet) << m_profile.name << p->path << "failed:" << what;
    ErrorKind kind = ErrorKind::Provider;
    if (status == 0)
        kind = ErrorKind::Network;
    else if (status == 401 || status == 403)
        kind = ErrorKind::Auth;
    else if (status == 429)
        kind = ErrorKind::RateLimited;
    else if (status == 404 || (m_profile.isNotFound && m_profile.isNotFound(status, body)))
        kind = ErrorKind::NotFound;
    p->callback(Error{kind, what});
}

} // namespace sb::net
