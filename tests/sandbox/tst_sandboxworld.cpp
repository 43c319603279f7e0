// World files: parsing, validation messages, the generator's determinism and breaks, the demo world.
#include "Sandbox.h"
#include "SandboxTestWorld.h"
#include "World.h"
#include "WorldGenerator.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace sb::sandbox;
using namespace sb::sandbox::testing;

class TestSandboxWorld : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryField();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void materialisationErrorsNamePlace();
    void failedLoadKeepsPreviousWorld();
    void generatorIsDeterministic();
    void generatorMakesEveryBreak();
    void generatedWorldLoads();
    void demoWorldLoads();
    void loadWorldFileReportsIoErrors();
};

void TestSandboxWorld::parsesEveryField()
{
    QJsonObject w =
        world({person(u"ada@example.com"_s,
                      {entry(10 * Day, u"subscribe"_s, {{u"price"_s, u"price_pro_monthly"_s}}),
                       entry(5 * Day, u"refund"_s, {{u"amount"_s, 100}, {u"unknown"_s, true}}),
                       entry(4 * Day, u"cancel"_s, {{u"at_period_end"_s, true}}),
                       entry(3 * Day, u"change_email"_s, {{u"to"_s, u"ada@new.example"_s}})},
                      {entry(10 * Day - 60, u"join"_s,
                             {{u"access_groups"_s, QJsonArray{101}}, {u"spaces"_s, QJsonArray{201}}}),
                       entry(Day, u"remove_access_group"_s, {{u"access_group"_s, 101}})},
                      {entry(10 * Day - 90, u"subscribe"_s,
                             {{u"tags"_s, QJsonArray{501}}, {u"email"_s, u"Ada@Example.com"_s}}),
                       entry(Day, u"bounce"_s)})});
    QJsonObject p = w.value(u"people").toArray().at(0).toObject();
    p.insert(u"expect"_s, QJsonArray{u"stale_tag"_s});
    w.insert(u"people"_s, QJsonArray{p});
    w.insert(u"future_field"_s, 42);

    World parsed;
    QString error;
    QVERIFY2(World::fromJson(w, &parsed, &error), qPrintable(error));
    QCOMPARE(parsed.now, worldNow());
    QCOMPARE(parsed.products.size(), 3);
    QCOMPARE(parsed.products.at(1).interval, u"year"_s);
    QCOMPARE(parsed.products.at(2).isSubscription(), false);
    QCOMPARE(parsed.circleAccessGroups.size(), 1);
    QCOMPARE(parsed.kitTags.at(0).id, 501);
    QCOMPARE(parsed.policy.at(0).circleAccessGroups, QList<qint64>{101});
    const Person &ada = parsed.people.at(0);
    QCOMPARE(ada.stripe.size(), 4);
    QCOMPARE(ada.stripe.at(1).amount, 100);
    QVERIFY(ada.stripe.at(2).atPeriodEnd);
    QCOMPARE(ada.stripe.at(3).to, u"ada@new.example"_s);
    QCOMPARE(ada.circle.at(0).accessGroups, QList<qint64>{101});
    QCOMPARE(ada.circle.at(0).spaces, QList<qint64>{201});
    QCOMPARE(ada.circle.at(1).accessGroup, 101);
    QCOMPARE(ada.kit.at(0).email, u"Ada@Example.com"_s);
    QCOMPARE(ada.kit.at(0).tags, QList<qint64>{501});
    QCOMPARE(ada.kit.at(1).verb, u"bounce"_s);
    QVERIFY(ada.hasExpect);
    QCOMPARE(ada.expect, QStringList{u"stale_tag"_s});
}

