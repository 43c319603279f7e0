// Integration: generated worlds whose people carry "expect" (the findings they must have at the world's
// "now"), synced from the sandbox over loopback, reconciled: exactly those findings, no misses and no false
// alarms. Then what a finding's life looks like in the cache: kept across passes and rebuilds, resolved by
// itself when the data stops showing it, reopened as a new row when it comes back, snoozed by a human.
#include "Sandbox.h"
#include "SandboxWorlds.h"
#include "TestUtil.h"
#include "common/Config.h"
#include "identity/EmailNormalizer.h"
#include "providers/circle/CircleClient.h"
#include "reconcile/Policy.h"
#include "store/FactsLoader.h"
#include "store/FindingsStore.h"
#include "store/Store.h"
#include "sync/CircleSync.h"
#include "sync/Rebuild.h"
#include "sync/ReconcilePass.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

// Every fact the loader reads from a raw object's JSON, as text: what the projection must keep.
QStringList factsDump(const QList<reconcile::PersonFacts> &all)
{
    QStringList out;
    for (const reconcile::PersonFacts &f : all) {
        const QString p = QString::number(f.personId) + u' ';
        for (const auto &a : f.accounts)
            out << p + u"account "_s + a.provider + a.id + u' ' + a.state;
        for (const auto &c : f.charges)
            out << p + u"charge %1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12"_s.arg(c.id, c.paymentIntent)
                           .arg(c.at)
                           .arg(c.status)
                           .arg(c.amount)
                           .arg(c.refunded)
                           .arg(c.refundedAt)
                           .arg(c.currency, c.price, c.product, c.subscription, c.invoice);
        for (const auto &d : f.disputes)
            out << p + u"dispute %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(d.id, d.charge)
                           .arg(d.at)
                           .arg(d.status, d.reason)
                           .arg(d.amount)
                           .arg(d.currency)
                           .arg(d.dueBy);
        for (const auto &s : f.subscriptions)
            out << p + u"subscription %1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13"_s
                           .arg(s.id, s.status, s.prices.join(u','), s.products.join(u','))
                           .arg(s.created)
                           .arg(s.currentPeriodEnd)
                           .arg(s.canceledAt)
                           .arg(s.endedAt)
                           .arg(int(s.cancelAtPeriodEnd))
                           .arg(s.openInvoice, s.openInvoiceUrl)
                           .arg(s.failedAt)
                           .arg(s.attempts);
        for (const auto &pu : f.purchases)
            out << p + u"purchase %1 %2 %3 %4 %5 %6"_s.arg(pu.session, pu.paymentIntent)
                           .arg(pu.at)
                           .arg(pu.prices.join(u','), pu.products.join(u','), pu.paymentStatus);
    }
    return out;
}

Config configFor(const sandbox::Sandbox &s, const QString &dbPath)
{
    return test::sandboxConfig(s, dbPath);
}

bool syncAll(const Config &config)
{
    sync::SyncWorker worker(config);
    QSignalSpy reports(&worker, &sync::SyncWorker::providerFinished);
    QSignalSpy done(&worker, &sync::SyncWorker::finished);
    worker.run(false);
    if (!done.wait(240000))
        return false;
    for (const auto &args : std::as_const(reports)) {
        const auto r = args.first().value<sync::SyncReport>();
        if (!r.ok) {
            qWarning() << r.provider << r.error.message;
            return false;
        }
    }
    return true;
}

// A full Circle comparison (removals show only in full listings; the worker runs one a day).
bool fullCircleSync(const Config &config, QSqlDatabase db)
{
    QNetworkAccessManager nam;
    net::ApiClient client(&nam, circle::apiProfile(config.circle));
    circle::configure(client, config.circle);
    store::Store store(db);
    sync::CircleSync sync(&store, &client, config.circle);
    QSignalSpy done(&sync, &sync::PolledSync::finished);
    sync.start(sync::PolledSync::Mode::Full);
    if (done.isEmpty() && !done.wait(120000))
        return false;
    return done.first().first().value<sync::SyncReport>().ok;
}

QList<store::StoredFinding> openFindings(QSqlDatabase db)
{
    store::FindingFilter f;
    f.limit = 100000;
    auto list = store::FindingsStore(db).list(f);
    if (!list)
        qFatal("%s", qPrintable(list.error().message));
    return list.value();
}

