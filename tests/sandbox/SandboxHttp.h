// A small loopback HTTP client for the sandbox API tests: any method, raw headers, the reply's status,
// body, JSON and headers, waited for without a nested event loop of the test's own.
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QTest>
#include <QUrl>

namespace sb::sandbox::testing {

struct HttpReply {
    int status = -1;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // names lower-cased

    QString stripeMessage() const { return json.value(u"error").toObject().value(u"message").toString(); }
    QString stripeCode() const { return json.value(u"error").toObject().value(u"code").toString(); }
    QString stripeType() const { return json.value(u"error").toObject().value(u"type").toString(); }
    QJsonArray data() const { return json.value(u"data").toArray(); }
    QJsonArray records() const { return json.value(u"records").toArray(); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

inline HttpReply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
                      const Headers &headers, const QByteArray &body = {})
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    HttpReply out;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
        reply->abort();
        reply->deleteLater();
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        out.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return out;
}

} // namespace sb::sandbox::testing
