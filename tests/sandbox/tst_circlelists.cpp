// The sandbox's Circle Admin API v2 beyond the member list, over loopback: member search and retrieve, access
// groups and their members, spaces and space members, member tags and tagged members, each against the
// reference's shapes; memberships after add/remove/deactivate journeys; the rate limit and its 429.
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

const QByteArray Token = QByteArrayLiteral("circle_lists_token");
constexpr int Extra = 23; // members who joined the Pro group, for paging

QJsonObject listsWorld()
{
    QJsonArray people{
        person(u"ada@example.com"_s, {},
               {entry(10 * Day, u"join"_s,
                      {{u"access_groups"_s, QJsonArray{101}}, {u"spaces"_s, QJsonArray{201}}})}),
        person(u"bob@example.com"_s, {},
               {entry(5 * Day, u"invite"_s,
                      {{u"access_groups"_s, QJsonArray{102}}, {u"spaces"_s, QJsonArray{201}}})}),
        person(u"cat@example.com"_s, {},
               {entry(20 * Day, u"join"_s,
                      {{u"access_groups"_s, QJsonArray{101}}, {u"spaces"_s, QJsonArray{201}}}),
                entry(2 * Day, u"deactivate"_s)}),
        person(u"dan@example.com"_s, {},
               {entry(3 * Day, u"join"_s), entry(1 * Day, u"join"_s, {{u"email"_s, u"Dan@Example.com"_s}}),
                entry(12 * Hour, u"add_access_group"_s,
                      {{u"email"_s, u"Dan@Example.com"_s}, {u"access_group"_s, 101}})}),
        person(u"eve@example.com"_s, {},
               {entry(9 * Day, u"join"_s, {{u"access_groups"_s, QJsonArray{101}}}),
                entry(8 * Day, u"add_space"_s, {{u"space"_s, 201}}),
                entry(4 * Day, u"remove_access_group"_s, {{u"access_group"_s, 101}}),
                entry(3 * Day, u"remove_space"_s, {{u"space"_s, 201}})}),
    };
    for (int i = 0; i < Extra; ++i)
        people.append(
            person(u"member"_s + QString::number(i) + u"@example.com"_s, {},
                   {entry(40 * Day - i * Hour, u"join"_s, {{u"access_groups"_s, QJsonArray{101}}})}));
    QJsonObject w = world(people);
    QJsonObject catalog = w.value(u"catalog").toObject();
    catalog.insert(
        u"circle"_s,
        QJsonObject{{u"access_groups"_s, QJsonArray{QJsonObject{{u"id"_s, 101}, {u"name"_s, u"Pro"_s}},
                                                    QJsonObject{{u"id"_s, 102}, {u"name"_s, u"Course"_s}}}},
                    {u"spaces"_s, QJsonArray{QJsonObject{{u"id"_s, 201}, {u"name"_s, u"Pro Lounge"_s}},
                                             QJsonObject{{u"id"_s, 202}, {u"name"_s, u"Free"_s}}}},
                    {u"member_tags"_s, QJsonArray{QJsonObject{{u"id"_s, 301}, {u"name"_s, u"VIP"_s}}}}});
    w.insert(u"catalog"_s, catalog);
    return w;
}

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

QJsonObject missing(const QString &what)
{
    return QJsonObject{
        {u"success"_s, false},
        {u"message"_s, u"Oops! Missing record. Please try again later."_s},
        {u"error_details"_s, QJsonObject{{u"message"_s, QString(u"Missing record: "_s + what)}}}};
}

} // namespace

class TestCircleLists : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void searchMember_data();
    void searchMember();
    void showMember();
    void accessGroups_data();
    void accessGroups();
    void accessGroupMembers();
    void walkEveryPage_data();
    void walkEveryPage();
    void accessGroupMember_data();
    void accessGroupMember();
    void spaces();
    void spaceMembers_data();
    void spaceMembers();
    void memberTags();
    void liveAccessGroup();
    void rateLimit();

