// The sandbox's Circle Admin API v2 writes over loopback: create/invite and deactivate members, access group
// members, space members and tagged members, each visible on the next read and idempotent when repeated
// (the write count grows only on a change); the reference's 404 bodies, auth, malformed JSON, the injected
// faults; a member's access groups.
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

const QByteArray Token = QByteArrayLiteral("circle_writes_token");

QJsonObject writesWorld()
{
    const QJsonArray people{
        person(u"ada@example.com"_s, {},
               {entry(10 * Day, u"join"_s,
                      {{u"access_groups"_s, QJsonArray{101}}, {u"spaces"_s, QJsonArray{201}}})}),
        person(u"bob@example.com"_s, {}, {entry(5 * Day, u"invite"_s)}),
        person(u"cat@example.com"_s, {},
               {entry(20 * Day, u"join"_s, {{u"access_groups"_s, QJsonArray{101}}}),
                entry(2 * Day, u"deactivate"_s)}),
        person(u"dan@example.com"_s, {}, {entry(3 * Day, u"join"_s)}),
    };
    QJsonObject w = world(people);
    QJsonObject catalog = w.value(u"catalog").toObject();
    catalog.insert(
        u"circle"_s,
        QJsonObject{{u"access_groups"_s, QJsonArray{QJsonObject{{u"id"_s, 101}, {u"name"_s, u"Pro"_s}},
                                                    QJsonObject{{u"id"_s, 102}, {u"name"_s, u"Course"_s}}}},
                    {u"spaces"_s, QJsonArray{QJsonObject{{u"id"_s, 201}, {u"name"_s, u"Pro Lounge"_s}},
                                             QJsonObject{{u"id"_s, 202}, {u"name"_s, u"Course Hall"_s}}}},
                    {u"member_tags"_s, QJsonArray{QJsonObject{{u"id"_s, 301}, {u"name"_s, u"VIP"_s}},
                                                  QJsonObject{{u"id"_s, 302}, {u"name"_s, u"Alumni"_s}}}}});
    w.insert(u"catalog"_s, catalog);
    return w;
}

QJsonObject missing(const QString &what)
{
    return QJsonObject{
        {u"success"_s, false},
        {u"message"_s, u"Oops! Missing record. Please try again later."_s},
        {u"error_details"_s, QJsonObject{{u"message"_s, QString(u"Missing record: "_s + what)}}}};
}

QJsonObject circleError(const QString &message)
{
    return QJsonObject{{u"success"_s, false}, {u"message"_s, message}, {u"error_details"_s, QJsonObject()}};
}

QJsonObject message(const QString &text)
{
    return QJsonObject{{u"message"_s, text}};
}

QString enc(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

QDateTime circleTime(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

} // namespace

class TestCircleWrites : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createMember_data();
    void createMember();
    void createMemberWithSpacesAndTags();
    void createMemberRefused_data();
    void createMemberRefused();
    void deactivateMember();
    void accessGroupMembers();
    void accessGroupErrors_data();
    void accessGroupErrors();
    void spaceMembers();
    void taggedMembers();
    void memberAccessGroups();
    void authRequired_data();
    void authRequired();
    void malformedJson_data();
    void malformedJson();
    void faultInjection();
    void otherMethods();

private:
    HttpReply call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body = {},
                   const QByteArray &authorization = "Token " + Token);
    HttpReply raw(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                  const QByteArray &authorization = "Token " + Token);
    HttpReply get(const QString &pathAndQuery) { return raw("GET", pathAndQuery, {}); }
    QJsonObject member(const QString &email);
    bool inAccessGroup(const QString &email, qint64 group, qint64 *rowId = nullptr);

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestCircleWrites::init()
{
    serveWorld(m_sandbox, writesWorld(), QString::fromLatin1(Token), u"kit_sandbox"_s);
}

HttpReply TestCircleWrites::raw(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                                const QByteArray &authorization)
{
    return send(m_nam, method, QUrl(m_sandbox->baseUrl().toString() + u"/api/admin/v2/"_s + pathAndQuery),
                withCredential(Headers{{"Content-Type", "application/json"}}, "Authorization", authorization),
                body);
}

