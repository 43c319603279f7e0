// Integration: the Stripe client and sync engine against the sandbox over loopback.
#include "Sandbox.h"
#include "TestUtil.h"
#include "providers/stripe/StripeClient.h"
#include "store/Queries.h"
#include "store/Store.h"
#include "sync/Rebuild.h"
#include "sync/StripeSync.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

struct Run {
    sync::SyncReport report;
    qint64 clientRequests = 0;
};

// One sync run to completion (or until `cancelAfterItems` items, when > 0).
Run syncOnce(QSqlDatabase db, const QUrl &base, const QString &key = u"sk_test_sandbox"_s, double rate = 1000,
             qint64 cancelAfterItems = 0)
{
    store::Store store(db);
    QNetworkAccessManager nam;
    StripeSettings settings;
    settings.baseUrl = base;
    settings.apiKey = key;
    settings.requestsPerSecond = rate;
    stripe::StripeClient client(&nam, settings);
    client.retryPolicy().baseDelayMs = 50; // keep retries quick in tests; the policy itself is unit-tested
    sync::StripeSync s(&store, &client);
    QSignalSpy done(&s, &sync::StripeSync::finished);
    if (cancelAfterItems > 0) {
        QObject::connect(&s, &sync::StripeSync::progress, &s,
                         [&s, cancelAfterItems](const sync::SyncProgress &p) {
                             if (p.items >= cancelAfterItems)
                                 s.cancel();
                         });
    }
    s.start();
    if (!done.wait(180000))
        qFatal("sync did not finish");
    return {done.first().first().value<sync::SyncReport>(), client.requestsSent()};
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

// Everything a user could see, independent of row ids: compared between runs that must agree.
QStringList fingerprint(QSqlDatabase db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(
        u"SELECT t.provider, t.source_key, t.at, t.observed, t.summary, coalesce(t.amount, ''), p.email_norm"
        " FROM timeline t LEFT JOIN people p ON p.id = t.person_id ORDER BY t.provider, t.source_key"_s);
    while (q.next()) {
        // observed rows carry the moment of observation, which differs between runs by design
        const bool observed = q.value(3).toBool();
        out.append(QStringList{q.value(0).toString(), q.value(1).toString(),
                               observed ? u"observed"_s : q.value(2).toString(), q.value(4).toString(),
                               q.value(5).toString(), q.value(6).toString()}
                       .join(u'|'));
    }
    return out;
}

int countVerbs(const QJsonObject &world, const QStringList &verbs)
{
    int n = 0;
    for (const QJsonValue &p : world.value(u"people"_s).toArray())
        for (const QJsonValue &e : p.toObject().value(u"stripe"_s).toArray())
            n += verbs.contains(e.toObject().value(u"do"_s).toString()) ? 1 : 0;
    return n;
}

} // namespace

