// Live webhooks: the signature scheme (PROVIDERS.md's vector, headers made by Stripe's own Node SDK, every
// way a header can be wrong), the loopback receiver's refusals, and verified deliveries reaching the cache
// through the sync worker: deduplicated with pulled events, in any order, with their findings.
#include "Sandbox.h"
#include "SandboxWorlds.h"
#include "TestUtil.h"
#include "reconcile/Policy.h"
#include "reconcile/Reconciler.h"
#include "store/FindingsStore.h"
#include "sync/SyncEngine.h"
#include "sync/WebhookIngest.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookReceiver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;
using webhooks::Verdict;

namespace {

// Short on purpose: nothing key-shaped in the repository.
const QByteArray kSecret = "whsec_switchboard_test";
const QByteArray kOtherSecret = "whsec_rotated_test";

struct HttpAnswer {
    int status = 0;
    QByteArray head;
    QByteArray body;
};

// One raw HTTP exchange with the receiver: the request bytes as given, the answer until the server closes.
HttpAnswer exchange(quint16 port, const QByteArray &request, int waitMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(waitMs))
        return {};
    socket.write(request);
    QByteArray all;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < waitMs) {
        if (socket.waitForReadyRead(50))
            all += socket.readAll();
        else
            QCoreApplication::processEvents();
    }
    all += socket.readAll();
    // A "100 Continue" comes first when it was asked for: the final answer is the last one.
    const qsizetype last = all.lastIndexOf("HTTP/1.1 ");
    HttpAnswer a;
    if (last < 0)
        return a;
    const QByteArray answer = all.sliced(last);
    const qsizetype split = answer.indexOf("\r\n\r\n");
    a.head = answer.first(split < 0 ? answer.size() : split);
    a.body = split < 0 ? QByteArray() : answer.sliced(split + 4);
    a.status = answer.mid(9, 3).toInt();
    return a;
}

QByteArray post(const QByteArray &path, const QByteArray &body, const QList<QByteArray> &headers)
{
    QByteArray r = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const QByteArray &h : headers)
        r += h + "\r\n";
    r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return r;
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString errorCode(const HttpAnswer &a)
{
    return QJsonDocument::fromJson(a.body).object().value("error"_L1).toObject().value("code"_L1).toString();
}

