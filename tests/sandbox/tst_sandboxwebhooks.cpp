// The sandbox as a source of signed webhooks, over loopback: Stripe's webhook endpoint API (create, list,
// retrieve, update, delete, its errors and permissions); deliveries to a receiver in the test whose signature
// the test recomputes and whose body is what GET /v1/events/{id} answers; failed deliveries,
// pending_webhooks, delivery_success and redelivery; the world file's simulated endpoints; chaos (duplicates,
// shuffled order); Kit's webhooks (create, list, delete, signed deliveries); destroying the sandbox
// mid-delivery.
#include "Sandbox.h"
#include "SandboxHttp.h"
#include "SandboxTestWorld.h"

#include <QMessageAuthenticationCode>
#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace sb::sandbox;
using namespace sb::sandbox::testing;

namespace {

const QString SecretKey = u"sk_test_sandbox"_s;
const QString ReadKey = u"rk_test_webhooksReadOnly9z"_s;
const QByteArray KitKey = QByteArrayLiteral("kit_hooks_key");

struct Received {
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
};

// A minimal HTTP/1.1 receiver: records each POST and answers `status`, or holds the answer until release()
// when `hold` is set (so the test can look at the sandbox while a delivery is in flight).
class Receiver : public QObject {
public:
    Receiver()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    QString url(const QString &path = u"/hook"_s) const
    {
        return u"http://127.0.0.1:"_s + QString::number(m_server.serverPort()) + path;
    }

    int status = 200;
    bool hold = false;
    QList<Received> received;

    void release()
    {
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_held)) {
            if (socket)
                answer(socket);
        }
        m_held.clear();
    }
    void close() { m_server.close(); }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            Received r;
            r.path = lines.value(0).split(' ').value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                r.headers.insert(name, line.mid(colon + 1).trimmed());
                if (name == "content-length")
                    length = line.mid(colon + 1).trimmed().toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            r.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            received.append(r);
            if (hold)
                m_held.append(socket);
            else
                answer(socket);
        }
    }

    void answer(QTcpSocket *socket)
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 2\r\n\r\nok");
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QPointer<QTcpSocket>> m_held;
};

// The signature header, recomputed here from PROVIDERS.md's scheme (no sandbox code).
bool signatureValid(const QByteArray &header, const QString &secret, const QByteArray &body,
                    qint64 *t = nullptr)
{
    QByteArray stamp;
    QList<QByteArray> v1;
    for (const QByteArray &part : header.split(',')) {
        if (part.startsWith("t="))
            stamp = part.mid(2);
        else if (part.startsWith("v1="))
            v1.append(part.mid(3));
    }
    if (stamp.isEmpty() || v1.isEmpty())
        return false;
    if (t)
        *t = stamp.toLongLong();
    const QByteArray expected =
        QMessageAuthenticationCode::hash(stamp + "." + body, secret.toUtf8(), QCryptographicHash::Sha256)
            .toHex();
    return v1.contains(expected);
}

QJsonObject subscribe(const QString &price = u"price_pro_monthly"_s)
{
    return QJsonObject{{u"do"_s, u"subscribe"_s}, {u"price"_s, price}};
}

QString enc(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

} // namespace

class TestSandboxWebhooks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void signatureVectorFromProviders();
    void endpointCrud();
    void endpointErrors();
    void endpointPermissions();
    void signedDeliveryIsTheEvent();
    void onlyMatchingAndLaterEvents();
    void failedDeliveryThenRedeliver();
    void worldEndpoints();
    void worldEndpointsValidated();
    void chaosDuplicates();
    void chaosShuffle();
    void kitWebhookCrud();
    void kitSignedDeliveries();
    void destroyedMidDelivery();

private:
    HttpReply get(const QString &pathAndQuery, const QString &key = SecretKey);
    HttpReply post(const QString &path, const QByteArray &form, const QString &key = SecretKey);
    HttpReply del(const QString &path, const QString &key = SecretKey);
    HttpReply kit(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QJsonObject createEndpoint(const QString &url, const QStringList &events);
    void serve(const QJsonObject &world);

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestSandboxWebhooks::init()
{
    serve(world(QJsonArray{person(u"old@example.com"_s, {entry(5 * Day, u"subscribe"_s)}, {},
                                  {entry(5 * Day, u"subscribe"_s)})}));
}

void TestSandboxWebhooks::serve(const QJsonObject &w)
{
    serveWorld(m_sandbox, w, u"circle_hooks"_s, QString::fromLatin1(KitKey));
    m_sandbox->addStripeRestrictedKey(
        ReadKey, {{u"webhook_endpoints"_s, StripeAccess::Read}, {u"events"_s, StripeAccess::Read}});
}

HttpReply TestSandboxWebhooks::get(const QString &pathAndQuery, const QString &key)
{
    return send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + pathAndQuery),
                {{"Authorization", "Bearer " + key.toUtf8()}});
}

HttpReply TestSandboxWebhooks::post(const QString &path, const QByteArray &form, const QString &key)
{
    return send(
        m_nam, "POST", QUrl(m_sandbox->baseUrl().toString() + path),
        {{"Authorization", "Bearer " + key.toUtf8()}, {"Content-Type", "application/x-www-form-urlencoded"}},
        form);
}