HttpReply TestCircleWrites::call(const QByteArray &method, const QString &pathAndQuery,
                                 const QJsonObject &body, const QByteArray &authorization)
{
    const QByteArray bytes =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return raw(method, pathAndQuery, bytes, authorization);
}

QJsonObject TestCircleWrites::member(const QString &email)
{
    const HttpReply r = get(u"community_members/search?email="_s + enc(email));
    return r.status == 200 ? r.json : QJsonObject();
}

bool TestCircleWrites::inAccessGroup(const QString &email, qint64 group, qint64 *rowId)
{
    const HttpReply r =
        get(u"access_groups/"_s + QString::number(group) + u"/community_member?email="_s + enc(email));
    if (rowId)
        *rowId = r.json.value(u"id").toInteger();
    return r.status == 200;
}

void TestCircleWrites::createMember_data()
{
    QTest::addColumn<bool>("skipInvitation");
    QTest::addColumn<QString>("message");
    QTest::newRow("invited") << false << u"This user has been invited to the community."_s;
    QTest::newRow("skip invitation") << true << u"This user has been added to the community."_s;
}

void TestCircleWrites::createMember()
{
    QFETCH(bool, skipInvitation);
    QFETCH(QString, message);
    const QJsonObject body{{u"email"_s, u"new@example.com"_s},
                           {u"name"_s, u"Nia Newcomer"_s},
                           {u"skip_invitation"_s, skipInvitation}};
    const HttpReply r = call("POST", u"community_members"_s, body);
    QCOMPARE(r.status, 201);
    QCOMPARE(keysOf(r.json), (QSet<QString>{u"message"_s, u"community_member"_s}));
    QCOMPARE(r.json.value(u"message").toString(), message);
    const QJsonObject created = r.json.value(u"community_member").toObject();
    QCOMPARE(created.value(u"email").toString(), u"new@example.com"_s);
    QCOMPARE(created.value(u"name").toString(), u"Nia Newcomer"_s);
    QCOMPARE(created.value(u"first_name").toString(), u"Nia"_s);
    QCOMPARE(created.value(u"active").toBool(), skipInvitation);
    QCOMPARE(created.value(u"accepted_invitation").isNull(), !skipInvitation);
    QCOMPARE(created.value(u"member_tags").toArray(), QJsonArray());
    QVERIFY(qAbs(circleTime(created.value(u"created_at")).secsTo(m_sandbox->now())) < 60);
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    // The next reads see it: search, retrieve, and the list of its status.
    QCOMPARE(member(u"new@example.com"_s), created);
    const qint64 id = created.value(u"id").toInteger();
    QCOMPARE(get(u"community_members/"_s + QString::number(id)).json, created);
    QVERIFY(id > member(u"dan@example.com"_s).value(u"id").toInteger());
    const HttpReply list =
        get(skipInvitation ? u"community_members"_s : u"community_members?status=inactive"_s);
    QCOMPARE(list.records().first().toObject().value(u"id").toInteger(), id);

    // The same request again changes nothing (UNSURE: Circle documents no answer for a taken address).
    const HttpReply again = call("POST", u"community_members"_s, body);
    QCOMPARE(again.status, 422);
    QCOMPARE(again.json, circleError(u"Validation failed: Email has already been taken"_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 1);
    QCOMPARE(member(u"new@example.com"_s), created);
}

void TestCircleWrites::createMemberWithSpacesAndTags()
{
    const HttpReply r = call("POST", u"community_members"_s,
                             {{u"email"_s, u"eve@example.com"_s},
                              {u"space_ids"_s, QJsonArray{201, 202}},
                              {u"space_group_ids"_s, QJsonArray()},
                              {u"member_tag_ids"_s, QJsonArray{302}}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(u"message").toString(),
             u"This user has been invited to the community and has been added to following spaces: Pro "
             "Lounge, Course Hall."_s);
    const QJsonObject created = r.json.value(u"community_member").toObject();
    QCOMPARE(created.value(u"name").toString(), u"eve"_s); // no name: the address's local part
    QCOMPARE(created.value(u"member_tags").toArray(),
             (QJsonArray{QJsonObject{{u"id"_s, 302}, {u"name"_s, u"Alumni"_s}}}));
    const qint64 id = created.value(u"id").toInteger();

    // An invited member's space rows are inactive until it joins.
    for (int space : {201, 202}) {
        const QJsonArray rows = get(u"space_members?space_id="_s + QString::number(space)).records();
        const auto row = std::find_if(rows.cbegin(), rows.cend(), [id](const QJsonValue &v) {
            return v.toObject().value(u"community_member_id").toInteger() == id;
        });
        QVERIFY2(row != rows.cend(), qPrintable(QString::number(space)));
        QCOMPARE(row->toObject().value(u"status").toString(), u"inactive"_s);
    }
    const QJsonObject tagged = get(u"tagged_members"_s).records().first().toObject();
    QCOMPARE(tagged.value(u"user_email").toString(), u"eve@example.com"_s);
    QCOMPARE(tagged.value(u"member_tag_id").toInt(), 302);
    QCOMPARE(tagged.value(u"member_tag_name").toString(), u"Alumni"_s);
    QVERIFY(qAbs(circleTime(tagged.value(u"created_at")).secsTo(m_sandbox->now())) < 60);
    QCOMPARE(m_sandbox->circleWriteCount(), 1);
}

void TestCircleWrites::createMemberRefused_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonObject>("answer");
    const QJsonObject invalid = circleError(u"Invalid email address."_s);
    QTest::newRow("no email") << QJsonObject{{u"name"_s, u"Nobody"_s}} << 422 << invalid;
    QTest::newRow("not an address") << QJsonObject{{u"email"_s, u"nobody"_s}} << 422 << invalid;
    QTest::newRow("email of another type") << QJsonObject{{u"email"_s, true}} << 422 << invalid;
    QTest::newRow("unknown space") << QJsonObject{{u"email"_s, u"x@example.com"_s},
                                                  {u"space_ids"_s, QJsonArray{201, 999}}}
                                   << 404 << missing(u"space"_s);
    QTest::newRow("space group") << QJsonObject{{u"email"_s, u"x@example.com"_s},
                                                {u"space_group_ids"_s, QJsonArray{5}}}
                                 << 404 << missing(u"space group"_s);
    QTest::newRow("unknown member tag")
        << QJsonObject{{u"email"_s, u"x@example.com"_s}, {u"member_tag_ids"_s, QJsonArray{999}}} << 404
        << missing(u"member tag"_s);
    QTest::newRow("ids not a list")
        << QJsonObject{{u"email"_s, u"x@example.com"_s}, {u"space_ids"_s, u"201"_s}} << 422
        << circleError(
               u"Validation failed: space_ids, space_group_ids and member_tag_ids must be lists of ids."_s);
    QTest::newRow("taken, exactly") << QJsonObject{{u"email"_s, u"ada@example.com"_s}} << 422
                                    << circleError(u"Validation failed: Email has already been taken"_s);
}

void TestCircleWrites::createMemberRefused()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QJsonObject, answer);
    const qint64 members = get(u"community_members?status=all"_s).json.value(u"count").toInteger();
    const HttpReply r = call("POST", u"community_members"_s, body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json, answer);
    // Nothing was made, not even part of it.
    QCOMPARE(get(u"community_members?status=all"_s).json.value(u"count").toInteger(), members);
    QCOMPARE(get(u"tagged_members"_s).json.value(u"count").toInt(), 0);
    QCOMPARE(m_sandbox->circleWriteCount(), 0);
}

