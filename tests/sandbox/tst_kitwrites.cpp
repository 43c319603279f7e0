// The sandbox's Kit API v4 writes over loopback: create-or-update subscribers, unsubscribe, tag and untag (by
// id and by address), add to sequences and list a sequence's subscribers, each visible on the next read and
// idempotent when repeated (the write count grows only on a change); Kit's error bodies, auth, malformed
// JSON, the injected faults; and the generator's duplicate_subscriber people seen through the Kit API.
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

const QByteArray Key = QByteArrayLiteral("kit_writes_key");

QJsonObject writesWorld()
{
    const auto tags = [](qint64 tag) {
        return QJsonObject{{u"tags"_s, QJsonArray{tag}}};
    };
    const QJsonArray people{
        person(u"ada@example.com"_s, {}, {}, {entry(10 * Day, u"subscribe"_s, tags(501))}),
        person(u"bob@example.com"_s, {}, {},
               {entry(9 * Day, u"subscribe"_s, tags(501)), entry(2 * Day, u"unsubscribe"_s)}),
    };
    QJsonObject w = world(people);
    QJsonObject catalog = w.value(u"catalog").toObject();
    catalog.insert(
        u"kit"_s,
        QJsonObject{{u"tags"_s, QJsonArray{QJsonObject{{u"id"_s, 501}, {u"name"_s, u"pro"_s}},
                                           QJsonObject{{u"id"_s, 502}, {u"name"_s, u"newsletter"_s}}}},
                    {u"sequences"_s, QJsonArray{QJsonObject{{u"id"_s, 601}, {u"name"_s, u"Welcome"_s}},
                                                QJsonObject{{u"id"_s, 602}, {u"name"_s, u"Course"_s}}}}});
    w.insert(u"catalog"_s, catalog);
    return w;
}

QJsonObject errors(const QString &message)
{
    return QJsonObject{{u"errors"_s, QJsonArray{message}}};
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

// Switchboard's rule, restated here (the sandbox shares no code with core): trim, case-fold, IDN domain to
// ASCII.
QString normalised(const QString &email)
{
    const QString trimmed = email.trimmed();
    const qsizetype at = trimmed.lastIndexOf(u'@');
    return trimmed.left(at).toCaseFolded() + u'@' +
           QString::fromLatin1(QUrl::toAce(trimmed.mid(at + 1).toCaseFolded())).toLower();
}

} // namespace

class TestKitWrites : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createSubscriber();
    void updateSubscriber();
    void createSubscriberRefused_data();
    void createSubscriberRefused();
    void unsubscribe();
    void tagById();
    void tagByEmail();
    void untag();
    void sequences();
    void sequenceCursorWalk();
    void authRequired_data();
    void authRequired();
    void malformedJson_data();
    void malformedJson();
    void faultInjection();
    void generatedDuplicateSubscriber_data();
    void generatedDuplicateSubscriber();

private:
    HttpReply call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body = {},
                   const QByteArray &key = Key);
    HttpReply raw(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                  const QByteArray &key = Key);
    HttpReply get(const QString &pathAndQuery) { return raw("GET", pathAndQuery, {}); }
    QJsonObject subscriber(const QString &email); // status=all
    QList<qint64> tagsOf(qint64 id);
    QList<qint64> subscribersOf(const QString &list); // "tags/501" or "sequences/601", status=all

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestKitWrites::init()
{
    serveWorld(m_sandbox, writesWorld(), u"circle_sandbox"_s, QString::fromLatin1(Key));
}

HttpReply TestKitWrites::raw(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                             const QByteArray &key)
{
    return send(m_nam, method, QUrl(m_sandbox->baseUrl().toString() + u"/v4/"_s + pathAndQuery),
                withCredential(Headers{{"Content-Type", "application/json"}}, "X-Kit-Api-Key", key), body);
}

HttpReply TestKitWrites::call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body,
                              const QByteArray &key)
{
    return raw(method, pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact), key);
}

