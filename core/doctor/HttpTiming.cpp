#include "doctor/HttpTiming.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

using namespace Qt::StringLiterals;

namespace sb::doctor {

namespace {

QString certificateName(const QSslCertificate &certificate, bool issuer)
{
    const auto info = [&](QSslCertificate::SubjectInfo field) {
        return (issuer ? certificate.issuerInfo(field) : certificate.subjectInfo(field)).join(u", "_s);
    };
    QString name = info(QSslCertificate::CommonName);
    if (name.isEmpty())
        name = info(QSslCertificate::Organization);
    return name;
}

QString hostOf(const QUrl &url)
{
    return url.host(QUrl::FullyDecoded);
}

} // namespace

QJsonObject HttpOutcome::facts() const
{
    QJsonObject o{{u"method"_s, QString::fromLatin1(method)},
                  {u"status"_s, status},
                  {u"ttfbMs"_s, firstByteMs},
                  {u"totalMs"_s, totalMs},
                  {u"bodyBytes"_s, body.size()}};
    if (bodyCapped)
        o.insert(u"bodyCapped"_s, true);
    if (!location.isEmpty())
        o.insert(u"location"_s, location.toString(QUrl::RemoveUserInfo));
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    if (timedOut)
        o.insert(u"timedOut"_s, true);
    return o;
}

TimedRequest *TimedRequest::send(QNetworkAccessManager *nam, QNetworkRequest request,
                                 const QByteArray &method, const QByteArray &body, int timeoutMs, Done done)
{
    // A webhook sender does not follow redirects, and the page probe records each hop itself.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(timeoutMs);
    if (!request.hasRawHeader("User-Agent"))
        request.setRawHeader("User-Agent", kProbeUserAgent);

    HttpOutcome outcome;
    outcome.url = request.url();
    outcome.method = method;
    QNetworkReply *reply =
        method == "GET" ? nam->get(request) : nam->sendCustomRequest(request, method, body);
    // Owned by the reply, so nothing outlives it and nothing dangles when the manager goes first.
    return new TimedRequest(reply, std::move(outcome), std::move(done));
}

TimedRequest::TimedRequest(QNetworkReply *reply, HttpOutcome outcome, Done done)
    : QObject(reply)
    , m_reply(reply)
    , m_outcome(std::move(outcome))
    , m_done(std::move(done))
{
    m_clock.start();
    connect(reply, &QNetworkReply::metaDataChanged, this, &TimedRequest::markFirstByte);
    connect(reply, &QNetworkReply::readyRead, this, &TimedRequest::readSome);
    connect(reply, &QNetworkReply::encrypted, this,
            [this] { recordCertificate(m_reply->sslConfiguration().peerCertificate()); });
    // Recorded, never ignored: the handshake fails and the probe reports why.
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_outcome.tls.errors.append(e.errorString());
        QSslCertificate leaf = m_reply->sslConfiguration().peerCertificate();
        if (leaf.isNull() && !errors.isEmpty())
            leaf = errors.first().certificate();
        recordCertificate(leaf);
    });
    connect(reply, &QNetworkReply::finished, this, &TimedRequest::complete);
}

void TimedRequest::abort()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater(); // takes this object with it
    }
}

void TimedRequest::markFirstByte()
{
    if (m_outcome.firstByteMs < 0)
        m_outcome.firstByteMs = m_clock.elapsed();
}

void TimedRequest::readSome()
{
    markFirstByte();
    const qint64 room = kProbeBodyCapBytes - m_outcome.body.size();
    if (room > 0)
        m_outcome.body.append(m_reply->read(room));
    if (m_reply->bytesAvailable() > 0 && m_outcome.body.size() >= kProbeBodyCapBytes) {
        // Enough to judge the answer; a huge (or endless) body must not hold the probe.
        m_capped = true;
        m_outcome.bodyCapped = true;
        complete();
    }
}

void TimedRequest::recordCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return;
    TlsInfo &tls = m_outcome.tls;
    tls.seen = true;
    tls.subject = certificateName(certificate, false);
    tls.issuer = certificateName(certificate, true);
    tls.notAfter = certificate.expiryDate().toUTC();
    tls.names.clear();
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        tls.names.append(it.value());
}

void TimedRequest::complete()
{
    if (m_finished || !m_reply)
        return;
    m_finished = true;
    QNetworkReply *reply = m_reply;
    m_outcome.totalMs = m_clock.elapsed();
    m_outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_outcome.status > 0 && m_outcome.firstByteMs < 0)
        m_outcome.firstByteMs = m_outcome.totalMs;
    const QByteArray location = reply->rawHeader("Location").trimmed();
    if (!location.isEmpty())
        m_outcome.location = m_outcome.url.resolved(QUrl::fromEncoded(location));
    if (!m_capped) {
        // A reply aborted by the transfer timeout is closed already; there is nothing left to read.
        const qint64 room = kProbeBodyCapBytes - m_outcome.body.size();
        if (room > 0 && reply->isOpen())
            m_outcome.body.append(reply->read(room));
        m_outcome.bodyCapped = reply->isOpen() && reply->bytesAvailable() > 0;
        const auto error = reply->error();
        // HTTP error statuses come with an error code too; only failures below HTTP are errors here. Our
        // own aborts happen after disconnecting, so a cancellation seen here is the transfer timeout.
        if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError) {
            m_outcome.timedOut = true;
            m_outcome.error = u"no answer within the time limit"_s;
        } else if (error != QNetworkReply::NoError && m_outcome.status == 0) {
            m_outcome.error = reply->errorString();
        }
    }
    if (!m_outcome.tls.seen)
        recordCertificate(reply->sslConfiguration().peerCertificate());

    disconnect(reply, nullptr, this, nullptr);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater(); // takes this object with it
    const Done done = std::move(m_done);
    done(m_outcome);
}