void TestCircleWrites::deactivateMember()
{
    const qint64 ada = member(u"ada@example.com"_s).value(u"id").toInteger();
    QVERIFY(inAccessGroup(u"ada@example.com"_s, 101));
    const HttpReply r = call("DELETE", u"community_members/"_s + QString::number(ada));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json, message(u"The community member has been removed from the community."_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    // Inactive, out of its access groups (as the deactivate verb), its space rows inactive.
    const QJsonObject after = member(u"ada@example.com"_s);
    QCOMPARE(after.value(u"active").toBool(), false);
    QVERIFY(!after.value(u"accepted_invitation").isNull());
    QVERIFY(!inAccessGroup(u"ada@example.com"_s, 101));
    QCOMPARE(get(u"community_members/"_s + QString::number(ada) + u"/access_groups"_s).records().size(), 0);
    QCOMPARE(get(u"space_members?space_id=201&status=inactive"_s)
                 .records()
                 .first()
                 .toObject()
                 .value(u"community_member_id"_s),
             QJsonValue(ada));
    QVERIFY(!get(u"community_members"_s).body.contains("ada@example.com"));

    // Again: the same answer, no change.
    const HttpReply again = call("DELETE", u"community_members/"_s + QString::number(ada));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json, r.json);
    QCOMPARE(m_sandbox->circleWriteCount(), 1);
    QCOMPARE(member(u"ada@example.com"_s), after);

    for (const QString &id : {u"1"_s, u"abc"_s}) {
        const HttpReply unknown = call("DELETE", u"community_members/"_s + id);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.json, missing(u"community member"_s));
    }
    QCOMPARE(m_sandbox->circleWriteCount(), 1);
}

