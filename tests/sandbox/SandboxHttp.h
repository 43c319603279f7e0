// A small loopback HTTP client for the sandbox API tests: any method, raw headers, the reply's status,
// body, JSON and headers, waited for without a nested event loop of the test's own; and a sandbox serving a
// hand-made world on loopback.
#pragma once

#include "Sandbox.h"

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

#include <memory>

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

// `headers` plus `name: value`, or without it when `value` is empty (a request without that credential).
inline Headers withCredential(Headers headers, const QByteArray &name, const QByteArray &value)
{
    if (!value.isEmpty())
        headers.append({name, value});
    return headers;
}

// A new sandbox in `sandbox` serving `world` on loopback with the Circle token and Kit key given (Stripe's is
// the default); a world that does not load or a port it cannot listen on fails the current test.
inline void serveWorld(std::unique_ptr<Sandbox> &sandbox, const QJsonObject &world,
                       const QString &circleToken, const QString &kitKey)
{
    sandbox = std::make_unique<Sandbox>();
    QString error;
    QVERIFY2(sandbox->loadWorld(world, &error), qPrintable(error));
    sandbox->setKeys(QStringLiteral("sk_test_sandbox"), circleToken, kitKey);
    QVERIFY(sandbox->listen());
}

} // namespace sb::sandbox::testing