QJsonObject TestKitWrites::subscriber(const QString &email)
{
    const QJsonArray list =
        get(u"subscribers?status=all&email_address="_s + enc(email)).json.value(u"subscribers").toArray();
    return list.isEmpty() ? QJsonObject() : list.first().toObject();
}

QList<qint64> TestKitWrites::tagsOf(qint64 id)
{
    QList<qint64> out;
    const QJsonArray tags =
        get(u"subscribers/"_s + QString::number(id) + u"/tags"_s).json.value(u"tags").toArray();
    for (const QJsonValue &t : tags)
        out.append(t.toObject().value(u"id").toInteger());
    return out;
}

QList<qint64> TestKitWrites::subscribersOf(const QString &list)
{
    QList<qint64> out;
    const QJsonArray subscribers =
        get(list + u"/subscribers?status=all"_s).json.value(u"subscribers").toArray();
    for (const QJsonValue &s : subscribers)
        out.append(s.toObject().value(u"id").toInteger());
    return out;
}

void TestKitWrites::createSubscriber()
{
    const QJsonObject body{{u"email_address"_s, u"Nia@Example.com"_s}, {u"first_name"_s, u"Nia"_s}};
    const HttpReply r = call("POST", u"subscribers"_s, body);
    QCOMPARE(r.status, 201);
    QCOMPARE(keysOf(r.json), QSet<QString>{u"subscriber"_s});
    const QJsonObject created = r.json.value(u"subscriber").toObject();
    QCOMPARE(keysOf(created), (QSet<QString>{u"id"_s, u"first_name"_s, u"email_address"_s, u"state"_s,
                                             u"created_at"_s, u"fields"_s}));
    QCOMPARE(created.value(u"email_address").toString(), u"Nia@Example.com"_s);
    QCOMPARE(created.value(u"first_name").toString(), u"Nia"_s);
    QCOMPARE(created.value(u"state").toString(), u"active"_s);
    const QDateTime at = QDateTime::fromString(created.value(u"created_at").toString(), Qt::ISODate);
    QVERIFY(qAbs(at.secsTo(m_sandbox->now())) < 60);
    QVERIFY(created.value(u"id").toInteger() > subscriber(u"bob@example.com"_s).value(u"id").toInteger());
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    // The next reads see it, under any case of the address, first in the default (active) list.
    QCOMPARE(subscriber(u"nia@example.com"_s), created);
    QCOMPARE(get(u"subscribers"_s).json.value(u"subscribers").toArray().first().toObject(), created);
    QCOMPARE(get(u"subscribers?created_after="_s +
                 enc(QDateTime::fromSecsSinceEpoch(at.toSecsSinceEpoch() - 1, Qt::UTC).toString(Qt::ISODate)))
                 .json.value(u"subscribers")
                 .toArray()
                 .size(),
             1);

    // A double click: 200 with the same subscriber, no change.
    const HttpReply again = call("POST", u"subscribers"_s, body);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(u"subscriber").toObject(), created);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    // A state on creation is kept.
    const HttpReply inactive = call(
        "POST", u"subscribers"_s, {{u"email_address"_s, u"ina@example.com"_s}, {u"state"_s, u"inactive"_s}});
    QCOMPARE(inactive.status, 201);
    QCOMPARE(inactive.json.value(u"subscriber").toObject().value(u"state").toString(), u"inactive"_s);
    QCOMPARE(inactive.json.value(u"subscriber").toObject().value(u"first_name"),
             QJsonValue(QJsonValue::Null));
    QCOMPARE(get(u"subscribers?status=inactive"_s).json.value(u"subscribers").toArray().size(), 1);
    QCOMPARE(m_sandbox->kitWriteCount(), 2);
}

