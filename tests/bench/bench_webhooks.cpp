// Webhook receipt to timeline row: a synced cache of a generated world, the receiver on the sync thread,
// and N new purchases' Stripe events posted to it (signed, over loopback, one at a time). Prints one JSON
// object: for each event, receipt (last byte) → committed to the cache, → its people reconciled (the finding
// shown), and the sender's whole round trip; medians and p95. DESIGN.md's budget: receipt to timeline row
// < 50 ms. Not a test: numbers are read by people (docs/BENCHMARKS.md).
//   bench_webhooks [--people N] [--purchases M]
#include "Sandbox.h"
#include "reconcile/Policy.h"
#include "store/Database.h"
#include "sync/SyncEngine.h"
#include "webhooks/Signature.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

const QByteArray kSecret = "whsec_bench";

QJsonObject stats(QList<double> v)
{
    if (v.isEmpty())
        return {};
    std::sort(v.begin(), v.end());
    auto at = [&v](double q) {
        return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(q * double(v.size()))));
    };
    return QJsonObject{
        {u"median_ms"_s, at(0.5)}, {u"p95_ms"_s, at(0.95)}, {u"max_ms"_s, v.last()}, {u"n"_s, int(v.size())}};
}

QJsonObject getJson(QNetworkAccessManager &nam, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer sk_test_sandbox");
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({u"people"_s, u"people in the generated world"_s, u"N"_s, u"2000"_s});
    p.addOption({u"purchases"_s, u"new purchases pushed as webhooks"_s, u"M"_s, u"100"_s});
    p.process(app);
    const int people = p.value(u"people"_s).toInt();
    const int purchases = p.value(u"purchases"_s).toInt();

    sandbox::Sandbox sb;
    sb.generateWorld(people, 7);
    if (!sb.listen(0))
        qFatal("sandbox cannot listen");
    QTemporaryDir dir;
    Config config;
    config.dbPath = dir.filePath(u"bench.sqlite"_s);
    config.stripe.baseUrl = config.circle.baseUrl = config.kit.baseUrl = sb.baseUrl();
    config.stripe.apiKey = u"sk_test_sandbox"_s;
    config.stripe.requestsPerSecond = 10000;
    config.circle.token = u"circle_sandbox"_s;
    config.circle.requestsPer5Min = 1e9;
    config.kit.apiKey = u"kit_sandbox"_s;
    config.kit.requestsPerMinute = 1e9;
    config.webhooks.stripeSecret = QString::fromLatin1(kSecret);
    {
        auto conn = store::Connection::open(config.dbPath, u"bench"_s);
        auto policy = reconcile::Policy::fromJson(sb.world());
        if (!conn || !policy ||
            !reconcile::savePolicy(conn.value()->db(), policy.value(), u"bench"_s, u"bench"_s))
            qFatal("cannot set up the cache");
    }
    sync::SyncEngine engine(config);
    QElapsedTimer syncTimer;
    syncTimer.start();
    {
        QEventLoop loop;
        QObject::connect(&engine, &sync::SyncEngine::finished, &loop, &QEventLoop::quit);
        engine.syncNow();
        loop.exec();
    }
    const double syncSeconds = double(syncTimer.elapsed()) / 1000;
    QUrl receiver;
    {
        QEventLoop loop;
        QObject::connect(&engine, &sync::SyncEngine::receiverChanged, &loop,
                         [&](const QUrl &url, const QString &e) {
                             if (!e.isEmpty())
                                 qFatal("receiver: %s", qPrintable(e));
                             receiver = url;
                             loop.quit();
                         });
        engine.startReceiver(0);
        loop.exec();
    }

    // New purchases in the sandbox, then their events, oldest first.
    QNetworkAccessManager nam;
    QSet<QString> known;
    for (const QJsonValue &v :
         getJson(nam, QUrl(sb.baseUrl().toString() + u"/v1/events?limit=100"_s)).value("data"_L1).toArray())
        known.insert(v.toObject().value("id"_L1).toString());
    QList<QJsonObject> events;
    for (int i = 0; i < purchases; ++i) {
        QString error;
        if (!sb.addJourneyEntry(u"bench%1@example.com"_s.arg(i), u"stripe"_s,
                                {{u"do"_s, u"subscribe"_s},
                                 {u"price"_s, sb.world()
                                                  .value("catalog"_L1)
                                                  .toObject()
                                                  .value("products"_L1)
                                                  .toArray()
                                                  .first()
                                                  .toObject()
                                                  .value("price"_L1)}},
                                &error))
            qFatal("journey: %s", qPrintable(error));
        // Each purchase's events right after it: the newest page holds them all.
        QList<QJsonObject> fresh;
        for (const QJsonValue &v : getJson(nam, QUrl(sb.baseUrl().toString() + u"/v1/events?limit=100"_s))
                                       .value("data"_L1)
                                       .toArray()) {
            const QJsonObject e = v.toObject();
            if (!known.contains(e.value("id"_L1).toString())) {
                known.insert(e.value("id"_L1).toString());
                fresh.prepend(e);
            }
        }
        events += fresh;
    }

    QList<double> stored, reconciled, roundTrip;
    QObject::connect(&engine, &sync::SyncEngine::webhookReceived, [&](const sync::WebhookReport &r) {
        if (r.applied == 0)
            return;
        stored.append(double(r.storedAt - r.receivedAt));
        reconciled.append(double(r.reconciledAt - r.receivedAt));
    });
    for (const QJsonObject &e : std::as_const(events)) {
        const QByteArray body = QJsonDocument(e).toJson(QJsonDocument::Compact);
        QNetworkRequest request(QUrl(receiver.toString() + u"/webhooks/stripe"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        request.setRawHeader("Stripe-Signature",
                             webhooks::signatureHeader(body, QDateTime::currentSecsSinceEpoch(), kSecret));
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = nam.post(request, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        roundTrip.append(double(t.nsecsElapsed()) / 1e6);
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            qFatal("receiver answered %d",
                   reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
        reply->deleteLater();
    }
    QCoreApplication::processEvents(); // the last webhookReceived signals

    const QJsonObject result{
        {u"machine"_s, u"%1, %2 cores"_s.arg(QSysInfo::prettyProductName()).arg(QThread::idealThreadCount())},
        {u"people"_s, people},
        {u"initial_sync_s"_s, syncSeconds},
        {u"events_pushed"_s, int(events.size())},
        {u"receipt_to_stored"_s, stats(stored)},
        {u"receipt_to_reconciled"_s, stats(reconciled)},
        {u"sender_round_trip"_s, stats(roundTrip)}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return 0;
}