HttpReply TestSandboxWebhooks::del(const QString &path, const QString &key)
{
    return send(m_nam, "DELETE", QUrl(m_sandbox->baseUrl().toString() + path),
                {{"Authorization", "Bearer " + key.toUtf8()}});
}

HttpReply TestSandboxWebhooks::kit(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return send(m_nam, method, QUrl(m_sandbox->baseUrl().toString() + u"/v4"_s + path),
                {{"X-Kit-Api-Key", KitKey}, {"Content-Type", "application/json"}},
                body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject TestSandboxWebhooks::createEndpoint(const QString &url, const QStringList &events)
{
    QByteArray form = "url=" + QUrl::toPercentEncoding(url);
    for (const QString &e : events)
        form += "&enabled_events[]=" + QUrl::toPercentEncoding(e);
    const HttpReply r = post(u"/v1/webhook_endpoints"_s, form);
    if (r.status != 200)
        qWarning() << "create endpoint:" << r.status << r.body;
    return r.json;
}

void TestSandboxWebhooks::signatureVectorFromProviders()
{
    // PROVIDERS.md's test vector, checked against the test's own verifier (which checks the sandbox).
    QVERIFY(signatureValid("t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990",
                           u"whsec_test_secret"_s, R"({"id":"evt_test_webhook","object":"event"})"));
}

void TestSandboxWebhooks::endpointCrud()
{
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const HttpReply created =
        post(u"/v1/webhook_endpoints"_s,
             "url=https%3A%2F%2Fhooks.example%2Fstripe&enabled_events[]=customer.created&enabled_events[]="
             "charge.refunded&description=Main&metadata[team]=growth&api_version=2025-03-31.basil");
    QCOMPARE(created.status, 200);
    const QJsonObject e = created.json;
    const QString id = e.value(u"id").toString();
    QVERIFY2(id.startsWith(u"we_"_s), qPrintable(id));
    QCOMPARE(e.value(u"object").toString(), u"webhook_endpoint"_s);
    QCOMPARE(e.value(u"url").toString(), u"https://hooks.example/stripe"_s);
    QCOMPARE(e.value(u"enabled_events").toArray(), QJsonArray({u"customer.created"_s, u"charge.refunded"_s}));
    QCOMPARE(e.value(u"status").toString(), u"enabled"_s);
    QCOMPARE(e.value(u"description").toString(), u"Main"_s);
    QCOMPARE(e.value(u"api_version").toString(), u"2025-03-31.basil"_s);
    QVERIFY(e.value(u"application").isNull());
    QCOMPARE(e.value(u"livemode").toBool(true), false);
    QCOMPARE(e.value(u"metadata").toObject(), QJsonObject({{u"team"_s, u"growth"_s}}));
    QVERIFY(e.value(u"created").toInteger() >= before);
    const QString secret = e.value(u"secret").toString();
    QVERIFY2(secret.startsWith(u"whsec_"_s) && secret.size() > 30, qPrintable(secret));
    QCOMPARE(m_sandbox->webhookEndpointSecret(id), secret);

    // The secret is shown once.
    const HttpReply one = get(u"/v1/webhook_endpoints/"_s + id, ReadKey);
    QCOMPARE(one.status, 200);
    QVERIFY(!one.json.contains(u"secret"_s));
    QJsonObject withoutSecret = e;
    withoutSecret.remove(u"secret"_s);
    QCOMPARE(one.json, withoutSecret);

    // api_version is null when not given; lists are newest first with Stripe's cursors.
    const QJsonObject second = createEndpoint(u"http://127.0.0.1:9/x"_s, {u"*"_s});
    QVERIFY(second.value(u"api_version").isNull());
    QVERIFY(second.value(u"description").isNull());
    const QString secondId = second.value(u"id").toString();
    const HttpReply list = get(u"/v1/webhook_endpoints"_s, ReadKey);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.data().size(), 2);
    QCOMPARE(list.data().at(0).toObject().value(u"id").toString(), secondId);
    QCOMPARE(list.json.value(u"url").toString(), u"/v1/webhook_endpoints"_s);
    const HttpReply page = get(u"/v1/webhook_endpoints?limit=1"_s, ReadKey);
    QCOMPARE(page.data().size(), 1);
    QCOMPARE(page.json.value(u"has_more").toBool(), true);
    const HttpReply next = get(u"/v1/webhook_endpoints?limit=1&starting_after="_s + secondId, ReadKey);
    QCOMPARE(next.data().size(), 1);
    QCOMPARE(next.data().at(0).toObject().value(u"id").toString(), id);
    QCOMPARE(next.json.value(u"has_more").toBool(), false);

    // Update.
    const HttpReply updated = post(
        u"/v1/webhook_endpoints/"_s + id,
        "url=https%3A%2F%2Fhooks.example%2Fv2&enabled_events[0]=invoice.paid&disabled=true&description=");
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.json.value(u"url").toString(), u"https://hooks.example/v2"_s);
    QCOMPARE(updated.json.value(u"enabled_events").toArray(), QJsonArray({u"invoice.paid"_s}));
    QCOMPARE(updated.json.value(u"status").toString(), u"disabled"_s);
    QVERIFY(updated.json.value(u"description").isNull());
    QVERIFY(!updated.json.contains(u"secret"_s));
    QCOMPARE(post(u"/v1/webhook_endpoints/"_s + id, "disabled=false").json.value(u"status").toString(),
             u"enabled"_s);

    // Delete.
    const HttpReply deleted = del(u"/v1/webhook_endpoints/"_s + id);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json,
             QJsonObject({{u"id"_s, id}, {u"object"_s, u"webhook_endpoint"_s}, {u"deleted"_s, true}}));
    QCOMPARE(get(u"/v1/webhook_endpoints/"_s + id).status, 404);
    QCOMPARE(del(u"/v1/webhook_endpoints/"_s + id).stripeCode(), u"resource_missing"_s);
    QCOMPARE(get(u"/v1/webhook_endpoints"_s).data().size(), 1);

    // Idempotency-Key replays a create (secret and all) instead of making a second endpoint.
    const Headers headers{{"Authorization", "Bearer " + SecretKey.toUtf8()},
                          {"Content-Type", "application/x-www-form-urlencoded"},
                          {"Idempotency-Key", "hook-create-1"}};
    const QUrl url(m_sandbox->baseUrl().toString() + u"/v1/webhook_endpoints"_s);
    const QByteArray form = "url=https%3A%2F%2Fa.example%2Fh&enabled_events[]=*";
    const HttpReply first = send(m_nam, "POST", url, headers, form);
    const HttpReply replay = send(m_nam, "POST", url, headers, form);
    QCOMPARE(first.status, 200);
    QCOMPARE(replay.body, first.body);
    QCOMPARE(replay.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(get(u"/v1/webhook_endpoints"_s).data().size(), 2);
}

