#include "TestUtil.h"
#include "providers/stripe/StripeMapper.h"
#include "store/FactsProjection.h"
#include "store/Queries.h"
#include "store/Schema.h"
#include "store/Store.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

IngestItem customer(const QString &id, const QString &email, const QString &name = {})
{
    IngestItem item;
    item.raw = RawObject{provider::Stripe, u"customer"_s, id, "{}", 1000, 1000, {}};
    item.identity = IdentityFact{provider::Stripe, id, email, name, 1000};
    return item;
}

IngestItem charge(const QString &id, const QString &customerId, Millis snapshot = 2000)
{
    IngestItem item;
    item.raw = RawObject{provider::Stripe, u"charge"_s, id, "{\"v\":1}", 2000, snapshot, {}};
    item.owner.identityId = customerId;
    TimelineEvent row;
    row.at = 2000;
    row.kind = u"payment_succeeded"_s;
    row.sourceKey = u"charge:%1:succeeded"_s.arg(id);
    row.summary = u"Payment succeeded"_s;
    row.amount = 4900;
    row.currency = u"usd"_s;
    item.rows.append(row);
    return item;
}
} // namespace

class TestStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void migratesFromEmpty()
    {
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        QCOMPARE(store::schemaVersion(db), store::currentSchemaVersion());
        for (const QString &table :
             {u"people"_s, u"identities"_s, u"raw_objects"_s, u"timeline"_s, u"entitlements"_s,
              u"memberships"_s, u"identity_emails"_s, u"findings"_s, u"audit_log"_s, u"sync_state"_s,
              u"policy"_s, u"settings"_s, u"search_keys"_s}) {
            QCOMPARE(scalar(db, u"SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%1'"_s.arg(
                                    table)),
                     1);
        }
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
    }

    void reopeningIsANoOpAndNewerSchemaIsRefused()
    {
        test::TempCache cache;
        {
            auto again = store::Connection::open(cache.path(), u"again"_s);
            QVERIFY(again);
            QSqlDatabase db = again.value()->db();
            QCOMPARE(store::schemaVersion(db), store::currentSchemaVersion());
        }
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"UPDATE meta SET value = '999' WHERE key = 'schema_version'"_s));
        auto refused = store::Connection::open(cache.path(), u"newer"_s);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"newer"_s));
    }

    void factsProjectionFollowsItsObject()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        IngestItem newer = charge(u"ch_1"_s, u"cus_1"_s, 5000);
        newer.raw.json = "{\"id\":\"ch_1\",\"amount\":900,\"outcome\":{\"risk\":1}}";
        IngestItem older = charge(u"ch_1"_s, u"cus_1"_s, 3000);
        older.raw.json = "{\"id\":\"ch_1\",\"amount\":100}";
        QVERIFY(s.ingest(newer));
        QVERIFY(s.ingest(older)); // an older snapshot changes neither the object nor its projection
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT facts, person_id FROM raw_facts WHERE external_id = 'ch_1'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"{\"amount\":900,\"id\":\"ch_1\"}"_s);
        QVERIFY(!q.value(1).isNull());
        // The owner follows the object's, and the projection goes with the object.
        QVERIFY(q.exec(u"UPDATE raw_objects SET person_id = NULL WHERE external_id = 'ch_1'"_s));
        QVERIFY(q.exec(u"SELECT person_id FROM raw_facts WHERE external_id = 'ch_1'"_s) && q.next());
        QVERIFY(q.value(0).isNull());
        QVERIFY(s.deleteRaw(provider::Stripe, u"charge"_s, u"ch_1"_s));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM raw_facts WHERE external_id = 'ch_1'"_s), 0);
    }

    void aCommittedStoreLetsTheLogBeCheckpointed()
    {
        // Lookups the store left half-read must not pin the write-ahead log after a commit: another
        // connection can then checkpoint it to nothing.
        test::TempCache cache;
        store::Store s(cache.db());
        QVERIFY(s.begin());
        for (int i = 0; i < 50; ++i) {
            QVERIFY(s.ingest(charge(u"ch_%1"_s.arg(i), u"cus_%1"_s.arg(i % 3))));
            QVERIFY(s.hasRaw(provider::Stripe, u"charge"_s, u"ch_%1"_s.arg(i)));
        }
        QVERIFY(s.commit());
        auto other = store::Connection::open(cache.path(), u"checkpointer"_s);
        QVERIFY(other);
        QSqlQuery q(other.value()->db());
        QVERIFY(q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // not busy: no reader holds the log
        QCOMPARE(q.value(1).toInt(), 0); // and it is empty now
    }

    void everyKindTheLoaderReadsHasAProjection()
    {
        for (const QString &kind :
             {u"customer"_s, u"charge"_s, u"refund"_s, u"dispute"_s, u"subscription"_s, u"invoice"_s,
              u"invoice_payments"_s, u"checkout_session"_s, u"checkout_line_items"_s})
            QVERIFY2(store::hasFactsProjection(provider::Stripe, kind), qPrintable(kind));
        QVERIFY(store::hasFactsProjection(provider::Circle, u"member"_s));
        QVERIFY(store::hasFactsProjection(provider::Kit, u"subscriber"_s));
        QVERIFY(!store::hasFactsProjection(provider::Stripe, u"event"_s));
    }

    void migrationToV5ProjectsStoredObjects()
    {
        test::TempCache cache;
        {
            QSqlQuery q(cache.db());
            // A cache as v4 left it: objects, no projections.
            for (const QString &sql :
                 {u"DROP TRIGGER raw_facts_owner"_s, u"DROP TRIGGER raw_facts_gone"_s,
                  u"DROP TABLE raw_facts"_s, u"DROP TABLE stripe_event_queue"_s,
                  u"UPDATE meta SET value = '4' WHERE key = 'schema_version'"_s,
                  u"INSERT INTO people(id, created_at) VALUES (7, 0)"_s,
                  u"INSERT INTO raw_objects(provider, kind, external_id, person_id, json, provider_time,"
                  " snapshot_at, synced_at) VALUES ('stripe', 'charge', 'ch_9', 7,"
                  " '{\"id\":\"ch_9\",\"status\":\"succeeded\",\"billing_details\":{}}', 0, 0, 0),"
                  " ('circle', 'member', '41', 7, '{\"id\":41,\"active\":false,\"bio\":\"x\"}', 0, 0, 0),"
                  " ('stripe', 'event', 'evt_1', NULL, '{}', 0, 0, 0)"_s})
                QVERIFY2(q.exec(sql), qPrintable(sql));
        }
        auto reopened = store::Connection::open(cache.path(), u"upgrade"_s);
        QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
        QSqlDatabase db = reopened.value()->db();
        QCOMPARE(store::schemaVersion(db), store::currentSchemaVersion());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT external_id, person_id, facts FROM raw_facts ORDER BY external_id"_s));
        QStringList rows;
        while (q.next())
            rows << q.value(0).toString() + u' ' + q.value(1).toString() + u' ' + q.value(2).toString();
        QCOMPARE(rows, (QStringList{u"41 7 {\"active\":false}"_s,
                                    u"ch_9 7 {\"id\":\"ch_9\",\"status\":\"succeeded\"}"_s}));
    }

    void connectionsAreNamedPerUse()
    {
        test::TempCache cache;
        QString name;
        {
            auto second = store::Connection::open(cache.path(), u"gui"_s);
            QVERIFY(second);
            name = second.value()->name();
            QVERIFY(name != cache.conn->name());
            QVERIFY(QSqlDatabase::contains(name));
        }
        QVERIFY(!QSqlDatabase::contains(name)); // removed with its owner
    }

    void sameEventThreeTimesIsOneRow()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        QVERIFY(s.ingest(customer(u"cus_1"_s, u"ada@example.com"_s)));
        for (int i = 0; i < 3; ++i)
            QVERIFY(s.ingest(charge(u"ch_1"_s, u"cus_1"_s)));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE kind='charge'"_s), 1);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline"_s), 1);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM people"_s), 1);
    }

    void realEventMappedThreeTimesIsOneRow()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        QJsonObject ch = test::stripeFixture(u"charge"_s);
        ch.insert(u"status"_s, u"succeeded"_s);
        QJsonObject ev = test::stripeFixture(u"event"_s);
        ev.insert(u"type"_s, u"charge.succeeded"_s);
        ev.insert(u"data"_s, QJsonObject{{u"object"_s, ch}});
        stripe::StripeMapper m;
        for (int i = 0; i < 3; ++i) {
            auto items = m.mapEvent(ev);
            QVERIFY(items);
            for (const auto &item : items.value())
                QVERIFY(s.ingest(item));
        }
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE kind='event'"_s), 1);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE kind='charge'"_s), 1);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline"_s), 1);
    }

    void olderSnapshotNeverOverwritesNewer()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        IngestItem newer = charge(u"ch_1"_s, u"cus_1"_s, 5000);
        newer.raw.json = "{\"v\":\"new\"}";
        IngestItem older = charge(u"ch_1"_s, u"cus_1"_s, 3000);
        older.raw.json = "{\"v\":\"old\"}";
        QVERIFY(s.ingest(newer));
        QVERIFY(s.ingest(older));
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT json FROM raw_objects WHERE external_id='ch_1'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"{\"v\":\"new\"}"_s);
    }

    void preciseTimeBeatsObservedInAnyOrder_data()
    {
        QTest::addColumn<bool>("preciseFirst");
        QTest::newRow("observed then precise") << false;
        QTest::newRow("precise then observed") << true;
    }
    void preciseTimeBeatsObservedInAnyOrder()
    {
        QFETCH(bool, preciseFirst);
        test::TempCache cache;
        store::Store s(cache.db());
        IngestItem observed = charge(u"ch_1"_s, u"cus_1"_s);
        observed.rows[0].at = 9000;
        observed.rows[0].observed = true;
        IngestItem precise = charge(u"ch_1"_s, u"cus_1"_s);
        precise.rows[0].at = 7000;
        IngestItem laterObservation = observed;
        laterObservation.rows[0].at = 12000;
        const QList<IngestItem> order = preciseFirst ? QList{precise, observed, laterObservation}
                                                     : QList{observed, laterObservation, precise};
        for (const auto &item : order)
            QVERIFY(s.ingest(item));
        QCOMPARE(scalar(cache.db(), u"SELECT at FROM timeline"_s), 7000);
        QCOMPARE(scalar(cache.db(), u"SELECT observed FROM timeline"_s), 0);
    }

    void earliestObservationWins()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        IngestItem a = charge(u"ch_1"_s, u"cus_1"_s);
        a.rows[0].observed = true;
        a.rows[0].at = 9000;
        IngestItem b = a;
        b.rows[0].at = 8000;
        QVERIFY(s.ingest(a));
        QVERIFY(s.ingest(b));
        QVERIFY(s.ingest(a));
        QCOMPARE(scalar(cache.db(), u"SELECT at FROM timeline"_s), 8000);
    }

    void emailsLinkPeopleButPlusAddressingDoesNot()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        auto a = s.ingest(customer(u"cus_1"_s, u"Ada@Example.com"_s, u"Ada"_s));
        auto b = s.ingest(customer(u"cus_2"_s, u"  ada@example.COM "_s));
        auto c = s.ingest(customer(u"cus_3"_s, u"ada+pro@example.com"_s));
        QVERIFY(a && b && c);
        QCOMPARE(a.value(), b.value());
        QVERIFY(c.value() != a.value());
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM identities WHERE person_id = %1"_s.arg(a.value())),
                 2);
    }

    void placeholderFoldsIntoPersonWhenEmailArrives()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        auto ada = s.ingest(customer(u"cus_1"_s, u"ada@example.com"_s, u"Ada"_s));
        // A charge names cus_2 before cus_2 itself was seen.
        auto placeholder = s.ingest(charge(u"ch_9"_s, u"cus_2"_s));
        QVERIFY(ada && placeholder);
        QVERIFY(placeholder.value() != ada.value());
        auto arrived = s.ingest(customer(u"cus_2"_s, u"ADA@example.com"_s, u"Ada L"_s));
        QVERIFY(arrived);
        QCOMPARE(arrived.value(), ada.value());
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM people"_s), 1);
        QCOMPARE(scalar(cache.db(), u"SELECT person_id FROM timeline"_s), ada.value());
        QCOMPARE(scalar(cache.db(), u"SELECT person_id FROM raw_objects WHERE external_id='ch_9'"_s),
                 ada.value());
    }

    void changedEmailKeepsTheLinkAndOldEmailStaysSearchable()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        auto first = s.ingest(customer(u"cus_1"_s, u"old@example.com"_s, u"Ada"_s));
        auto second = s.ingest(customer(u"cus_1"_s, u"new@example.com"_s, u"Ada"_s));
        QVERIFY(first && second);
        QCOMPARE(first.value(), second.value());
        store::Queries q(cache.db());
        QCOMPARE(q.resolvePerson(u"old@example.com"_s).value(), first.value());
        QCOMPARE(q.resolvePerson(u"new@example.com"_s).value(), first.value());
    }

    void accountsOfThreeSystemsAreOnePersonNamedByStripe_data()
    {
        QTest::addColumn<QStringList>("order");
        QTest::newRow("Stripe first") << QStringList{u"stripe"_s, u"circle"_s, u"kit"_s};
        QTest::newRow("Kit first") << QStringList{u"kit"_s, u"circle"_s, u"stripe"_s};
        QTest::newRow("Circle first") << QStringList{u"circle"_s, u"kit"_s, u"stripe"_s};
    }
    void accountsOfThreeSystemsAreOnePersonNamedByStripe()
    {
        QFETCH(QStringList, order);
        test::TempCache cache;
        store::Store s(cache.db());
        // One address written three ways: case, whitespace, and the IDN domain in Unicode and in punycode.
        const QHash<QString, IdentityFact> facts = {
            {u"stripe"_s, {provider::Stripe, u"cus_1"_s, u"Jörg@Bücher.example"_s, u"Jörg Müller"_s, 1000}},
            {u"circle"_s,
             {provider::Circle, u"40000001"_s, u"  jörg@xn--bcher-kva.example "_s, u"Jörg M."_s, 2000}},
            {u"kit"_s, {provider::Kit, u"3120000001"_s, u"JÖRG@BÜCHER.EXAMPLE"_s, u"Jörg"_s, 3000}},
        };
        qint64 person = 0;
        for (const QString &p : order) {
            IngestItem item;
            item.raw = RawObject{
                facts.value(p).provider, u"account"_s, facts.value(p).externalId, "{}", 1000, 1000, {}};
            item.identity = facts.value(p);
            auto r = s.ingest(item);
            QVERIFY(r);
            QVERIFY(person == 0 || r.value() == person);
            person = r.value();
        }
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM people"_s), 1);
        store::Queries q(cache.db());
        QCOMPARE(q.person(person).value().person.displayName, u"Jörg Müller"_s);
        QCOMPARE(q.resolvePerson(u"40000001"_s).value(), person);
        QCOMPARE(q.resolvePerson(u"3120000001"_s).value(), person);
    }

    void lookAlikeAddressesAreCandidatesNotLinks()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        auto ada = s.ingest(customer(u"cus_1"_s, u"ada.lovelace@example.com"_s, u"Ada"_s));
        IngestItem kit;
        kit.raw = RawObject{provider::Kit, u"subscriber"_s, u"31"_s, "{}", 1000, 1000, {}};
        kit.identity =
            IdentityFact{provider::Kit, u"31"_s, u"adalovelace+news@example.com"_s, u"Ada"_s, 1000};
        auto plus = s.ingest(kit);
        // A changed Stripe email: the old address now belongs to someone else's Circle account.
        auto bob = s.ingest(customer(u"cus_2"_s, u"bob@old.example"_s, u"Bob"_s));
        QVERIFY(ada && plus && bob);
        QVERIFY(s.ingest(customer(u"cus_2"_s, u"bob@new.example"_s, u"Bob"_s)));
        IngestItem circle;
        circle.raw = RawObject{provider::Circle, u"member"_s, u"41"_s, "{}", 1000, 1000, {}};
        circle.identity = IdentityFact{provider::Circle, u"41"_s, u"bob@old.example"_s, u"Bobby"_s, 1000};
        auto bobby = s.ingest(circle);
        QVERIFY(bobby);
        QVERIFY(plus.value() != ada.value());
        QVERIFY(bobby.value() != bob.value()); // the old address is not a link: the customer moved on

        store::Queries q(cache.db());
        const auto adaCandidates = q.samePersonCandidates(ada.value()).value();
        QCOMPARE(adaCandidates.size(), 1);
        QCOMPARE(adaCandidates.first().personId, plus.value());
        QCOMPARE(adaCandidates.first().reason, u"loose_email"_s);
        const auto bobCandidates = q.samePersonCandidates(bob.value()).value();
        QCOMPARE(bobCandidates.size(), 1);
        QCOMPARE(bobCandidates.first().personId, bobby.value());
        QCOMPARE(bobCandidates.first().reason, u"previous_email"_s);
        QCOMPARE(q.samePersonCandidates(bobby.value()).value().first().personId, bob.value());
    }

    void refundBorrowsItsChargesOwner()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        auto ada = s.ingest(customer(u"cus_1"_s, u"ada@example.com"_s));
        QVERIFY(s.ingest(charge(u"ch_1"_s, u"cus_1"_s)));
        IngestItem refund;
        refund.raw = RawObject{provider::Stripe, u"refund"_s, u"re_1"_s, "{}", 3000, 3000, {}};
        refund.owner.viaKind = u"charge"_s;
        refund.owner.viaId = u"ch_1"_s;
        auto owner = s.ingest(refund);
        QVERIFY(owner);
        QCOMPARE(owner.value(), ada.value());
    }

    void auditLogIsAppendOnly()
    {
        test::TempCache cache;
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"INSERT INTO audit_log(at, actor, actor_kind, action, prev_hash, hash)"
                       " VALUES (1, 'ada', 'human', 'note', '', 'h1')"_s));
        QVERIFY(!q.exec(u"UPDATE audit_log SET actor = 'mallory'"_s));
        QVERIFY(q.lastError().text().contains(u"append-only"_s));
        QVERIFY(!q.exec(u"DELETE FROM audit_log"_s));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM audit_log WHERE actor='ada'"_s), 1);
    }

    void transactionRollbackLeavesNothing()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        QVERIFY(s.begin());
        QVERIFY(s.ingest(customer(u"cus_1"_s, u"ada@example.com"_s)));
        s.rollback();
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM people"_s), 0);
        // and the store still works after it (no stale cached ids)
        QVERIFY(s.ingest(charge(u"ch_1"_s, u"cus_1"_s)));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM people"_s), 1);
    }

    void syncStateRoundTrip()
    {
        test::TempCache cache;
        store::Store s(cache.db());
        store::SyncState st;
        st.cursor = u"123:evt_1"_s;
        st.lastOkAt = 42;
        st.requestsSpent = 7;
        QVERIFY(s.saveSyncState(u"stripe"_s, u"events"_s, st));
        auto back = s.syncState(u"stripe"_s, u"events"_s);
        QVERIFY(back);
        QCOMPARE(back.value().cursor, st.cursor);
        QCOMPARE(back.value().lastOkAt, st.lastOkAt);
        QCOMPARE(back.value().requestsSpent, 7);
        QVERIFY(s.syncState(u"stripe"_s, u"none"_s).value().cursor.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
