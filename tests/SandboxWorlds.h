// Worlds and configuration shared by the integration tests that run the sync worker against the sandbox.
#pragma once

#include "Sandbox.h"
#include "TestUtil.h"
#include "common/Config.h"
#include "reconcile/Policy.h"
#include "sync/SyncEngine.h"

#include <QSignalSpy>
#include <memory>

#include <QJsonArray>
#include <QJsonObject>

namespace sb::test {

// One journey entry: {"at": when, "do": verb, …more}.
inline QJsonObject journey(const char *when, const char *verb, QJsonObject more = {})
{
    more.insert(QStringLiteral("at"), QString::fromLatin1(when));
    more.insert(QStringLiteral("do"), QString::fromLatin1(verb));
    return more;
}

// The sandbox's three providers with quick limits, the cache at `dbPath`.
inline Config sandboxConfig(const sandbox::Sandbox &s, const QString &dbPath)
{
    Config c;
    c.dbPath = dbPath;
    c.stripe.baseUrl = s.baseUrl();
    c.stripe.apiKey = QStringLiteral("sk_test_sandbox");
    c.stripe.requestsPerSecond = 1000;
    c.circle.baseUrl = s.baseUrl();
    c.circle.token = QStringLiteral("circle_sandbox");
    c.circle.requestsPer5Min = 1e6;
    c.kit.baseUrl = s.baseUrl();
    c.kit.apiKey = QStringLiteral("kit_sandbox");
    c.kit.requestsPerMinute = 1e6;
    return c;
}

// Five people, each broken in one or two ways that fix plans repair: ada (paid; in Circle without the group,
// in Kit without the tag), bob (group and tag without paying), cy (paid; in neither), dee (two Circle members
// for one address), frank (a payment from frank+shop@: possibly the same person). With `duplicatePurchase`,
// gil bought a one-time course twice (a manual fix in Stripe).
inline QJsonObject actionsWorld(bool duplicatePurchase = false)
{
    using namespace Qt::StringLiterals;
    const QJsonObject sub{{u"price"_s, u"price_pro_monthly"_s}};
    QJsonArray people{
        QJsonObject{{u"email"_s, u"ada@example.com"_s},
                    {u"name"_s, u"Ada Lovelace"_s},
                    {u"stripe"_s, QJsonArray{journey("2026-11-01T10:00:00Z", "subscribe", sub)}},
                    {u"circle"_s, QJsonArray{journey("2026-11-01T10:01:00Z", "join")}},
                    {u"kit"_s, QJsonArray{journey("2026-11-01T10:01:00Z", "subscribe")}}},
        QJsonObject{{u"email"_s, u"bob@example.com"_s},
                    {u"name"_s, u"Bob Stone"_s},
                    {u"circle"_s, QJsonArray{journey("2026-10-01T10:01:00Z", "join",
                                                     {{u"access_groups"_s, QJsonArray{101}}})}},
                    {u"kit"_s, QJsonArray{journey("2026-10-01T10:01:00Z", "subscribe",
                                                  {{u"tags"_s, QJsonArray{501}}})}}},
        QJsonObject{{u"email"_s, u"cy@example.com"_s},
                    {u"name"_s, u"Cy Young"_s},
                    {u"stripe"_s, QJsonArray{journey("2026-11-02T10:00:00Z", "subscribe", sub)}}},
        QJsonObject{{u"email"_s, u"dee@example.com"_s},
                    {u"name"_s, u"Dee Park"_s},
                    {u"circle"_s, QJsonArray{journey("2026-10-01T10:00:00Z", "join"),
                                             journey("2026-10-05T10:00:00Z", "join",
                                                     {{u"email"_s, u"Dee@Example.com"_s}})}}},
        QJsonObject{{u"email"_s, u"frank@example.com"_s},
                    {u"name"_s, u"Frank Ocean"_s},
                    {u"circle"_s, QJsonArray{journey("2026-10-01T10:00:00Z", "join")}},
                    {u"stripe"_s, QJsonArray{journey("2026-11-03T10:00:00Z", "subscribe",
                                                     {{u"price"_s, u"price_pro_monthly"_s},
                                                      {u"email"_s, u"frank+shop@example.com"_s}})}}},
    };
    QJsonArray products{QJsonObject{{u"product"_s, u"prod_pro"_s},
                                    {u"price"_s, u"price_pro_monthly"_s},
                                    {u"name"_s, u"Pro"_s},
                                    {u"mode"_s, u"subscription"_s},
                                    {u"amount"_s, 4900},
                                    {u"currency"_s, u"usd"_s}}};
    if (duplicatePurchase) {
        people.append(QJsonObject{
            {u"email"_s, u"gil@example.com"_s},
            {u"name"_s, u"Gil Evans"_s},
            {u"stripe"_s,
             QJsonArray{journey("2026-11-05T10:00:00Z", "buy", {{u"price"_s, u"price_course"_s}}),
                        journey("2026-11-05T10:03:00Z", "buy", {{u"price"_s, u"price_course"_s}})}}});
        products.append(QJsonObject{{u"product"_s, u"prod_course"_s},
                                    {u"price"_s, u"price_course"_s},
                                    {u"name"_s, u"Course"_s},
                                    {u"mode"_s, u"payment"_s},
                                    {u"amount"_s, 19900},
                                    {u"currency"_s, u"usd"_s}});
    }
    return QJsonObject{
        {u"version"_s, 1},
        {u"now"_s, u"2026-11-20T12:00:00Z"_s},
        {u"catalog"_s,
         QJsonObject{
             {u"products"_s, products},
             {u"circle"_s,
              QJsonObject{
                  {u"access_groups"_s,
                   QJsonArray{QJsonObject{{u"id"_s, 101}, {u"name"_s, u"Pro members"_s}}}},
                  {u"spaces"_s, QJsonArray{QJsonObject{{u"id"_s, 201}, {u"name"_s, u"Pro lounge"_s}}}},
                  {u"member_tags"_s, QJsonArray()}}},
             {u"kit"_s,
              QJsonObject{
                  {u"tags"_s, QJsonArray{QJsonObject{{u"id"_s, 501}, {u"name"_s, u"pro-customer"_s}}}},
                  {u"sequences"_s,
                   QJsonArray{QJsonObject{{u"id"_s, 601}, {u"name"_s, u"Pro onboarding"_s}}}}}}}},
        {u"policy"_s, QJsonArray{QJsonObject{{u"price"_s, u"price_pro_monthly"_s},
                                             {u"circle_access_groups"_s, QJsonArray{101}},
                                             {u"kit_tags"_s, QJsonArray{501}},
                                             {u"kit_sequences"_s, QJsonArray{601}}}}},
        {u"people"_s, people}};
}

// A sandbox serving `world`, a cache holding the world's policy, and the sync worker the console would run on
// it (not on a thread of its own: tests drive it with signal spies). A test that changes `config` makes the
// worker again with it (remakeWorker).
struct SyncedSandbox {
    sandbox::Sandbox sb;
    TempCache cache;
    Config config;
    std::unique_ptr<sync::SyncWorker> worker;

    explicit SyncedSandbox(const QJsonObject &world)
    {
        QString error;
        if (!sb.loadWorld(world, &error) || !sb.listen(0))
            qFatal("sandbox: %s", qPrintable(error));
        config = sandboxConfig(sb, cache.path());
        auto policy = reconcile::Policy::fromJson(world);
        if (!policy || !reconcile::savePolicy(cache.db(), policy.value(), QStringLiteral("test"),
                                              QStringLiteral("the world's policy")))
            qFatal("cannot save the policy");
        remakeWorker();
    }
    void remakeWorker() { worker = std::make_unique<sync::SyncWorker>(config); }

    bool syncAll()
    {
        QSignalSpy done(worker.get(), &sync::SyncWorker::finished);
        worker->run(false);
        return done.wait(60000);
    }
};

} // namespace sb::test
