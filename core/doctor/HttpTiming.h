// The HTTP plumbing the doctor's probes share: one request sent without following redirects, timed (time to
// first byte and total), its answer read up to a cap, and what its TLS said (errors are recorded, never
// ignored). Also the TLS verdict as a Check, so the webhook and page probes judge certificates the same way.
#pragma once

#include "doctor/Check.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;

namespace sb::doctor {

inline constexpr int kDefaultProbeTimeoutMs = 10000;
inline constexpr qint64 kProbeBodyCapBytes = 64 * 1024;
inline constexpr int kCertificateExpiryWarnDays = 14;
inline constexpr auto kProbeUserAgent = "Switchboard-doctor/1";

// What the server's certificate looked like. Subject and issuer are names, never key material.
struct TlsInfo {
    bool seen = false;  // a certificate was presented (handshake reached that far)
    QStringList errors; // QSslError texts; any of them fails the handshake (they are not ignored)
    QString subject;    // common name (or organisation) of the leaf certificate
    QString issuer;     // common name (or organisation) of its issuer
    QStringList names;  // DNS names and IP addresses it covers
    QDateTime notAfter; // expiry, UTC
};

struct HttpOutcome {
    QUrl url;
    QByteArray method;
    int status = 0;          // 0: no HTTP answer (see error)
    QUrl location;           // a redirect's Location, resolved against url; empty when none
    QString error;           // plain words when the request failed below HTTP (DNS, refused, TLS, timeout)
    bool timedOut = false;   // no answer within the transfer timeout
    qint64 firstByteMs = -1; // headers or first body bytes arrived
    qint64 totalMs = -1;     // answer complete (or given up)
    QByteArray body;         // at most kProbeBodyCapBytes of the answer
    bool bodyCapped = false; // the answer was longer; the rest was not read
    TlsInfo tls;

    bool answered() const { return status > 0; }
    // {"status", "ttfbMs", "totalMs", …} for a Check's facts; never the body.
    QJsonObject facts() const;
};

// One request in flight. It never follows redirects, reads at most kProbeBodyCapBytes, and calls `done`
// exactly once unless abort() comes first. Deletes itself after `done` returns.
class TimedRequest : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const HttpOutcome &)>;

    // `method` is "GET" or "POST"; `request` carries the URL and any headers. A User-Agent is added when
    // the request has none.
    static TimedRequest *send(QNetworkAccessManager *nam, QNetworkRequest request, const QByteArray &method,
                              const QByteArray &body, int timeoutMs, Done done);

    // Stops the request without calling `done`; the object deletes itself later.
    void abort();

private:
    TimedRequest(QNetworkReply *reply, HttpOutcome outcome, Done done);
    void markFirstByte();
    void readSome();
    void recordCertificate(const QSslCertificate &certificate);
    void complete();

    QPointer<QNetworkReply> m_reply;
    HttpOutcome m_outcome;
    Done m_done;
    QElapsedTimer m_clock;
    bool m_finished = false; // `done` called, or aborted
    bool m_capped = false;   // we stopped reading on purpose: not an error
};

bool isLoopbackHost(const QString &host);

// The TLS verdict over the answers of one probe (a redirect chain, or the same URL asked several times):
// Fail when a certificate was refused, Warn when one expires within `warnDays` of `now` or when the last
// URL is plain http to a host that is not loopback, Ok when every https hop was fine, Skipped when nothing
// was reached (or plain http on loopback, where TLS does not matter).
Check tlsCheck(const QString &area, const QString &id, const QList<HttpOutcome> &hops, const QDateTime &now,
               int warnDays = kCertificateExpiryWarnDays);

// The first `maxChars` of an answer, as one line of printable text (for details; never for facts).
QString bodySnippet(const QByteArray &body, int maxChars = 160);

} // namespace sb::doctor
