#include "webhooks/WebhookReceiver.h"

#include "common/Log.h"
#include "webhooks/Signature.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace sb::webhooks {

namespace {

// More than this many open connections at once on a loopback receiver is a runaway client, not a sender.
constexpr int kMaxConnections = 64;
constexpr int kHeaderTimeoutMs = 2000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return status < 300 ? "OK" : status < 500 ? "Bad Request" : "Server Error";
    }
}

QByteArray errorBody(const QString &code, const QString &message)
{
    return QJsonDocument(QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}})
        .toJson(QJsonDocument::Compact);
}

QString providerOfPath(QByteArrayView path)
{
    if (path == "/webhooks/stripe" || path == "/webhooks/stripe/")
        return u"stripe"_s;
    if (path == "/webhooks/kit" || path == "/webhooks/kit/")
        return u"kit"_s;
    return {};
}

} // namespace

struct WebhookReceiver::Connection {
    explicit Connection(qsizetype maxBody)
        : parser(maxBody)
    {}
    HttpRequestParser parser;
    QTimer timer;
    bool answered = false;
    QString provider;
};

WebhookReceiver::WebhookReceiver(QObject *parent)
    : QObject(parent)
    , m_now([] { return Clock::now() / 1000; })
{
    qRegisterMetaType<Refusal>();
}

WebhookReceiver::~WebhookReceiver()
{
    close();
}

void WebhookReceiver::setSecrets(const QString &provider, const QList<QByteArray> &secrets)
{
    m_secrets.insert(provider, secrets);
}

bool WebhookReceiver::listen(quint16 port, QString *error)
{
    close();
    m_server = new QTcpServer(this);
    // Loopback only, whatever the port: nothing on the network can reach the receiver directly.
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = tr("Cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, &WebhookReceiver::onNewConnection);
    return true;
}

void WebhookReceiver::close()
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
        delete it.value();
    }
    m_connections.clear();
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
}

bool WebhookReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

QUrl WebhookReceiver::baseUrl() const
{
    if (!isListening())
        return {};
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server->serverPort()));
}

void WebhookReceiver::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= kMaxConnections) {
            // Said, counted and logged like any refusal; the headers' short deadline frees slots held by
            // clients that send nothing. Not tracked as a connection: it is answered and let go.
            refuse(socket, {{}, 503, u"busy"_s, tr("Too many open connections; try again.")});
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        auto *c = new Connection(m_maxBody);
        m_connections.insert(socket, c);
        c->timer.setSingleShot(true);
        connect(&c->timer, &QTimer::timeout, socket, [this, socket] {
            // A request that stalls holds a connection: answer 408 and let it go.
            refuse(socket, {{}, 408, u"timeout"_s, tr("The request did not arrive in time.")});
        });
        // Headers must come quickly (a sender has them ready); the body gets the longer deadline.
        c->timer.start(std::min(m_readTimeoutMs, kHeaderTimeoutMs));
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            delete m_connections.take(socket);
            socket->deleteLater();
        });
    }
}

