// The sandbox's Circle Admin API v2 over loopback: Token and Bearer auth and the configured scheme, Circle's
// 401 body, community members made from the world's journeys, pagination and the status filter.
#include "Sandbox.h"
#include "SandboxHttp.h"
#include "SandboxTestWorld.h"

#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace sb::sandbox;
using namespace sb::sandbox::testing;

namespace {

const QByteArray Token = QByteArrayLiteral("circle_test_token_9f8e");

// Four hand-made people plus `extra` members who joined one hour apart (the newest last).
QJsonObject circleWorld(int extra)
{
    QJsonArray people{
        person(u"ada@example.com"_s, {},
               {entry(10 * Day, u"join"_s, {{u"access_groups"_s, QJsonArray{101}}})}),
        person(u"bob@example.com"_s, {}, {entry(5 * Day, u"invite"_s, {{u"spaces"_s, QJsonArray{201}}})}),
        person(u"cat@example.com"_s, {}, {entry(20 * Day, u"join"_s), entry(2 * Day, u"deactivate"_s)}),
        person(u"dan@example.com"_s, {},
               {entry(3 * Day, u"join"_s), entry(1 * Day, u"join"_s, {{u"email"_s, u"Dan@Example.com"_s}})}),
    };
    for (int i = 0; i < extra; ++i) {
        QJsonObject p = person(u"member"_s + QString::number(i) + u"@example.com"_s, {},
                               {entry(40 * Day - i * Hour, u"join"_s)});
        p.insert(u"name"_s, QString(u"Member "_s + QString::number(i)));
        people.append(p);
    }
    return world(people);
}

} // namespace

class TestCircleApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void authentication_data();
    void authentication();
    void unauthorisedBodyNeverEchoesToken();
    void unknownSchemeIgnored();
    void membersFromJourneys();
    void idsAreDeterministic();
    void pagination_data();
    void pagination();
    void walkEveryPage();
    void statusFilter_data();
    void statusFilter();
    void liveEntries();
    void unknownPath();

private:
    HttpReply get(const QString &pathAndQuery, const QByteArray &authorization = "Token " + Token);
    QJsonObject memberByEmail(const QString &email);

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestCircleApi::init()
{
    serveWorld(m_sandbox, circleWorld(21), QString::fromLatin1(Token), u"kit_sandbox"_s);
}

HttpReply TestCircleApi::get(const QString &pathAndQuery, const QByteArray &authorization)
{
    return send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + pathAndQuery),
                withCredential(Headers{}, "Authorization", authorization));
}

QJsonObject TestCircleApi::memberByEmail(const QString &email)
{
    const HttpReply r = get(u"/api/admin/v2/community_members?status=all&per_page=100"_s);
    for (const QJsonValue &v : r.records()) {
        if (v.toObject().value(u"email").toString() == email)
            return v.toObject();
    }
    return {};
}

void TestCircleApi::authentication_data()
{
    QTest::addColumn<QString>("scheme"); // empty: the default
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("default Token") << QString() << "Token " + Token << 200;
    QTest::newRow("default Bearer") << QString() << "Bearer " + Token << 200;
    QTest::newRow("default lower-case scheme") << QString() << "token " + Token << 200;
    QTest::newRow("default wrong token") << QString() << QByteArray("Token circle_test_token_0000") << 401;
    QTest::newRow("default no header") << QString() << QByteArray() << 401;
    QTest::newRow("default bare token") << QString() << Token << 401;
    QTest::newRow("default Basic") << QString() << "Basic " + Token.toBase64() << 401;
    QTest::newRow("Token wants Token") << u"Token"_s << "Token " + Token << 200;
    QTest::newRow("Token refuses Bearer") << u"Token"_s << "Bearer " + Token << 401;
    QTest::newRow("Bearer wants Bearer") << u"Bearer"_s << "Bearer " + Token << 200;
    QTest::newRow("Bearer refuses Token") << u"Bearer"_s << "Token " + Token << 401;
    QTest::newRow("any takes Bearer") << u"any"_s << "Bearer " + Token << 200;
}