private:
    HttpReply get(const QString &pathAndQuery, const QByteArray &authorization = "Token " + Token);
    qint64 memberId(const QString &email);

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestCircleLists::init()
{
    serveWorld(m_sandbox, listsWorld(), QString::fromLatin1(Token), u"kit_sandbox"_s);
}

HttpReply TestCircleLists::get(const QString &pathAndQuery, const QByteArray &authorization)
{
    return send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + u"/api/admin/v2/"_s + pathAndQuery),
                withCredential(Headers{}, "Authorization", authorization));
}

qint64 TestCircleLists::memberId(const QString &email)
{
    return get(u"community_members/search?email="_s + QString::fromLatin1(QUrl::toPercentEncoding(email)))
        .json.value(u"id")
        .toInteger();
}

void TestCircleLists::searchMember_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("active");
    QTest::newRow("joined") << u"ada@example.com"_s << 200 << true;
    QTest::newRow("invited") << u"bob@example.com"_s << 200 << false;
    QTest::newRow("deactivated") << u"cat@example.com"_s << 200 << false;
    QTest::newRow("case variant is its own member") << u"Dan@Example.com"_s << 200 << true;
    QTest::newRow("exact match only") << u"ADA@example.com"_s << 404 << false;
    QTest::newRow("unknown") << u"nobody@example.com"_s << 404 << false;
    QTest::newRow("empty") << QString() << 404 << false;
}

void TestCircleLists::searchMember()
{
    QFETCH(QString, email);
    QFETCH(int, status);
    QFETCH(bool, active);
    const HttpReply r =
        get(u"community_members/search?email="_s + QString::fromLatin1(QUrl::toPercentEncoding(email)));
    QCOMPARE(r.status, status);
    if (status == 404) {
        QCOMPARE(r.json, missing(u"community member"_s));
        return;
    }
    // A bare member object, as in the list.
    QCOMPARE(r.json.value(u"email").toString(), email);
    QCOMPARE(r.json.value(u"active").toBool(), active);
    for (const char *key :
         {"id", "user_id", "public_uid", "name", "first_name", "last_name", "created_at", "updated_at",
          "last_seen_at", "profile_confirmed_at", "accepted_invitation", "member_tags", "community_id"})
        QVERIFY2(r.json.contains(QLatin1StringView(key)), key);
    QVERIFY(!r.json.contains(u"records"));
}

void TestCircleLists::showMember()
{
    const HttpReply search = get(u"community_members/search?email=Dan%40Example.com"_s);
    const qint64 id = search.json.value(u"id").toInteger();
    QVERIFY(id > 0);
    QVERIFY(id != memberId(u"dan@example.com"_s));
    const HttpReply r = get(u"community_members/"_s + QString::number(id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json, search.json);
    QCOMPARE(get(u"community_members/1"_s).json, missing(u"community member"_s));
    QCOMPARE(get(u"community_members/abc"_s).status, 404);
    QCOMPARE(get(u"community_members/"_s + QString::number(id), QByteArray()).status, 401);
}

void TestCircleLists::accessGroups_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QList<qint64>>("ids");
    QTest::newRow("default") << QString() << QList<qint64>{102, 101};
    QTest::newRow("active") << u"active"_s << QList<qint64>{102, 101};
    QTest::newRow("all") << u"all"_s << QList<qint64>{102, 101};
    QTest::newRow("archived") << u"archived"_s << QList<qint64>{};
}

void TestCircleLists::accessGroups()
{
    QFETCH(QString, status);
    QFETCH(QList<qint64>, ids);
    const HttpReply r = get(u"access_groups"_s + (status.isEmpty() ? QString() : u"?status="_s + status));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"count").toInt(), ids.size());
    QList<qint64> got;
    for (const QJsonValue &v : r.records()) {
        const QJsonObject g = v.toObject();
        got.append(g.value(u"id").toInteger());
        QCOMPARE(keysOf(g), (QSet<QString>{u"id"_s, u"name"_s, u"description"_s, u"status"_s,
                                           u"community_id"_s, u"created_at"_s, u"updated_at"_s}));
        QCOMPARE(g.value(u"status").toString(), u"active"_s);
    }
    QCOMPARE(got, ids);
    if (!ids.isEmpty())
        QCOMPARE(r.records().last().toObject().value(u"name").toString(), u"Pro"_s);

    const HttpReply bad = get(u"access_groups?status=gone"_s);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json.value(u"message").toString(),
             u"Invalid status. Valid statuses are: active, archived, all"_s);
    QCOMPARE(bad.json.value(u"success").toBool(true), false);
}