void TestCircleWrites::accessGroupMembers()
{
    const QJsonObject dan{{u"email"_s, u"dan@example.com"_s}};
    QVERIFY(!inAccessGroup(u"dan@example.com"_s, 102));
    const HttpReply added = call("POST", u"access_groups/102/community_members"_s, dan);
    QCOMPARE(added.status, 201);
    QCOMPARE(added.json, message(u"Member has been added to 'Course' access group."_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    // The next reads see the row, made now, with a newer id than the world's rows.
    qint64 row = 0;
    QVERIFY(inAccessGroup(u"dan@example.com"_s, 102, &row));
    qint64 adaRow = 0;
    QVERIFY(inAccessGroup(u"ada@example.com"_s, 101, &adaRow));
    QVERIFY(row > adaRow);
    const QJsonObject first = get(u"access_groups/102/community_members"_s).records().first().toObject();
    QCOMPARE(first.value(u"id").toInteger(), row);
    QVERIFY(qAbs(circleTime(first.value(u"created_at")).secsTo(m_sandbox->now())) < 60);
    const qint64 danId = member(u"dan@example.com"_s).value(u"id").toInteger();
    QCOMPARE(first.value(u"community_member_id").toInteger(), danId);

    // A double click: 200, the same row, no change (UNSURE: the reference documents only the 201).
    const HttpReply twice = call("POST", u"access_groups/102/community_members"_s, dan);
    QCOMPARE(twice.status, 200);
    QCOMPARE(twice.json, added.json);
    qint64 same = 0;
    QVERIFY(inAccessGroup(u"dan@example.com"_s, 102, &same));
    QCOMPARE(same, row);
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    // Removal (email in the query, as the reference), then again: the reference's 404.
    const HttpReply removed =
        call("DELETE", u"access_groups/102/community_members?email=dan%40example.com"_s);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json, message(u"Member removed from 'Course' access group."_s));
    QVERIFY(!inAccessGroup(u"dan@example.com"_s, 102));
    QCOMPARE(m_sandbox->circleWriteCount(), 2);
    const HttpReply gone = call("DELETE", u"access_groups/102/community_members?email=dan%40example.com"_s);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.json, missing(u"access group community member"_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 2);

    // Added again: a new row id, as the verbs do.
    QCOMPARE(call("POST", u"access_groups/102/community_members"_s, dan).status, 201);
    qint64 again = 0;
    QVERIFY(inAccessGroup(u"dan@example.com"_s, 102, &again));
    QVERIFY(again > row);
    QCOMPARE(m_sandbox->circleWriteCount(), 3);
}

void TestCircleWrites::accessGroupErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QJsonObject>("answer");
    const QJsonObject dan{{u"email"_s, u"dan@example.com"_s}};
    QTest::newRow("add: unknown group") << QByteArray("POST") << u"access_groups/999/community_members"_s
                                        << dan << missing(u"access group"_s);
    QTest::newRow("add: unknown user")
        << QByteArray("POST") << u"access_groups/101/community_members"_s
        << QJsonObject{{u"email"_s, u"nobody@example.com"_s}} << missing(u"user"_s);
    QTest::newRow("add: case variant is not the member")
        << QByteArray("POST") << u"access_groups/101/community_members"_s
        << QJsonObject{{u"email"_s, u"DAN@example.com"_s}} << missing(u"user"_s);
    QTest::newRow("add: no email") << QByteArray("POST") << u"access_groups/101/community_members"_s
                                   << QJsonObject() << missing(u"user"_s);
    QTest::newRow("remove: unknown group")
        << QByteArray("DELETE") << u"access_groups/999/community_members?email=ada%40example.com"_s
        << QJsonObject() << missing(u"access group"_s);
    QTest::newRow("remove: unknown user")
        << QByteArray("DELETE") << u"access_groups/101/community_members?email=nobody%40example.com"_s
        << QJsonObject() << missing(u"user"_s);
    QTest::newRow("remove: not in the group")
        << QByteArray("DELETE") << u"access_groups/101/community_members?email=dan%40example.com"_s
        << QJsonObject() << missing(u"access group community member"_s);
}