// Compares the findings with the world's expectations, person by person (by normalised email).
QStringList mismatches(const QJsonObject &world, const QList<store::StoredFinding> &findings)
{
    QHash<QString, QStringList> expected;
    QHash<QString, QString> names;
    for (const QJsonValue &v : world.value("people"_L1).toArray()) {
        const QJsonObject p = v.toObject();
        const QString email = normalizeEmail(p.value("email"_L1).toString());
        QStringList rules;
        for (const QJsonValue &r : p.value("expect"_L1).toArray())
            rules.append(r.toString());
        rules.sort();
        expected.insert(email, rules);
        names.insert(email, p.value("name"_L1).toString());
    }
    QHash<QString, QStringList> got;
    QStringList out;
    for (const store::StoredFinding &s : findings) {
        if (s.finding.rule == reconcile::rule::SyncStale) {
            out.append(u"unexpected sync_stale: "_s + s.finding.summary);
            continue;
        }
        QString who;
        for (const QString &e : s.finding.emails) {
            if (expected.contains(e)) {
                who = e;
                break;
            }
        }
        if (who.isEmpty()) {
            out.append(
                u"a finding on no world person: %1 %2"_s.arg(s.finding.rule, s.finding.emails.join(u',')));
            continue;
        }
        if (!got[who].contains(s.finding.rule))
            got[who].append(s.finding.rule);
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QStringList g = got.value(it.key());
        g.sort();
        QStringList want = it.value();
        want.removeDuplicates();
        if (g != want)
            out.append(u"%1 <%2>: expected [%3], found [%4]"_s.arg(names.value(it.key()), it.key(),
                                                                   want.join(u", "_s), g.join(u", "_s)));
    }
    return out;
}

// A monthly membership that grants Circle access group 101, and its people (email, name, Stripe journey, when
// they joined the group).
QJsonObject renewalWorld(const QJsonArray &people)
{
    return QJsonObject{
        {u"version"_s, 1},
        {u"now"_s, u"2026-11-20T12:00:00Z"_s},
        {u"catalog"_s,
         QJsonObject{{u"products"_s, QJsonArray{QJsonObject{{u"product"_s, u"prod_pro"_s},
                                                            {u"price"_s, u"price_pro_monthly"_s},
                                                            {u"name"_s, u"Pro"_s},
                                                            {u"mode"_s, u"subscription"_s},
                                                            {u"amount"_s, 4900},
                                                            {u"currency"_s, u"usd"_s}}}},
                     {u"circle"_s,
                      QJsonObject{{u"access_groups"_s,
                                   QJsonArray{QJsonObject{{u"id"_s, 101}, {u"name"_s, u"Pro members"_s}}}},
                                  {u"spaces"_s, QJsonArray()},
                                  {u"member_tags"_s, QJsonArray()}}}}},
        {u"policy"_s, QJsonArray{QJsonObject{{u"price"_s, u"price_pro_monthly"_s},
                                             {u"circle_access_groups"_s, QJsonArray{101}}}}},
        {u"people"_s, people}};
}

QJsonObject member(const QString &email, const QStringList &stripeAtAndVerb)
{
    QJsonArray stripe;
    for (const QString &entry : stripeAtAndVerb) {
        const QStringList parts = entry.split(u' ');
        QJsonObject e{{u"at"_s, parts.at(0)}, {u"do"_s, parts.at(1)}};
        if (parts.at(1) == u"subscribe")
            e.insert(u"price"_s, u"price_pro_monthly"_s);
        stripe.append(e);
    }
    return QJsonObject{{u"email"_s, email},
                       {u"name"_s, email.section(u'@', 0, 0)},
                       {u"stripe"_s, stripe},
                       {u"circle"_s, QJsonArray{QJsonObject{{u"at"_s, u"2026-10-25T10:05:00Z"_s},
                                                            {u"do"_s, u"join"_s},
                                                            {u"access_groups"_s, QJsonArray{101}}}}}};
}