void TestCircleLists::accessGroupMembers()
{
    const HttpReply r = get(u"access_groups/101/community_members?per_page=100"_s);
    QCOMPARE(r.status, 200);
    // ada, Dan@Example.com and the extra members; not cat (deactivated) nor eve (removed).
    QCOMPARE(r.json.value(u"count").toInt(), 2 + Extra);
    QSet<qint64> members;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const QJsonValue &v : r.records()) {
        const QJsonObject row = v.toObject();
        QCOMPARE(keysOf(row), (QSet<QString>{u"id"_s, u"access_group_id"_s, u"community_member_id"_s,
                                             u"community_id"_s, u"created_at"_s, u"updated_at"_s}));
        QCOMPARE(row.value(u"access_group_id").toInteger(), 101);
        QVERIFY(row.value(u"id").toInteger() < previous); // newest first
        previous = row.value(u"id").toInteger();
        members.insert(row.value(u"community_member_id").toInteger());
    }
    QVERIFY(members.contains(memberId(u"ada@example.com"_s)));
    QVERIFY(members.contains(memberId(u"Dan@Example.com"_s)));
    QVERIFY(!members.contains(memberId(u"dan@example.com"_s)));
    QVERIFY(!members.contains(memberId(u"cat@example.com"_s)));
    QVERIFY(!members.contains(memberId(u"eve@example.com"_s)));
    // The newest row is Dan's, added 12 hours before the world's now.
    const QDateTime added =
        QDateTime::fromString(r.records().first().toObject().value(u"created_at").toString(), Qt::ISODate);
    QVERIFY(qAbs(added.secsTo(m_sandbox->now()) - 12 * Hour) < 60);

    const HttpReply invited = get(u"access_groups/102/community_members"_s);
    QCOMPARE(invited.records().size(), 1);
    QCOMPARE(invited.records().first().toObject().value(u"community_member_id").toInteger(),
             memberId(u"bob@example.com"_s));
    QCOMPARE(get(u"access_groups/999/community_members"_s).json, missing(u"access group"_s));
}

void TestCircleLists::walkEveryPage_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("perPage");
    QTest::addColumn<int>("echoed");
    QTest::addColumn<int>("total");
    for (const auto &[path, total] : {std::pair{u"access_groups/101/community_members"_s, 2 + Extra},
                                      std::pair{u"community_members?status=all"_s, 6 + Extra},
                                      std::pair{u"space_members?space_id=201"_s, 3}}) {
        for (const auto &[perPage, echoed] :
             {std::pair{u"1"_s, 1}, std::pair{u"7"_s, 7}, std::pair{u"0"_s, 1}, std::pair{u"250"_s, 100},
              std::pair{QString(), 10}})
            QTest::addRow("%s per_page=%s", qPrintable(path), qPrintable(perPage))
                << path << perPage << echoed << total;
    }
}

void TestCircleLists::walkEveryPage()
{
    QFETCH(QString, path);
    QFETCH(QString, perPage);
    QFETCH(int, echoed);
    QFETCH(int, total);
    const QChar sep = path.contains(u'?') ? u'&' : u'?';
    QSet<qint64> seen;
    int page = 1;
    for (;; ++page) {
        QString query = path + sep + u"page="_s + QString::number(page);
        if (!perPage.isEmpty())
            query += u"&per_page="_s + perPage;
        const HttpReply r = get(query);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"per_page").toInt(), echoed);
        QCOMPARE(r.json.value(u"count").toInt(), total);
        QVERIFY(r.records().size() <= echoed);
        for (const QJsonValue &v : r.records())
            QVERIFY(!seen.contains(v.toObject().value(u"id").toInteger()));
        for (const QJsonValue &v : r.records())
            seen.insert(v.toObject().value(u"id").toInteger());
        if (!r.json.value(u"has_next_page").toBool())
            break;
        QVERIFY(page < 1000);
    }
    QCOMPARE(seen.size(), total);
    QCOMPARE(page, std::max(1, (total + echoed - 1) / echoed));
}