void TestCircleWrites::accessGroupErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(QJsonObject, answer);
    const HttpReply r = call(method, path, body);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json, answer);
    QCOMPARE(m_sandbox->circleWriteCount(), 0);
    QCOMPARE(get(u"access_groups/101/community_members"_s).json.value(u"count").toInt(), 1); // ada
}

void TestCircleWrites::spaceMembers()
{
    const auto inSpace = [this](qint64 space) {
        const QJsonArray rows = get(u"space_members?space_id="_s + QString::number(space)).records();
        return std::any_of(rows.cbegin(), rows.cend(), [](const QJsonValue &v) {
            return v.toObject().value(u"community_member").toObject().value(u"email").toString() ==
                   u"dan@example.com"_s;
        });
    };
    const QJsonObject body{{u"email"_s, u"dan@example.com"_s}, {u"space_id"_s, 202}};
    const HttpReply added = call("POST", u"space_members"_s, body);
    QCOMPARE(added.status, 200);
    QCOMPARE(added.json, message(u"User added to space"_s));
    QVERIFY(inSpace(202));
    const QJsonObject row = get(u"space_members?space_id=202"_s).records().first().toObject();
    QCOMPARE(row.value(u"status").toString(), u"active"_s);
    QVERIFY(qAbs(circleTime(row.value(u"created_at")).secsTo(m_sandbox->now())) < 60);
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    // The same again (a space id as text too): 200, no new row.
    const HttpReply twice =
        call("POST", u"space_members"_s, {{u"email"_s, u"dan@example.com"_s}, {u"space_id"_s, u"202"_s}});
    QCOMPARE(twice.status, 200);
    QCOMPARE(get(u"space_members?space_id=202"_s).json.value(u"count").toInt(), 1);
    QCOMPARE(get(u"space_members?space_id=202"_s).records().first().toObject().value(u"id"),
             row.value(u"id"));
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    const HttpReply removed = call("DELETE", u"space_members?email=dan%40example.com&space_id=202"_s);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json, message(u"Member removed from space"_s));
    QVERIFY(!inSpace(202));
    QCOMPARE(m_sandbox->circleWriteCount(), 2);
    const HttpReply gone = call("DELETE", u"space_members?email=dan%40example.com&space_id=202"_s);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.json, missing(u"space member"_s));

    QCOMPARE(
        call("POST", u"space_members"_s, {{u"email"_s, u"dan@example.com"_s}, {u"space_id"_s, 999}}).json,
        missing(u"space"_s));
    QCOMPARE(call("POST", u"space_members"_s, {{u"email"_s, u"dan@example.com"_s}}).json,
             missing(u"space"_s));
    QCOMPARE(
        call("POST", u"space_members"_s, {{u"email"_s, u"zed@example.com"_s}, {u"space_id"_s, 202}}).json,
        missing(u"user"_s));
    QCOMPARE(call("DELETE", u"space_members?email=zed%40example.com&space_id=202"_s).json,
             missing(u"user"_s));
    QCOMPARE(call("DELETE", u"space_members?email=dan%40example.com&space_id=999"_s).json,
             missing(u"space"_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 2);
}