void TestCircleApi::authentication()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    if (!scheme.isEmpty())
        m_sandbox->setCircleAuthScheme(scheme);
    const qint64 before = m_sandbox->circleRequestCount();
    const HttpReply r = get(u"/api/admin/v2/community_members"_s, authorization);
    QCOMPARE(r.status, status);
    QCOMPARE(m_sandbox->circleRequestCount(), before + 1);
    QCOMPARE(m_sandbox->stripeRequestCount(), 0);
    if (status == 401) {
        QCOMPARE(r.json, QJsonObject({{u"success"_s, false},
                                      {u"message"_s, u"The API token is invalid."_s},
                                      {u"error_details"_s, QJsonObject()}}));
    } else {
        QVERIFY(r.json.contains(u"records"));
    }
}

void TestCircleApi::unauthorisedBodyNeverEchoesToken()
{
    const HttpReply r = get(u"/api/admin/v2/community_members"_s, "Token secret_wrong_token_value");
    QCOMPARE(r.status, 401);
    QVERIFY(!r.body.contains("secret_wrong_token_value"));
    QVERIFY(!r.body.contains(Token));
    // The sandbox's default token stops working once setKeys names another.
    QCOMPARE(get(u"/api/admin/v2/community_members"_s, "Token circle_sandbox").status, 401);
}

void TestCircleApi::unknownSchemeIgnored()
{
    m_sandbox->setCircleAuthScheme(u"Bearer"_s);
    QTest::ignoreMessage(QtWarningMsg,
                         "unknown Circle auth scheme \"Basic\" (expected Token, Bearer or any)");
    m_sandbox->setCircleAuthScheme(u"Basic"_s);
    QCOMPARE(get(u"/api/admin/v2/community_members"_s, "Bearer " + Token).status, 200);
    QCOMPARE(get(u"/api/admin/v2/community_members"_s, "Token " + Token).status, 401);
}

void TestCircleApi::membersFromJourneys()
{
    const QJsonObject ada = memberByEmail(u"ada@example.com"_s);
    QVERIFY(!ada.isEmpty());
    QVERIFY(ada.value(u"id").isDouble());
    QVERIFY(ada.value(u"user_id").isDouble());
    QCOMPARE(ada.value(u"name").toString(), u"Test Person"_s);
    QCOMPARE(ada.value(u"first_name").toString(), u"Test"_s);
    QCOMPARE(ada.value(u"last_name").toString(), u"Person"_s);
    QCOMPARE(ada.value(u"active").toBool(), true);
    QCOMPARE(ada.value(u"member_tags").toArray(), QJsonArray());
    QCOMPARE(ada.value(u"public_uid").toString().size(), 8);
    const QDateTime joined = QDateTime::currentDateTimeUtc().addSecs(-10 * Day);
    const QDateTime created = QDateTime::fromString(ada.value(u"created_at").toString(), Qt::ISODateWithMs);
    QVERIFY2(qAbs(created.secsTo(joined)) < 5, qPrintable(ada.value(u"created_at").toString()));
    QVERIFY(ada.value(u"created_at").toString().endsWith(u".000Z"_s));
    QCOMPARE(ada.value(u"accepted_invitation").toString(), created.toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s));
    QCOMPARE(ada.value(u"profile_confirmed_at").toString(), ada.value(u"created_at").toString());
    for (const char *field : {"email", "created_at", "updated_at", "last_seen_at", "profile_confirmed_at",
                              "accepted_invitation", "member_tags", "public_uid", "user_id", "community_id"})
        QVERIFY2(ada.contains(QLatin1StringView(field)), field);

    // Invited, never joined: listed as inactive with no accepted invitation.
    const QJsonObject bob = memberByEmail(u"bob@example.com"_s);
    QCOMPARE(bob.value(u"active").toBool(true), false);
    QVERIFY(bob.value(u"accepted_invitation").isNull());
    QVERIFY(bob.value(u"profile_confirmed_at").isNull());
    QVERIFY(bob.value(u"last_seen_at").isNull());

    // Deactivated: inactive, updated at the deactivation.
    const QJsonObject cat = memberByEmail(u"cat@example.com"_s);
    QCOMPARE(cat.value(u"active").toBool(true), false);
    QVERIFY(!cat.value(u"accepted_invitation").isNull());
    QVERIFY(cat.value(u"updated_at").toString() > cat.value(u"created_at").toString());

    // An entry's own address is a second member; Circle matches addresses exactly.
    const QJsonObject dan = memberByEmail(u"dan@example.com"_s);
    const QJsonObject dan2 = memberByEmail(u"Dan@Example.com"_s);
    QVERIFY(!dan.isEmpty());
    QVERIFY(!dan2.isEmpty());
    QVERIFY(dan.value(u"id") != dan2.value(u"id"));
    QVERIFY(dan.value(u"public_uid") != dan2.value(u"public_uid"));
}