void TestSandboxWebhooks::endpointErrors()
{
    const auto check = [this](const QByteArray &form, const QString &code, const QString &param) {
        const HttpReply r = post(u"/v1/webhook_endpoints"_s, form);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.stripeType(), u"invalid_request_error"_s);
        QCOMPARE(r.stripeCode(), code);
        QCOMPARE(r.json.value(u"error").toObject().value(u"param").toString(), param);
    };
    check("enabled_events[]=*", u"parameter_missing"_s, u"url"_s);
    check("url=https%3A%2F%2Fa.example%2Fh", u"parameter_missing"_s, u"enabled_events"_s);
    check("url=not%20a%20url&enabled_events[]=*", u"url_invalid"_s, u"url"_s);
    check("url=ftp%3A%2F%2Fa.example%2Fh&enabled_events[]=*", u"url_invalid"_s, u"url"_s);
    check("url=https%3A%2F%2Fa.example%2Fh&enabled_events[]=Not%20A%20Type", QString(),
          u"enabled_events[]"_s);
    check("url=https%3A%2F%2Fa.example%2Fh&enabled_events[]=*&colour=blue", u"parameter_unknown"_s,
          u"colour"_s);
    check("url=https%3A%2F%2Fa.example%2Fh&enabled_events[]=*&disabled=maybe", QString(), u"disabled"_s);
    check("url=https%3A%2F%2Fa.example%2Fh&enabled_events[]=*&api_version=yesterday", QString(),
          u"api_version"_s);
    QCOMPARE(get(u"/v1/webhook_endpoints"_s).data().size(), 0); // nothing was made

    // Updates: parameters first, then the id.
    QCOMPARE(post(u"/v1/webhook_endpoints/we_nope"_s, "disabled=true").status, 404);
    QCOMPARE(post(u"/v1/webhook_endpoints/we_nope"_s, "disabled=perhaps").status, 400);
    QCOMPARE(post(u"/v1/webhook_endpoints/we_nope"_s, "api_version=2025-03-31.basil").stripeCode(),
             u"parameter_unknown"_s); // not updatable
    // Other deletes are not served.
    QCOMPARE(del(u"/v1/customers/cus_x"_s).status, 404);
    QCOMPARE(del(u"/v1/webhook_endpoints"_s).status, 404);
}

void TestSandboxWebhooks::endpointPermissions()
{
    const QString id = createEndpoint(u"https://a.example/h"_s, {u"*"_s}).value(u"id").toString();
    QCOMPARE(get(u"/v1/webhook_endpoints/"_s + id, ReadKey).status, 200);
    const HttpReply create =
        post(u"/v1/webhook_endpoints"_s, "url=https%3A%2F%2Fa.example%2Fh&enabled_events[]=*", ReadKey);
    QCOMPARE(create.status, 403);
    QVERIFY2(create.stripeMessage().contains(u"rak_webhook_endpoint_write"_s),
             qPrintable(create.stripeMessage()));
    QCOMPARE(post(u"/v1/webhook_endpoints/"_s + id, "disabled=true", ReadKey).status, 403);
    QCOMPARE(del(u"/v1/webhook_endpoints/"_s + id, ReadKey).status, 403);
    // Permission comes before parameters.
    QCOMPARE(post(u"/v1/webhook_endpoints"_s, "bogus=1", ReadKey).status, 403);
    QCOMPARE(get(u"/v1/webhook_endpoints"_s, u"rk_test_unknown_key_00"_s).status, 401);
}