void TestSandboxWorld::rejectsInvalid_data()
{
    QTest::addColumn<QJsonObject>("world");
    QTest::addColumn<QString>("message");

    QJsonObject noNow = world({});
    noNow.remove(u"now"_s);
    QTest::newRow("no now") << noNow << u"\"now\" is missing"_s;
    QJsonObject v2 = world({});
    v2.insert(u"version"_s, 2);
    QTest::newRow("version") << v2 << u"unsupported world version"_s;
    QTest::newRow("bad email") << world({person(u"not-an-email"_s, {})}) << u"people[0]: \"email\""_s;
    QTest::newRow("unknown verb") << world({person(u"a@b.c"_s, {entry(Day, u"refnd"_s)})})
                                  << u"people[0] (a@b.c): stripe[0] (\"refnd\"): unknown stripe verb"_s;
    QTest::newRow("no at") << world({person(u"a@b.c"_s, {QJsonObject{{u"do"_s, u"buy"_s}}})})
                           << u"people[0] (a@b.c): stripe[0] (\"buy\"): \"at\" is missing"_s;
    QTest::newRow("future") << world({person(u"a@b.c"_s, {entry(-Day, u"buy"_s)})})
                            << u"after the world's now"_s;
    QTest::newRow("unknown price") << world({person(u"a@b.c"_s, {entry(Day, u"subscribe"_s,
                                                                       {{u"price"_s, u"price_nope"_s}})})})
                                   << u"unknown price \"price_nope\""_s;
    QTest::newRow("buy a subscription")
        << world({person(u"a@b.c"_s, {entry(Day, u"buy"_s, {{u"price"_s, u"price_pro_monthly"_s}})})})
        << u"is a subscription price"_s;
    QTest::newRow("negative amount")
        << world(
               {person(u"a@b.c"_s, {entry(2 * Day, u"buy"_s), entry(Day, u"refund"_s, {{u"amount"_s, -5}})})})
        << u"people[0] (a@b.c): stripe[1] (\"refund\"): \"amount\" must be a positive integer"_s;
    QTest::newRow("change_email without to")
        << world({person(u"a@b.c"_s, {entry(2 * Day, u"buy"_s), entry(Day, u"change_email"_s)})})
        << u"change_email needs \"to\""_s;
    QTest::newRow("unknown group")
        << world({person(u"a@b.c"_s, {}, {entry(Day, u"join"_s, {{u"access_groups"_s, QJsonArray{999}}})})})
        << u"people[0] (a@b.c): circle[0] (\"join\"): unknown Circle access group 999"_s;
    QTest::newRow("remove without group")
        << world({person(u"a@b.c"_s, {}, {entry(Day, u"remove_access_group"_s)})})
        << u"remove_access_group needs \"access_group\""_s;
    QTest::newRow("unknown tag") << world({person(u"a@b.c"_s, {}, {},
                                                  {entry(Day, u"tag"_s, {{u"tags"_s, QJsonArray{7}}})})})
                                 << u"people[0] (a@b.c): kit[0] (\"tag\"): unknown Kit tag 7"_s;
    QTest::newRow("kit verb in circle")
        << world({person(u"a@b.c"_s, {}, {entry(Day, u"bounce"_s)})}) << u"unknown circle verb \"bounce\""_s;
    // Numbers no qint64 holds are refused (converting them was undefined behaviour; found by tests/fuzz).
    QTest::newRow("huge group id")
        << world({person(u"a@b.c"_s, {}, {entry(Day, u"join"_s, {{u"access_groups"_s, QJsonArray{1e30}}})})})
        << u"people[0] (a@b.c): circle[0] (\"join\")"_s;
    QJsonObject hugeNow = world({});
    hugeNow.insert(u"now"_s, 1e300);
    QTest::newRow("huge now") << hugeNow << u"\"now\""_s;
    QJsonObject infiniteNow = world({});
    infiniteNow.insert(u"now"_s, std::numeric_limits<double>::infinity());
    QTest::newRow("infinite now") << infiniteNow << u"\"now\""_s;
}

void TestSandboxWorld::rejectsInvalid()
{
    QFETCH(QJsonObject, world);
    QFETCH(QString, message);
    World parsed;
    QString error;
    QVERIFY(!World::fromJson(world, &parsed, &error));
    QVERIFY2(error.contains(message), qPrintable(error));

    Sandbox sandbox;
    QString loadError;
    QVERIFY(!sandbox.loadWorld(world, &loadError));
    QCOMPARE(loadError, error);
}

void TestSandboxWorld::materialisationErrorsNamePlace()
{
    Sandbox sandbox;
    QString error;
    const QJsonObject w =
        world({person(u"ok@example.com"_s, {entry(Day, u"buy"_s)}),
               person(u"bad@example.com"_s, {entry(3 * Day, u"buy"_s), entry(2 * Day, u"renew"_s)})});
    QVERIFY(!sandbox.loadWorld(w, &error));
    QCOMPARE(error, u"people[1] (bad@example.com): stripe[1] (\"renew\"): no active subscription to renew"_s);

    const QJsonObject tooMuch =
        world({person(u"r@example.com"_s,
                      {entry(3 * Day, u"buy"_s), entry(2 * Day, u"refund"_s, {{u"amount"_s, 99999}})})});
    QVERIFY(!sandbox.loadWorld(tooMuch, &error));
    QVERIFY2(error.contains(u"exceeds the refundable 29900"_s), qPrintable(error));
}

void TestSandboxWorld::failedLoadKeepsPreviousWorld()
{
    Sandbox sandbox;
    QString error;
    const QJsonObject good = world({person(u"ok@example.com"_s, {entry(Day, u"buy"_s)})});
    QVERIFY2(sandbox.loadWorld(good, &error), qPrintable(error));
    QVERIFY(!sandbox.loadWorld(world({person(u"x@example.com"_s, {entry(Day, u"renew"_s)})}), &error));
    QCOMPARE(sandbox.world(), good);
}