void TestCircleApi::idsAreDeterministic()
{
    const HttpReply first = get(u"/api/admin/v2/community_members?status=all&per_page=100"_s);
    QString error;
    QVERIFY(m_sandbox->loadWorld(circleWorld(21), &error));
    const HttpReply second = get(u"/api/admin/v2/community_members?status=all&per_page=100"_s);
    QCOMPARE(first.records().size(), 26);
    QStringList a, b;
    for (const QJsonValue &v : first.records())
        a.append(v.toObject().value(u"email").toString() + u'=' +
                 QString::number(v.toObject().value(u"id").toInteger()) + u'/' +
                 v.toObject().value(u"public_uid").toString());
    for (const QJsonValue &v : second.records())
        b.append(v.toObject().value(u"email").toString() + u'=' +
                 QString::number(v.toObject().value(u"id").toInteger()) + u'/' +
                 v.toObject().value(u"public_uid").toString());
    QCOMPARE(a, b);
    // Ids grow with created_at and the list is newest first.
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const QJsonValue &v : first.records()) {
        const qint64 id = v.toObject().value(u"id").toInteger();
        QVERIFY(id < previous);
        previous = id;
    }
}

void TestCircleApi::pagination_data()
{
    // 24 active members: ada, dan, Dan and 21 joined ones.
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("perPage");
    QTest::addColumn<int>("records");
    QTest::addColumn<bool>("hasNext");
    QTest::addColumn<int>("pageCount");
    QTest::newRow("default") << QString() << 1 << 10 << 10 << true << 3;
    QTest::newRow("page 2") << u"page=2"_s << 2 << 10 << 10 << true << 3;
    QTest::newRow("last page") << u"page=3"_s << 3 << 10 << 4 << false << 3;
    QTest::newRow("past the end") << u"page=9"_s << 9 << 10 << 0 << false << 3;
    QTest::newRow("per_page 7") << u"per_page=7&page=4"_s << 4 << 7 << 3 << false << 4;
    QTest::newRow("exact fit") << u"per_page=24"_s << 1 << 24 << 24 << false << 1;
    QTest::newRow("clamped to 100") << u"per_page=500"_s << 1 << 100 << 24 << false << 1;
    QTest::newRow("clamped to 1") << u"per_page=0"_s << 1 << 1 << 1 << true << 24;
    QTest::newRow("unreadable") << u"per_page=lots&page=x"_s << 1 << 10 << 10 << true << 3;
}

void TestCircleApi::pagination()
{
    QFETCH(QString, query);
    QFETCH(int, page);
    QFETCH(int, perPage);
    QFETCH(int, records);
    QFETCH(bool, hasNext);
    QFETCH(int, pageCount);
    const HttpReply r =
        get(u"/api/admin/v2/community_members"_s + (query.isEmpty() ? QString() : u"?"_s + query));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"page").toInt(), page);
    QCOMPARE(r.json.value(u"per_page").toInt(), perPage);
    QCOMPARE(r.records().size(), records);
    QCOMPARE(r.json.value(u"has_next_page").toBool(), hasNext);
    QCOMPARE(r.json.value(u"count").toInt(), 24);
    QCOMPARE(r.json.value(u"page_count").toInt(), pageCount);
    QCOMPARE(r.json.keys(), QStringList({u"count"_s, u"has_next_page"_s, u"page"_s, u"page_count"_s,
                                         u"per_page"_s, u"records"_s}));
}

