// A loopback HTTP server that hands every request, whole path and all, to one handler. Qt 6.4's QHttpServer
// router matches one path segment per placeholder, which does not fit ids and nested API paths.
#pragma once

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace sb::sandbox {

struct HttpRequest {
    QByteArray method;                    // "GET", "POST", ...
    QString path;                         // decoded, without the query
    QList<QPair<QString, QString>> query; // form-decoded ('+' is a space), keys as sent
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    QString queryValue(QStringView key) const;    // the last value given for key; empty when absent
};

struct HttpResponse {
    // How the answer goes out. Anything but Whole is a fault (Faults.h): the client must cope with a server
    // that never answers, stops midway, or hangs up midway.
    enum class Transport { Whole, Silent, Stall, Cut };

    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    Transport transport = Transport::Whole;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }
};

// Splits an encoded query string the way form decoders do: '&' separates pairs, '+' is a space, %XX decoded.
QList<QPair<QString, QString>> parseFormQuery(const QByteArray &encoded);

class HttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    // Stall and Cut: the status line, the headers (the whole body's Content-Length) and half the body.
    static void writeHalf(const HttpResponse &response, QTcpSocket *socket);
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

} // namespace sb::sandbox
