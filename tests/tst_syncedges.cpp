// Edges of identity, rebuild and paging found by a review of the Circle and Kit change.
#include "TestUtil.h"
#include "providers/Observation.h"
#include "providers/circle/CircleClient.h"
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitClient.h"
#include "providers/kit/KitMapper.h"
#include "store/Store.h"
#include "sync/PolledSync.h"
#include "sync/Rebuild.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

void ingestAll(store::Store &s, const QList<IngestItem> &items)
{
    for (const IngestItem &i : items)
        if (auto r = s.ingest(i); !r)
            qFatal("ingest failed: %s", qPrintable(r.error().message));
}

qint64 personOf(const QSqlDatabase &db, const QString &provider, const QString &id)
{
    return scalar(db, u"SELECT person_id FROM identities WHERE provider = '%1' AND external_id = '%2'"_s.arg(
                          provider, id));
}

QJsonObject circleMember(int id, const QString &email, const QString &name)
{
    return QJsonObject{{u"id"_s, id},       {u"email"_s, email},
                       {u"name"_s, name},   {u"created_at"_s, u"2024-01-01T00:00:00.000Z"_s},
                       {u"active"_s, true}, {u"accepted_invitation"_s, u"2024-01-01 00:00:00 UTC"_s}};
}

QJsonObject kitSubscriber(int id, const QString &email, const QString &name)
{
    return QJsonObject{{u"id"_s, id},
                       {u"email_address"_s, email},
                       {u"first_name"_s, name},
                       {u"state"_s, u"active"_s},
                       {u"created_at"_s, u"2024-01-02T00:00:00Z"_s}};
}

IngestItem identityOnly(const QString &provider, const QString &id, const QString &email, const QString &name)
{
    IngestItem item;
    item.raw = RawObject{provider, u"x"_s, id, "{}", 1000, 1000, {}};
    item.identity = IdentityFact{provider, id, email, name, 1000};
    return item;
}
} // namespace

