// "Test connection" against the sandbox over loopback: full, restricted, read-only, write-capable and wrong
// keys for Stripe; Circle's auth schemes; Kit's key.
#include "Sandbox.h"
#include "connections/ConnectionTester.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;
using connections::ConnectionReport;
using connections::StripeKeyKind;
using Access = sandbox::StripeAccess;

namespace {
QHash<QString, Access> everything(Access a)
{
    QHash<QString, Access> out;
    for (const auto &[resource, path] : connections::stripeResources())
        out.insert(resource, a);
    return out;
}
} // namespace

class TestConnectionTester : public QObject {
    Q_OBJECT
    sandbox::Sandbox m_sandbox;
    QNetworkAccessManager m_nam;

    ConnectionReport stripe(const QString &key)
    {
        connections::ConnectionTester tester(&m_nam);
        StripeSettings s;
        s.baseUrl = m_sandbox.baseUrl();
        s.apiKey = key;
        s.requestsPerSecond = 1000;
        std::optional<ConnectionReport> out;
        tester.testStripe(s, [&](ConnectionReport r) { out = r; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 30000))
            qFatal("no report");
        return *out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sandbox.generateWorld(20, 3);
        QVERIFY(m_sandbox.listen(0));
        m_sandbox.addStripeRestrictedKey(u"rk_test_readonly_0001"_s, everything(Access::Read));
        auto partial = everything(Access::Read);
        partial.remove(u"charges"_s);
        partial.remove(u"events"_s);
        m_sandbox.addStripeRestrictedKey(u"rk_test_partial_0002"_s, partial);
        auto writer = everything(Access::Read);
        writer.insert(u"customers"_s, Access::Write);
        m_sandbox.addStripeRestrictedKey(u"rk_live_writer_0003"_s, writer);
    }

