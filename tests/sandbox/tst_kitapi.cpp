// The sandbox's Kit API v4 over loopback: the X-Kit-Api-Key header or an OAuth Bearer token, the account,
// Kit's 401 body and the request count.
#include "Sandbox.h"
#include "SandboxHttp.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace sb::sandbox;
using namespace sb::sandbox::testing;

class TestKitApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void authentication_data();
    void authentication();
    void account();
    void unknownPath();

private:
    HttpReply get(const QString &path, const Headers &headers);

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestKitApi::init()
{
    m_sandbox = std::make_unique<Sandbox>();
    m_sandbox->generateWorld(5, 1);
    m_sandbox->setKeys(u"sk_test_sandbox"_s, u"circle_sandbox"_s, u"kit_test_key_1234"_s);
    QVERIFY(m_sandbox->listen());
}

HttpReply TestKitApi::get(const QString &path, const Headers &headers)
{
    return send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + path), headers);
}

void TestKitApi::authentication_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    QTest::newRow("api key header") << Headers{{"X-Kit-Api-Key", "kit_test_key_1234"}} << 200;
    QTest::newRow("bearer") << Headers{{"Authorization", "Bearer kit_test_key_1234"}} << 200;
    QTest::newRow("wrong key") << Headers{{"X-Kit-Api-Key", "kit_test_key_0000"}} << 401;
    QTest::newRow("wrong bearer") << Headers{{"Authorization", "Bearer kit_test_key_0000"}} << 401;
    QTest::newRow("nothing") << Headers{} << 401;
    QTest::newRow("token scheme") << Headers{{"Authorization", "Token kit_test_key_1234"}} << 401;
    QTest::newRow("wrong header wins")
        << Headers{{"X-Kit-Api-Key", "kit_test_key_0000"}, {"Authorization", "Bearer kit_test_key_1234"}}
        << 401;
    QTest::newRow("old default key") << Headers{{"X-Kit-Api-Key", "kit_sandbox"}} << 401;
}

void TestKitApi::authentication()
{
    QFETCH(Headers, headers);
    QFETCH(int, status);
    const qint64 before = m_sandbox->kitRequestCount();
    const HttpReply r = get(u"/v4/account"_s, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(m_sandbox->kitRequestCount(), before + 1);
    QCOMPARE(m_sandbox->circleRequestCount(), 0);
    if (status == 401) {
        QCOMPARE(r.json, QJsonObject({{u"errors"_s, QJsonArray{u"The access token is invalid"_s}}}));
        QVERIFY(!r.body.contains("kit_test_key"));
    }
}

void TestKitApi::account()
{
    const HttpReply r = get(u"/v4/account"_s, {{"X-Kit-Api-Key", "kit_test_key_1234"}});
    QCOMPARE(r.status, 200);
    const QJsonObject user = r.json.value(u"user").toObject();
    const QJsonObject account = r.json.value(u"account").toObject();
    QVERIFY(user.value(u"email").toString().contains(u'@'));
    QVERIFY(account.value(u"id").isDouble());
    QVERIFY(!account.value(u"name").toString().isEmpty());
    QVERIFY(!account.value(u"plan_type").toString().isEmpty());
    QCOMPARE(account.value(u"primary_email_address").toString(), user.value(u"email").toString());
    QVERIFY(QDateTime::fromString(account.value(u"created_at").toString(), Qt::ISODate).isValid());
}

void TestKitApi::unknownPath()
{
    const Headers good{{"X-Kit-Api-Key", "kit_test_key_1234"}};
    const HttpReply r = get(u"/v4/widgets"_s, good);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json.value(u"errors").toArray().size(), 1);
    QCOMPARE(get(u"/v4/widgets"_s, {}).status, 401); // auth first
    QCOMPARE(m_sandbox->kitRequestCount(), 2);
    QCOMPARE(m_sandbox->stripeRequestCount(), 0);
}

QTEST_GUILESS_MAIN(TestKitApi)
#include "tst_kitapi.moc"
