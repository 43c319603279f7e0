#include "HttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QTcpSocket>
#include <QUrl>

namespace sb::sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        break;
    }
    return QByteArrayLiteral("UNKNOWN");
}

QString formDecode(QByteArray part)
{
    part.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
}

} // namespace

QString HttpRequest::queryValue(QStringView key) const
{
    QString v;
    for (const auto &[k, value] : query) {
        if (k == key)
            v = value;
    }
    return v;
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QPair<QString, QString>> parseFormQuery(const QByteArray &encoded)
{
    QList<QPair<QString, QString>> items;
    const QList<QByteArray> pairs = encoded.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            items.append({formDecode(pair), QString()});
        else
            items.append({formDecode(pair.left(eq)), formDecode(pair.mid(eq + 1))});
    }
    return items;
}

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest req;
    req.method = methodName(request.method());
    req.path = request.url().path(QUrl::FullyDecoded);
    req.query = parseFormQuery(request.url().query(QUrl::FullyEncoded).toUtf8());
    req.headers = request.headers();
    req.body = request.body();

    const HttpResponse res = m_handler(req);
    switch (res.transport) {
    case HttpResponse::Transport::Whole:
        break;
    case HttpResponse::Transport::Silent:
        // Never answered: the socket stays open until the client gives up (its transfer timeout).
        return true;
    case HttpResponse::Transport::Stall:
        writeHalf(res, socket);
        return true;
    case HttpResponse::Transport::Cut:
        writeHalf(res, socket);
        socket->disconnectFromHost();
        return true;
    }
    QHttpServerResponse response(res.contentType, res.body,
                                 static_cast<QHttpServerResponse::StatusCode>(res.status));
    for (const auto &[name, value] : res.headers)
        response.addHeader(name, value);
    response.write(makeResponder(request, socket));
    return true;
}

void HttpServer::writeHalf(const HttpResponse &response, QTcpSocket *socket)
{
    // Written by hand: QHttpServerResponder always completes what it starts, and these faults are about
    // answers that never complete.
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Fault\r\n";
    head += "Content-Type: " + response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    socket->write(head + response.body.left(response.body.size() / 2));
    socket->flush();
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace sb::sandbox