void TestCircleLists::accessGroupMember_data()
{
    QTest::addColumn<int>("group");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("missingWhat"); // empty: found
    QTest::newRow("in the group") << 101 << u"ada@example.com"_s << QString();
    QTest::newRow("invited into it") << 102 << u"bob@example.com"_s << QString();
    QTest::newRow("case variant added") << 101 << u"Dan@Example.com"_s << QString();
    QTest::newRow("original not added") << 101 << u"dan@example.com"_s << u"access group community member"_s;
    QTest::newRow("removed") << 101 << u"eve@example.com"_s << u"access group community member"_s;
    QTest::newRow("deactivated") << 101 << u"cat@example.com"_s << u"access group community member"_s;
    QTest::newRow("no such user") << 101 << u"nobody@example.com"_s << u"user"_s;
    QTest::newRow("no such group") << 999 << u"ada@example.com"_s << u"access group"_s;
}

void TestCircleLists::accessGroupMember()
{
    QFETCH(int, group);
    QFETCH(QString, email);
    QFETCH(QString, missingWhat);
    const HttpReply r = get(u"access_groups/"_s + QString::number(group) + u"/community_member?email="_s +
                            QString::fromLatin1(QUrl::toPercentEncoding(email)));
    if (!missingWhat.isEmpty()) {
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json, missing(missingWhat));
        return;
    }
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"access_group_id").toInt(), group);
    QCOMPARE(r.json.value(u"community_member_id").toInteger(), memberId(email));
    QVERIFY(r.json.value(u"id").toInteger() > 0);
    QVERIFY(QDateTime::fromString(r.json.value(u"created_at").toString(), Qt::ISODate).isValid());
}

void TestCircleLists::spaces()
{
    const HttpReply r = get(u"spaces"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"count").toInt(), 2);
    const QJsonObject lounge = r.records().first().toObject();
    QCOMPARE(lounge.value(u"id").toInt(), 201);
    QCOMPARE(lounge.value(u"name").toString(), u"Pro Lounge"_s);
    QCOMPARE(lounge.value(u"slug").toString(), u"pro-lounge"_s);
    for (const char *key : {"community_id", "is_private", "space_type", "url", "post_ids", "emoji"})
        QVERIFY2(lounge.contains(QLatin1StringView(key)), key);
}

void TestCircleLists::spaceMembers_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QStringList>("emails"); // newest first
    const QStringList all{u"bob@example.com"_s, u"ada@example.com"_s, u"cat@example.com"_s};
    QTest::newRow("default: all") << QString() << all;
    QTest::newRow("all") << u"all"_s << all;
    QTest::newRow("active") << u"active"_s << QStringList{u"ada@example.com"_s};
    QTest::newRow("inactive") << u"inactive"_s << QStringList{u"bob@example.com"_s, u"cat@example.com"_s};
}

