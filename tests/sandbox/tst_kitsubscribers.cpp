// The sandbox's Kit API v4 lists over loopback: subscribers (status, address and date filters), a
// subscriber's tags, tags and their subscribers, sequences, cursor pagination, one subscriber per address
// whatever its case, entries added live, and the rate limit's plain-text 429.
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

const QByteArray Key = QByteArrayLiteral("kit_lists_key");
constexpr int Extra = 30; // active subscribers tagged 501, for paging

QJsonObject kitWorld()
{
    const auto tags = [](qint64 tag) {
        return QJsonObject{{u"tags"_s, QJsonArray{tag}}};
    };
    QJsonArray people{
        person(u"ada@example.com"_s, {}, {}, {entry(10 * Day, u"subscribe"_s, tags(501))}),
        person(u"bob@example.com"_s, {}, {},
               {entry(9 * Day, u"subscribe"_s, tags(501)), entry(2 * Day, u"unsubscribe"_s)}),
        person(u"cat@example.com"_s, {}, {},
               {entry(8 * Day, u"subscribe"_s, tags(501)), entry(1 * Day, u"bounce"_s)}),
        person(u"dan@example.com"_s, {}, {}, {entry(7 * Day, u"subscribe"_s), entry(1 * Day, u"complain"_s)}),
        person(u"eve@example.com"_s, {}, {},
               {entry(6 * Day, u"subscribe"_s, tags(501)), entry(3 * Day, u"untag"_s, tags(501))}),
        person(u"fay@example.com"_s, {}, {},
               {entry(5 * Day, u"subscribe"_s),
                entry(4 * Day, u"subscribe"_s,
                      {{u"email"_s, u"FAY@Example.com"_s}, {u"tags"_s, QJsonArray{502}}})}),
    };
    for (int i = 0; i < Extra; ++i)
        people.append(person(u"reader"_s + QString::number(i) + u"@example.com"_s, {}, {},
                             {entry(40 * Day - i * Hour, u"subscribe"_s, tags(501))}));
    QJsonObject w = world(people);
    QJsonObject catalog = w.value(u"catalog").toObject();
    catalog.insert(
        u"kit"_s,
        QJsonObject{{u"tags"_s, QJsonArray{QJsonObject{{u"id"_s, 501}, {u"name"_s, u"pro"_s}},
                                           QJsonObject{{u"id"_s, 502}, {u"name"_s, u"newsletter"_s}}}},
                    {u"sequences"_s, QJsonArray{QJsonObject{{u"id"_s, 601}, {u"name"_s, u"Welcome"_s}}}}});
    w.insert(u"catalog"_s, catalog);
    return w;
}

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

QString encoded(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

} // namespace

class TestKitSubscribers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void subscriberShape();
    void statusFilter_data();
    void statusFilter();
    void emailFilter_data();
    void emailFilter();
    void dateFilters();
    void cursorWalk_data();
    void cursorWalk();
    void badParameters();
    void subscriberTags();
    void tagsAndSequences();
    void tagSubscribers();
    void liveEntries();
    void rateLimit();

private:
    HttpReply get(const QString &pathAndQuery, const QByteArray &key = Key);
    QJsonObject subscriber(const QString &email); // status=all

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestKitSubscribers::init()
{
    serveWorld(m_sandbox, kitWorld(), u"circle_sandbox"_s, QString::fromLatin1(Key));
}

HttpReply TestKitSubscribers::get(const QString &pathAndQuery, const QByteArray &key)
{
    return send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + u"/v4/"_s + pathAndQuery),
                withCredential(Headers{}, "X-Kit-Api-Key", key));
}

QJsonObject TestKitSubscribers::subscriber(const QString &email)
{
    const QJsonArray list =
        get(u"subscribers?status=all&email_address="_s + encoded(email)).json.value(u"subscribers").toArray();
    return list.isEmpty() ? QJsonObject() : list.first().toObject();
}

