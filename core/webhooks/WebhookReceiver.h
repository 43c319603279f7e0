// The live webhook receiver: a small HTTP/1.1 server on loopback only, for events forwarded to this computer
// (the Stripe CLI's `listen --forward-to`, a tunnel, the sandbox). POST /webhooks/stripe and /webhooks/kit.
//
// Everything is refused before the body is trusted: other paths 404, other methods 405, no Content-Length
// 411, a body over the limit 413 (refused from the header, before it is read), a slow or stalled request 408,
// then the signature (Stripe-Signature / X-Kit-Signature, webhooks/Signature.h) 400 or 401, then the JSON
// 400. Only then is the body handed to the handler, whose answer is sent (200 once stored, 5xx when the
// cache could not take it, so the sender retries). Every refusal is logged (without the signature or any
// secret) and signalled. One request per connection (Connection: close): senders open a new one anyway.
#pragma once

#include "common/Time.h"
#include "webhooks/HttpRequestParser.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace sb::webhooks {

inline constexpr qsizetype kDefaultMaxBodyBytes = 1024 * 1024; // Stripe's events are a few KB; Kit batches

struct Delivery {
    QString provider;      // "stripe" or "kit"
    QByteArray body;       // the raw bytes, verified
    Millis receivedAt = 0; // when the last byte arrived (for receipt-to-timeline latency)
};

struct Answer {
    int status = 200;
    QByteArray body; // JSON
};

struct Refusal {
    QString provider; // "" when the path named none
    int status = 400;
    QString code;   // "missing_header", "signature_mismatch", "too_large", "not_found", …
    QString reason; // plain words
};

class WebhookReceiver : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<Answer(const Delivery &)>;

    explicit WebhookReceiver(QObject *parent = nullptr);
    ~WebhookReceiver() override;

    // Secrets per provider ("stripe", "kit"); several while one is rotated. A provider without a secret
    // refuses everything sent to it (503: nothing can be verified, and nothing unverified is taken).
    void setSecrets(const QString &provider, const QList<QByteArray> &secrets);
    void setToleranceSeconds(qint64 seconds) { m_tolerance = seconds; }
    void setMaxBodyBytes(qsizetype bytes) { m_maxBody = bytes; }
    void setReadTimeoutMs(int ms) { m_readTimeoutMs = ms; }
    // Tests move the receiver's clock (seconds since the epoch); default: the system clock.
    void setClock(std::function<qint64()> nowSeconds) { m_now = std::move(nowSeconds); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    // Loopback only: 127.0.0.1 (port 0 = any free port). False with a reason when the port is taken.
    bool listen(quint16 port, QString *error = nullptr);
    void close();
    bool isListening() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT

    qint64 acceptedCount() const { return m_accepted; }
    qint64 refusedCount() const { return m_refused; }

Q_SIGNALS:
    void accepted(const QString &provider, int status);
    void refused(const sb::webhooks::Refusal &refusal);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, Connection &c);
    void respond(QTcpSocket *socket, int status, const QByteArray &body);
    void refuse(QTcpSocket *socket, const Refusal &refusal);
    void refuseFraming(QTcpSocket *socket, HttpRequestParser::Error error, const QString &provider = {});

    QTcpServer *m_server = nullptr;
    QHash<QString, QList<QByteArray>> m_secrets;
    QHash<QTcpSocket *, Connection *> m_connections;
    Handler m_handler;
    std::function<qint64()> m_now;
    qint64 m_tolerance = 300;
    qsizetype m_maxBody = kDefaultMaxBodyBytes;
    int m_readTimeoutMs = 10000;
    qint64 m_accepted = 0;
    qint64 m_refused = 0;
};

} // namespace sb::webhooks

Q_DECLARE_METATYPE(sb::webhooks::Refusal)