void TestCircleWrites::taggedMembers()
{
    const QJsonObject body{{u"member_tag_id"_s, 301}, {u"user_email"_s, u"dan@example.com"_s}};
    const HttpReply tagged = call("POST", u"tagged_members"_s, body);
    QCOMPARE(tagged.status, 201);
    QCOMPARE(tagged.json, message(u"Person tagged successfully!"_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    // In the tagged members (created_at = when tagged), on the member, in the tag's count.
    const HttpReply list = get(u"tagged_members"_s);
    QCOMPARE(list.json.value(u"count").toInt(), 1);
    const QJsonObject row = list.records().first().toObject();
    QCOMPARE(row.value(u"member_tag_id").toInt(), 301);
    QCOMPARE(row.value(u"member_tag_name").toString(), u"VIP"_s);
    QCOMPARE(row.value(u"user_email").toString(), u"dan@example.com"_s);
    QCOMPARE(row.value(u"community_member_id"), member(u"dan@example.com"_s).value(u"id"));
    const QDateTime at = circleTime(row.value(u"created_at"));
    QVERIFY(qAbs(at.secsTo(m_sandbox->now())) < 60);
    QCOMPARE(member(u"dan@example.com"_s).value(u"member_tags").toArray(),
             (QJsonArray{QJsonObject{{u"id"_s, 301}, {u"name"_s, u"VIP"_s}}}));
    QCOMPARE(get(u"member_tags"_s).records().first().toObject().value(u"tagged_members_count").toInt(), 1);

    // Tagged again: 200 (UNSURE), the row and its time kept.
    const HttpReply twice = call("POST", u"tagged_members"_s, body);
    QCOMPARE(twice.status, 200);
    QCOMPARE(twice.json, tagged.json);
    QCOMPARE(get(u"tagged_members"_s).records(), list.records());
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    const QString remove = u"tagged_members?user_email=dan%40example.com&member_tag_id=301"_s;
    const HttpReply removed = call("DELETE", remove);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json, message(u"Tag has been removed"_s));
    QCOMPARE(get(u"tagged_members"_s).json.value(u"count").toInt(), 0);
    QCOMPARE(member(u"dan@example.com"_s).value(u"member_tags").toArray(), QJsonArray());
    QCOMPARE(m_sandbox->circleWriteCount(), 2);
    const HttpReply gone = call("DELETE", remove);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.json, missing(u"tagged member"_s));

    // Tagged once more: a new row id.
    QCOMPARE(call("POST", u"tagged_members"_s, body).status, 201);
    QVERIFY(get(u"tagged_members"_s).records().first().toObject().value(u"id").toInteger() >
            row.value(u"id").toInteger());
    QCOMPARE(m_sandbox->circleWriteCount(), 3);

    QCOMPARE(call("POST", u"tagged_members"_s,
                  {{u"member_tag_id"_s, 999}, {u"user_email"_s, u"dan@example.com"_s}})
                 .json,
             missing(u"member tag"_s));
    QCOMPARE(call("POST", u"tagged_members"_s, {{u"member_tag_id"_s, 301}, {u"user_email"_s, u"zed@x.org"_s}})
                 .json,
             missing(u"user"_s));
    QCOMPARE(call("DELETE", u"tagged_members?user_email=dan%40example.com&member_tag_id=999"_s).json,
             missing(u"member tag"_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 3);
}

void TestCircleWrites::memberAccessGroups()
{
    const qint64 ada = member(u"ada@example.com"_s).value(u"id").toInteger();
    QVERIFY(
        call("POST", u"access_groups/102/community_members"_s, {{u"email"_s, u"ada@example.com"_s}}).status ==
        201);
    const HttpReply r = get(u"community_members/"_s + QString::number(ada) + u"/access_groups"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"count").toInt(), 2);
    QCOMPARE(r.json.value(u"per_page").toInt(), 10);
    const QJsonObject first = r.records().first().toObject();
    QCOMPARE(keysOf(first), (QSet<QString>{u"id"_s, u"name"_s, u"status"_s, u"community_id"_s,
                                           u"created_at"_s, u"updated_at"_s}));
    QCOMPARE(first.value(u"id").toInt(), 102);
    QCOMPARE(first.value(u"name").toString(), u"Course"_s);
    QCOMPARE(first.value(u"status").toString(), u"active"_s);
    QCOMPARE(r.records().at(1).toObject().value(u"id").toInt(), 101);

    const HttpReply page2 =
        get(u"community_members/"_s + QString::number(ada) + u"/access_groups?per_page=1&page=2"_s);
    QCOMPARE(page2.records().size(), 1);
    QCOMPARE(page2.records().first().toObject().value(u"id").toInt(), 101);
    QCOMPARE(page2.json.value(u"has_next_page").toBool(), false);

    // An invited member holds nothing yet; a deactivated one has left its groups.
    const qint64 bob = member(u"bob@example.com"_s).value(u"id").toInteger();
    QCOMPARE(get(u"community_members/"_s + QString::number(bob) + u"/access_groups"_s).records().size(), 0);
    const qint64 cat = member(u"cat@example.com"_s).value(u"id").toInteger();
    QCOMPARE(get(u"community_members/"_s + QString::number(cat) + u"/access_groups"_s).records().size(), 0);
    const HttpReply unknown = get(u"community_members/1/access_groups"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json, missing(u"community member"_s));
}