class TestStripeSync : public QObject {
    Q_OBJECT
    sandbox::Sandbox *m_sandbox = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<sync::SyncReport>();
        qRegisterMetaType<sync::SyncProgress>();
        m_sandbox = new sandbox::Sandbox;
        m_sandbox->generateWorld(300, 42);
        QVERIFY(m_sandbox->listen(0));
    }
    void cleanupTestCase() { delete m_sandbox; }
    void init()
    {
        m_sandbox->setStripeRateLimit(0);
        m_sandbox->failNextStripeRequests(0, 500);
    }

    void fullSyncHasEveryFactOnceAndSecondSyncIsIncremental()
    {
        test::TempCache cache;
        const Run first = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY2(first.report.ok, qPrintable(first.report.error.message));
        QVERIFY(!first.report.incremental);
        QVERIFY(first.report.requests > 20);

        const QJsonObject world = m_sandbox->world();
        // Every payment, failure, refund and dispute of the world is in the timeline exactly once.
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='payment_succeeded'"_s),
                 countVerbs(world, {u"subscribe"_s, u"buy"_s, u"renew"_s}));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='payment_failed'"_s),
                 countVerbs(world, {u"renewal_failed"_s}));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='refund'"_s),
                 countVerbs(world, {u"refund"_s}));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='dispute_opened'"_s),
                 countVerbs(world, {u"dispute"_s}));
        QCOMPARE(
            scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='email_changed'"_s),
            scalar(
                cache.db(),
                u"SELECT count(*) FROM raw_objects WHERE kind='event' AND json LIKE"
                " '%\"type\":\"customer.updated\"%' AND json LIKE '%\"previous_attributes\":{\"email\"%'"_s));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE person_id IS NULL"_s), 0);

        // Every person with a Stripe journey is found by their email, with their payments on their timeline.
        store::Queries queries(cache.db());
        for (const QJsonValue &pv : world.value(u"people"_s).toArray()) {
            const QJsonObject p = pv.toObject();
            const QJsonArray stripe = p.value(u"stripe"_s).toArray();
            if (stripe.isEmpty() || !stripe.first().toObject().value(u"email"_s).isUndefined())
                continue;
            const QString email = p.value(u"email"_s).toString();
            auto id = queries.resolvePerson(email);
            QVERIFY2(id, qPrintable(email));
            auto details = queries.person(id.value());
            QVERIFY(details);
            QVERIFY2(details.value().timelineCount > 0, qPrintable(email));
            const bool hasStripe =
                std::any_of(details.value().identities.begin(), details.value().identities.end(),
                            [](const Identity &i) { return i.provider == provider::Stripe; });
            QVERIFY2(hasStripe, qPrintable(email));
        }

        const QStringList before = fingerprint(cache.db());
        const Run second = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(second.report.ok);
        QVERIFY(second.report.incremental);
        QVERIFY2(second.report.requests * 20 < first.report.requests,
                 qPrintable(u"%1 vs %2"_s.arg(second.report.requests).arg(first.report.requests)));
        QCOMPARE(fingerprint(cache.db()), before);

        // Something new happens in Stripe: the next incremental sync brings exactly that.
        const QJsonObject person = world.value(u"people"_s).toArray().first().toObject();
        const QString email = u"late.buyer@example.org"_s;
        QString error;
        QVERIFY2(m_sandbox->addJourneyEntry(email, u"stripe"_s,
                                            QJsonObject{{u"do"_s, u"buy"_s}, {u"name"_s, u"Late Buyer"_s}},
                                            &error),
                 qPrintable(error));
        QVERIFY2(m_sandbox->addJourneyEntry(email, u"stripe"_s, QJsonObject{{u"do"_s, u"refund"_s}}, &error),
                 qPrintable(error));
        const Run third = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(third.report.ok);
        QVERIFY(third.report.incremental);
        auto late = queries.resolvePerson(email);
        QVERIFY(late);
        auto page = queries.timelinePage(late.value(), {}, 50);
        QVERIFY(page);
        QStringList kinds;
        for (const auto &row : page.value())
            kinds.append(row.kind);
        QVERIFY2(kinds.contains(u"payment_succeeded"_s) && kinds.contains(u"refund"_s),
                 qPrintable(kinds.join(u',')));
        Q_UNUSED(person);
    }

    void rateLimitIsHonouredAndResultIsTheSame()
    {
        test::TempCache clean, limited;
        QVERIFY(syncOnce(clean.db(), m_sandbox->baseUrl()).report.ok);
        m_sandbox->setStripeRateLimit(8);
        const qint64 limitedBefore = m_sandbox->stripeRateLimitedCount();
        const Run r = syncOnce(limited.db(), m_sandbox->baseUrl(), u"sk_test_sandbox"_s, 40);
        QVERIFY2(r.report.ok, qPrintable(r.report.error.message));
        QVERIFY(m_sandbox->stripeRateLimitedCount() > limitedBefore); // we did hit 429s...
        QCOMPARE(fingerprint(limited.db()), fingerprint(clean.db())); // ...and lost nothing to them
    }

    void serverErrorsAreRetried()
    {
        test::TempCache cache;
        m_sandbox->failNextStripeRequests(3, 500);
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY2(r.report.ok, qPrintable(r.report.error.message));
        QVERIFY(scalar(cache.db(), u"SELECT count(*) FROM timeline"_s) > 0);
    }

    void wrongKeyFailsClearlyWithoutEchoingTheKey()
    {
        test::TempCache cache;
        const QString key = u"sk_test_wrongwrongwrong1234"_s;
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl(), key);
        QVERIFY(!r.report.ok);
        QCOMPARE(r.report.error.kind, ErrorKind::Auth);
        QVERIFY2(r.report.error.message.contains(u"401"_s), qPrintable(r.report.error.message));
        QVERIFY(r.report.error.message.contains(u"request req_"_s)); // names the Request-Id
        QVERIFY(!r.report.error.message.contains(key));
        QCOMPARE(r.clientRequests, 1); // a 401 is not retried
        store::Store store(cache.db());
        QVERIFY(store.syncState(u"stripe"_s, u"events"_s).value().lastError.contains(u"401"_s));
    }

    void cancelledBackfillResumesToTheSameResult()
    {
        test::TempCache clean, interrupted;
        QVERIFY(syncOnce(clean.db(), m_sandbox->baseUrl()).report.ok);
        const Run cut = syncOnce(interrupted.db(), m_sandbox->baseUrl(), u"sk_test_sandbox"_s, 1000, 150);
        QVERIFY(cut.report.cancelled);
        QVERIFY(!cut.report.ok);
        const Run resumed = syncOnce(interrupted.db(), m_sandbox->baseUrl());
        QVERIFY2(resumed.report.ok, qPrintable(resumed.report.error.message));
        QVERIFY(!resumed.report.incremental); // it finished the backfill it had started
        QCOMPARE(fingerprint(interrupted.db()), fingerprint(clean.db()));
        QCOMPARE(scalar(interrupted.db(), u"SELECT count(*) FROM raw_objects"_s),
                 scalar(clean.db(), u"SELECT count(*) FROM raw_objects"_s));
    }

    void vanishedCursorRestartsThatListing()
    {
        test::TempCache clean, interrupted;
        QVERIFY(syncOnce(clean.db(), m_sandbox->baseUrl()).report.ok);
        QVERIFY(syncOnce(interrupted.db(), m_sandbox->baseUrl(), u"sk_test_sandbox"_s, 1000, 150)
                    .report.cancelled);
        // The customer we would page after was deleted meanwhile: Stripe answers resource_missing.
        store::Store store(interrupted.db());
        QVERIFY(store.saveSyncState(u"stripe"_s, u"backfill:customers"_s,
                                    store::SyncState{u"cus_deleted_meanwhile"_s, {}, {}, 0}));
        const Run resumed = syncOnce(interrupted.db(), m_sandbox->baseUrl());
        QVERIFY2(resumed.report.ok, qPrintable(resumed.report.error.message));
        QCOMPARE(fingerprint(interrupted.db()), fingerprint(clean.db()));
    }

    void pendingRefundFollowUpsSurviveARestart()
    {
        test::TempCache cache;
        QVERIFY(syncOnce(cache.db(), m_sandbox->baseUrl()).report.ok);
        const QStringList complete = fingerprint(cache.db());
        // A run that crashed after storing a charge.refunded event but before fetching its refunds.
        QSqlQuery q(cache.db());
        QVERIFY(
            q.exec(
                u"SELECT json_extract(json, '$.charge') FROM raw_objects WHERE kind = 'refund' LIMIT 1"_s) &&
            q.next());
        const QString charge = q.value(0).toString();
        QVERIFY(charge.startsWith(u"ch_"_s));
        QVERIFY(
            q.exec(u"DELETE FROM timeline WHERE kind = 'refund' AND detail_json LIKE '%%1%'"_s.arg(charge)));
        QVERIFY(q.exec(u"DELETE FROM raw_objects WHERE kind = 'refund' AND json LIKE '%%1%'"_s.arg(charge)));
        store::Store store(cache.db());
        QVERIFY(store.saveSyncState(u"stripe"_s, u"refund_followups"_s, store::SyncState{charge, {}, {}, 0}));
        const Run next = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(next.report.ok);
        QVERIFY(next.report.incremental);
        QCOMPARE(fingerprint(cache.db()), complete);
        QVERIFY(store.syncState(u"stripe"_s, u"refund_followups"_s).value().cursor.isEmpty());
    }

    void quietAccountKeepsItsCheckpointFresh()
    {
        test::TempCache cache;
        QVERIFY(syncOnce(cache.db(), m_sandbox->baseUrl()).report.ok);
        // The newest event we know is 29.5 days old and nothing happened since.
        store::Store store(cache.db());
        const Millis old = Clock::now() - Millis(29.5 * 24 * 3600 * 1000);
        QVERIFY(store.saveSyncState(u"stripe"_s, u"events"_s,
                                    store::SyncState{u"%1:evt_old"_s.arg(old), {}, {}, 0}));
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(r.report.ok);
        QVERIFY(r.report.incremental);
        const QString cursor = store.syncState(u"stripe"_s, u"events"_s).value().cursor;
        const Millis moved = cursor.section(u':', 0, 0).toLongLong();
        QVERIFY2(moved >= r.report.startedAt - 3600 * 1000 - 1000, qPrintable(cursor)); // not aging out
        QVERIFY(moved <= r.report.startedAt);
    }

    void requestsAreCounted()
    {
        test::TempCache cache;
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(r.report.ok);
        QCOMPARE(
            scalar(cache.db(),
                   u"SELECT requests_spent FROM sync_state WHERE provider='stripe' AND stream='requests'"_s),
            r.report.requests);
    }
};

QTEST_GUILESS_MAIN(TestStripeSync)
#include "tst_stripesync.moc"
