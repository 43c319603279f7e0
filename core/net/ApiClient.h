// One provider's REST API over a QNetworkAccessManager: base URL and headers, pacing, retries with backoff,
// JSON answers, and errors in one line that name the provider. Stripe, Circle and Kit each wrap one with
// their own profile (how they authenticate, how their error bodies read).
#pragma once

#include "common/Result.h"
#include "net/RequestPacer.h"
#include "net/RetryPolicy.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sb::net {

using Query = QList<std::pair<QString, QString>>;

enum class Method { Get, Post, Put, Delete };

struct ApiProfile {
    QString name; // "Stripe", "Circle", "Kit": used in messages
    QUrl baseUrl;
    QByteArray credential;                            // empty: every request fails with ErrorKind::Auth
    QList<std::pair<QByteArray, QByteArray>> headers; // authorization, version; sent with every request
    QByteArray requestIdHeader;                       // quoted in errors when the answer carries it
    int transferTimeoutMs = 30000;                    // no byte for this long: a timeout (retried)
    bool formBodies = false;                          // Stripe's form encoding; otherwise a JSON body
    bool idempotencyKeys = false;                     // writes carry an Idempotency-Key and may be retried
    // The provider's error body in a few words (its message); empty when the body says nothing useful.
    std::function<QString(int status, const QByteArray &body)> errorDetail;
    // A 404-like answer in another status (Stripe's resource_missing).
    std::function<bool(int status, const QByteArray &body)> isNotFound;
};

class ApiClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QJsonObject>)>;

    ApiClient(QNetworkAccessManager *nam, ApiProfile profile, QObject *parent = nullptr);
    ~ApiClient() override;

    // The callback runs exactly once, on this thread. An empty answer (204) is an empty object.
    void get(const QString &path, const Query &query, Callback callback);
    // Writes: form- or JSON-encoded by the profile. Without idempotency keys a write is retried only when
    // the provider refused it unseen (429), never after a timeout, so it cannot act twice.
    void send(Method method, const QString &path, const Query &query, const QJsonObject &body,
              Callback callback);
    // Aborts everything in flight or waiting; their callbacks get ErrorKind::Cancelled.
    void cancelAll();

    RequestPacer &pacer() { return m_pacer; }
    RetryPolicy &retryPolicy() { return m_retry; }
    const ApiProfile &profile() const { return m_profile; }
    qint64 requestsSent() const { return m_requestsSent; }
    qint64 rateLimitedResponses() const { return m_rateLimited; }
    // Inside a successful answer's callback: its HTTP status (Kit tells "added" 201 from "already" 200).
    int answerStatus() const { return m_answerStatus; }
    // The provider's clock minus ours, from the Date header of its last answer (0 until one came). Times a
    // provider compares with its own clock ("changed since") are asked in its time, so a computer whose clock
    // is off loses nothing.
    Millis serverClockOffset() const { return m_serverClockOffset; }

Q_SIGNALS:
    void requestSent();

private:
    struct Pending;
    void dispatch(std::shared_ptr<Pending> p);
    void waitThenDispatch(std::shared_ptr<Pending> p, int delayMs);
    void transmit(std::shared_ptr<Pending> p);
    void finished(QNetworkReply *reply, std::shared_ptr<Pending> p);
    QString describe(int status, const QByteArray &body, const QByteArray &requestId) const;

    QNetworkAccessManager *m_nam;
    ApiProfile m_profile;
    RequestPacer m_pacer;
    RetryPolicy m_retry;
    QSet<QNetworkReply *> m_inFlight;
    QHash<Pending *, std::shared_ptr<Pending>> m_waiting; // for a retry or the pacer
    quint64 m_generation = 0; // bumped by cancelAll so queued retries know they were cancelled
    qint64 m_requestsSent = 0;
    qint64 m_rateLimited = 0;
    int m_answerStatus = 0;
    Millis m_serverClockOffset = 0;
};

} // namespace sb::net