void TestCircleWrites::authRequired_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::newRow("create") << QByteArray("POST") << u"community_members"_s
                            << QJsonObject{{u"email"_s, u"new@example.com"_s}};
    // 40000002 is ada (cat joined before her).
    QTest::newRow("deactivate") << QByteArray("DELETE") << u"community_members/40000002"_s << QJsonObject();
    QTest::newRow("add to group") << QByteArray("POST") << u"access_groups/102/community_members"_s
                                  << QJsonObject{{u"email"_s, u"dan@example.com"_s}};
    QTest::newRow("remove from group")
        << QByteArray("DELETE") << u"access_groups/101/community_members?email=ada%40example.com"_s
        << QJsonObject();
    QTest::newRow("add to space") << QByteArray("POST") << u"space_members"_s
                                  << QJsonObject{{u"email"_s, u"dan@example.com"_s}, {u"space_id"_s, 202}};
    QTest::newRow("remove from space")
        << QByteArray("DELETE") << u"space_members?email=ada%40example.com&space_id=201"_s << QJsonObject();
    QTest::newRow("tag") << QByteArray("POST") << u"tagged_members"_s
                         << QJsonObject{{u"member_tag_id"_s, 301}, {u"user_email"_s, u"dan@example.com"_s}};
    QTest::newRow("untag") << QByteArray("DELETE")
                           << u"tagged_members?user_email=dan%40example.com&member_tag_id=301"_s
                           << QJsonObject();
}

void TestCircleWrites::authRequired()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    if (path.startsWith(u"tagged_members?"))
        QCOMPARE(call("POST", u"tagged_members"_s,
                      {{u"member_tag_id"_s, 301}, {u"user_email"_s, u"dan@example.com"_s}})
                     .status,
                 201);
    const qint64 writes = m_sandbox->circleWriteCount();
    const QByteArray before = get(u"community_members?status=all&per_page=100"_s).body;
    for (const QByteArray &authorization :
         {QByteArray(), QByteArray("Token wrong"), QByteArray("Basic " + Token)}) {
        const HttpReply r = call(method, path, body, authorization);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json, circleError(u"The API token is invalid."_s));
    }
    QCOMPARE(m_sandbox->circleWriteCount(), writes);
    QCOMPARE(get(u"community_members?status=all&per_page=100"_s).body, before);
    // With the token the same write goes through (Bearer too).
    QVERIFY(call(method, path, body, "Bearer " + Token).status < 300);
    QCOMPARE(m_sandbox->circleWriteCount(), writes + 1);
}

