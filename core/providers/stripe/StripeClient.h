// Stripe's REST API over one QNetworkAccessManager: pinned version, pacing, retries, errors naming
// Request-Id.
#pragma once

#include "common/Config.h"
#include "common/Result.h"
#include "net/RequestPacer.h"
#include "net/RetryPolicy.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sb::stripe {

// The one API version every request pins. Event payloads may still arrive in older shapes (see the mapper).
inline constexpr QLatin1StringView kApiVersion{"2025-03-31.basil"};

using Query = QList<std::pair<QString, QString>>;

class StripeClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QJsonObject>)>;

    StripeClient(QNetworkAccessManager *nam, StripeSettings settings, QObject *parent = nullptr);
    ~StripeClient() override;

    // GET base_url + path (e.g. "/v1/customers") with the query; the callback runs exactly once, on this
    // thread.
    void get(const QString &path, const Query &query, Callback callback);
    // POST a form (Stripe's request encoding) with an Idempotency-Key, so a retry never acts twice. The
    // console reads Stripe; its one POST is the connection test's write-permission probe.
    void post(const QString &path, const Query &form, Callback callback);
    // Aborts everything in flight; their callbacks get ErrorKind::Cancelled.
    void cancelAll();

    qint64 requestsSent() const { return m_requestsSent; }
    qint64 rateLimitedResponses() const { return m_rateLimited; }
    net::RetryPolicy &retryPolicy() { return m_retry; }

    static double defaultRate(const QString &apiKey);

Q_SIGNALS:
    void requestSent();

private:
    struct Pending;
    void dispatch(std::shared_ptr<Pending> p);
    void waitThenDispatch(std::shared_ptr<Pending> p, int delayMs);
    void send(std::shared_ptr<Pending> p);
    void finished(QNetworkReply *reply, std::shared_ptr<Pending> p);

    QNetworkAccessManager *m_nam;
    StripeSettings m_settings;
    net::RequestPacer m_pacer;
    net::RetryPolicy m_retry;
    QSet<QNetworkReply *> m_inFlight;
    QHash<Pending *, std::shared_ptr<Pending>> m_waiting; // for a retry or the pacer
    quint64 m_generation = 0; // bumped by cancelAll so queued retries know they were cancelled
    qint64 m_requestsSent = 0;
    qint64 m_rateLimited = 0;
};

// Turns a Stripe error response into one line: status, type, code, message and the Request-Id.
QString describeError(int httpStatus, const QByteArray &body, const QByteArray &requestId);

} // namespace sb::stripe