// The open findings of one rule, by the emails they are about.
QStringList emailsWith(QSqlDatabase db, const QString &rule)
{
    QStringList out;
    for (const store::StoredFinding &s : openFindings(db)) {
        if (s.finding.rule == rule)
            out += s.finding.emails;
    }
    out.sort();
    out.removeDuplicates();
    return out;
}

} // namespace

class TestReconcileWorld : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void generatedWorldsGiveExactlyTheExpectedFindings_data()
    {
        QTest::addColumn<int>("people");
        QTest::addColumn<int>("seed");
        QTest::newRow("400 people, seed 3") << 400 << 3;
        QTest::newRow("250 people, seed 11") << 250 << 11;
    }

    void generatedWorldsGiveExactlyTheExpectedFindings()
    {
        QFETCH(int, people);
        QFETCH(int, seed);
        sandbox::Sandbox sb;
        sb.generateWorld(people, quint64(seed));
        QVERIFY(sb.listen(0));
        test::TempCache cache;
        const Config config = configFor(sb, cache.path());
        auto policy = reconcile::Policy::fromJson(sb.world());
        QVERIFY(policy);
        QVERIFY(reconcile::savePolicy(cache.db(), policy.value(), u"test"_s, u"the world's policy"_s));
        QVERIFY(syncAll(config));

        auto pass = sync::runReconcilePass(cache.db(), config, Clock::now());
        QVERIFY2(pass, qPrintable(pass.error().message));
        QVERIFY(pass->hasPolicy);
        const QList<store::StoredFinding> findings = openFindings(cache.db());
        QVERIFY(findings.size() >= 11); // every rule at least once
        const QStringList bad = mismatches(sb.world(), findings);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));

        // Every finding can be acted on: a fix plan, and a why.
        for (const store::StoredFinding &s : findings) {
            QVERIFY2(!s.finding.fix.isEmpty(), qPrintable(s.finding.key));
            QVERIFY2(!s.finding.why.isEmpty(), qPrintable(s.finding.key));
        }

        // A full pass read in slices of 7 people finds exactly what one slice of everyone finds.
        {
            const auto keysOf = [](const QList<store::StoredFinding> &list) {
                QStringList keys;
                for (const auto &f : list)
                    keys << f.finding.key;
                keys.sort();
                return keys;
            };
            const QStringList whole = keysOf(findings);
            auto sliced = sync::runReconcilePass(cache.db(), config, Clock::now(), {}, true, 7);
            QVERIFY2(sliced, qPrintable(sliced.error().message));
            QCOMPARE(sliced->people, pass->people);
            QCOMPARE(sliced->delta.resolved, 0);
            QCOMPARE(sliced->delta.opened, 0);
            QCOMPARE(keysOf(openFindings(cache.db())), whole);
        }

        // The facts read from the projection kept at ingest are the facts read from the whole objects, and
        // the projection is a fraction of their size.
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT count(*), sum(length(f.facts)), sum(length(r.json)) FROM raw_facts f"
                       " JOIN raw_objects r USING (provider, kind, external_id)"_s) &&
                q.next());
        QVERIFY(q.value(0).toInt() > people);
        QVERIFY2(q.value(1).toLongLong() * 4 < q.value(2).toLongLong(),
                 qPrintable(q.value(1).toString() + u" of "_s + q.value(2).toString()));
        store::FactsLoader loader(cache.db());
        const QStringList projected = factsDump(loader.loadAll().value());
        QVERIFY(projected.size() > people);
        // The loader reading the whole objects in the projections' place.
        QVERIFY(q.exec(
            u"UPDATE raw_facts SET facts = (SELECT json FROM raw_objects r WHERE r.provider ="
            " raw_facts.provider AND r.kind = raw_facts.kind AND r.external_id = raw_facts.external_id)"_s));
        QCOMPARE(projected, factsDump(loader.loadAll().value()));
    }

    void findingsLiveAndDie()
    {
        sandbox::Sandbox sb;
        sb.generateWorld(120, 5);
        QVERIFY(sb.listen(0));
        test::TempCache cache;
        const Config config = configFor(sb, cache.path());
        QVERIFY(reconcile::savePolicy(cache.db(), reconcile::Policy::fromJson(sb.world()).value(), u"test"_s,
                                      u"world"_s));
        QVERIFY(syncAll(config));
        store::FindingsStore store(cache.db());
        const QList<store::StoredFinding> first = openFindings(cache.db());
        QVERIFY(!first.isEmpty());

        // The sync worker reconciled at the end of its run. Another pass over the same data keeps every
        // finding (same ids, first_seen unchanged).
        auto again = sync::runReconcilePass(cache.db(), config, Clock::now() + 1000);
        QVERIFY(again);
        QCOMPARE(again->delta.opened, 0);
        QCOMPARE(again->delta.resolved, 0);
        QCOMPARE(again->delta.kept, first.size());
        const QList<store::StoredFinding> second = openFindings(cache.db());
        QCOMPARE(second.size(), first.size());
        for (qsizetype i = 0; i < first.size(); ++i) {
            QCOMPARE(second.at(i).id, first.at(i).id);
            QCOMPARE(second.at(i).firstSeen, first.at(i).firstSeen);
            QVERIFY(second.at(i).lastSeen > first.at(i).lastSeen);
        }

        // A rebuild changes person ids; the findings are the same rows, pointed at the rebuilt people.
        auto rebuilt = sync::rebuildProjections(cache.db());
        QVERIFY2(rebuilt, rebuilt ? "" : qPrintable(rebuilt.error().message));
        auto afterRebuild = sync::runReconcilePass(cache.db(), config, Clock::now() + 2000);
        QVERIFY(afterRebuild);
        QCOMPARE(afterRebuild->delta.opened, 0);
        QCOMPARE(afterRebuild->delta.resolved, 0);
        for (const store::StoredFinding &s : openFindings(cache.db())) {
            if (s.finding.personId) {
                QSqlQuery q(cache.db());
                q.prepare(u"SELECT count(*) FROM people WHERE id = ?"_s);
                q.addBindValue(s.finding.personId);
                QVERIFY(q.exec() && q.next());
                QCOMPARE(q.value(0).toInt(), 1);
            }
        }

        // Fix one in the sandbox (the person who paid without access gets the group): it resolves itself.
        const store::StoredFinding *paid = nullptr;
        for (const store::StoredFinding &s : first) {
            if (s.finding.rule == reconcile::rule::PaidWithoutAccess)
                paid = &s;
        }
        QVERIFY(paid);
        const reconcile::FixStep step = paid->finding.fix.first();
        QString error;
        const QString email = paid->finding.emails.first();
        if (step.action == "circle.invite_member"_L1)
            QVERIFY2(sb.addJourneyEntry(
                         email, u"circle"_s,
                         {{u"do"_s, u"join"_s}, {u"access_groups"_s, step.params.value("access_groups"_L1)}},
                         &error),
                     qPrintable(error));
        else
            QVERIFY2(sb.addJourneyEntry(
                         email, u"circle"_s,
                         {{u"do"_s, u"add_access_group"_s},
                          {u"access_group"_s, step.params.value("access_group_id"_L1).toString().toInt()}},
                         &error),
                     qPrintable(error));
        QVERIFY(syncAll(config));
        auto fixed = sync::runReconcilePass(cache.db(), config, Clock::now() + 3000);
        QVERIFY(fixed);
        // (The sync worker ran its own pass at the end of the sync; this one finds nothing more to do.)
        QCOMPARE(fixed->delta.opened, 0);
        auto row = store.byId(paid->id);
        QVERIFY(row && row.value());
        QCOMPARE(row.value()->status, u"resolved"_s);
        QCOMPARE(row.value()->resolution, u"auto"_s);
        QVERIFY(row.value()->resolvedAt > 0);

        // Breaking it again opens a new finding; the resolved one stays as history.
        QVERIFY2(sb.addJourneyEntry(
                     email, u"circle"_s,
                     {{u"do"_s, u"remove_access_group"_s},
                      {u"access_group"_s,
                       step.params.value("access_groups"_L1).toArray().isEmpty()
                           ? step.params.value("access_group_id"_L1).toString().toInt()
                           : step.params.value("access_groups"_L1).toArray().first().toString().toInt()}},
                     &error),
                 qPrintable(error));
        QVERIFY(fullCircleSync(config, cache.db()));
        QVERIFY(sync::runReconcilePass(cache.db(), config, Clock::now() + 4000));
        bool reopened = false;
        for (const store::StoredFinding &s : openFindings(cache.db()))
            reopened |= s.finding.key == paid->finding.key && s.id != paid->id;
        QVERIFY(reopened);
        QCOMPARE(store.byId(paid->id).value()->status, u"resolved"_s);
    }

    // Since Stripe API basil a charge reaches its subscription only through its invoice's payments, which
    // Stripe sends only when asked (the expanded invoice listing, /v1/invoice_payments), never in events. A
    // fully refunded renewal must end the membership whether the sync saw the invoice before the first run or
    // after.
    void refundedRenewalEndsTheMembership()
    {
        sandbox::Sandbox sb;
        QString error;
        QVERIFY2(sb.loadWorld(renewalWorld({
                                  // Renewed and refunded before the first sync: from the expanded listing.
                                  member(u"early@example.com"_s,
                                         {u"2026-10-25T10:00:00Z subscribe"_s,
                                          u"2026-11-15T10:00:00Z renew"_s, u"2026-11-16T10:00:00Z refund"_s}),
                                  // Renews and is refunded after it: from events and /v1/invoice_payments.
                                  member(u"late@example.com"_s, {u"2026-10-25T10:00:00Z subscribe"_s}),
                                  // Renews after it, not refunded: still a member.
                                  member(u"kept@example.com"_s, {u"2026-10-25T10:00:00Z subscribe"_s}),
                              }),
                              &error),
                 qPrintable(error));
        QVERIFY(sb.listen(0));
        test::TempCache cache;
        const Config config = configFor(sb, cache.path());
        QVERIFY(reconcile::savePolicy(cache.db(), reconcile::Policy::fromJson(sb.world()).value(), u"test"_s,
                                      u"world"_s));
        QVERIFY(syncAll(config));
        QVERIFY(sync::runReconcilePass(cache.db(), config, Clock::now() + 10 * 60 * 1000));
        QCOMPARE(emailsWith(cache.db(), reconcile::rule::AccessWithoutPayment),
                 QStringList{u"early@example.com"_s});

        for (const QString &email : {u"late@example.com"_s, u"kept@example.com"_s})
            QVERIFY2(sb.addJourneyEntry(email, u"stripe"_s, {{u"do"_s, u"renew"_s}}, &error),
                     qPrintable(error));
        QVERIFY(syncAll(config));
        // The renewals' invoices came through events; their payments were fetched on their own.
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(
            u"SELECT count(*) FROM raw_objects i WHERE i.kind = 'invoice' AND NOT EXISTS (SELECT 1"
            " FROM raw_objects p WHERE p.kind = 'invoice_payments' AND p.external_id = i.external_id)"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish(); // a statement left open would hold a read lock on the cache
        QVERIFY(sync::runReconcilePass(cache.db(), config, Clock::now() + 10 * 60 * 1000));
        QCOMPARE(emailsWith(cache.db(), reconcile::rule::AccessWithoutPayment),
                 QStringList{u"early@example.com"_s});

        // Refunding the latest renewal in full ends the membership, once the grace is over.
        QVERIFY2(sb.addJourneyEntry(u"late@example.com"_s, u"stripe"_s, {{u"do"_s, u"refund"_s}}, &error),
                 qPrintable(error));
        QVERIFY(syncAll(config));
        auto pass = sync::runReconcilePass(cache.db(), config, Clock::now() + 10 * 60 * 1000);
        QVERIFY2(pass, qPrintable(pass.error().message));
        QCOMPARE(emailsWith(cache.db(), reconcile::rule::AccessWithoutPayment),
                 (QStringList{u"early@example.com"_s, u"late@example.com"_s}));

        // The tie is in the raw layer: a rebuild keeps it.
        QVERIFY(sync::rebuildProjections(cache.db()));
        QVERIFY(sync::runReconcilePass(cache.db(), config, Clock::now() + 11 * 60 * 1000));
        QCOMPARE(emailsWith(cache.db(), reconcile::rule::AccessWithoutPayment),
                 (QStringList{u"early@example.com"_s, u"late@example.com"_s}));
    }
};

QTEST_GUILESS_MAIN(TestReconcileWorld)
#include "tst_reconcileworld.moc"