bool isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == "localhost"_L1 || h.endsWith(".localhost"_L1))
        return true;
    const QHostAddress address(h);
    return !address.isNull() && address.isLoopback();
}

Check tlsCheck(const QString &area, const QString &id, const QList<HttpOutcome> &hops, const QDateTime &now,
               int warnDays)
{
    Check c;
    c.area = area;
    c.id = id;
    const auto certificateFacts = [&](const HttpOutcome &hop) {
        QJsonObject f{{u"host"_s, hostOf(hop.url)}};
        if (hop.tls.seen) {
            f.insert(u"subject"_s, hop.tls.subject);
            f.insert(u"issuer"_s, hop.tls.issuer);
            f.insert(u"names"_s, QJsonArray::fromStringList(hop.tls.names));
            f.insert(u"notAfter"_s, hop.tls.notAfter.toString(Qt::ISODate));
            f.insert(u"daysLeft"_s, now.secsTo(hop.tls.notAfter) / 86400);
        }
        if (!hop.tls.errors.isEmpty())
            f.insert(u"errors"_s, QJsonArray::fromStringList(hop.tls.errors));
        return f;
    };
    const auto describe = [](const TlsInfo &tls) {
        if (!tls.seen)
            return QString();
        return u"The certificate names %1, is issued by %2, covers %3 and expires %4."_s.arg(
            tls.subject.isEmpty() ? u"nobody"_s : tls.subject,
            tls.issuer.isEmpty() ? u"nobody"_s : tls.issuer,
            tls.names.isEmpty() ? u"no names"_s : tls.names.join(u", "_s),
            tls.notAfter.toString(Qt::ISODate));
    };

    for (const HttpOutcome &hop : hops) {
        if (hop.tls.errors.isEmpty())
            continue;
        const QString host = hostOf(hop.url);
        c.level = Level::Fail;
        c.weight = 8;
        c.title = u"The certificate of %1 is not valid: %2"_s.arg(host, hop.tls.errors.first());
        c.detail = u"Checking the certificate of %1 found: %2. %3 Senders and browsers refuse such a "
                   "certificate, so nothing gets through."_s.arg(host, hop.tls.errors.join(u"; "_s),
                                                                 describe(hop.tls));
        c.fix =
            u"Serve a certificate from a public certificate authority (Let's Encrypt is free) that covers "
            "%1 and is in date, together with its intermediate certificates."_s.arg(host);
        c.facts = certificateFacts(hop);
        return c;
    }
    for (const HttpOutcome &hop : hops) {
        if (!hop.tls.seen || !hop.tls.notAfter.isValid() || now.addDays(warnDays) < hop.tls.notAfter)
            continue;
        const QString host = hostOf(hop.url);
        const qint64 days = now.secsTo(hop.tls.notAfter) / 86400;
        c.level = Level::Warn;
        c.weight = 25;
        c.title = u"The certificate of %1 expires in %2 days"_s.arg(host).arg(days);
        c.detail = describe(hop.tls) + u" Once it has expired, senders and browsers refuse the connection."_s;
        c.fix = u"Renew the certificate of %1 now, and check that renewal is automatic."_s.arg(host);
        c.facts = certificateFacts(hop);
        return c;
    }
    if (hops.isEmpty()) {
        c.title = u"TLS not checked: nothing was reached"_s;
        return c;
    }
    const HttpOutcome &last = hops.last();
    const QString lastHost = hostOf(last.url);
    if (last.url.scheme() == "http"_L1) {
        c.facts = QJsonObject{{u"host"_s, lastHost}, {u"scheme"_s, u"http"_s}};
        if (isLoopbackHost(lastHost)) {
            c.title = u"TLS not checked: plain http on this computer"_s;
            c.detail = u"%1 is a loopback address; TLS matters once the address is public."_s.arg(lastHost);
            return c;
        }
        c.level = Level::Warn;
        c.weight = 30;
        c.title = u"%1 is reached over plain http; use https"_s.arg(lastHost);
        c.detail = u"Without TLS, anyone on the way can read and change what is sent, and Stripe sends live "
                   "events only to https addresses."_s;
        c.fix = u"Serve %1 over https (a certificate from Let's Encrypt is free) and use the https address."_s
                    .arg(lastHost);
        return c;
    }
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        if (!it->tls.seen)
            continue;
        c.level = Level::Ok;
        c.title = u"The certificate of %1 is valid until %2"_s.arg(
            hostOf(it->url), it->tls.notAfter.date().toString(Qt::ISODate));
        c.detail = describe(it->tls);
        c.facts = certificateFacts(*it);
        return c;
    }
    c.title = u"TLS not checked: %1 was not reached"_s.arg(lastHost);
    c.detail = last.error;
    c.facts = QJsonObject{{u"host"_s, lastHost}};
    return c;
}

QString bodySnippet(const QByteArray &body, int maxChars)
{
    QString text = QString::fromUtf8(body.left(maxChars * 4)).simplified();
    for (QChar &ch : text) {
        if (!ch.isPrint())
            ch = u'?';
    }
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + u'…';
    return text;
}

} // namespace sb::doctor