// Runs Stripe's Node SDK over a list of requests (tests/node/stripe_signature.js).
QJsonArray stripeSdk(const QJsonArray &requests)
{
    const QString dir = QStringLiteral(SB_SOURCE_DIR "/tests/node");
    QProcess node;
    node.setWorkingDirectory(dir);
    node.start(u"node"_s, {dir + "/stripe_signature.js"_L1});
    if (!node.waitForStarted(10000))
        return {};
    node.write(QJsonDocument(requests).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    node.waitForFinished(60000);
    if (node.exitCode() != 0)
        qWarning().noquote() << node.readAllStandardError();
    return QJsonDocument::fromJson(node.readAllStandardOutput()).array();
}

bool stripeSdkAvailable()
{
    return QFile::exists(QStringLiteral(SB_SOURCE_DIR "/tests/node/node_modules/stripe/package.json"));
}

// A sandbox, a cache synced from it, and the sync worker with its receiver on a free loopback port.
struct Env : test::SyncedSandbox {
    quint16 port = 0;
    QNetworkAccessManager nam;

    Env()
        : SyncedSandbox(test::actionsWorld())
    {
        config.webhooks.stripeSecret = QString::fromLatin1(kSecret);
        config.webhooks.kitSecret = QString::fromLatin1(kOtherSecret);
        // A purchase made a moment ago is a finding at once (no grace), so a test can see it.
        config.findings.insert(u"paid_without_access_grace_seconds"_s, u"0"_s);
        remakeWorker();
    }

    bool startReceiver()
    {
        QSignalSpy changed(worker.get(), &sync::SyncWorker::receiverChanged);
        worker->startReceiver(0);
        if (changed.isEmpty() && !changed.wait(5000))
            return false;
        port = quint16(changed.first().first().toUrl().port());
        return port != 0;
    }

    QJsonObject get(const QString &path, const QByteArray &authHeader, const QByteArray &authValue)
    {
        QNetworkRequest request(QUrl(sb.baseUrl().toString() + path));
        request.setRawHeader(authHeader, authValue);
        QNetworkReply *reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    // Every Stripe event the sandbox has, oldest first.
    QList<QJsonObject> stripeEvents()
    {
        QList<QJsonObject> out;
        const QJsonObject page = get(u"/v1/events?limit=100"_s, "Authorization", "Bearer sk_test_sandbox");
        for (const QJsonValue &v : page.value("data"_L1).toArray())
            out.prepend(v.toObject());
        return out;
    }

    QJsonObject kitSubscriber(const QString &email)
    {
        const QJsonObject page =
            get(u"/v4/subscribers?status=all&email_address="_s + email, "X-Kit-Api-Key", "kit_sandbox");
        return page.value("subscribers"_L1).toArray().first().toObject();
    }

    // Posts one Stripe event to the receiver, signed as Stripe signs it.
    HttpAnswer pushStripe(const QJsonObject &event)
    {
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        return exchange(
            port, post("/webhooks/stripe", body,
                       {"Stripe-Signature: " + webhooks::signatureHeader(body, nowSeconds(), kSecret)}));
    }

    HttpAnswer pushKit(const QJsonArray &events)
    {
        const QByteArray body =
            QJsonDocument(QJsonObject{{u"delivery_id"_s, u"d-1"_s}, {u"events"_s, events}})
                .toJson(QJsonDocument::Compact);
        return exchange(
            port, post("/webhooks/kit", body,
                       {"X-Kit-Signature: " + webhooks::signatureHeader(body, nowSeconds(), kOtherSecret)}));
    }

    qint64 count(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(cache.db());
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec() || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

    qint64 timelineRows(const QString &email)
    {
        return count(
            u"SELECT count(*) FROM timeline WHERE person_id IN (SELECT person_id FROM identities WHERE "
            "email_norm = ?)"_s,
            {email});
    }

    QStringList openRules(const QString &email)
    {
        store::FindingFilter f;
        f.limit = 1000;
        QStringList rules;
        auto list = store::FindingsStore(cache.db()).list(f);
        for (const store::StoredFinding &s : list ? list.value() : QList<store::StoredFinding>{})
            if (s.finding.emails.contains(email))
                rules.append(s.finding.rule);
        rules.sort();
        return rules;
    }

    // What a person looks like in the cache, independent of row ids and of when a row was written.
    QStringList timelineOf(const QString &email)
    {
        QSqlQuery q(cache.db());
        q.prepare(u"SELECT at, provider, kind, source_key, summary FROM timeline WHERE person_id IN (SELECT "
                  "person_id FROM identities WHERE email_norm = ?) ORDER BY source_key"_s);
        q.addBindValue(email);
        q.exec();
        QStringList out;
        while (q.next())
            out.append(u"%1 %2 %3 %4 %5"_s.arg(q.value(0).toString(), q.value(1).toString(),
                                               q.value(2).toString(), q.value(3).toString(),
                                               q.value(4).toString()));
        return out;
    }
};

int jsonInt(const HttpAnswer &a, const char *key)
{
    return QJsonDocument::fromJson(a.body).object().value(QLatin1StringView(key)).toInt(-1);
}

} // namespace

class TestWebhooks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void signatureVector()
    {
        // PROVIDERS.md's test vector.
        const QByteArray body = R"({"id":"evt_test_webhook","object":"event"})";
        QCOMPARE(webhooks::computeSignature(body, 1700000000, "whsec_test_secret"),
                 QByteArray("d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990"));
        const QByteArray header =
            "t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990";
        QCOMPARE(webhooks::verifySignature(body, header, {"whsec_test_secret"}, 1700000100), Verdict::Valid);
        QCOMPARE(webhooks::signatureHeader(body, 1700000000, "whsec_test_secret"), header);
    }

    void signatureHeaders_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("verdict");
        const QByteArray body = R"({"id":"evt_1","object":"event","type":"charge.succeeded"})";
        const qint64 t = 1700000000;
        const QByteArray sig = webhooks::computeSignature(body, t, kSecret);
        const QByteArray ts = QByteArray::number(t);
        const QByteArray wrong(64, 'a');
        QTest::newRow("valid") << "t=" + ts + ",v1=" + sig << body << int(Verdict::Valid);
        QTest::newRow("valid among several v1 (rotation)")
            << "t=" + ts + ",v1=" + wrong + ",v1=" + sig << body << int(Verdict::Valid);
        QTest::newRow("v0 and unknown schemes ignored")
            << "t=" + ts + ",v0=" + wrong + ",v1=" + sig + ",x=1" << body << int(Verdict::Valid);
        QTest::newRow("tampered body") << "t=" + ts + ",v1=" + sig << body + " " << int(Verdict::Mismatch);
        QTest::newRow("tampered timestamp")
            << "t=" + QByteArray::number(t + 1) + ",v1=" + sig << body << int(Verdict::Mismatch);
        QTest::newRow("tampered signature") << "t=" + ts + ",v1=" + wrong << body << int(Verdict::Mismatch);
        QTest::newRow("upper-case hex is not what Stripe sends")
            << "t=" + ts + ",v1=" + sig.toUpper() << body << int(Verdict::NoSignature);
        QTest::newRow("missing header") << QByteArray() << body << int(Verdict::MissingHeader);
        QTest::newRow("no t") << "v1=" + sig << body << int(Verdict::NoTimestamp);
        QTest::newRow("no v1") << "t=" + ts << body << int(Verdict::NoSignature);
        QTest::newRow("only v0") << "t=" + ts + ",v0=" + sig << body << int(Verdict::NoSignature);
        QTest::newRow("stray space after comma")
            << "t=" + ts + ", v1=" + sig << body << int(Verdict::Malformed);
        QTest::newRow("stray space before") << " t=" + ts + ",v1=" + sig << body << int(Verdict::Malformed);
        QTest::newRow("space inside t") << "t= " + ts + ",v1=" + sig << body << int(Verdict::Malformed);
        QTest::newRow("two t") << "t=" + ts + ",t=" + ts + ",v1=" + sig << body << int(Verdict::Malformed);
        QTest::newRow("t not a number") << "t=abc,v1=" + sig << body << int(Verdict::Malformed);
        QTest::newRow("negative t") << "t=-5,v1=" + sig << body << int(Verdict::Malformed);
        QTest::newRow("empty part") << "t=" + ts + ",,v1=" + sig << body << int(Verdict::Malformed);
        QTest::newRow("part without =") << "t=" + ts + ",v1" << body << int(Verdict::Malformed);
        QTest::newRow("too long") << "t=" + ts + ",v1=" + sig + ",x=" + QByteArray(9000, 'a') << body
                                  << int(Verdict::Malformed);
        QTest::newRow("trailing comma is tolerated")
            << "t=" + ts + ",v1=" + sig + "," << body << int(Verdict::Valid);
    }

    void signatureHeaders()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, body);
        QFETCH(int, verdict);
        QCOMPARE(int(webhooks::verifySignature(body, header, {kSecret}, 1700000010)), verdict);
    }

    void signatureTimeAndSecrets()
    {
        const QByteArray body = "{}";
        const QByteArray header = webhooks::signatureHeader(body, 1700000000, kSecret);
        QCOMPARE(webhooks::verifySignature(body, header, {kSecret}, 1700000300),
                 Verdict::Valid); // at the edge
        QCOMPARE(webhooks::verifySignature(body, header, {kSecret}, 1700000301), Verdict::TimestampTooOld);
        QCOMPARE(webhooks::verifySignature(body, header, {kSecret}, 1699999699), Verdict::TimestampInFuture);
        QCOMPARE(webhooks::verifySignature(body, header, {kSecret}, 1700000900, 1000), Verdict::Valid);
        QCOMPARE(webhooks::verifySignature(body, header, {kOtherSecret}, 1700000000), Verdict::Mismatch);
        // During a rotation both secrets are accepted.
        QCOMPARE(webhooks::verifySignature(body, header, {kOtherSecret, kSecret}, 1700000000),
                 Verdict::Valid);
        QCOMPARE(webhooks::verifySignature(body, header, {}, 1700000000), Verdict::Mismatch);
        QCOMPARE(webhooks::verifySignature(body, header, {QByteArray()}, 1700000000), Verdict::Mismatch);
        // The key is the whole whsec_ string as text, not its base64 decoding.
        QVERIFY(webhooks::computeSignature(body, 1, "whsec_AAAA") !=
                webhooks::computeSignature(body, 1, "AAAA"));
        QCOMPARE(webhookSecrets(u" whsec_a, whsec_b\n"_s), QList<QByteArray>({"whsec_a", "whsec_b"}));
        QVERIFY(webhooks::constantTimeEquals("abc", "abc"));
        QVERIFY(!webhooks::constantTimeEquals("abc", "abd"));
        QVERIFY(!webhooks::constantTimeEquals("abc", "ab"));
    }

    // Headers made by Stripe's own SDK verify here, and ours verify there; tampered ones fail in both.
    void stripeSdkAgrees()
    {
        if (!stripeSdkAvailable())
            QFAIL("Stripe's Node SDK is not installed: run `npm ci --prefix tests/node` (./build.sh test "
                  "does)");
        QList<QByteArray> bodies{R"({"id":"evt_test_webhook","object":"event"})", "{}",
                                 "{\n  \"id\": \"evt_2\",\n  \"object\": \"event\"\n}",
                                 u"{\"name\":\"Zo\u00EB \u202Eevil\u200B\"}"_s.toUtf8()};
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < 16; ++i) {
            QByteArray b = "{\"id\":\"evt_" + QByteArray::number(rng->generate()) + "\",\"n\":[";
            for (int k = 0; k < int(rng->bounded(50)); ++k)
                b += QByteArray::number(rng->generate()) + ",";
            b += "0]}";
            bodies.append(b);
        }
        QJsonArray requests;
        const qint64 t = nowSeconds();
        for (const QByteArray &b : bodies)
            requests.append(QJsonObject{{u"make"_s, QJsonObject{{u"payload"_s, QString::fromUtf8(b)},
                                                                {u"secret"_s, QString::fromLatin1(kSecret)},
                                                                {u"timestamp"_s, t}}}});
        for (const QByteArray &b : bodies)
            requests.append(QJsonObject{
                {u"check"_s,
                 QJsonObject{{u"payload"_s, QString::fromUtf8(b)},
                             {u"header"_s, QString::fromLatin1(webhooks::signatureHeader(b, t, kSecret))},
                             {u"secret"_s, QString::fromLatin1(kSecret)},
                             {u"tolerance"_s, 300}}}});
        // Stripe's SDK refuses what we refuse.
        requests.append(
            QJsonObject{{u"check"_s, QJsonObject{{u"payload"_s, QString::fromUtf8(bodies.first() + " ")},
                                                 {u"header"_s, QString::fromLatin1(webhooks::signatureHeader(
                                                                   bodies.first(), t, kSecret))},
                                                 {u"secret"_s, QString::fromLatin1(kSecret)},
                                                 {u"tolerance"_s, 300}}}});
        const QJsonArray answers = stripeSdk(requests);
        QCOMPARE(answers.size(), requests.size());
        for (qsizetype i = 0; i < bodies.size(); ++i) {
            const QByteArray header = answers.at(i).toObject().value("header"_L1).toString().toLatin1();
            QVERIFY2(header.startsWith("t="), header.constData());
            QCOMPARE(webhooks::verifySignature(bodies.at(i), header, {kSecret}, t), Verdict::Valid);
            QCOMPARE(header, webhooks::signatureHeader(bodies.at(i), t, kSecret));
            QCOMPARE(webhooks::verifySignature(bodies.at(i) + "x", header, {kSecret}, t), Verdict::Mismatch);
            QCOMPARE(webhooks::verifySignature(bodies.at(i), header, {kOtherSecret}, t), Verdict::Mismatch);
            const QJsonObject check = answers.at(bodies.size() + i).toObject();
            QVERIFY2(check.value("ok"_L1).toBool(), qPrintable(check.value("error"_L1).toString()));
        }
        QVERIFY(!answers.last().toObject().value("ok"_L1).toBool());
    }

    void receiverRefusals()
    {
        webhooks::WebhookReceiver receiver;
        receiver.setSecrets(u"stripe"_s, {kSecret});
        receiver.setMaxBodyBytes(4096);
        receiver.setReadTimeoutMs(300);
        QList<webhooks::Delivery> delivered;
        receiver.setHandler([&delivered](const webhooks::Delivery &d) {
            delivered.append(d);
            return webhooks::Answer{200, R"({"received":true})"};
        });
        QSignalSpy refused(&receiver, &webhooks::WebhookReceiver::refused);
        QVERIFY(receiver.listen(0));
        QCOMPARE(receiver.baseUrl().host(), u"127.0.0.1"_s);
        const quint16 port = quint16(receiver.baseUrl().port());
        const QByteArray body = R"({"id":"evt_1","object":"event"})";
        auto signedFor = [](const QByteArray &b, qint64 t = nowSeconds()) -> QByteArray {
            return "Stripe-Signature: " + webhooks::signatureHeader(b, t, kSecret);
        };

        HttpAnswer a = exchange(port, post("/webhooks/stripe", body, {signedFor(body)}));
        QCOMPARE(a.status, 200);
        QCOMPARE(delivered.size(), 1);
        QCOMPARE(delivered.first().body, body);
        QCOMPARE(delivered.first().provider, u"stripe"_s);

        struct Case {
            const char *name;
            QByteArray request;
            int status;
            const char *code;
        };
        const QByteArray tampered = R"({"id":"evt_1","object":"event","x":1})";
        const QByteArray bigHead = "X-Pad: " + QByteArray(20000, 'a');
        const QList<Case> cases{
            {"unsigned", post("/webhooks/stripe", body, {}), 400, "missing_header"},
            {"tampered", post("/webhooks/stripe", tampered, {signedFor(body)}), 400, "signature_mismatch"},
            {"stale", post("/webhooks/stripe", body, {signedFor(body, nowSeconds() - 301)}), 400,
             "timestamp_too_old"},
            {"stray space",
             post("/webhooks/stripe", body,
                  {"Stripe-Signature: t=" + QByteArray::number(nowSeconds()) +
                   ", v1=" + webhooks::computeSignature(body, nowSeconds(), kSecret)}),
             400, "malformed_header"},
            {"wrong secret",
             post("/webhooks/stripe", body,
                  {"Stripe-Signature: " + webhooks::signatureHeader(body, nowSeconds(), kOtherSecret)}),
             400, "signature_mismatch"},
            // Refused from its Content-Length: the body is never sent, never read.
            {"oversized", "POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n", 413,
             "too_large"},
            {"no length", "POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\n\r\n", 411, "length_required"},
            {"chunked",
             "POST /webhooks/stripe HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
             411, "length_required"},
            {"two lengths",
             "POST /webhooks/stripe HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400,
             "bad_request"},
            {"negative length", "POST /webhooks/stripe HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400,
             "bad_request"},
            {"GET", "GET /webhooks/stripe HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method_not_allowed"},
            {"other path", post("/webhooks/paypal", body, {signedFor(body)}), 404, "not_found"},
            {"path traversal", post("/webhooks/../webhooks/stripe", body, {signedFor(body)}), 404,
             "not_found"},
            {"no secret for kit",
             post("/webhooks/kit", body,
                  {"X-Kit-Signature: " + webhooks::signatureHeader(body, nowSeconds(), kSecret)}),
             503, "no_secret"},
            {"not HTTP", "HELLO\r\n\r\n", 400, "bad_request"},
            {"huge headers", "POST /webhooks/stripe HTTP/1.1\r\n" + bigHead + "\r\n\r\n", 431,
             "headers_too_large"},
            {"stalled body", "POST /webhooks/stripe HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"id\"", 408,
             "timeout"},
        };
        for (const Case &c : cases) {
            const qsizetype before = refused.size();
            a = exchange(port, c.request);
            QVERIFY2(a.status == c.status, qPrintable(u"%1: got %2 %3"_s.arg(QLatin1StringView(c.name))
                                                          .arg(a.status)
                                                          .arg(QString::fromUtf8(a.body))));
            QCOMPARE(errorCode(a), QString::fromLatin1(c.code));
            QCOMPARE(refused.size(), before + 1);
            // The answer names the problem, never the secret or the signature.
            QVERIFY(!a.body.contains(kSecret));
            QVERIFY(!a.body.contains("v1="));
        }
        // A verified body that is not JSON is refused after the check, never handed on.
        const QByteArray notJson = "not json";
        a = exchange(port, post("/webhooks/stripe", notJson, {signedFor(notJson)}));
        QCOMPARE(a.status, 400);
        QCOMPARE(errorCode(a), u"malformed_json"_s);
        QCOMPARE(delivered.size(), 1); // only the first, good one reached the handler
        QCOMPARE(receiver.acceptedCount(), 1);

        // curl asks before a large body: the receiver says continue, then answers.
        a = exchange(port, post("/webhooks/stripe", body, {signedFor(body), "Expect: 100-continue"}));
        QCOMPARE(a.status, 200);
        QCOMPARE(delivered.size(), 2);
    }

    // A purchase pushed live reaches the timeline and the findings before the answer; a redelivery, and the
    // next sync pulling the same events, change nothing.
    void pushedStripeEventsReachTheCache()
    {
        Env env;
        QVERIFY(env.syncAll());
        QVERIFY(env.startReceiver());
        const QSet<QString> known = [&] {
            QSet<QString> ids;
            for (const QJsonObject &e : env.stripeEvents())
                ids.insert(e.value("id"_L1).toString());
            return ids;
        }();
        QString error;
        QVERIFY2(env.sb.addJourneyEntry(u"hal@example.com"_s, u"stripe"_s,
                                        {{u"do"_s, u"subscribe"_s},
                                         {u"price"_s, u"price_pro_monthly"_s},
                                         {u"name"_s, u"Hal Jordan"_s}},
                                        &error),
                 qPrintable(error));
        QList<QJsonObject> fresh;
        for (const QJsonObject &e : env.stripeEvents())
            if (!known.contains(e.value("id"_L1).toString()))
                fresh.append(e);
        QVERIFY(fresh.size() >= 2);
        QCOMPARE(env.timelineRows(u"hal@example.com"_s), 0);

        QSignalSpy received(env.worker.get(), &sync::SyncWorker::webhookReceived);
        for (const QJsonObject &e : fresh) {
            const HttpAnswer a = env.pushStripe(e);
            QCOMPARE(a.status, 200);
            QCOMPARE(jsonInt(a, "applied"), 1);
        }
        QCOMPARE(received.size(), fresh.size());
        const auto report = received.last().first().value<sync::WebhookReport>();
        QVERIFY(report.reconciledAt >= report.storedAt);
        QVERIFY(report.storedAt >= report.receivedAt);
        const qint64 rows = env.timelineRows(u"hal@example.com"_s);
        QVERIFY(rows > 0);
        // Paid, not in Circle, not in Kit: the findings are there already, without a sync.
        QVERIFY2(env.openRules(u"hal@example.com"_s).contains(reconcile::rule::PaidWithoutAccess),
                 qPrintable(env.openRules(u"hal@example.com"_s).join(u',')));

        // Stripe retries and sends duplicates: each is answered 200 and changes nothing.
        for (const QJsonObject &e : fresh) {
            const HttpAnswer a = env.pushStripe(e);
            QCOMPARE(a.status, 200);
            QCOMPARE(jsonInt(a, "applied"), 0);
            QCOMPARE(jsonInt(a, "duplicates"), 1);
        }
        QCOMPARE(env.timelineRows(u"hal@example.com"_s), rows);
        // The sync pulls the same events: skipped by id.
        const qint64 rawEvents = env.count(u"SELECT count(*) FROM raw_objects WHERE kind = 'event'"_s);
        QVERIFY(env.syncAll());
        QCOMPARE(env.timelineRows(u"hal@example.com"_s), rows);
        QCOMPARE(env.count(u"SELECT count(*) FROM raw_objects WHERE kind = 'event'"_s), rawEvents);
    }

    // Delivered newest first (out of order), the events leave the person exactly as a sync pulling them
    // in order does.
    void outOfOrderEqualsPulled()
    {
        Env pushed;
        QVERIFY(pushed.syncAll());
        QVERIFY(pushed.startReceiver());
        QSet<QString> known;
        for (const QJsonObject &e : pushed.stripeEvents())
            known.insert(e.value("id"_L1).toString());
        QString error;
        const QString ivy = u"ivy@example.com"_s;
        QVERIFY2(pushed.sb.addJourneyEntry(ivy, u"stripe"_s,
                                           {{u"do"_s, u"subscribe"_s}, {u"price"_s, u"price_pro_monthly"_s}},
                                           &error),
                 qPrintable(error));
        QVERIFY2(pushed.sb.addJourneyEntry(ivy, u"stripe"_s, {{u"do"_s, u"refund"_s}}, &error),
                 qPrintable(error));
        QVERIFY2(pushed.sb.addJourneyEntry(ivy, u"stripe"_s, {{u"do"_s, u"cancel"_s}}, &error),
                 qPrintable(error));
        QList<QJsonObject> fresh;
        for (const QJsonObject &e : pushed.stripeEvents())
            if (!known.contains(e.value("id"_L1).toString()))
                fresh.prepend(e); // newest first
        QVERIFY(fresh.size() >= 4);
        for (const QJsonObject &e : std::as_const(fresh))
            QCOMPARE(pushed.pushStripe(e).status, 200);
        // The objects re-read and the refund's details listed, then reconciled again.
        QTRY_VERIFY_WITH_TIMEOUT(!pushed.worker->isSettlingWebhooks(), 30000);
        // A second cache pulls the same sandbox in order.
        test::TempCache pulledCache;
        Config pulledConfig = test::sandboxConfig(pushed.sb, pulledCache.path());
        pulledConfig.findings = pushed.config.findings;
        auto policy = reconcile::Policy::fromJson(test::actionsWorld());
        QVERIFY(reconcile::savePolicy(pulledCache.db(), policy.value(), u"test"_s, u"policy"_s));
        sync::SyncWorker pulledWorker(pulledConfig);
        QSignalSpy done(&pulledWorker, &sync::SyncWorker::finished);
        pulledWorker.run(false);
        QVERIFY(done.wait(60000));
        const QStringList pushedTimeline = pushed.timelineOf(ivy);
        QVERIFY(!pushedTimeline.isEmpty());
        // Read the pulled cache through the same helpers.
        std::swap(pushed.cache.conn, pulledCache.conn);
        const QStringList pulledTimeline = pushed.timelineOf(ivy);
        const QStringList pulledRules = pushed.openRules(ivy);
        std::swap(pushed.cache.conn, pulledCache.conn);
        QCOMPARE(pushedTimeline, pulledTimeline);
        // All of a live journey's events carry one second here, so only the re-read objects make the state
        // come out as the pulled one (docs/WEBHOOKS.md, "Order").
        QCOMPARE(pushed.openRules(ivy), pulledRules);
    }

    // The sandbox as Stripe: it signs and delivers every new event to the receiver, each twice and shuffled.
    // Every delivery is taken; each event is applied once; the timeline is what a pull gives.
    void sandboxDeliversWithDuplicatesAndShuffle()
    {
        Env env;
        quint16 port = 0;
        {
            QTcpServer
                probe; // a free loopback port for the receiver, known before the endpoint is registered
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QString secret;
        env.sb.addWebhookEndpoint(u"http://127.0.0.1:%1/webhooks/stripe"_s.arg(port), {u"*"_s}, &secret);
        QVERIFY(secret.startsWith("whsec_"_L1));
        env.config.webhooks.stripeSecret = secret;
        env.remakeWorker();
        QVERIFY(env.syncAll());
        QSignalSpy changed(env.worker.get(), &sync::SyncWorker::receiverChanged);
        env.worker->startReceiver(port);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toUrl().port(), int(port));
        env.sb.setWebhookChaos(true, true, 7);
        QSet<QString> before;
        for (const QJsonObject &e : env.stripeEvents())
            before.insert(e.value("id"_L1).toString());
        QSignalSpy received(env.worker.get(), &sync::SyncWorker::webhookReceived);
        QString error;
        const QString jo = u"jo@example.com"_s;
        QVERIFY2(env.sb.addJourneyEntry(jo, u"stripe"_s,
                                        {{u"do"_s, u"subscribe"_s}, {u"price"_s, u"price_pro_monthly"_s}},
                                        &error),
                 qPrintable(error));
        QVERIFY2(env.sb.addJourneyEntry(jo, u"stripe"_s, {{u"do"_s, u"refund"_s}}, &error),
                 qPrintable(error));
        auto deliveries = [&env] {
            QList<sandbox::WebhookDelivery> out;
            for (const sandbox::WebhookDelivery &d : env.sb.webhookDeliveries())
                if (d.provider == "stripe"_L1 && !d.simulated)
                    out.append(d);
            return out;
        };
        QSet<QString> fresh;
        for (const QJsonObject &e : env.stripeEvents())
            if (!before.contains(e.value("id"_L1).toString()))
                fresh.insert(e.value("id"_L1).toString());
        QVERIFY(fresh.size() >= 4);
        // Received by the worker, and the answers back at the sandbox (it logs a delivery when answered).
        QTRY_VERIFY_WITH_TIMEOUT(
            received.size() == 2 * fresh.size() && deliveries().size() == 2 * fresh.size(), 30000);
        QSet<QString> distinct;
        for (const sandbox::WebhookDelivery &d : deliveries()) {
            QVERIFY2(d.delivered(), qPrintable(d.error));
            distinct.insert(d.eventId);
        }
        QCOMPARE(distinct, fresh);
        QCOMPARE(deliveries().size(), 2 * distinct.size()); // every event twice
        int applied = 0, duplicates = 0;
        for (const QList<QVariant> &signal : std::as_const(received)) {
            const auto r = signal.first().value<sync::WebhookReport>();
            applied += r.applied;
            duplicates += r.duplicates;
        }
        QCOMPARE(applied, int(distinct.size()));
        QCOMPARE(duplicates, int(distinct.size()));
        QTRY_VERIFY_WITH_TIMEOUT(!env.worker->isSettlingWebhooks(), 30000);
        const QStringList pushed = env.timelineOf(jo);
        QVERIFY(!pushed.isEmpty());
        // A sync pulling the same events adds nothing, and leaves no event twice.
        QVERIFY(env.syncAll());
        QCOMPARE(env.timelineOf(jo), pushed);
        QCOMPARE(env.count(u"SELECT count(*) FROM timeline GROUP BY provider, source_key HAVING count(*) > 1 "
                           "UNION ALL SELECT 0"_s),
                 0);
    }

    // Kit webhooks 2.0: a tag added and removed live, deduplicated by event id.
    void pushedKitEvents()
    {
        Env env;
        QVERIFY(env.syncAll());
        QVERIFY(env.startReceiver());
        const QString ada = u"ada@example.com"_s;
        const QJsonObject subscriber = env.kitSubscriber(ada);
        QVERIFY(!subscriber.isEmpty());
        const qint64 before = env.count(u"SELECT count(*) FROM timeline WHERE kind = 'kit_tag_added'"_s);
        const QJsonObject tagAdd{
            {u"id"_s, u"6f1c-add"_s},
            {u"type"_s, u"subscriber.tag_add"_s},
            {u"created"_s, nowSeconds()},
            {u"data"_s,
             QJsonObject{{u"subscriber"_s, subscriber},
                         {u"tag"_s, QJsonObject{{u"id"_s, 501}, {u"name"_s, u"pro-customer"_s}}}}}};
        HttpAnswer a = env.pushKit({tagAdd});
        QCOMPARE(a.status, 200);
        QCOMPARE(jsonInt(a, "applied"), 1);
        QCOMPARE(env.count(u"SELECT count(*) FROM timeline WHERE kind = 'kit_tag_added'"_s), before + 1);
        QVERIFY(!env.openRules(ada).contains(reconcile::rule::MissingTag));
        // The same event again (a redelivery) changes nothing.
        a = env.pushKit({tagAdd});
        QCOMPARE(jsonInt(a, "applied"), 0);
        QCOMPARE(jsonInt(a, "duplicates"), 1);
        QCOMPARE(env.count(u"SELECT count(*) FROM timeline WHERE kind = 'kit_tag_added'"_s), before + 1);
        QJsonObject tagRemove = tagAdd;
        tagRemove.insert(u"id"_s, u"6f1c-remove"_s);
        tagRemove.insert(u"type"_s, u"subscriber.tag_remove"_s);
        a = env.pushKit({tagRemove});
        QCOMPARE(jsonInt(a, "applied"), 1);
        QCOMPARE(env.count(u"SELECT count(*) FROM timeline WHERE kind = 'kit_tag_removed'"_s), 1);
        QVERIFY(env.openRules(ada).contains(reconcile::rule::MissingTag));
        // Signed with Stripe's secret instead of Kit's: refused.
        const QByteArray body = "{\"events\":[]}";
        a = exchange(env.port,
                     post("/webhooks/kit", body,
                          {"X-Kit-Signature: " + webhooks::signatureHeader(body, nowSeconds(), kSecret)}));
        QCOMPARE(a.status, 400);
        // A Stripe body that is no event is the sender's error.
        const QByteArray notEvent = R"({"id":"cus_1","object":"customer"})";
        a = exchange(env.port, post("/webhooks/stripe", notEvent,
                                    {"Stripe-Signature: " +
                                     webhooks::signatureHeader(notEvent, nowSeconds(), kSecret)}));
        QCOMPARE(a.status, 400);
        QCOMPARE(errorCode(a), u"not_an_event"_s);

        // A late retry of an older event does not undo a newer one: Kit's events carry their own time.
        QJsonObject cancelled = subscriber;
        cancelled.insert(u"state"_s, u"cancelled"_s);
        a = env.pushKit({QJsonObject{{u"id"_s, u"6f1c-unsub"_s},
                                     {u"type"_s, u"subscriber.subscriber_unsubscribe"_s},
                                     {u"created"_s, nowSeconds()},
                                     {u"data"_s, QJsonObject{{u"subscriber"_s, cancelled}}}}});
        QCOMPARE(jsonInt(a, "applied"), 1);
        QJsonObject active = subscriber;
        active.insert(u"state"_s, u"active"_s);
        a = env.pushKit({QJsonObject{{u"id"_s, u"6f1c-old-activate"_s},
                                     {u"type"_s, u"subscriber.subscriber_activate"_s},
                                     {u"created"_s, nowSeconds() - 600},
                                     {u"data"_s, QJsonObject{{u"subscriber"_s, active}}}}});
        QCOMPARE(a.status, 200);
        QCOMPARE(
            env.count(u"SELECT count(*) FROM raw_objects WHERE provider = 'kit' AND kind = 'subscriber' AND "
                      "external_id = ? AND json_extract(json, '$.state') = 'cancelled'"_s,
                      {subscriber.value("id"_L1).toVariant().toString()}),
            1);
    }

    // A live-mode event sent to a cache of test-mode data (or the other way) is refused and stores nothing.
    void otherModeRefused()
    {
        Env env;
        QVERIFY(env.syncAll());
        QVERIFY(env.startReceiver());
        QJsonObject event = env.stripeEvents().last();
        const qint64 before = env.count(u"SELECT count(*) FROM raw_objects"_s);
        event.insert(u"id"_s, u"evt_live_one"_s);
        event.insert(u"livemode"_s, true);
        const HttpAnswer a = env.pushStripe(event);
        QCOMPARE(a.status, 400);
        QCOMPARE(errorCode(a), u"other_mode"_s);
        QCOMPARE(env.count(u"SELECT count(*) FROM raw_objects"_s), before);
    }

    // Idle connections cannot lock out deliveries: past 64, a 503 (said and logged); headers have 2 s.
    void connectionFlood()
    {
        webhooks::WebhookReceiver receiver;
        receiver.setSecrets(u"stripe"_s, {kSecret});
        receiver.setHandler([](const webhooks::Delivery &) { return webhooks::Answer{200, "{}"}; });
        QVERIFY(receiver.listen(0));
        const quint16 port = quint16(receiver.baseUrl().port());
        QSignalSpy refused(&receiver, &webhooks::WebhookReceiver::refused);
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 64; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, port);
        }
        // Connected and accepted (the server takes them on this thread's event loop).
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(idle.cbegin(), idle.cend(),
                        [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; }),
            5000);
        QTest::qWait(100);
        const QByteArray body = R"({"id":"evt_1","object":"event"})";
        HttpAnswer a = exchange(
            port, post("/webhooks/stripe", body,
                       {"Stripe-Signature: " + webhooks::signatureHeader(body, nowSeconds(), kSecret)}));
        QCOMPARE(a.status, 503);
        QCOMPARE(errorCode(a), u"busy"_s);
        QVERIFY(!refused.isEmpty());
        // The idle ones are let go after the headers' deadline; then a delivery gets through (bare LF line
        // ends are accepted too).
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(idle.cbegin(), idle.cend(),
                        [](const auto &s) { return s->state() != QAbstractSocket::ConnectedState; }),
            10000);
        QByteArray lf = "POST /webhooks/stripe HTTP/1.1\nStripe-Signature: " +
                        webhooks::signatureHeader(body, nowSeconds(), kSecret) +
                        "\nContent-Length: " + QByteArray::number(body.size()) + "\n\n" + body;
        a = exchange(port, lf);
        QCOMPARE(a.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