void TestCircleWrites::malformedJson_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("create, truncated")
        << QByteArray("POST") << u"community_members"_s << QByteArray("{\"email\":\"new@example.com\"");
    QTest::newRow("create, an array")
        << QByteArray("POST") << u"community_members"_s << QByteArray("[\"new@example.com\"]");
    QTest::newRow("add to group, form body") << QByteArray("POST") << u"access_groups/102/community_members"_s
                                             << QByteArray("email=dan%40example.com");
    QTest::newRow("add to space, garbage")
        << QByteArray("POST") << u"space_members"_s << QByteArray("\x01\x02\xff{");
    QTest::newRow("tag, a string") << QByteArray("POST") << u"tagged_members"_s << QByteArray("\"x\"");
    QTest::newRow("deactivate, bad body")
        << QByteArray("DELETE") << u"community_members/40000002"_s << QByteArray("{");
}

void TestCircleWrites::malformedJson()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const HttpReply r = raw(method, path, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json, circleError(u"The request body is not valid JSON."_s));
    QCOMPARE(m_sandbox->circleWriteCount(), 0);
    QVERIFY(member(u"new@example.com"_s).isEmpty());
    QVERIFY(!inAccessGroup(u"dan@example.com"_s, 102));
    QCOMPARE(member(u"ada@example.com"_s).value(u"active").toBool(), true);
    QCOMPARE(get(u"spaces"_s).status, 200); // still serving
}

void TestCircleWrites::faultInjection()
{
    const QJsonObject dan{{u"email"_s, u"dan@example.com"_s}};
    m_sandbox->failNextCircleRequests(2, 503);
    for (int i = 0; i < 2; ++i) {
        const HttpReply r = call("POST", u"access_groups/102/community_members"_s, dan);
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json, circleError(u"Something went wrong. Please try again later."_s));
    }
    QCOMPARE(m_sandbox->circleWriteCount(), 0);
    QVERIFY(!inAccessGroup(u"dan@example.com"_s, 102)); // the fault is over, and nothing was written
    QCOMPARE(call("POST", u"access_groups/102/community_members"_s, dan).status, 201);
    QCOMPARE(m_sandbox->circleWriteCount(), 1);

    m_sandbox->failNextCircleRequests(1, 429);
    const HttpReply limited = get(u"spaces"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json, circleError(u"Too many requests. Please try again later."_s));
    m_sandbox->failNextCircleRequests(1, 422);
    const HttpReply refused = call("DELETE", u"community_members/40000002"_s);
    QCOMPARE(refused.status, 422);
    QCOMPARE(refused.json, circleError(u"The request failed (sandbox fault injection)."_s));
    QCOMPARE(member(u"ada@example.com"_s).value(u"active").toBool(), true);
    QCOMPARE(get(u"spaces"_s).status, 200);
    QCOMPARE(m_sandbox->circleRequestCount(), 8);
    QCOMPARE(m_sandbox->kitRequestCount(), 0);
}

void TestCircleWrites::otherMethods()
{
    const qint64 before = m_sandbox->circleRequestCount();
    QCOMPARE(call("PUT", u"community_members/40000002"_s, {{u"name"_s, u"X"_s}}).json,
             circleError(u"Oops! Missing record. Please try again later."_s));
    QCOMPARE(call("POST", u"spaces"_s, {{u"name"_s, u"X"_s}}).status, 404);
    QCOMPARE(call("DELETE", u"access_groups/101"_s).status, 404);
    QCOMPARE(call("POST", u"community_members/search"_s, {{u"email"_s, u"ada@example.com"_s}}).status, 404);
    QCOMPARE(m_sandbox->circleRequestCount(), before + 4);
    QCOMPARE(m_sandbox->circleWriteCount(), 0);
}

QTEST_GUILESS_MAIN(TestCircleWrites)
#include "tst_circlewrites.moc"