class TestSyncEdges : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // An unlinked identity's person has no email_norm, so personForIdentity takes it for a "placeholder" and
    // merges it back into the person it was unlinked from as soon as its name (or email) changes.
    void unlinkSurvivesANameChange()
    {
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        QSqlQuery q(db);
        QVERIFY(q.exec(u"INSERT INTO identity_links(at, provider, external_id, op, actor, reason)"
                       " VALUES (1, 'circle', '7', 'unlink', 'me', 'two people share the address')"_s));
        store::Store s(db);
        ingestAll(s, {identityOnly(provider::Stripe, u"cus_1"_s, u"ann@example.com"_s, u"Ann"_s)});
        ingestAll(s, {identityOnly(provider::Circle, u"7"_s, u"ann@example.com"_s, u"Ann"_s)});
        QVERIFY(personOf(db, u"circle"_s, u"7"_s) != personOf(db, u"stripe"_s, u"cus_1"_s));
        ingestAll(s, {identityOnly(provider::Circle, u"7"_s, u"ann@example.com"_s, u"Ann Other"_s)});
        QVERIFY2(personOf(db, u"circle"_s, u"7"_s) != personOf(db, u"stripe"_s, u"cus_1"_s),
                 "the unlink was undone by a name change");
    }

    // Stripe names the person "whatever order the syncs ran in": a Stripe name that arrives as an update
    // (customer created without a name, named later) never takes over from Kit's first name.
    void stripeNameArrivingLaterWins()
    {
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        store::Store s(db);
        ingestAll(s, {identityOnly(provider::Kit, u"55"_s, u"ann@example.com"_s, u"Annie"_s)});
        ingestAll(s, {identityOnly(provider::Stripe, u"cus_1"_s, u"ann@example.com"_s, QString())});
        ingestAll(s, {identityOnly(provider::Stripe, u"cus_1"_s, u"ann@example.com"_s, u"Ann Stripe"_s)});
        QSqlQuery q(db);
        QVERIFY(
            q.exec(u"SELECT display_name FROM people WHERE id = %1"_s.arg(personOf(db, u"kit"_s, u"55"_s))) &&
            q.next());
        QCOMPARE(q.value(0).toString(), u"Ann Stripe"_s);
    }

    // A member a full listing no longer shows: its raw object is deleted. A rebuild then loses its
    // "Became a Circle member" row and hangs the "deleted" observation on a new, nameless person.
    void deletedMemberRebuildsTheSame()
    {
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        store::Store s(db);
        circle::CircleMapper cm;
        kit::KitMapper km;
        ingestAll(s, km.map(kit::kind::Subscriber, kitSubscriber(55, u"ann@example.com"_s, u"Ann"_s), 1000));
        const QJsonObject member = circleMember(7, u"ann@example.com"_s, u"Ann"_s);
        ingestAll(s, cm.map(circle::kind::Member, member, 1000));
        // What CircleSync::membersStep's complete does for a member that is gone.
        ingestAll(s, {cm.memberGone(member, 10000)});
        QVERIFY(s.deleteRaw(provider::Circle, circle::kind::Member, u"7"_s));
        const QString rows = u"SELECT count(*) FROM timeline t JOIN identities i ON i.person_id = t.person_id"
                             " AND i.provider = 'kit' AND i.external_id = '55' WHERE t.provider = 'circle'"_s;
        const qint64 before = scalar(db, rows);
        QCOMPARE(before, 2); // member:7 and member:7:gone:10000, both on Ann
        QVERIFY(sync::rebuildProjections(db));
        QCOMPARE(scalar(db, rows), before);
    }

    // Removed and re-added between two full runs (or seen by an incremental run): a new Circle row id. The
    // projection follows the new row, the old raw row stays; when the membership is later removed only the
    // new raw row goes, and a rebuild brings the membership back from the orphan.
    void readdedThenRemovedMembershipStaysRemovedAfterRebuild()
    {
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        store::Store s(db);
        circle::CircleMapper cm;
        ingestAll(s, cm.map(circle::kind::Member, circleMember(7, u"ann@example.com"_s, u"Ann"_s), 1000));
        auto row = [](int id, const QString &at) {
            return QJsonObject{{u"id"_s, id},
                               {u"access_group_id"_s, 101},
                               {u"community_member_id"_s, 7},
                               {u"created_at"_s, at}};
        };
        // As the sync ingests membership rows: a different row for the same member ends the earlier one.
        auto ingestRow = [&](const QJsonObject &r, Millis at) {
            for (const IngestItem &item : cm.map(circle::kind::AccessGroupMember, r, at))
                QVERIFY(sync::ingestMembership(s, item, [&](const StoredMembership &ended) {
                    return cm.removal(u"access_group"_s, u"101"_s, ended, at);
                }));
        };
        ingestRow(row(1, u"2024-02-01T00:00:00.000Z"_s), 1000);
        ingestRow(row(2, u"2024-03-01T00:00:00.000Z"_s), 2000);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM timeline WHERE kind = 'access_removed'"_s), 1);
        // A later full run no longer lists member 7 in group 101: CircleSync::compareContainer.
        auto stored = s.memberships(provider::Circle, u"access_group"_s, u"101"_s);
        QVERIFY(stored);
        QCOMPARE(stored.value().size(), 1);
        const StoredMembership m = stored.value().first();
        ingestAll(s, {cm.removal(u"access_group"_s, u"101"_s, m, 3000)});
        QVERIFY(s.removeMembership(provider::Circle, u"access_group"_s, u"101"_s, m));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM memberships"_s), 0);
        QVERIFY(sync::rebuildProjections(db));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM memberships"_s), 0);
    }

    // Kit re-tag (new tagged_at) seen before a full run: the tagging raw object (id tag:subscriber) is
    // overwritten, so a rebuild loses the first "Tagged" row the sync showed.
    void kitRetagRebuildsTheSame()
    {
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        store::Store s(db);
        kit::KitMapper km;
        ingestAll(s, km.map(kit::kind::Subscriber, kitSubscriber(55, u"ann@example.com"_s, u"Ann"_s), 1000));
        auto tag = [&](const QString &at, Millis fetched) {
            const QJsonObject sub{{u"id"_s, 55}, {u"tagged_at"_s, at}};
            for (const IngestItem &item : km.mapTagging(u"501"_s, sub, fetched))
                QVERIFY(sync::ingestMembership(s, item, [&](const StoredMembership &ended) {
                    return km.removal(u"tag"_s, u"501"_s, ended, fetched);
                }));
        };
        tag(u"2024-02-01T00:00:00Z"_s, 1000);
        tag(u"2024-03-01T00:00:00Z"_s, 2000);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM timeline WHERE kind = 'kit_tag_removed'"_s), 1);
        const QString rows = u"SELECT count(*) FROM timeline WHERE kind = 'kit_tag_added'"_s;
        const qint64 before = scalar(db, rows);
        QCOMPARE(before, 2);
        QVERIFY(sync::rebuildProjections(db));
        QCOMPARE(scalar(db, rows), before);
    }

    // has_next_page with an empty page: a full run asks for the next page forever.
    void anEmptyPageEndsTheListing()
    {
        const net::Query q{{u"per_page"_s, u"100"_s}, {u"page"_s, u"7"_s}};
        const QJsonObject empty{{u"has_next_page"_s, true}, {u"records"_s, QJsonArray()}};
        QVERIFY(!circle::nextPage(q, empty));
        const net::Query k{{u"per_page"_s, u"1000"_s}, {u"after"_s, u"abc"_s}};
        const QJsonObject same{
            {u"subscribers"_s, QJsonArray()},
            {u"pagination"_s, QJsonObject{{u"has_next_page"_s, true}, {u"end_cursor"_s, u"abc"_s}}}};
        QVERIFY(!kit::nextPage(k, same));
    }
};

QTEST_GUILESS_MAIN(TestSyncEdges)
#include "tst_syncedges.moc"