void TestKitWrites::updateSubscriber()
{
    const QJsonObject ada = subscriber(u"ada@example.com"_s);
    // Another case of the address is the same subscriber: its first name is updated (200).
    const HttpReply r = call("POST", u"subscribers"_s,
                             {{u"email_address"_s, u"ADA@example.com"_s}, {u"first_name"_s, u"Ada"_s}});
    QCOMPARE(r.status, 200);
    const QJsonObject updated = r.json.value(u"subscriber").toObject();
    QCOMPARE(updated.value(u"id"), ada.value(u"id"));
    QCOMPARE(updated.value(u"email_address").toString(), u"ada@example.com"_s);
    QCOMPARE(updated.value(u"first_name").toString(), u"Ada"_s);
    QCOMPARE(subscriber(u"ada@example.com"_s), updated);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
    QCOMPARE(get(u"subscribers?status=all"_s).json.value(u"subscribers").toArray().size(), 2);

    // Kit does not update a state through this endpoint: a cancelled subscriber stays cancelled.
    const HttpReply bob = call("POST", u"subscribers"_s,
                               {{u"email_address"_s, u"bob@example.com"_s}, {u"state"_s, u"active"_s}});
    QCOMPARE(bob.status, 200);
    QCOMPARE(bob.json.value(u"subscriber").toObject().value(u"state").toString(), u"cancelled"_s);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
}

void TestKitWrites::createSubscriberRefused_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QJsonObject>("answer");
    const QJsonObject invalid = errors(u"Email address is invalid"_s);
    QTest::newRow("no address") << QJsonObject{{u"first_name"_s, u"Nobody"_s}} << invalid;
    QTest::newRow("not an address") << QJsonObject{{u"email_address"_s, u"nobody"_s}} << invalid;
    QTest::newRow("two @") << QJsonObject{{u"email_address"_s, u"a@b@example.com"_s}} << invalid;
    QTest::newRow("unknown state")
        << QJsonObject{{u"email_address"_s, u"x@example.com"_s}, {u"state"_s, u"subscribed"_s}}
        << errors(u"State must be one of: active, inactive, bounced, complained, cancelled"_s);
}

void TestKitWrites::createSubscriberRefused()
{
    QFETCH(QJsonObject, body);
    QFETCH(QJsonObject, answer);
    const HttpReply r = call("POST", u"subscribers"_s, body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.json, answer);
    QCOMPARE(get(u"subscribers?status=all"_s).json.value(u"subscribers").toArray().size(), 2);
    QCOMPARE(m_sandbox->kitWriteCount(), 0);
}

void TestKitWrites::unsubscribe()
{
    const qint64 ada = subscriber(u"ada@example.com"_s).value(u"id").toInteger();
    const QString path = u"subscribers/"_s + QString::number(ada) + u"/unsubscribe"_s;
    const HttpReply r = call("POST", path);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(subscriber(u"ada@example.com"_s).value(u"state").toString(), u"cancelled"_s);
    QCOMPARE(tagsOf(ada), QList<qint64>{501}); // tags kept
    QVERIFY(!get(u"subscribers"_s).body.contains("ada@example.com"));
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    QCOMPARE(call("POST", path).status, 204);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
    const qint64 bob = subscriber(u"bob@example.com"_s).value(u"id").toInteger();
    QCOMPARE(call("POST", u"subscribers/"_s + QString::number(bob) + u"/unsubscribe"_s).status, 204);
    QCOMPARE(m_sandbox->kitWriteCount(), 1); // cancelled already

    const HttpReply unknown = call("POST", u"subscribers/1/unsubscribe"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json, errors(u"Not Found"_s));
}