    void classifiesKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("kind");
        QTest::newRow("sk test") << u"sk_test_abc"_s << int(StripeKeyKind::SecretTest);
        QTest::newRow("sk live") << u"sk_live_abc"_s << int(StripeKeyKind::SecretLive);
        QTest::newRow("rk test") << u"rk_test_abc"_s << int(StripeKeyKind::RestrictedTest);
        QTest::newRow("rk live") << u"rk_live_abc"_s << int(StripeKeyKind::RestrictedLive);
        QTest::newRow("pk") << u"pk_live_abc"_s << int(StripeKeyKind::Publishable);
        QTest::newRow("junk") << u"hello"_s << int(StripeKeyKind::NotAStripeKey);
    }
    void classifiesKeys()
    {
        QFETCH(QString, key);
        QFETCH(int, kind);
        QCOMPARE(int(connections::classifyStripeKey(key)), kind);
    }

    void fullSecretKeyWorksButIsMoreThanNeeded()
    {
        const auto r = stripe(u"sk_test_sandbox"_s);
        QVERIFY2(r.ok, qPrintable(r.headline));
        QCOMPARE(r.resources.size(), connections::stripeResources().size());
        QCOMPARE(r.canWrite, std::optional<bool>(true));
        QVERIFY(r.warnings.join(u' ').contains(u"restricted key"_s));
        QCOMPARE(*r.keyKind, StripeKeyKind::SecretTest);
    }

    void readOnlyRestrictedKeyIsExactlyRight()
    {
        const qint64 before = m_sandbox.stripeRequestCount();
        const auto r = stripe(u"rk_test_readonly_0001"_s);
        QVERIFY2(r.ok, qPrintable(r.headline));
        QCOMPARE(r.canWrite, std::optional<bool>(false)); // the probe was refused with 403
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'|')));
        // One read per resource and one write probe per write-sensitive resource: cheap.
        QCOMPARE(m_sandbox.stripeRequestCount() - before,
                 connections::stripeResources().size() + connections::stripeWriteProbes().size());
    }

    void missingPermissionsAreNamed()
    {
        const auto r = stripe(u"rk_test_partial_0002"_s);
        QVERIFY(!r.ok);
        const QString all = r.warnings.join(u' ');
        QVERIFY2(all.contains(u"charges"_s) && all.contains(u"events"_s), qPrintable(all));
        QVERIFY(!all.contains(u"customers"_s));
        int unreadable = 0;
        for (const auto &c : r.resources)
            unreadable += c.readable ? 0 : 1;
        QCOMPARE(unreadable, 2);
    }

    void writeAccessIsFlagged()
    {
        const qint64 customersBefore = m_sandbox.world().value(u"people"_s).toArray().size();
        const auto r = stripe(u"rk_live_writer_0003"_s);
        QVERIFY(r.ok);
        QCOMPARE(*r.keyKind, StripeKeyKind::RestrictedLive);
        QCOMPARE(r.canWrite, std::optional<bool>(true));
        QCOMPARE(r.writable, QStringList{u"customers"_s});
        QVERIFY(r.warnings.join(u' ').contains(u"can also write (customers)"_s));
        QCOMPARE(m_sandbox.world().value(u"people"_s).toArray().size(),
                 customersBefore); // the probe created nothing
    }

    void writeOnAnotherResourceIsFoundToo()
    {
        // Read on everything, Write on refunds only: a customers-only probe would have called it read-only.
        auto access = everything(Access::Read);
        access.insert(u"refunds"_s, Access::Write);
        m_sandbox.addStripeRestrictedKey(u"rk_live_refunder_0004"_s, access);
        const auto r = stripe(u"rk_live_refunder_0004"_s);
        QCOMPARE(r.writable, QStringList{u"refunds"_s});
        QVERIFY(r.warnings.join(u' ').contains(u"refunds"_s));
    }

    void destroyingTheTesterMidTestIsSafe()
    {
        // The page can close while a test runs: nothing may call back into it, nothing may touch freed
        // memory.
        auto *nam = new QNetworkAccessManager;
        auto *tester = new connections::ConnectionTester(nam);
        nam->setParent(tester);
        bool called = false;
        StripeSettings s;
        s.baseUrl = m_sandbox.baseUrl();
        s.apiKey = u"rk_test_readonly_0001"_s;
        s.requestsPerSecond = 1000;
        tester->testStripe(s, [&](ConnectionReport) { called = true; });
        QTRY_VERIFY(m_sandbox.stripeRequestCount() > 0);
        delete tester;
        QTest::qWait(200);
        QVERIFY(!called);
    }

    void wrongKeyIsRefusedAtOnce()
    {
        const qint64 before = m_sandbox.stripeRequestCount();
        const auto r = stripe(u"rk_test_not_a_real_key_9999"_s);
        QVERIFY(!r.ok);
        QVERIFY2(r.headline.contains(u"refused"_s), qPrintable(r.headline));
        QVERIFY(!r.headline.contains(u"not_a_real_key"_s)); // the key is never echoed
        QCOMPARE(m_sandbox.stripeRequestCount() - before, 1);
    }

    void publishableKeyIsExplained()
    {
        const auto r = stripe(u"pk_test_12345678"_s);
        QVERIFY(!r.ok);
        QVERIFY(r.headline.contains(u"publishable"_s));
    }

    void circleAuthSchemes_data()
    {
        QTest::addColumn<QString>("serverScheme");
        QTest::addColumn<QString>("clientScheme");
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("ok");
        QTest::newRow("token/token") << u"Token"_s << u"Token"_s << u"circle_sandbox"_s << true;
        QTest::newRow("bearer/bearer") << u"Bearer"_s << u"Bearer"_s << u"circle_sandbox"_s << true;
        QTest::newRow("token server, bearer client")
            << u"Token"_s << u"Bearer"_s << u"circle_sandbox"_s << false;
        QTest::newRow("wrong token") << u"any"_s << u"Token"_s << u"circle_wrong_token"_s << false;
    }
    void circleAuthSchemes()
    {
        QFETCH(QString, serverScheme);
        QFETCH(QString, clientScheme);
        QFETCH(QString, token);
        QFETCH(bool, ok);
        m_sandbox.setCircleAuthScheme(serverScheme);
        connections::ConnectionTester tester(&m_nam);
        CircleSettings s;
        s.baseUrl = m_sandbox.baseUrl();
        s.authScheme = clientScheme;
        s.token = token;
        std::optional<ConnectionReport> out;
        tester.testCircle(s, [&](ConnectionReport r) { out = r; });
        QTRY_VERIFY(out.has_value());
        QCOMPARE(out->ok, ok);
        if (ok)
            QVERIFY2(out->headline.contains(u"member"_s), qPrintable(out->headline));
        else
            QVERIFY2(out->headline.contains(u"auth scheme"_s), qPrintable(out->headline));
        QVERIFY(!out->headline.contains(token));
        m_sandbox.setCircleAuthScheme(u"any"_s);
    }

    void kitKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("ok");
        QTest::newRow("right") << u"kit_sandbox"_s << true;
        QTest::newRow("wrong") << u"kit_wrong_key_123"_s << false;
    }
    void kitKey()
    {
        QFETCH(QString, key);
        QFETCH(bool, ok);
        connections::ConnectionTester tester(&m_nam);
        KitSettings s;
        s.baseUrl = m_sandbox.baseUrl();
        s.apiKey = key;
        std::optional<ConnectionReport> out;
        tester.testKit(s, [&](ConnectionReport r) { out = r; });
        QTRY_VERIFY(out.has_value());
        QCOMPARE(out->ok, ok);
        QVERIFY2(out->headline.contains(ok ? u"Connected"_s : u"refused"_s), qPrintable(out->headline));
    }

    void unreachableHostIsSaidPlainly()
    {
        connections::ConnectionTester tester(&m_nam);
        KitSettings s;
        s.baseUrl = QUrl(u"http://127.0.0.1:1"_s);
        s.apiKey = u"kit_sandbox"_s;
        std::optional<ConnectionReport> out;
        tester.testKit(s, [&](ConnectionReport r) { out = r; });
        QTRY_VERIFY(out.has_value());
        QVERIFY(!out->ok);
        QVERIFY2(out->headline.contains(u"Cannot reach"_s), qPrintable(out->headline));
    }
};

QTEST_GUILESS_MAIN(TestConnectionTester)
#include "tst_connectiontester.moc"
