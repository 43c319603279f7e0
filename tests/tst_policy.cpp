// The policy: parsing the world-file format, validation that names the entry, matching, stored versions.
#include "TestUtil.h"
#include "audit/AuditLog.h"
#include "reconcile/Policy.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace sb;

class TestPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDemoWorldsPolicyReads()
    {
        QFile f(QStringLiteral(SB_SOURCE_DIR "/resources/demo-world.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto p = reconcile::Policy::fromJson(QJsonDocument::fromJson(f.readAll()).object());
        QVERIFY2(p, qPrintable(p.error().message));
        QVERIFY(p.value().entries.size() >= 2);
        for (const reconcile::PolicyEntry &e : p.value().entries)
            QVERIFY(!e.price.isEmpty() || !e.product.isEmpty());
    }

    void entriesGrantByPriceOrProduct()
    {
        const QJsonArray json{
            QJsonObject{{u"price"_s, u"price_pro_monthly"_s},
                        {u"circle_access_groups"_s, QJsonArray{101}},
                        {u"kit_tags"_s, QJsonArray{u"501"_s}},
                        {u"kit_sequences"_s, QJsonArray{601}},
                        {u"note"_s, u"unknown fields are ignored"_s}},
            QJsonObject{{u"product"_s, u"prod_course"_s}, {u"circle_spaces"_s, QJsonArray{203, 203}}}};
        auto p = reconcile::Policy::fromJson(json);
        QVERIFY2(p, qPrintable(p.error().message));
        const auto pro = p.value().entriesFor(u"price_pro_monthly"_s, u"prod_pro"_s);
        QCOMPARE(pro.size(), 1);
        QCOMPARE(pro.first().circleAccessGroups, QStringList{u"101"_s});
        QCOMPARE(pro.first().kitTags, QStringList{u"501"_s}); // a digit string reads as the same id
        const auto course = p.value().entriesFor(u"price_course_once"_s, u"prod_course"_s);
        QCOMPARE(course.size(), 1);
        QCOMPARE(course.first().circleSpaces, QStringList{u"203"_s}); // duplicates folded
        QVERIFY(p.value().entriesFor(u"price_other"_s, u"prod_other"_s).isEmpty());
        // Round trip.
        auto again = reconcile::Policy::fromJson(p.value().toJson());
        QVERIFY(again);
        QCOMPARE(again.value().toJson(), p.value().toJson());
    }

    void mistakesNameTheEntry_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("says");
        QTest::newRow("not an array") << QByteArray(R"({"x":1})") << u"array of entries"_s;
        QTest::newRow("entry not an object") << QByteArray(R"([1])") << u"policy[0]: must be an object"_s;
        QTest::newRow("no price or product") << QByteArray(R"([{"kit_tags":[1]}])") << u"policy[0]: needs"_s;
        QTest::newRow("not a price id") << QByteArray(R"([{"price":"pro","kit_tags":[1]}])") << u"price_"_s;
        QTest::newRow("grants nothing") << QByteArray(R"([{"price":"price_a"}])") << u"grants nothing"_s;
        QTest::newRow("ids not a list")
            << QByteArray(R"([{"price":"price_a","kit_tags":501}])") << u"must be an array of ids"_s;
        QTest::newRow("a name, not an id")
            << QByteArray(R"([{"price":"price_a","kit_tags":["pro-customer"]}])") << u"\"pro-customer\""_s;
        QTest::newRow("fraction") << QByteArray(R"([{"price":"price_a","kit_tags":[1.5]}])") << u"1.5"_s;
        QTest::newRow("twice the same price")
            << QByteArray(R"([{"price":"price_a","kit_tags":[1]},{"price":"price_a","kit_tags":[2]}])")
            << u"policy[1]: price_a has another entry"_s;
    }
    void mistakesNameTheEntry()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, says);
        const QJsonDocument doc = QJsonDocument::fromJson(json);
        auto p =
            reconcile::Policy::fromJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
        QVERIFY(!p);
        QCOMPARE(p.error().kind, ErrorKind::Usage);
        QVERIFY2(p.error().message.contains(says), qPrintable(p.error().message));
    }

    void versionsAreKeptWithWhoAndWhy()
    {
        test::TempCache cache;
        QVERIFY(reconcile::loadPolicy(cache.db()).value() == std::nullopt);
        auto one = reconcile::Policy::fromJson(
            QJsonArray{QJsonObject{{u"price"_s, u"price_a"_s}, {u"kit_tags"_s, QJsonArray{1}}}});
        QVERIFY(one);
        QCOMPARE(reconcile::savePolicy(cache.db(), one.value(), u"ada"_s, u" "_s).error().kind,
                 ErrorKind::Usage);
        QCOMPARE(reconcile::savePolicy(cache.db(), one.value(), u"ada"_s, u"first policy"_s).value(), true);
        QCOMPARE(reconcile::savePolicy(cache.db(), one.value(), u"ada"_s, u"again"_s).value(),
                 false); // unchanged
        auto two = reconcile::Policy::fromJson(
            QJsonArray{QJsonObject{{u"price"_s, u"price_a"_s}, {u"kit_tags"_s, QJsonArray{1, 2}}}});
        QCOMPARE(
            reconcile::savePolicy(cache.db(), two.value(), u"grace"_s, u"add the newsletter tag"_s).value(),
            true);
        const auto current = reconcile::loadPolicy(cache.db()).value();
        QVERIFY(current);
        QCOMPARE(current->actor, u"grace"_s);
        QCOMPARE(current->reason, u"add the newsletter tag"_s);
        QCOMPARE(current->policy.entries.first().kitTags, (QStringList{u"1"_s, u"2"_s}));
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT count(*) FROM policy"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2); // the first version is still there
        // Each saved version is in the audit log with who and why; the unchanged save is not.
        audit::Filter changes;
        changes.action = u"policy.change"_s;
        const QList<audit::Entry> logged = audit::AuditLog(cache.db()).list(changes, 0, 10).value();
        QCOMPARE(logged.size(), 2);
        QCOMPARE(logged.first().actor, u"grace"_s);
        QCOMPARE(logged.first().reason, u"add the newsletter tag"_s);
        QCOMPARE(logged.first().request.value(u"entries"_s).toArray().size(), 1);
    }

    void aChangeIsCheckedAsAnImportWouldBe()
    {
        test::TempCache cache;
        reconcile::Policy p;
        p.entries.append(reconcile::PolicyEntry{u"price_a"_s, {}, {u"101"_s}, {}, {}, {}});
        QCOMPARE(reconcile::changePolicy(cache.db(), p, u"ada"_s, u""_s).error().kind, ErrorKind::Usage);
        QCOMPARE(reconcile::changePolicy(cache.db(), p, u""_s, u"why"_s).error().kind, ErrorKind::Usage);
        // Built in code, not parsed: still refused where an import would refuse it, in the validator's words.
        reconcile::Policy nothing = p;
        nothing.entries.append(reconcile::PolicyEntry{u"price_b"_s, {}, {}, {}, {}, {}});
        auto refused = reconcile::changePolicy(cache.db(), nothing, u"ada"_s, u"why"_s);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.startsWith(u"policy[1]: grants nothing"_s),
                 qPrintable(refused.error().message));
        reconcile::Policy badId = p;
        badId.entries.first().kitTags = {u"abc"_s};
        QVERIFY(!reconcile::changePolicy(cache.db(), badId, u"ada"_s, u"why"_s));
        QVERIFY(!reconcile::loadPolicy(cache.db()).value());

        QCOMPARE(reconcile::changePolicy(cache.db(), p, u"ada"_s, u"why"_s).value(), true);
        const auto stored = reconcile::loadPolicy(cache.db()).value();
        QVERIFY(stored);
        QCOMPARE(stored->actor, u"ada"_s);
        QCOMPARE(stored->policy.toJson(), p.toJson());
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