void TestKitWrites::tagById()
{
    const qint64 ada = subscriber(u"ada@example.com"_s).value(u"id").toInteger();
    const QString path = u"tags/502/subscribers/"_s + QString::number(ada);
    const HttpReply r = call("POST", path);
    QCOMPARE(r.status, 201);
    const QJsonObject tagged = r.json.value(u"subscriber").toObject();
    QCOMPARE(keysOf(tagged), (QSet<QString>{u"id"_s, u"first_name"_s, u"email_address"_s, u"state"_s,
                                            u"created_at"_s, u"tagged_at"_s, u"fields"_s}));
    QCOMPARE(tagged.value(u"id").toInteger(), ada);
    const QDateTime at = QDateTime::fromString(tagged.value(u"tagged_at").toString(), Qt::ISODate);
    QVERIFY(qAbs(at.secsTo(m_sandbox->now())) < 60);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    // Visible in both directions, with the time it was tagged.
    QCOMPARE(tagsOf(ada), (QList<qint64>{502, 501}));
    const QJsonObject listed =
        get(u"tags/502/subscribers"_s).json.value(u"subscribers").toArray().first().toObject();
    QCOMPARE(listed, tagged);

    // Again: 200, the first tagged_at, no change.
    const HttpReply again = call("POST", path);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(u"subscriber").toObject(), tagged);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    QCOMPARE(call("POST", u"tags/999/subscribers/"_s + QString::number(ada)).json, errors(u"Not Found"_s));
    QCOMPARE(call("POST", u"tags/502/subscribers/1"_s).status, 404);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
}

void TestKitWrites::tagByEmail()
{
    const HttpReply r = call("POST", u"tags/502/subscribers"_s, {{u"email_address"_s, u"Ada@EXAMPLE.com"_s}});
    QCOMPARE(r.status, 201);
    const qint64 ada = subscriber(u"ada@example.com"_s).value(u"id").toInteger();
    QCOMPARE(r.json.value(u"subscriber").toObject().value(u"id").toInteger(), ada);
    QCOMPARE(subscribersOf(u"tags/502"_s), QList<qint64>{ada});
    QCOMPARE(call("POST", u"tags/502/subscribers"_s, {{u"email_address"_s, u"ada@example.com"_s}}).status,
             200);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    // The subscriber must exist (UNSURE: Kit's 404 for an address with no subscriber).
    const HttpReply unknown =
        call("POST", u"tags/502/subscribers"_s, {{u"email_address"_s, u"zed@example.com"_s}});
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json, errors(u"Not Found"_s));
    QVERIFY(subscriber(u"zed@example.com"_s).isEmpty());
    const HttpReply none = call("POST", u"tags/502/subscribers"_s);
    QCOMPARE(none.status, 422);
    QCOMPARE(none.json, errors(u"Either subscriber id or email address is required to tag subscriber"_s));
    QCOMPARE(call("POST", u"tags/999/subscribers"_s, {{u"email_address"_s, u"ada@example.com"_s}}).status,
             404);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
}

void TestKitWrites::untag()
{
    const qint64 ada = subscriber(u"ada@example.com"_s).value(u"id").toInteger();
    const QString path = u"tags/501/subscribers/"_s + QString::number(ada);
    const HttpReply r = call("DELETE", path);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(tagsOf(ada), QList<qint64>());
    QVERIFY(!subscribersOf(u"tags/501"_s).contains(ada));
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
    // Not tagged any more: 204 again (UNSURE), nothing changes.
    QCOMPARE(call("DELETE", path).status, 204);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    // Tagged again: a new tagged_at; removed by address.
    QCOMPARE(call("POST", path).status, 201);
    QCOMPARE(call("DELETE", u"tags/501/subscribers"_s, {{u"email_address"_s, u"ADA@example.com"_s}}).status,
             204);
    QCOMPARE(tagsOf(ada), QList<qint64>());
    QCOMPARE(m_sandbox->kitWriteCount(), 3);

    QCOMPARE(call("DELETE", u"tags/999/subscribers/"_s + QString::number(ada)).json, errors(u"Not Found"_s));
    QCOMPARE(call("DELETE", u"tags/501/subscribers/1"_s).json, errors(u"Not Found"_s));
    QCOMPARE(call("DELETE", u"tags/501/subscribers"_s).json,
             errors(u"Either subscriber id or email address is required to remove tag from subscriber"_s));
    QCOMPARE(m_sandbox->kitWriteCount(), 3);
}