void TestKitSubscribers::subscriberShape()
{
    const HttpReply r = get(u"subscribers?email_address=ada%40example.com"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(keysOf(r.json), (QSet<QString>{u"subscribers"_s, u"pagination"_s}));
    const QJsonObject ada = r.json.value(u"subscribers").toArray().first().toObject();
    QCOMPARE(keysOf(ada), (QSet<QString>{u"id"_s, u"first_name"_s, u"email_address"_s, u"state"_s,
                                         u"created_at"_s, u"fields"_s}));
    QCOMPARE(ada.value(u"first_name").toString(), u"Test"_s);
    QCOMPARE(ada.value(u"state").toString(), u"active"_s);
    QVERIFY(ada.value(u"fields").isObject());
    const QDateTime created = QDateTime::fromString(ada.value(u"created_at").toString(), Qt::ISODate);
    QVERIFY(qAbs(created.secsTo(m_sandbox->now()) - 10 * Day) < 60);
    QCOMPARE(keysOf(r.json.value(u"pagination").toObject()),
             (QSet<QString>{u"has_previous_page"_s, u"has_next_page"_s, u"start_cursor"_s, u"end_cursor"_s,
                            u"per_page"_s}));
    QCOMPARE(r.json.value(u"pagination").toObject().value(u"per_page").toInt(), 500);

    // Ids are deterministic for a world.
    const qint64 id = ada.value(u"id").toInteger();
    QString error;
    QVERIFY(m_sandbox->loadWorld(kitWorld(), &error));
    QCOMPARE(subscriber(u"ada@example.com"_s).value(u"id").toInteger(), id);
}

void TestKitSubscribers::statusFilter_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("oneOf"); // an address that must be listed, if any
    QTest::newRow("default is active") << QString() << 3 + Extra << u"eve@example.com"_s;
    QTest::newRow("active") << u"active"_s << 3 + Extra << u"fay@example.com"_s;
    QTest::newRow("cancelled") << u"cancelled"_s << 1 << u"bob@example.com"_s;
    QTest::newRow("bounced") << u"bounced"_s << 1 << u"cat@example.com"_s;
    QTest::newRow("complained") << u"complained"_s << 1 << u"dan@example.com"_s;
    QTest::newRow("inactive") << u"inactive"_s << 0 << QString();
    QTest::newRow("all") << u"all"_s << 6 + Extra << u"bob@example.com"_s;
}

void TestKitSubscribers::statusFilter()
{
    QFETCH(QString, status);
    QFETCH(int, count);
    QFETCH(QString, oneOf);
    const HttpReply r =
        get(u"subscribers?per_page=1000"_s + (status.isEmpty() ? QString() : u"&status="_s + status));
    QCOMPARE(r.status, 200);
    const QJsonArray list = r.json.value(u"subscribers").toArray();
    QCOMPARE(list.size(), count);
    QStringList emails;
    for (const QJsonValue &v : list) {
        emails.append(v.toObject().value(u"email_address").toString());
        if (!status.isEmpty() && status != u"all")
            QCOMPARE(v.toObject().value(u"state").toString(), status);
    }
    if (!oneOf.isEmpty())
        QVERIFY(emails.contains(oneOf));
}

void TestKitSubscribers::emailFilter_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("state"); // empty: not listed
    QTest::newRow("active") << u"ada@example.com"_s << QString() << u"active"_s;
    QTest::newRow("any case") << u"ADA@Example.COM"_s << QString() << u"active"_s;
    QTest::newRow("cancelled looks absent") << u"bob@example.com"_s << QString() << QString();
    QTest::newRow("cancelled with all") << u"bob@example.com"_s << u"all"_s << u"cancelled"_s;
    QTest::newRow("bounced with all") << u"cat@example.com"_s << u"all"_s << u"bounced"_s;
    QTest::newRow("unknown") << u"nobody@example.com"_s << u"all"_s << QString();
}