void TestSandboxWorld::generatorIsDeterministic()
{
    const QJsonObject a = WorldGenerator::generate(120, 7);
    const QJsonObject b = WorldGenerator::generate(120, 7);
    QCOMPARE(QJsonDocument(a).toJson(), QJsonDocument(b).toJson());
    const QJsonObject c = WorldGenerator::generate(120, 8);
    QVERIFY(QJsonDocument(a).toJson() != QJsonDocument(c).toJson());

    Sandbox s1;
    Sandbox s2;
    s1.generateWorld(50, 3);
    s2.generateWorld(50, 3);
    QCOMPARE(s1.world(), s2.world());
    QCOMPARE(s1.world().value(u"people").toArray().size(), 50);
}

void TestSandboxWorld::generatorMakesEveryBreak()
{
    const int n = 400;
    const QJsonArray people = WorldGenerator::generate(n, 11).value(u"people").toArray();
    QCOMPARE(people.size(), n);
    QHash<QString, int> counts;
    int broken = 0;
    QSet<QString> emails;
    QSet<QString> names;
    bool upperCase = false;
    for (const QJsonValue &v : people) {
        const QJsonObject p = v.toObject();
        QVERIFY2(p.contains(u"expect"), "every generated person says what it expects");
        const QJsonArray expect = p.value(u"expect").toArray();
        if (!expect.isEmpty())
            ++broken;
        for (const QJsonValue &rule : expect)
            ++counts[rule.toString()];
        const QString email = p.value(u"email").toString();
        QVERIFY2(!emails.contains(email.toLower()), qPrintable(email));
        emails.insert(email.toLower());
        names.insert(p.value(u"name").toString());
        upperCase = upperCase || email != email.toLower();
    }
    QCOMPARE(names.size(), n);
    QVERIFY(upperCase);
    const QStringList kinds = WorldGenerator::breakKinds();
    QCOMPARE(kinds.size(), 11);
    for (const QString &kind : kinds)
        QVERIFY2(counts.value(kind) >= 5, qPrintable(kind + u": "_s + QString::number(counts.value(kind))));
    QVERIFY2(broken >= n * 15 / 100 && broken <= n * 20 / 100, qPrintable(QString::number(broken)));

    // Even a small world shows each kind once.
    const QJsonArray small = WorldGenerator::generate(12, 1).value(u"people").toArray();
    QSet<QString> seen;
    for (const QJsonValue &v : small) {
        for (const QJsonValue &rule : v.toObject().value(u"expect").toArray())
            seen.insert(rule.toString());
    }
    QCOMPARE(seen.size(), 11);
}

void TestSandboxWorld::generatedWorldLoads()
{
    for (quint64 seed : {1ULL, 2ULL, 3ULL, 99ULL}) {
        Sandbox sandbox;
        QString error;
        QVERIFY2(sandbox.loadWorld(WorldGenerator::generate(300, seed), &error), qPrintable(error));
    }
}

void TestSandboxWorld::demoWorldLoads()
{
    Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.loadWorldFile(u":/sandbox/demo-world.json"_s, &error), qPrintable(error));
    const QJsonArray people = sandbox.world().value(u"people").toArray();
    QVERIFY2(people.size() >= 150, "the demo world has about 200 people");

    // The committed demo world is the generator's output for 200 people, seed 7, plus one simulated Stripe
    // webhook endpoint that has been failing for two hours (for the console's launch-readiness checks).
    QJsonObject world = sandbox.world();
    const QJsonArray endpoints = world.take(u"stripe_webhook_endpoints"_s).toArray();
    QCOMPARE(world, WorldGenerator::generate(200, 7));
    QCOMPARE(endpoints.size(), 1);
    const QJsonObject endpoint = endpoints.first().toObject();
    QCOMPARE(endpoint.value(u"url").toString(), u"https://founder.example/stripe-webhook"_s);
    QCOMPARE(endpoint.value(u"failing_since").toString(), u"2026-11-08T00:00:00Z"_s);
    QCOMPARE(world.value(u"now").toString(), u"2026-11-20T12:00:00Z"_s);
}

void TestSandboxWorld::loadWorldFileReportsIoErrors()
{
    Sandbox sandbox;
    QString error;
    QVERIFY(!sandbox.loadWorldFile(u"/nonexistent/world.json"_s, &error));
    QVERIFY2(error.startsWith(u"cannot open /nonexistent/world.json"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSandboxWorld)
#include "tst_sandboxworld.moc"
