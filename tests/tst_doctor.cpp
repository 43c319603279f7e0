// The launch-readiness doctor: Stripe's webhook endpoints and failed deliveries read from the sandbox, the
// journeys of recent buyers read from a synced cache, the report's order and its rendering of hostile
// values, and `switchboard doctor` end to end (exit 1 when something must be fixed).
#include "Sandbox.h"
#include "SandboxWorlds.h"
#include "TestUtil.h"
#include "doctor/Doctor.h"
#include "doctor/JourneyCheck.h"
#include "doctor/Report.h"
#include "doctor/StripeWebhookCheck.h"
#include "reconcile/Policy.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;
using doctor::Check;
using doctor::Level;

namespace {

QJsonObject worldWithEndpoints(const QJsonArray &endpoints)
{
    QJsonObject w = test::actionsWorld();
    w.insert(u"stripe_webhook_endpoints"_s, endpoints);
    return w;
}

QList<Check> runStripeCheck(sandbox::Sandbox &sb, const QString &key = u"sk_test_sandbox"_s)
{
    QNetworkAccessManager nam;
    StripeSettings settings;
    settings.baseUrl = sb.baseUrl();
    settings.apiKey = key;
    settings.requestsPerSecond = 1000;
    doctor::StripeWebhookCheck check(&nam, settings);
    check.setRequiredEvents(doctor::requiredStripeEvents(true, false));
    QSignalSpy done(&check, &doctor::StripeWebhookCheck::finished);
    check.start();
    if (!done.wait(20000))
        return {};
    return done.first().first().value<QList<Check>>();
}

const Check *find(const QList<Check> &checks, const QString &idSuffix)
{
    for (const Check &c : checks)
        if (c.id.endsWith(idSuffix))
            return &c;
    return nullptr;
}

} // namespace