void TestKitSubscribers::emailFilter()
{
    QFETCH(QString, email);
    QFETCH(QString, status);
    QFETCH(QString, state);
    const HttpReply r = get(u"subscribers?email_address="_s + encoded(email) +
                            (status.isEmpty() ? QString() : u"&status="_s + status));
    QCOMPARE(r.status, 200);
    const QJsonArray list = r.json.value(u"subscribers").toArray();
    QCOMPARE(list.size(), state.isEmpty() ? 0 : 1);
    if (!state.isEmpty()) {
        QCOMPARE(list.first().toObject().value(u"state").toString(), state);
        QCOMPARE(list.first().toObject().value(u"email_address").toString(), email.toLower());
    }
}

void TestKitSubscribers::dateFilters()
{
    const QString cutoff = m_sandbox->now().addSecs(-(6 * Day + 12 * Hour)).toString(Qt::ISODate);
    const HttpReply created = get(u"subscribers?status=all&created_after="_s + encoded(cutoff));
    QStringList emails;
    for (const QJsonValue &v : created.json.value(u"subscribers").toArray())
        emails.append(v.toObject().value(u"email_address").toString());
    QCOMPARE(emails, (QStringList{u"fay@example.com"_s, u"eve@example.com"_s})); // newest first

    const QString recent = m_sandbox->now().addSecs(-(36 * Hour)).toString(Qt::ISODate);
    const HttpReply updated = get(u"subscribers?status=all&updated_after="_s + encoded(recent));
    emails.clear();
    for (const QJsonValue &v : updated.json.value(u"subscribers").toArray())
        emails.append(v.toObject().value(u"email_address").toString());
    QCOMPARE(emails, (QStringList{u"dan@example.com"_s, u"cat@example.com"_s}));

    const QString today = m_sandbox->now().addDays(1).date().toString(Qt::ISODate); // a plain date
    QCOMPARE(
        get(u"subscribers?status=all&created_after="_s + today).json.value(u"subscribers").toArray().size(),
        0);
}

void TestKitSubscribers::cursorWalk_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("perPage");
    QTest::addColumn<int>("echoed");
    QTest::addColumn<int>("total");
    for (const auto &[path, total] :
         {std::pair{u"subscribers?status=all"_s, 6 + Extra}, std::pair{u"subscribers"_s, 3 + Extra},
          std::pair{u"tags/501/subscribers?status=all"_s, 3 + Extra}}) {
        for (const auto &[perPage, echoed] :
             {std::pair{u"1"_s, 1}, std::pair{u"7"_s, 7}, std::pair{u"0"_s, 1}, std::pair{u"5000"_s, 1000},
              std::pair{QString(), 500}})
            QTest::addRow("%s per_page=%s", qPrintable(path), qPrintable(perPage))
                << path << perPage << echoed << total;
    }
}

void TestKitSubscribers::cursorWalk()
{
    QFETCH(QString, path);
    QFETCH(QString, perPage);
    QFETCH(int, echoed);
    QFETCH(int, total);
    const QChar sep = path.contains(u'?') ? u'&' : u'?';
    QSet<qint64> seen;
    QString after;
    int pages = 0;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (;;) {
        QString query = path;
        if (!perPage.isEmpty())
            query += sep + u"per_page="_s + perPage;
        if (!after.isEmpty())
            query += (query.contains(u'?') ? u'&' : u'?') + u"after="_s + encoded(after);
        const HttpReply r = get(query);
        QCOMPARE(r.status, 200);
        ++pages;
        const QJsonObject pagination = r.json.value(u"pagination").toObject();
        QCOMPARE(pagination.value(u"per_page").toInt(), echoed);
        QCOMPARE(pagination.value(u"has_previous_page").toBool(), pages > 1);
        const QJsonArray list = r.json.value(u"subscribers").toArray();
        QVERIFY(list.size() <= echoed);
        for (const QJsonValue &v : list) {
            const qint64 id = v.toObject().value(u"id").toInteger();
            QVERIFY(!seen.contains(id));
            QVERIFY(id < previous); // newest first
            previous = id;
            seen.insert(id);
        }
        if (!pagination.value(u"has_next_page").toBool())
            break;
        after = pagination.value(u"end_cursor").toString();
        QVERIFY(!after.isEmpty());
        QVERIFY(pages < 1000);
    }
    QCOMPARE(seen.size(), total);
    QCOMPARE(pages, std::max(1, (total + echoed - 1) / echoed));
}