void TestKitWrites::sequences()
{
    QCOMPARE(subscribersOf(u"sequences/601"_s), QList<qint64>());
    const HttpReply r =
        call("POST", u"sequences/601/subscribers"_s, {{u"email_address"_s, u"ada@example.com"_s}});
    QCOMPARE(r.status, 201);
    const QJsonObject added = r.json.value(u"subscriber").toObject();
    QCOMPARE(keysOf(added), (QSet<QString>{u"id"_s, u"first_name"_s, u"email_address"_s, u"state"_s,
                                           u"created_at"_s, u"added_at"_s, u"fields"_s}));
    const QDateTime at = QDateTime::fromString(added.value(u"added_at").toString(), Qt::ISODate);
    QVERIFY(qAbs(at.secsTo(m_sandbox->now())) < 60);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    // "Added to the sequence": listed with added_at, in that sequence only.
    const HttpReply list = get(u"sequences/601/subscribers"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json.value(u"subscribers").toArray(), QJsonArray{added});
    QCOMPARE(subscribersOf(u"sequences/602"_s), QList<qint64>());

    // Again (by id this time): 200 with the first added_at.
    const qint64 ada = added.value(u"id").toInteger();
    const HttpReply again = call("POST", u"sequences/601/subscribers/"_s + QString::number(ada));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(u"subscriber").toObject(), added);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);

    // A cancelled subscriber is enrolled too, and listed under its status.
    QCOMPARE(
        call("POST", u"sequences/601/subscribers"_s, {{u"email_address"_s, u"bob@example.com"_s}}).status,
        201);
    QCOMPARE(get(u"sequences/601/subscribers"_s).json.value(u"subscribers").toArray().size(), 1);
    QCOMPARE(subscribersOf(u"sequences/601"_s).size(), 2);
    QCOMPARE(get(u"sequences/601/subscribers?status=cancelled"_s).json.value(u"subscribers").toArray().size(),
             1);
    const QString later =
        enc(QDateTime::fromSecsSinceEpoch(at.toSecsSinceEpoch() + 3600, Qt::UTC).toString(Qt::ISODate));
    QCOMPARE(get(u"sequences/601/subscribers?status=all&added_after="_s + later)
                 .json.value(u"subscribers")
                 .toArray()
                 .size(),
             0);
    QCOMPARE(m_sandbox->kitWriteCount(), 2);

    QCOMPARE(call("POST", u"sequences/999/subscribers"_s, {{u"email_address"_s, u"ada@example.com"_s}}).json,
             errors(u"Not Found"_s));
    QCOMPARE(
        call("POST", u"sequences/601/subscribers"_s, {{u"email_address"_s, u"zed@example.com"_s}}).status,
        404);
    QCOMPARE(call("POST", u"sequences/601/subscribers/1"_s).status, 404);
    QCOMPARE(call("POST", u"sequences/601/subscribers"_s).status, 422);
    QCOMPARE(get(u"sequences/999/subscribers"_s).json, errors(u"Not Found"_s));
    QCOMPARE(get(u"sequences/601/subscribers?added_after=soon"_s).status, 422);
    QCOMPARE(get(u"sequences/601/subscribers?after=notacursor"_s).json, errors(u"Invalid cursor"_s));
    QCOMPARE(m_sandbox->kitWriteCount(), 2);
}