void TestCircleApi::walkEveryPage()
{
    QSet<qint64> seen;
    int pages = 0;
    for (int page = 1; page < 100; ++page) {
        const HttpReply r =
            get(u"/api/admin/v2/community_members?status=all&per_page=4&page="_s + QString::number(page));
        QCOMPARE(r.status, 200);
        ++pages;
        for (const QJsonValue &v : r.records())
            seen.insert(v.toObject().value(u"id").toInteger());
        if (!r.json.value(u"has_next_page").toBool())
            break;
    }
    QCOMPARE(pages, 7);
    QCOMPARE(seen.size(), 26);
}

void TestCircleApi::statusFilter_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("hasBob");
    QTest::addColumn<bool>("hasAda");
    QTest::newRow("default") << QString() << 24 << false << true;
    QTest::newRow("active") << u"active"_s << 24 << false << true;
    QTest::newRow("inactive") << u"inactive"_s << 2 << true << false;
    QTest::newRow("all") << u"all"_s << 26 << true << true;
}

void TestCircleApi::statusFilter()
{
    QFETCH(QString, status);
    QFETCH(int, count);
    QFETCH(bool, hasBob);
    QFETCH(bool, hasAda);
    const HttpReply r = get(u"/api/admin/v2/community_members?per_page=100"_s +
                            (status.isEmpty() ? QString() : u"&status="_s + status));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"count").toInt(), count);
    QCOMPARE(r.records().size(), count);
    QStringList emails;
    for (const QJsonValue &v : r.records()) {
        emails.append(v.toObject().value(u"email").toString());
        if (status == u"inactive")
            QVERIFY(!v.toObject().value(u"active").toBool(true));
        else if (status != u"all")
            QVERIFY(v.toObject().value(u"active").toBool());
    }
    QCOMPARE(emails.contains(u"bob@example.com"_s), hasBob);
    QCOMPARE(emails.contains(u"ada@example.com"_s), hasAda);

    const HttpReply bad = get(u"/api/admin/v2/community_members?status=banned"_s);
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.json.value(u"success"), QJsonValue(false));
}

void TestCircleApi::liveEntries()
{
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"eve@example.com"_s, u"circle"_s,
                                        QJsonObject{{u"do"_s, u"join"_s}, {u"name"_s, u"Eve Example"_s}},
                                        &error),
             qPrintable(error));
    const HttpReply r = get(u"/api/admin/v2/community_members?per_page=1"_s);
    QCOMPARE(r.records().first().toObject().value(u"email").toString(), u"eve@example.com"_s);
    QCOMPARE(r.records().first().toObject().value(u"last_name").toString(), u"Example"_s);
    QCOMPARE(r.json.value(u"count").toInt(), 25);

    QVERIFY(m_sandbox->addJourneyEntry(u"ada@example.com"_s, u"circle"_s,
                                       QJsonObject{{u"do"_s, u"deactivate"_s}}, &error));
    QCOMPARE(memberByEmail(u"ada@example.com"_s).value(u"active").toBool(true), false);
    QCOMPARE(get(u"/api/admin/v2/community_members"_s).json.value(u"count").toInt(), 24);
    // And back: joining again reactivates the same member.
    const qint64 id = memberByEmail(u"ada@example.com"_s).value(u"id").toInteger();
    QVERIFY(m_sandbox->addJourneyEntry(u"ada@example.com"_s, u"circle"_s, QJsonObject{{u"do"_s, u"join"_s}},
                                       &error));
    QCOMPARE(memberByEmail(u"ada@example.com"_s).value(u"id").toInteger(), id);
    QCOMPARE(memberByEmail(u"ada@example.com"_s).value(u"active").toBool(), true);
}

void TestCircleApi::unknownPath()
{
    const HttpReply r = get(u"/api/admin/v2/widgets"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json.value(u"success"), QJsonValue(false));
    QVERIFY(!r.json.value(u"message").toString().isEmpty());
    QCOMPARE(get(u"/api/admin/v2/widgets"_s, "Token nope").status, 401); // auth first
}

QTEST_GUILESS_MAIN(TestCircleApi)
#include "tst_circleapi.moc"