void TestKitSubscribers::badParameters()
{
    const HttpReply status = get(u"subscribers?status=gone"_s);
    QCOMPARE(status.status, 422);
    QCOMPARE(status.json.value(u"errors").toArray().size(), 1);
    QCOMPARE(get(u"subscribers?after=%21%21"_s).status, 422);
    QCOMPARE(get(u"subscribers?created_after=yesterday"_s).status, 422);
    QCOMPARE(get(u"subscribers/1/tags"_s).json, QJsonObject({{u"errors"_s, QJsonArray{u"Not Found"_s}}}));
    QCOMPARE(get(u"tags/999/subscribers"_s).status, 404);
    QCOMPARE(get(u"subscribers"_s, QByteArray()).status, 401);
}

void TestKitSubscribers::subscriberTags()
{
    const auto tagsOf = [this](const QString &email) {
        const qint64 id = subscriber(email).value(u"id").toInteger();
        return get(u"subscribers/"_s + QString::number(id) + u"/tags"_s);
    };
    const HttpReply ada = tagsOf(u"ada@example.com"_s);
    QCOMPARE(ada.status, 200);
    QCOMPARE(keysOf(ada.json), (QSet<QString>{u"tags"_s, u"pagination"_s}));
    const QJsonArray adaTags = ada.json.value(u"tags").toArray();
    QCOMPARE(adaTags.size(), 1);
    const QJsonObject tag = adaTags.first().toObject();
    QCOMPARE(keysOf(tag), (QSet<QString>{u"id"_s, u"name"_s, u"tagged_at"_s}));
    QCOMPARE(tag.value(u"id").toInt(), 501);
    QCOMPARE(tag.value(u"name").toString(), u"pro"_s);
    const QDateTime tagged = QDateTime::fromString(tag.value(u"tagged_at").toString(), Qt::ISODate);
    QVERIFY(qAbs(tagged.secsTo(m_sandbox->now()) - 10 * Day) < 60);

    QCOMPARE(tagsOf(u"eve@example.com"_s).json.value(u"tags").toArray().size(), 0); // untagged
    QCOMPARE(tagsOf(u"bob@example.com"_s).json.value(u"tags").toArray().size(),
             1); // unsubscribing keeps tags
    // The case variant's subscribe tagged the same subscriber.
    const QJsonArray fay = tagsOf(u"fay@example.com"_s).json.value(u"tags").toArray();
    QCOMPARE(fay.size(), 1);
    QCOMPARE(fay.first().toObject().value(u"id").toInt(), 502);
}

void TestKitSubscribers::tagsAndSequences()
{
    const HttpReply tags = get(u"tags"_s);
    QCOMPARE(tags.status, 200);
    const QJsonArray list = tags.json.value(u"tags").toArray();
    QCOMPARE(list.size(), 2);
    QSet<qint64> ids;
    for (const QJsonValue &v : list) {
        QCOMPARE(keysOf(v.toObject()), (QSet<QString>{u"id"_s, u"name"_s, u"created_at"_s}));
        ids.insert(v.toObject().value(u"id").toInteger());
    }
    QCOMPARE(ids, (QSet<qint64>{501, 502}));
    QVERIFY(tags.json.value(u"pagination").isObject());

    const HttpReply sequences = get(u"sequences"_s);
    QCOMPARE(sequences.status, 200);
    const QJsonArray seq = sequences.json.value(u"sequences").toArray();
    QCOMPARE(seq.size(), 1);
    QCOMPARE(seq.first().toObject().value(u"id").toInt(), 601);
    QCOMPARE(seq.first().toObject().value(u"name").toString(), u"Welcome"_s);
    QVERIFY(sequences.json.value(u"pagination").isObject());
}