void TestKitWrites::sequenceCursorWalk()
{
    for (int i = 0; i < 5; ++i) {
        const QString email = u"reader"_s + QString::number(i) + u"@example.com"_s;
        QCOMPARE(call("POST", u"subscribers"_s, {{u"email_address"_s, email}}).status, 201);
        QCOMPARE(call("POST", u"sequences/602/subscribers"_s, {{u"email_address"_s, email}}).status, 201);
    }
    QCOMPARE(m_sandbox->kitWriteCount(), 10);
    QList<qint64> walked;
    QString after;
    for (int page = 0; page < 10; ++page) {
        const HttpReply r = get(u"sequences/602/subscribers?per_page=2"_s +
                                (after.isEmpty() ? QString() : u"&after="_s + enc(after)));
        QCOMPARE(r.status, 200);
        for (const QJsonValue &s : r.json.value(u"subscribers").toArray())
            walked.append(s.toObject().value(u"id").toInteger());
        const QJsonObject pagination = r.json.value(u"pagination").toObject();
        QCOMPARE(pagination.value(u"per_page").toInt(), 2);
        if (!pagination.value(u"has_next_page").toBool())
            break;
        after = pagination.value(u"end_cursor").toString();
    }
    QCOMPARE(walked.size(), 5);
    QVERIFY(std::is_sorted(walked.crbegin(), walked.crend())); // highest id first
}

void TestKitWrites::authRequired_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::newRow("create") << QByteArray("POST") << u"subscribers"_s
                            << QJsonObject{{u"email_address"_s, u"new@example.com"_s}};
    QTest::newRow("unsubscribe") << QByteArray("POST") << u"subscribers/3120000001/unsubscribe"_s
                                 << QJsonObject();
    QTest::newRow("tag") << QByteArray("POST") << u"tags/502/subscribers/3120000001"_s << QJsonObject();
    QTest::newRow("tag by address") << QByteArray("POST") << u"tags/502/subscribers"_s
                                    << QJsonObject{{u"email_address"_s, u"ada@example.com"_s}};
    QTest::newRow("untag") << QByteArray("DELETE") << u"tags/501/subscribers/3120000001"_s << QJsonObject();
    QTest::newRow("sequence") << QByteArray("POST") << u"sequences/601/subscribers"_s
                              << QJsonObject{{u"email_address"_s, u"ada@example.com"_s}};
}

void TestKitWrites::authRequired()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    const QByteArray before = get(u"subscribers?status=all"_s).body;
    for (const QByteArray &key : {QByteArray(), QByteArray("kit_wrong")}) {
        const HttpReply r = call(method, path, body, key);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json, errors(u"The access token is invalid"_s));
    }
    QCOMPARE(m_sandbox->kitWriteCount(), 0);
    QCOMPARE(get(u"subscribers?status=all"_s).body, before);
    QCOMPARE(call(method, path, body).status / 100, 2);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
}

void TestKitWrites::malformedJson_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("create, truncated")
        << QByteArray("POST") << u"subscribers"_s << QByteArray("{\"email_address\":\"new@example.com\"");
    QTest::newRow("create, form body")
        << QByteArray("POST") << u"subscribers"_s << QByteArray("email_address=new%40example.com");
    QTest::newRow("tag, an array") << QByteArray("POST") << u"tags/502/subscribers"_s << QByteArray("[1]");
    QTest::newRow("unsubscribe, garbage")
        << QByteArray("POST") << u"subscribers/3120000001/unsubscribe"_s << QByteArray("\xff\xfe{");
    QTest::newRow("sequence, a number")
        << QByteArray("POST") << u"sequences/601/subscribers"_s << QByteArray("42");
}

void TestKitWrites::malformedJson()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const HttpReply r = raw(method, path, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json, errors(u"The request body is not valid JSON"_s));
    QCOMPARE(m_sandbox->kitWriteCount(), 0);
    QVERIFY(subscriber(u"new@example.com"_s).isEmpty());
    QCOMPARE(subscriber(u"ada@example.com"_s).value(u"state").toString(), u"active"_s);
    QCOMPARE(get(u"account"_s).status, 200); // still serving
}