void TestSandboxWebhooks::signedDeliveryIsTheEvent()
{
    Receiver receiver;
    receiver.hold = true;
    const QJsonObject endpoint = createEndpoint(receiver.url(), {u"customer.created"_s});
    const QString secret = endpoint.value(u"secret").toString();
    QSignalSpy delivered(m_sandbox.get(), &Sandbox::webhookDelivered);

    QCOMPARE(post(u"/v1/customers"_s, "email=new%40example.com").status, 200);
    QTRY_COMPARE(receiver.received.size(), 1);
    const Received r = receiver.received.first();
    QCOMPARE(r.path, QByteArray("/hook"));
    QCOMPARE(r.headers.value("content-type"), QByteArray("application/json; charset=utf-8"));
    QCOMPARE(r.headers.value("user-agent"), QByteArray("Stripe/1.0 (+https://stripe.com/docs/webhooks)"));
    qint64 t = 0;
    QVERIFY2(signatureValid(r.headers.value("stripe-signature"), secret, r.body, &t),
             r.headers.value("stripe-signature").constData());
    QVERIFY(qAbs(QDateTime::currentSecsSinceEpoch() - t) < 60);

    const QJsonObject event = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(event.value(u"type").toString(), u"customer.created"_s);
    const QString eventId = event.value(u"id").toString();
    // While the delivery is in flight, the event is pending, and the body is exactly what the API answers.
    const HttpReply fetched = get(u"/v1/events/"_s + eventId);
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.body, r.body);
    QCOMPARE(event.value(u"pending_webhooks").toInt(), 1);
    QCOMPARE(delivered.size(), 0);

    receiver.release();
    QTRY_COMPARE(delivered.size(), 1);
    const auto d = delivered.first().first().value<WebhookDelivery>();
    QCOMPARE(d.provider, u"stripe"_s);
    QCOMPARE(d.endpoint, endpoint.value(u"id").toString());
    QCOMPARE(d.eventId, eventId);
    QCOMPARE(d.httpStatus, 200);
    QVERIFY(d.delivered());
    QVERIFY(!d.simulated);
    QCOMPARE(get(u"/v1/events/"_s + eventId).json.value(u"pending_webhooks").toInt(), 0);
    QCOMPARE(m_sandbox->webhookDeliveries().size(), 1);
    QCOMPARE(get(u"/v1/events?delivery_success=true&type=customer.created"_s)
                 .data()
                 .first()
                 .toObject()
                 .value(u"id")
                 .toString(),
             eventId);
}

void TestSandboxWebhooks::onlyMatchingAndLaterEvents()
{
    Receiver receiver;
    QString secret;
    const QString id = m_sandbox->addWebhookEndpoint(receiver.url(), {u"invoice.paid"_s}, &secret);
    QVERIFY(id.startsWith(u"we_"_s));
    QCOMPARE(secret, m_sandbox->webhookEndpointSecret(id));
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"ada@example.com"_s, u"stripe"_s, subscribe(), &error),
             qPrintable(error));
    QTRY_COMPARE(receiver.received.size(), 1);
    QTest::qWait(200);
    QCOMPARE(receiver.received.size(), 1); // only invoice.paid, one of the subscribe's events
    const QJsonObject event = QJsonDocument::fromJson(receiver.received.first().body).object();
    QCOMPARE(event.value(u"type").toString(), u"invoice.paid"_s);
    QVERIFY(signatureValid(receiver.received.first().headers.value("stripe-signature"), secret,
                           receiver.received.first().body));

    // The world's events (5 days old) were never sent to an endpoint made now, and are not pending.
    const HttpReply pending = get(u"/v1/events?delivery_success=false"_s);
    QCOMPARE(pending.data().size(), 0);
    const HttpReply all = get(u"/v1/events?limit=100"_s);
    for (const QJsonValue &v : all.data())
        QCOMPARE(v.toObject().value(u"pending_webhooks").toInt(), 0);

    // A disabled endpoint hears nothing; "localhost" is loopback too.
    Receiver other;
    const QString otherId =
        m_sandbox->addWebhookEndpoint(other.url().replace(u"127.0.0.1"_s, u"localhost"_s), {u"*"_s});
    QVERIFY(!otherId.isEmpty());
    const QString disabledId = createEndpoint(receiver.url(u"/disabled"_s), {u"*"_s}).value(u"id").toString();
    QCOMPARE(post(u"/v1/webhook_endpoints/"_s + disabledId, "disabled=true").status, 200);
    QCOMPARE(post(u"/v1/customers"_s, "email=later%40example.com").status, 200);
    QTRY_COMPARE(other.received.size(), 1);
    QTest::qWait(200);
    QCOMPARE(receiver.received.size(), 1);

    QTest::ignoreMessage(QtWarningMsg,
                         "addWebhookEndpoint: needs an http(s) URL and at least one event type");
    QVERIFY(m_sandbox->addWebhookEndpoint(u"ftp://x.example/"_s, {u"*"_s}).isEmpty());
}