void WebhookReceiver::onReadyRead(QTcpSocket *socket)
{
    Connection *c = m_connections.value(socket);
    if (!c || c->answered) {
        socket->readAll(); // anything after the answer is dropped
        return;
    }
    HttpRequestParser &p = c->parser;
    const bool hadHead = p.hasHead();
    // Never buffer more than the header limit plus the body limit, whatever the peer sends.
    p.feed(socket->read(p.room()));
    if (p.state() == HttpRequestParser::State::Failed && !p.hasHead()) {
        refuseFraming(socket, p.error());
        return;
    }
    if (!hadHead && p.hasHead()) {
        // The head is in: what it asks for is checked before any body is trusted (or invited).
        c->timer.start(m_readTimeoutMs);
        c->provider = providerOfPath(p.head().path);
        if (c->provider.isEmpty()) {
            refuse(socket, {{},
                            404,
                            u"not_found"_s,
                            tr("Nothing is received at this path; use /webhooks/stripe or /webhooks/kit.")});
            return;
        }
        if (p.head().method != "POST") {
            refuse(socket,
                   {c->provider, 405, u"method_not_allowed"_s, tr("Webhooks are received by POST only.")});
            return;
        }
        if (p.state() == HttpRequestParser::State::Failed) {
            refuseFraming(socket, p.error(), c->provider);
            return;
        }
        if (m_secrets.value(c->provider).isEmpty()) {
            // Before any body is read (or a 100 Continue invites it): nothing sent here could be verified.
            refuse(
                socket,
                {c->provider, 503, u"no_secret"_s,
                 tr("No %1 signing secret is set, so nothing sent here can be verified.").arg(c->provider)});
            return;
        }
        if (p.head().headers.value("expect").toLower() == "100-continue" &&
            p.state() != HttpRequestParser::State::Complete)
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (p.state() != HttpRequestParser::State::Complete)
        return; // more to come (the timer still runs)
    handle(socket, *c);
}

void WebhookReceiver::refuseFraming(QTcpSocket *socket, HttpRequestParser::Error error,
                                    const QString &provider)
{
    using E = HttpRequestParser::Error;
    switch (error) {
    case E::HeadersTooLarge:
        refuse(socket, {provider, 431, u"headers_too_large"_s, tr("The request's headers are too large.")});
        return;
    case E::BadRequestLine:
        refuse(socket, {provider, 400, u"bad_request"_s, tr("The request line is not HTTP/1.x.")});
        return;
    case E::BadHeader:
        refuse(socket, {provider, 400, u"bad_request"_s, tr("A request header is malformed.")});
        return;
    case E::ConflictingHeader:
        refuse(socket,
               {provider, 400, u"bad_request"_s, tr("The request repeats a header with another value.")});
        return;
    case E::LengthRequired:
        refuse(socket, {provider, 411, u"length_required"_s,
                        tr("The request must say its length (Content-Length).")});
        return;
    case E::BadContentLength:
        refuse(socket,
               {provider, 400, u"bad_request"_s, tr("The request's Content-Length is not a number.")});
        return;
    case E::BodyTooLarge: {
        const QByteArray length =
            m_connections.contains(socket)
                ? m_connections.value(socket)->parser.head().headers.value("content-length")
                : QByteArray();
        // Refused from the header: an oversized body is never read.
        refuse(socket, {provider, 413, u"too_large"_s,
                        tr("The body is %1 bytes; at most %2 are accepted.")
                            .arg(QString::fromLatin1(length))
                            .arg(m_maxBody)});
        return;
    }
    case E::None:
        break;
    }
    refuse(socket, {provider, 400, u"bad_request"_s, tr("A request header is malformed.")});
}

void WebhookReceiver::handle(QTcpSocket *socket, Connection &c)
{
    c.timer.stop();
    const QByteArray body = c.parser.body();
    const QList<QByteArray> secrets = m_secrets.value(c.provider);
    const QByteArray header =
        c.parser.head().headers.value(c.provider == "kit"_L1 ? "x-kit-signature" : "stripe-signature");
    const Verdict verdict = verifySignature(body, header, secrets, m_now(), m_tolerance);
    if (verdict != Verdict::Valid) {
        refuse(socket, {c.provider, 400, QString::fromLatin1(verdictCode(verdict)), verdictText(verdict)});
        return;
    }
    // Parsed only after the check: unverified bytes never reach the JSON parser.
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        refuse(socket, {c.provider, 400, u"malformed_json"_s,
                        tr("The body is not a JSON object: %1.").arg(parseError.errorString())});
        return;
    }
    Answer answer{503, errorBody(u"no_handler"_s, u"The receiver is not connected to a cache."_s)};
    if (m_handler)
        answer = m_handler(Delivery{c.provider, body, Clock::now()});
    if (answer.status >= 200 && answer.status < 300) {
        ++m_accepted;
        Q_EMIT accepted(c.provider, answer.status);
    } else {
        ++m_refused;
        qCWarning(lcWebhooks).noquote() << c.provider << "webhook not taken:" << answer.status
                                        << QString::fromUtf8(answer.body.left(300));
    }
    c.answered = true;
    respond(socket, answer.status, answer.body);
}

void WebhookReceiver::refuse(QTcpSocket *socket, const Refusal &refusal)
{
    // A socket without a Connection is one turned away before it was tracked (too many open).
    if (Connection *c = m_connections.value(socket)) {
        if (c->answered)
            return;
        c->answered = true;
        c->timer.stop();
    }
    ++m_refused;
    // The reason and the code only: never the signature header, the body or a secret.
    qCWarning(lcWebhooks).noquote() << "refused"
                                    << (refusal.provider.isEmpty() ? u"request"_s : refusal.provider)
                                    << "webhook:" << refusal.status << refusal.code << "-" << refusal.reason;
    Q_EMIT refused(refusal);
    respond(socket, refusal.status, errorBody(refusal.code, refusal.reason));
}

void WebhookReceiver::respond(QTcpSocket *socket, int status, const QByteArray &body)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (status == 405)
        out += "Allow: POST\r\n";
    out += "Connection: close\r\n\r\n" + body;
    socket->write(out);
    socket->disconnectFromHost(); // after the bytes are written
}

} // namespace sb::webhooks