void TestKitWrites::faultInjection()
{
    const QJsonObject body{{u"email_address"_s, u"new@example.com"_s}};
    m_sandbox->failNextKitRequests(1, 429);
    const HttpReply limited = call("POST", u"subscribers"_s, body);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.body, QByteArray("Retry later"));
    QVERIFY(limited.headers.value("content-type").startsWith("text/plain"));
    QVERIFY(!limited.headers.contains("retry-after"));

    m_sandbox->failNextKitRequests(2, 500);
    for (int i = 0; i < 2; ++i) {
        const HttpReply failed = call("POST", u"subscribers"_s, body);
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.json, errors(u"Internal server error"_s));
    }
    m_sandbox->failNextKitRequests(1, 422);
    QCOMPARE(get(u"account"_s).json, errors(u"The request failed (sandbox fault injection)"_s));
    QCOMPARE(m_sandbox->kitWriteCount(), 0);
    QVERIFY(subscriber(u"new@example.com"_s).isEmpty());
    QCOMPARE(call("POST", u"subscribers"_s, body).status, 201);
    QCOMPARE(m_sandbox->kitWriteCount(), 1);
    QCOMPARE(m_sandbox->kitRequestCount(), 6);
    QCOMPARE(m_sandbox->circleRequestCount(), 0);
}

void TestKitWrites::generatedDuplicateSubscriber_data()
{
    QTest::addColumn<int>("people");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("40 people, seed 3") << 40 << quint64(3);
    QTest::newRow("demo size, seed 7") << 200 << quint64(7);
}

void TestKitWrites::generatedDuplicateSubscriber()
{
    QFETCH(int, people);
    QFETCH(quint64, seed);
    m_sandbox->generateWorld(people, seed);
    const QJsonArray subscribers =
        get(u"subscribers?status=all&per_page=1000"_s).json.value(u"subscribers").toArray();
    QVERIFY(!subscribers.isEmpty());

    int duplicates = 0;
    const QJsonArray all = m_sandbox->world().value(u"people").toArray();
    for (const QJsonValue &v : all) {
        const QJsonObject p = v.toObject();
        if (!p.value(u"expect").toArray().contains(u"duplicate_subscriber"_s))
            continue;
        ++duplicates;
        const QString email = p.value(u"email").toString();
        QCOMPARE(p.value(u"expect").toArray(), QJsonArray{u"duplicate_subscriber"_s});
        const QString domain = email.section(u'@', 1);
        const QString ace = QString::fromLatin1(QUrl::toAce(domain));
        QVERIFY2(ace.startsWith(u"xn--"), qPrintable(email)); // an internationalised domain

        // Two Kit subscribers, one person under Switchboard's normalisation.
        QStringList found;
        for (const QJsonValue &s : subscribers) {
            const QString address = s.toObject().value(u"email_address").toString();
            if (normalised(address) == normalised(email))
                found.append(address);
        }
        QStringList expected{email.section(u'@', 0, 0) + u'@' + ace, email};
        found.sort();
        expected.sort();
        QCOMPARE(found, expected);

        // Stripe and Circle know the person by the one (Unicode) address.
        for (const QString &provider : {u"stripe"_s, u"circle"_s}) {
            for (const QJsonValue &e : p.value(provider).toArray())
                QVERIFY2(!e.toObject().contains(u"email"), qPrintable(email));
        }
        const HttpReply member = send(m_nam, "GET",
                                      QUrl(m_sandbox->baseUrl().toString() +
                                           u"/api/admin/v2/community_members/search?email="_s + enc(email)),
                                      {{"Authorization", "Token circle_sandbox"}});
        QCOMPARE(member.status, 200);
        QCOMPARE(member.json.value(u"email").toString(), email);
        const HttpReply customers =
            send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + u"/v1/customers?email="_s + enc(email)),
                 {{"Authorization", "Bearer sk_test_sandbox"}});
        QCOMPARE(customers.status, 200);
        QCOMPARE(customers.data().size(), 1);
    }
    QVERIFY(duplicates >= 1);
}

QTEST_GUILESS_MAIN(TestKitWrites)
#include "tst_kitwrites.moc"