void TestSandboxWebhooks::failedDeliveryThenRedeliver()
{
    Receiver receiver;
    receiver.status = 500;
    m_sandbox->addWebhookEndpoint(receiver.url(), {u"*"_s});
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"ada@example.com"_s, u"stripe"_s, subscribe(), &error),
             qPrintable(error));
    const HttpReply made = get(u"/v1/events?created[gte]="_s +
                               QString::number(QDateTime::currentSecsSinceEpoch() - 60) + u"&limit=100"_s);
    const int count = static_cast<int>(made.data().size());
    QVERIFY2(count >= 6,
             "a subscribe makes customer, charge, payment intent, subscription, invoice and checkout events");
    QTRY_COMPARE(m_sandbox->webhookDeliveries().size(), count);
    for (const WebhookDelivery &d : m_sandbox->webhookDeliveries()) {
        QCOMPARE(d.httpStatus, 500);
        QVERIFY(!d.delivered());
    }
    QStringList ids;
    for (const QJsonValue &v : made.data()) {
        const QString id = v.toObject().value(u"id").toString();
        ids.append(id);
        QCOMPARE(get(u"/v1/events/"_s + id).json.value(u"pending_webhooks").toInt(), 1);
    }
    const HttpReply failing = get(u"/v1/events?delivery_success=false&limit=100"_s, ReadKey);
    QCOMPARE(failing.status, 200);
    QCOMPARE(failing.data().size(), count);
    QCOMPARE(get(u"/v1/events?delivery_success=true&created[gte]="_s +
                 QString::number(QDateTime::currentSecsSinceEpoch() - 60))
                 .data()
                 .size(),
             0);
    QCOMPARE(get(u"/v1/events?delivery_success=maybe"_s).status, 400);

    // The receiver is fixed; a redelivery clears them all.
    receiver.status = 200;
    m_sandbox->redeliverEvents(ids + QStringList{u"evt_unknown"_s});
    QTRY_COMPARE(m_sandbox->webhookDeliveries().size(), 2 * count);
    QCOMPARE(get(u"/v1/events?delivery_success=false"_s).data().size(), 0);
    for (const QString &id : std::as_const(ids))
        QCOMPARE(get(u"/v1/events/"_s + id).json.value(u"pending_webhooks").toInt(), 0);
    // Nothing is pending any more: redelivering sends nothing.
    m_sandbox->redeliverEvents(ids);
    QTest::qWait(200);
    QCOMPARE(m_sandbox->webhookDeliveries().size(), 2 * count);

    // A receiver that is not there: the delivery fails without an HTTP status.
    receiver.close();
    Receiver gone;
    const QString goneUrl = gone.url();
    gone.close();
    const QString goneId = m_sandbox->addWebhookEndpoint(goneUrl, {u"customer.created"_s});
    QCOMPARE(post(u"/v1/customers"_s, "email=nobody%40example.com").status, 200);
    const auto refused = [this, &goneId]() -> std::optional<WebhookDelivery> {
        for (const WebhookDelivery &d : m_sandbox->webhookDeliveries()) {
            if (d.endpoint == goneId)
                return d;
        }
        return std::nullopt;
    };
    QTRY_VERIFY(refused().has_value());
    QVERIFY(!refused()->delivered());
    QCOMPARE(refused()->httpStatus, 0);
    QVERIFY(!refused()->error.isEmpty());
}

void TestSandboxWebhooks::worldEndpoints()
{
    QJsonObject w = world(QJsonArray{
        person(u"a@example.com"_s, {entry(6 * Hour, u"subscribe"_s)}),
        person(u"b@example.com"_s, {entry(1 * Hour, u"buy"_s, {{u"price"_s, u"price_course"_s}})}),
        person(u"c@example.com"_s, {entry(20 * Day, u"subscribe"_s)}),
    });
    w.insert(u"stripe_webhook_endpoints"_s,
             QJsonArray{QJsonObject{{u"url"_s, u"https://founder.example/stripe-webhook"_s},
                                    {u"enabled_events"_s,
                                     QJsonArray{u"checkout.session.completed"_s, u"invoice.paid"_s}},
                                    {u"description"_s, u"Zapier"_s},
                                    {u"api_version"_s, u"2025-03-31.basil"_s},
                                    {u"created"_s, ago(10 * Day)},
                                    {u"failing_since"_s, ago(2 * Hour)}},
                        QJsonObject{{u"url"_s, u"https://old.example/hook"_s},
                                    {u"enabled_events"_s, QJsonArray{u"*"_s}},
                                    {u"status"_s, u"disabled"_s}}});
    serve(w);
    const HttpReply list = get(u"/v1/webhook_endpoints"_s);
    QCOMPARE(list.data().size(), 2);
    const QJsonObject failing = list.data().at(1).toObject();
    QCOMPARE(failing.value(u"url").toString(), u"https://founder.example/stripe-webhook"_s);
    QCOMPARE(failing.value(u"status").toString(), u"enabled"_s);
    QCOMPARE(failing.value(u"description").toString(), u"Zapier"_s);
    QVERIFY(qAbs(failing.value(u"created").toInteger() - (QDateTime::currentSecsSinceEpoch() - 10 * Day)) <
            60);
    QCOMPARE(list.data().at(0).toObject().value(u"status").toString(), u"disabled"_s);
    QVERIFY(list.data().at(0).toObject().value(u"api_version").isNull());

    // Only b's checkout (1 hour ago, after failing_since) failed; a's (6 hours ago) were delivered and c's
    // (20 days ago) came before the endpoint.
    const HttpReply pending = get(u"/v1/events?delivery_success=false"_s);
    QCOMPARE(pending.data().size(), 1);
    const QJsonObject event = pending.data().first().toObject();
    QCOMPARE(event.value(u"type").toString(), u"checkout.session.completed"_s);
    QCOMPARE(event.value(u"pending_webhooks").toInt(), 1);
    QCOMPARE(event.value(u"data")
                 .toObject()
                 .value(u"object")
                 .toObject()
                 .value(u"customer_details")
                 .toObject()
                 .value(u"email")
                 .toString(),
             u"b@example.com"_s);
    const HttpReply delivered = get(u"/v1/events?delivery_success=true&type=invoice.paid"_s);
    QCOMPARE(delivered.data().size(), 2);
    QVERIFY(m_sandbox->webhookDeliveries().isEmpty()); // computed at load, not attempts

    // A live event to the simulated endpoint fails too (it is failing now), without any HTTP.
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"d@example.com"_s, u"stripe"_s,
                                        QJsonObject{{u"do"_s, u"buy"_s}, {u"price"_s, u"price_course"_s}},
                                        &error),
             qPrintable(error));
    QCOMPARE(m_sandbox->webhookDeliveries().size(), 1);
    const WebhookDelivery d = m_sandbox->webhookDeliveries().first();
    QVERIFY(d.simulated);
    QVERIFY(!d.delivered());
    QCOMPARE(d.httpStatus, 0);
    QCOMPARE(get(u"/v1/events?delivery_success=false"_s).data().size(), 2);
    // Redelivering to a failing simulated endpoint fails again.
    m_sandbox->redeliverEvents({d.eventId});
    QCOMPARE(m_sandbox->webhookDeliveries().size(), 2);
    QCOMPARE(get(u"/v1/events/"_s + d.eventId).json.value(u"pending_webhooks").toInt(), 1);

    // The world's dump keeps the endpoints as written.
    QCOMPARE(m_sandbox->world().value(u"stripe_webhook_endpoints").toArray().size(), 2);
}