void TestKitSubscribers::tagSubscribers()
{
    const HttpReply active = get(u"tags/501/subscribers?per_page=1000"_s);
    QCOMPARE(active.status, 200);
    QStringList emails;
    for (const QJsonValue &v : active.json.value(u"subscribers").toArray()) {
        const QJsonObject s = v.toObject();
        emails.append(s.value(u"email_address").toString());
        QVERIFY(QDateTime::fromString(s.value(u"tagged_at").toString(), Qt::ISODate).isValid());
        QCOMPARE(s.value(u"state").toString(), u"active"_s);
    }
    QCOMPARE(emails.size(), 1 + Extra); // ada and the readers; not eve (untagged), nor bob and cat by default
    QVERIFY(emails.contains(u"ada@example.com"_s));
    const HttpReply all = get(u"tags/501/subscribers?status=all&per_page=1000"_s);
    QCOMPARE(all.json.value(u"subscribers").toArray().size(), 3 + Extra);
    QCOMPARE(get(u"tags/502/subscribers"_s).json.value(u"subscribers").toArray().size(), 1);
}

void TestKitSubscribers::liveEntries()
{
    QVERIFY(subscriber(u"new@example.com"_s).isEmpty());
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"new@example.com"_s, u"kit"_s,
                                        {{u"do"_s, u"subscribe"_s}, {u"tags"_s, QJsonArray{502}}}, &error),
             qPrintable(error));
    const QJsonObject created = subscriber(u"new@example.com"_s);
    QCOMPARE(created.value(u"state").toString(), u"active"_s);
    QCOMPARE(get(u"tags/502/subscribers"_s).json.value(u"subscribers").toArray().size(), 2);

    // Another case of the address is the same subscriber.
    QVERIFY(
        m_sandbox->addJourneyEntry(u"NEW@example.com"_s, u"kit"_s, {{u"do"_s, u"unsubscribe"_s}}, &error));
    const QJsonObject cancelled = subscriber(u"new@example.com"_s);
    QCOMPARE(cancelled.value(u"id"), created.value(u"id"));
    QCOMPARE(cancelled.value(u"state").toString(), u"cancelled"_s);
    QCOMPARE(
        get(u"subscribers?email_address=new%40example.com"_s).json.value(u"subscribers").toArray().size(), 0);

    QVERIFY(m_sandbox->addJourneyEntry(u"ada@example.com"_s, u"kit"_s,
                                       {{u"do"_s, u"untag"_s}, {u"tags"_s, QJsonArray{501}}}, &error));
    const qint64 ada = subscriber(u"ada@example.com"_s).value(u"id").toInteger();
    QCOMPARE(get(u"subscribers/"_s + QString::number(ada) + u"/tags"_s).json.value(u"tags").toArray().size(),
             0);
}

void TestKitSubscribers::rateLimit()
{
    m_sandbox->setKitRateLimit(3, 60);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(get(u"tags"_s).status, 200);
    const HttpReply limited = get(u"tags"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.body, QByteArray("Retry later"));
    QVERIFY(limited.headers.value("content-type").startsWith("text/plain"));
    QVERIFY(!limited.headers.contains("retry-after"));
    QCOMPARE(get(u"tags"_s, "wrong").status, 429); // throttled before the key is looked at
    QCOMPARE(m_sandbox->kitRequestCount(), 5);
    QCOMPARE(m_sandbox->circleRequestCount(), 0);
    m_sandbox->setKitRateLimit(0, 0);
    QCOMPARE(get(u"tags"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestKitSubscribers)
#include "tst_kitsubscribers.moc"