void TestCircleLists::spaceMembers()
{
    QFETCH(QString, status);
    QFETCH(QStringList, emails);
    const HttpReply r =
        get(u"space_members?space_id=201"_s + (status.isEmpty() ? QString() : u"&status="_s + status));
    QCOMPARE(r.status, 200);
    QStringList got;
    for (const QJsonValue &v : r.records()) {
        const QJsonObject row = v.toObject();
        const QJsonObject member = row.value(u"community_member").toObject();
        got.append(member.value(u"email").toString());
        QCOMPARE(row.value(u"space_id").toInt(), 201);
        QCOMPARE(row.value(u"community_member_id").toInteger(), memberId(member.value(u"email").toString()));
        QCOMPARE(row.value(u"status").toString(),
                 member.value(u"email").toString() == u"ada@example.com" ? u"active"_s : u"inactive"_s);
        for (const char *key : {"id", "user_id", "moderator", "access_type", "created_at", "updated_at"})
            QVERIFY2(row.contains(QLatin1StringView(key)), key);
        QCOMPARE(keysOf(member),
                 (QSet<QString>{u"name"_s, u"first_name"_s, u"last_name"_s, u"headline"_s, u"community_id"_s,
                                u"profile_url"_s, u"public_uid"_s, u"avatar_url"_s, u"email"_s}));
    }
    QCOMPARE(got, emails);
    QCOMPARE(get(u"space_members?space_id=202"_s).records().size(), 0);
    QCOMPARE(get(u"space_members"_s).json, missing(u"space"_s));
    QCOMPARE(get(u"space_members?space_id=999"_s).json, missing(u"space"_s));
}

void TestCircleLists::memberTags()
{
    const HttpReply tags = get(u"member_tags"_s);
    QCOMPARE(tags.status, 200);
    QCOMPARE(tags.records().size(), 1);
    const QJsonObject vip = tags.records().first().toObject();
    QCOMPARE(vip.value(u"id").toInt(), 301);
    QCOMPARE(vip.value(u"name").toString(), u"VIP"_s);
    QCOMPARE(vip.value(u"tagged_members_count").toInt(-1), 0);
    for (const char *key : {"created_at", "updated_at", "is_public", "color", "display_format"})
        QVERIFY2(vip.contains(QLatin1StringView(key)), key);

    // No journey verb tags members yet: an empty list in the envelope.
    const HttpReply tagged = get(u"tagged_members"_s);
    QCOMPARE(tagged.status, 200);
    QCOMPARE(tagged.json.value(u"count").toInt(-1), 0);
    QCOMPARE(tagged.json.value(u"has_next_page").toBool(true), false);
    QVERIFY(tagged.json.value(u"records").isArray());
}

void TestCircleLists::liveAccessGroup()
{
    const QString check = u"access_groups/102/community_member?email=new%40example.com"_s;
    QCOMPARE(get(check).json, missing(u"user"_s));
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"new@example.com"_s, u"circle"_s,
                                        {{u"do"_s, u"add_access_group"_s}, {u"access_group"_s, 102}}, &error),
             qPrintable(error));
    QCOMPARE(get(check).status, 200);
    QCOMPARE(get(u"access_groups/102/community_members"_s).json.value(u"count").toInt(), 2);
    QVERIFY(m_sandbox->addJourneyEntry(u"new@example.com"_s, u"circle"_s,
                                       {{u"do"_s, u"remove_access_group"_s}, {u"access_group"_s, 102}},
                                       &error));
    QCOMPARE(get(check).json, missing(u"access group community member"_s));
    // A later join brings a deactivated member's groups back.
    QVERIFY(m_sandbox->addJourneyEntry(u"cat@example.com"_s, u"circle"_s, {{u"do"_s, u"join"_s}}, &error));
    QCOMPARE(get(u"access_groups/101/community_member?email=cat%40example.com"_s).status, 200);
}

void TestCircleLists::rateLimit()
{
    m_sandbox->setCircleRateLimit(5, 60);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get(u"spaces"_s).status, 200);
    const HttpReply limited = get(u"spaces"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json, QJsonObject({{u"success"_s, false},
                                        {u"message"_s, u"Too many requests. Please try again later."_s},
                                        {u"error_details"_s, QJsonObject()}}));
    QCOMPARE(get(u"spaces"_s, "Token wrong").status, 429); // throttled before the token is looked at
    QCOMPARE(m_sandbox->circleRequestCount(), 7);
    QCOMPARE(m_sandbox->kitRequestCount(), 0);
    m_sandbox->setCircleRateLimit(0, 0);
    QCOMPARE(get(u"spaces"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestCircleLists)
#include "tst_circlelists.moc"