void TestSandboxWebhooks::worldEndpointsValidated()
{
    const auto reject = [](const QJsonValue &endpoints, const QString &message) {
        QJsonObject w = world(QJsonArray());
        w.insert(u"stripe_webhook_endpoints"_s, endpoints);
        Sandbox sandbox;
        QString error;
        QVERIFY(!sandbox.loadWorld(w, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    };
    reject(QJsonObject(), u"\"stripe_webhook_endpoints\" must be an array"_s);
    reject(QJsonArray{QJsonObject{{u"enabled_events"_s, QJsonArray{u"*"_s}}}},
           u"stripe_webhook_endpoints[0]: \"url\""_s);
    reject(QJsonArray{QJsonObject{{u"url"_s, u"https://a.example/"_s}}},
           u"stripe_webhook_endpoints[0]: \"enabled_events\""_s);
    reject(QJsonArray{QJsonObject{{u"url"_s, u"https://a.example/"_s},
                                  {u"enabled_events"_s, QJsonArray{u"*"_s}},
                                  {u"status"_s, u"paused"_s}}},
           u"\"status\" must be enabled or disabled"_s);
    reject(QJsonArray{QJsonObject{{u"url"_s, u"https://a.example/"_s},
                                  {u"enabled_events"_s, QJsonArray{u"*"_s}},
                                  {u"failing_since"_s, u"yesterday"_s}}},
           u"\"failing_since\" is not an ISO 8601 time"_s);
}

void TestSandboxWebhooks::chaosDuplicates()
{
    Receiver receiver;
    m_sandbox->addWebhookEndpoint(receiver.url(), {u"*"_s});
    m_sandbox->setWebhookChaos(true, false, 0);
    QCOMPARE(post(u"/v1/customers"_s, "email=twice%40example.com").status, 200);
    QTRY_COMPARE(receiver.received.size(), 2);
    QTest::qWait(200);
    QCOMPARE(receiver.received.size(), 2);
    const QJsonObject a = QJsonDocument::fromJson(receiver.received.at(0).body).object();
    const QJsonObject b = QJsonDocument::fromJson(receiver.received.at(1).body).object();
    QCOMPARE(a.value(u"id"), b.value(u"id"));
    QTRY_COMPARE(m_sandbox->webhookDeliveries().size(), 2);
    QCOMPARE(get(u"/v1/events/"_s + a.value(u"id").toString()).json.value(u"pending_webhooks").toInt(), 0);
}

void TestSandboxWebhooks::chaosShuffle()
{
    const auto typesReceived = [this](bool shuffle) {
        Receiver receiver;
        m_sandbox->addWebhookEndpoint(receiver.url(), {u"*"_s});
        m_sandbox->setWebhookChaos(false, shuffle, 42);
        QString error;
        const QString email = shuffle ? u"shuffled@example.com"_s : u"ordered@example.com"_s;
        if (!m_sandbox->addJourneyEntry(email, u"stripe"_s, subscribe(), &error))
            qWarning() << error;
        QStringList ids;
        if (!QTest::qWaitFor([&receiver] { return receiver.received.size() >= 7; }, 5000))
            return ids;
        for (const Received &r : std::as_const(receiver.received))
            ids.append(QJsonDocument::fromJson(r.body).object().value(u"id").toString());
        return ids;
    };
    const QStringList ordered = typesReceived(false);
    QCOMPARE(ordered.size(), 7);
    // Without chaos, the receiver sees the events in the order they were made (the list's reverse).
    QStringList made;
    for (const QJsonValue &v : get(u"/v1/events?limit=7"_s).data())
        made.prepend(v.toObject().value(u"id").toString());
    QCOMPARE(ordered, made);

    init();
    const QStringList shuffled = typesReceived(true);
    QCOMPARE(shuffled.size(), 7);
    QStringList madeNow;
    for (const QJsonValue &v : get(u"/v1/events?limit=7"_s).data())
        madeNow.prepend(v.toObject().value(u"id").toString());
    QVERIFY(shuffled != madeNow);
    QStringList sortedA = shuffled;
    QStringList sortedB = madeNow;
    sortedA.sort();
    sortedB.sort();
    QCOMPARE(sortedA, sortedB);
}

void TestSandboxWebhooks::kitWebhookCrud()
{
    const HttpReply created =
        kit("POST", u"/webhooks"_s,
            QJsonObject{{u"target_url"_s, u"https://hooks.example/kit"_s},
                        {u"event"_s, QJsonObject{{u"name"_s, u"subscriber.tag_add"_s}, {u"tag_id"_s, 501}}}});
    QCOMPARE(created.status, 201);
    const QJsonObject hook = created.json.value(u"webhook").toObject();
    QVERIFY(hook.value(u"id").toInteger() > 0);
    QVERIFY(hook.value(u"account_id").toInteger() > 0);
    QCOMPARE(hook.value(u"target_url").toString(), u"https://hooks.example/kit"_s);
    QCOMPARE(hook.value(u"event").toObject().value(u"name").toString(), u"subscriber.tag_add"_s);
    QCOMPARE(hook.value(u"event").toObject().value(u"tag_id").toInteger(), 501);

    const HttpReply second =
        kit("POST", u"/webhooks"_s,
            QJsonObject{{u"target_url"_s, u"https://hooks.example/unsub"_s},
                        {u"event"_s, QJsonObject{{u"name"_s, u"subscriber.subscriber_unsubscribe"_s}}}});
    QCOMPARE(second.status, 201);
    QVERIFY(!second.json.value(u"webhook").toObject().value(u"event").toObject().contains(u"tag_id"_s));

    const HttpReply list = kit("GET", u"/webhooks"_s);
    QCOMPARE(list.status, 200);
    const QJsonArray hooks = list.json.value(u"webhooks").toArray();
    QCOMPARE(hooks.size(), 2);
    QCOMPARE(hooks.at(1).toObject(), hook); // highest id first
    QVERIFY(list.json.value(u"pagination").toObject().contains(u"end_cursor"_s));
    const HttpReply page = kit("GET", u"/webhooks?per_page=1"_s);
    QCOMPARE(page.json.value(u"webhooks").toArray().size(), 1);
    QCOMPARE(page.json.value(u"pagination").toObject().value(u"has_next_page").toBool(), true);
    const QString cursor = page.json.value(u"pagination").toObject().value(u"end_cursor").toString();
    const HttpReply next = kit("GET", u"/webhooks?per_page=1&after="_s + enc(cursor));
    QCOMPARE(next.json.value(u"webhooks").toArray().at(0).toObject(), hook);

    // Errors.
    const auto error = [this](const QJsonObject &body) {
        return kit("POST", u"/webhooks"_s, body).status;
    };
    QCOMPARE(error(QJsonObject{{u"event"_s, QJsonObject{{u"name"_s, u"subscriber.subscriber_bounce"_s}}}}),
             422);
    QCOMPARE(error(QJsonObject{{u"target_url"_s, u"https://h.example/"_s}}), 422);
    QCOMPARE(error(QJsonObject{{u"target_url"_s, u"https://h.example/"_s},
                               {u"event"_s, QJsonObject{{u"name"_s, u"subscriber.nonsense"_s}}}}),
             422);
    QCOMPARE(error(QJsonObject{{u"target_url"_s, u"https://h.example/"_s},
                               {u"event"_s, QJsonObject{{u"name"_s, u"subscriber.tag_remove"_s}}}}),
             422);
    QCOMPARE(error(QJsonObject{
                 {u"target_url"_s, u"https://h.example/"_s},
                 {u"event"_s, QJsonObject{{u"name"_s, u"subscriber.tag_remove"_s}, {u"tag_id"_s, 999}}}}),
             404);
    QCOMPARE(send(m_nam, "POST", QUrl(m_sandbox->baseUrl().toString() + u"/v4/webhooks"_s),
                  {{"X-Kit-Api-Key", KitKey}}, "{not json")
                 .status,
             400);
    QCOMPARE(send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + u"/v4/webhooks"_s), {}).status, 401);

    // Delete.
    const QString id = QString::number(hook.value(u"id").toInteger());
    QCOMPARE(kit("DELETE", u"/webhooks/"_s + id).status, 204);
    QCOMPARE(kit("DELETE", u"/webhooks/"_s + id).status, 404);
    QCOMPARE(kit("GET", u"/webhooks"_s).json.value(u"webhooks").toArray().size(), 1);
}