class TestDoctor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<Check>>(); }

    void noEndpointIsTheFirstThingToFix()
    {
        sandbox::Sandbox sb;
        QString error;
        QVERIFY2(sb.loadWorld(test::actionsWorld(), &error) && sb.listen(0), qPrintable(error));
        const QList<Check> checks = runStripeCheck(sb);
        const Check *none = find(checks, u"endpoints"_s);
        QVERIFY(none);
        QCOMPARE(none->level, Level::Fail);
        QVERIFY(!none->fix.isEmpty());
        QCOMPARE(find(checks, u"deliveries"_s)->level, Level::Ok);
    }

    void endpointsAndFailedDeliveries()
    {
        sandbox::Sandbox sb;
        QString error;
        const QJsonArray endpoints{
            // Subscribed to too little, failing since before every event of the world: a burst.
            QJsonObject{{u"url"_s, u"https://founder.example/hook"_s},
                        {u"enabled_events"_s, QJsonArray{u"checkout.session.completed"_s, u"invoice.paid"_s}},
                        {u"status"_s, u"enabled"_s},
                        {u"created"_s, u"2026-09-01T00:00:00Z"_s},
                        {u"failing_since"_s, u"2026-09-02T00:00:00Z"_s}},
            QJsonObject{{u"url"_s, u"http://insecure.example/hook"_s},
                        {u"enabled_events"_s, QJsonArray{u"*"_s}},
                        {u"status"_s, u"enabled"_s},
                        {u"api_version"_s, u"2025-03-31.basil"_s}},
            QJsonObject{{u"url"_s, u"https://old.example/hook"_s},
                        {u"enabled_events"_s, QJsonArray{u"*"_s}},
                        {u"status"_s, u"disabled"_s}}};
        QVERIFY2(sb.loadWorld(worldWithEndpoints(endpoints), &error) && sb.listen(0), qPrintable(error));
        const QList<Check> checks = runStripeCheck(sb);
        QVERIFY(!find(checks, u"endpoints"_s)); // two are enabled
        int missingEvents = 0, insecure = 0, disabled = 0, unpinned = 0, pinned = 0;
        for (const Check &c : checks) {
            if (c.id.endsWith(".events"_L1) && c.level == Level::Fail) {
                ++missingEvents;
                QVERIFY(c.detail.contains(u"customer.subscription.deleted"_s));
                QVERIFY(!c.detail.contains(u"invoice.paid,"_s));
            }
            insecure += c.id.endsWith(".url"_L1) && c.level == Level::Fail;
            disabled += c.id.endsWith(".status"_L1) && c.level == Level::Warn;
            unpinned += c.id.endsWith(".api_version"_L1) && c.level == Level::Warn;
            pinned += c.id.endsWith(".api_version"_L1) && c.level == Level::Ok;
        }
        QCOMPARE(missingEvents, 1);
        QCOMPARE(insecure, 1);
        QCOMPARE(disabled, 1);
        QCOMPARE(unpinned, 1);
        QCOMPARE(pinned, 1);
        const Check *deliveries = find(checks, u"deliveries"_s);
        QVERIFY(deliveries);
        QVERIFY(deliveries->facts.value("failed_events"_L1).toInt() > 0);
        // The world's journeys put several events in one minute: past the alert threshold.
        QCOMPARE(deliveries->level,
                 deliveries->facts.value("worst_burst"_L1).toInt() >= 3 ? Level::Fail : Level::Warn);
    }

    void aKeyThatCannotReadEndpointsIsNotACheck()
    {
        sandbox::Sandbox sb;
        QString error;
        QVERIFY2(sb.loadWorld(test::actionsWorld(), &error) && sb.listen(0), qPrintable(error));
        sb.addStripeRestrictedKey(u"rk_test_doctor"_s, {{u"events"_s, sandbox::StripeAccess::Read}});
        const QList<Check> checks = runStripeCheck(sb, u"rk_test_doctor"_s);
        QCOMPARE(checks.size(), 1);
        QCOMPARE(checks.first().level, Level::Skipped);
        QVERIFY(checks.first().fix.contains(u"Webhook Endpoints"_s));
    }

    void requiredEventsFollowWhatIsSold()
    {
        const QStringList subs = doctor::requiredStripeEvents(true, false);
        QVERIFY(subs.contains(u"invoice.payment_failed"_s));
        QVERIFY(!subs.contains(u"checkout.session.completed"_s));
        const QStringList once = doctor::requiredStripeEvents(false, true);
        QVERIFY(once.contains(u"checkout.session.completed"_s));
        QVERIFY(!once.contains(u"customer.subscription.updated"_s));
        QVERIFY(once.contains(u"charge.refunded"_s) && once.contains(u"charge.dispute.created"_s));
    }

    // ada, cy and frank paid and were never given access or the tag (the actions world): missing steps.
    void journeysOfRecentBuyers()
    {
        sandbox::Sandbox sb;
        QString error;
        QVERIFY2(sb.loadWorld(test::actionsWorld(), &error) && sb.listen(0), qPrintable(error));
        test::TempCache cache;
        Config config = test::sandboxConfig(sb, cache.path());
        QList<Check> checks = doctor::journeyChecks(cache.db(), config, 20, Clock::now());
        QCOMPARE(checks.size(), 1);
        QCOMPARE(checks.first().level, Level::Skipped); // no policy yet
        auto policy = reconcile::Policy::fromJson(test::actionsWorld());
        QVERIFY(reconcile::savePolicy(cache.db(), policy.value(), u"test"_s, u"policy"_s));
        checks = doctor::journeyChecks(cache.db(), config, 20, Clock::now());
        QCOMPARE(checks.first().id, u"payments"_s); // nothing synced
        sync::SyncWorker worker(config);
        QSignalSpy done(&worker, &sync::SyncWorker::finished);
        worker.run(false);
        QVERIFY(done.wait(60000));
        checks = doctor::journeyChecks(cache.db(), config, 20, Clock::now());
        const Check *summary = find(checks, u"summary"_s);
        const Check *missing = find(checks, u"missing"_s);
        QVERIFY(summary && missing);
        QCOMPARE(summary->facts.value("checked"_L1).toInt(), 3);
        QCOMPARE(summary->facts.value("complete"_L1).toInt(), 0);
        QCOMPARE(missing->level, Level::Fail);
        QVERIFY(missing->detail.contains(u"cy@example.com (access)"_s));
        QVERIFY(missing->detail.contains(u"ada@example.com (tag)"_s));
        // A purchase a moment ago is still inside the policy's grace: pending, not missing.
        QVERIFY2(sb.addJourneyEntry(u"new@example.com"_s, u"stripe"_s,
                                    {{u"do"_s, u"subscribe"_s}, {u"price"_s, u"price_pro_monthly"_s}},
                                    &error),
                 qPrintable(error));
        worker.run(false);
        QVERIFY(done.wait(60000));
        checks = doctor::journeyChecks(cache.db(), config, 20, Clock::now());
        QCOMPARE(find(checks, u"summary"_s)->facts.value("checked"_L1).toInt(), 4);
        QVERIFY(!find(checks, u"missing"_s)->detail.contains(u"new@example.com"_s));
        // Bound to the last N: one payment followed, the newest.
        checks = doctor::journeyChecks(cache.db(), config, 1, Clock::now());
        QCOMPARE(find(checks, u"summary"_s)->facts.value("checked"_L1).toInt(), 1);
        QVERIFY(!find(checks, u"missing"_s));
    }

    void reportOrderAndRendering()
    {
        doctor::Report r;
        r.finishedAt = Clock::now();
        const QString hostile = u"<script>alert(1)</script> *x* [y](javascript:z) | `c`"_s;
        r.checks = {{u"page_probe"_s, u"a"_s, Level::Ok, u"fine"_s, {}, {}, 50, {}},
                    {u"email_auth"_s, u"b"_s, Level::Warn, u"warned"_s, hostile, u"do it"_s, 20, {}},
                    {u"stripe_webhooks"_s, u"c"_s, Level::Fail, hostile, {}, u"fix it"_s, 30, {}},
                    {u"journeys"_s, u"d"_s, Level::Fail, u"first"_s, {}, u"fix first"_s, 5, {}},
                    {u"receiver"_s, u"e"_s, Level::Skipped, u"skipped"_s, {}, {}, 1, {}}};
        const QList<Check> fix = r.toFix();
        QCOMPARE(fix.size(), 3);
        QCOMPARE(fix.at(0).id, u"d"_s); // fails by weight, then warnings
        QCOMPARE(fix.at(1).id, u"c"_s);
        QCOMPARE(fix.at(2).id, u"b"_s);
        QCOMPARE(r.summary(), u"2 to fix, 1 warnings, 1 fine, 1 not checked"_s);
        const QByteArray html = r.toHtml();
        QVERIFY(!html.contains("<script>alert"));
        QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        QVERIFY(html.contains("default-src 'none'"));
        const QByteArray md = r.toMarkdown();
        QVERIFY(!md.contains("<script>"));
        QVERIFY(md.contains("\\<script\\>"));
        QVERIFY(md.contains("\\[y\\]"));
        QVERIFY(md.indexOf("fix first") < md.indexOf("fix it"));
        const QJsonObject json = r.toJson();
        QCOMPARE(json.value("counts"_L1).toObject().value("fail"_L1).toInt(), 2);
        QCOMPARE(json.value("checks"_L1).toArray().first().toObject().value("id"_L1).toString(), u"d"_s);
        QCOMPARE(doctor::checkFromJson(doctor::toJson(r.checks.at(1))).detail, hostile);
        // A value that would start a block at a line's start is escaped there.
        QCOMPARE(doctor::markdownEscaped(u"# All good"_s), u"\\# All good"_s);
        QCOMPARE(doctor::markdownEscaped(u"1. first"_s), u"1\\. first"_s);
        QCOMPARE(doctor::markdownEscaped(u"- item"_s), u"\\- item"_s);
    }

    // Cancel stops the checks under way: a webhook URL that never answers gets no second request.
    void cancelStopsProbes()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        int connections = 0;
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = silent.nextPendingConnection()) {
                ++connections;
                held.append(s); // never answered
            }
        });
        test::TempCache cache;
        Config config;
        config.dbPath = cache.path();
        config.webhooks.stripeSecret = u"whsec_doctor_cancel"_s;
        doctor::Doctor doc(config);
        doctor::DoctorOptions options;
        options.checkStripe = false;
        options.webhookUrl = QUrl(u"http://127.0.0.1:%1/hook"_s.arg(silent.serverPort()));
        QSignalSpy finished(&doc, &doctor::Doctor::finished);
        doc.start(options);
        QTRY_COMPARE_WITH_TIMEOUT(connections, 1, 10000);
        doc.cancel();
        QCOMPARE(finished.size(), 1);
        const auto report = finished.first().first().value<doctor::Report>();
        QVERIFY(report.cancelled);
        QVERIFY(!doc.isRunning());
        QTest::qWait(300);
        QCOMPARE(connections, 1);
        for (QTcpSocket *s : held)
            QVERIFY(s->state() != QAbstractSocket::ConnectedState || s->waitForDisconnected(2000));
    }

    // `switchboard doctor --json` on the sandbox: a report, exit 1 because Stripe has no endpoint; no secret
    // in the output.
    void cliDoctor()
    {
        sandbox::Sandbox sb;
        QString error;
        QVERIFY2(sb.loadWorld(test::actionsWorld(), &error) && sb.listen(0), qPrintable(error));
        QTemporaryDir dir;
        const QString ini = dir.filePath(u"c.ini"_s);
        {
            QFile f(ini);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(u"[stripe]\nbase_url=%1\n[doctor]\npayments=5\n"_s.arg(sb.baseUrl().toString()).toUtf8());
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SWITCHBOARD_STRIPE_KEY"_s, u"sk_test_sandbox"_s);
        env.insert(u"SWITCHBOARD_STRIPE_WEBHOOK_SECRET"_s, u"whsec_doctor_cli"_s);
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SB_SWITCHBOARD_BIN),
                {u"doctor"_s, u"--json"_s, u"--config"_s, ini, u"--db"_s, dir.filePath(u"db.sqlite"_s)});
        // The sandbox lives on this thread: keep its event loop turning while the child asks it.
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 60000);
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 1);
        const QJsonObject report = QJsonDocument::fromJson(out).object();
        QVERIFY2(report.value("counts"_L1).toObject().value("fail"_L1).toInt() >= 1, out.constData());
        QCOMPARE(report.value("checks"_L1).toArray().first().toObject().value("id"_L1).toString(),
                 u"endpoints"_s);
        QVERIFY(!out.contains("whsec_doctor_cli"));
        QVERIFY(!out.contains("sk_test_sandbox"));
    }
};

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"