void TestSandboxWebhooks::kitSignedDeliveries()
{
    Receiver receiver;
    m_sandbox->setKitWebhookSecret(u"kit_test_hook_secret"_s);
    QCOMPARE(m_sandbox->kitWebhookSecret(), u"kit_test_hook_secret"_s);
    const auto create = [this, &receiver](const QString &name, const QString &path) {
        QJsonObject event{{u"name"_s, name}};
        if (name.contains(u"tag_"_s))
            event.insert(u"tag_id"_s, 501);
        return kit("POST", u"/webhooks"_s,
                   QJsonObject{{u"target_url"_s, receiver.url(path)}, {u"event"_s, event}})
            .status;
    };
    QCOMPARE(create(u"subscriber.tag_add"_s, u"/tag"_s), 201);
    QCOMPARE(create(u"subscriber.subscriber_unsubscribe"_s, u"/unsub"_s), 201);
    QCOMPARE(create(u"subscriber.tag_remove"_s, u"/untag"_s), 201);

    // A tag added through the API.
    const QJsonObject created =
        kit("POST", u"/subscribers"_s,
            QJsonObject{{u"email_address"_s, u"kim@example.com"_s}, {u"first_name"_s, u"Kim"_s}})
            .json.value(u"subscriber"_s)
            .toObject();
    const QString id = QString::number(created.value(u"id").toInteger());
    QCOMPARE(kit("POST", u"/tags/501/subscribers/"_s + id).status, 201);
    QTRY_COMPARE(receiver.received.size(), 1);
    const Received r = receiver.received.first();
    QCOMPARE(r.path, QByteArray("/tag"));
    QCOMPARE(r.headers.value("content-type"), QByteArray("application/json; charset=utf-8"));
    QVERIFY2(signatureValid(r.headers.value("x-kit-signature"), u"kit_test_hook_secret"_s, r.body),
             r.headers.value("x-kit-signature").constData());
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QVERIFY(!QUuid::fromString(body.value(u"delivery_id").toString()).isNull());
    const QJsonArray events = body.value(u"events").toArray();
    QCOMPARE(events.size(), 1);
    const QJsonObject event = events.first().toObject();
    QVERIFY(!QUuid::fromString(event.value(u"id").toString()).isNull());
    QCOMPARE(event.value(u"type").toString(), u"subscriber.tag_add"_s);
    QVERIFY(qAbs(event.value(u"created").toInteger() - QDateTime::currentSecsSinceEpoch()) < 60);
    const QJsonObject data = event.value(u"data").toObject();
    QCOMPARE(data.value(u"subscriber").toObject(),
             kit("GET", u"/subscribers/"_s + id).json.value(u"subscriber").toObject());
    QCOMPARE(data.value(u"tag").toObject(), QJsonObject({{u"id"_s, 501}, {u"name"_s, u"pro"_s}}));
    QTRY_COMPARE(m_sandbox->webhookDeliveries().size(), 1);
    QCOMPARE(m_sandbox->webhookDeliveries().first().provider, u"kit"_s);
    QCOMPARE(m_sandbox->webhookDeliveries().first().httpStatus, 200);

    // Tagging again changes nothing and sends nothing; journey entries are heard too.
    QCOMPARE(kit("POST", u"/tags/501/subscribers/"_s + id).status, 200);
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"kim@example.com"_s, u"kit"_s,
                                        QJsonObject{{u"do"_s, u"untag"_s}, {u"tags"_s, QJsonArray{501}}},
                                        &error),
             qPrintable(error));
    QVERIFY2(m_sandbox->addJourneyEntry(u"old@example.com"_s, u"kit"_s,
                                        QJsonObject{{u"do"_s, u"unsubscribe"_s}}, &error),
             qPrintable(error));
    QTRY_COMPARE(receiver.received.size(), 3);
    QSet<QByteArray> paths;
    for (const Received &got : std::as_const(receiver.received))
        paths.insert(got.path);
    QCOMPARE(paths, QSet<QByteArray>({"/tag", "/untag", "/unsub"}));
    const auto bodyAt = [&receiver](const QByteArray &path) {
        for (const Received &got : std::as_const(receiver.received)) {
            if (got.path == path)
                return QJsonDocument::fromJson(got.body).object();
        }
        return QJsonObject();
    };
    const QJsonObject unsub = bodyAt("/unsub").value(u"events").toArray().first().toObject();
    QCOMPARE(unsub.value(u"type").toString(), u"subscriber.subscriber_unsubscribe"_s);
    QCOMPARE(unsub.value(u"data").toObject().value(u"subscriber").toObject().value(u"state").toString(),
             u"cancelled"_s);
    QVERIFY(!unsub.value(u"data").toObject().contains(u"tag"_s));

    // Chaos applies to Kit too: a duplicate carries the same delivery.
    m_sandbox->setWebhookChaos(true, false, 0);
    QCOMPARE(kit("POST", u"/tags/501/subscribers/"_s + id).status, 201);
    QTRY_COMPARE(receiver.received.size(), 5);
    QCOMPARE(receiver.received.at(3).body, receiver.received.at(4).body);
}

void TestSandboxWebhooks::destroyedMidDelivery()
{
    Receiver receiver;
    receiver.hold = true;
    m_sandbox->addWebhookEndpoint(receiver.url(), {u"*"_s});
    QCOMPARE(post(u"/v1/customers"_s, "email=held%40example.com").status, 200);
    QTRY_COMPARE(receiver.received.size(), 1);
    QSignalSpy delivered(m_sandbox.get(), &Sandbox::webhookDelivered);
    m_sandbox.reset();
    receiver.release();
    QTest::qWait(200);
    QCOMPARE(delivered.size(), 0);
}

QTEST_GUILESS_MAIN(TestSandboxWebhooks)
#include "tst_sandboxwebhooks.moc"
