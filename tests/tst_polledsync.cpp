// Integration: Circle and Kit syncs against the sandbox over loopback. The sandbox's own API is the truth
// each person's three-system state is compared with.
#include "Sandbox.h"
#include "TestUtil.h"
#include "identity/ManualLinks.h"
#include "providers/circle/CircleClient.h"
#include "providers/kit/KitClient.h"
#include "store/Queries.h"
#include "store/Store.h"
#include "sync/CircleSync.h"
#include "sync/KitSync.h"
#include "sync/Rebuild.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

QSet<QString> column(QSqlDatabase db, const QString &sql)
{
    QSet<QString> out;
    QSqlQuery q(db);
    if (!q.exec(sql))
        qFatal("query failed: %s", qPrintable(sql));
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

// The sandbox read directly, every page: the truth the sync is checked against.
class Truth {
public:
    explicit Truth(const QUrl &base)
        : m_base(base)
    {}
    QJsonArray circle(const QString &path, const QList<std::pair<QString, QString>> &query = {})
    {
        QJsonArray all;
        for (int page = 1;; ++page) {
            QUrlQuery q;
            for (const auto &[k, v] : query)
                q.addQueryItem(k, v);
            q.addQueryItem(u"per_page"_s, u"100"_s);
            q.addQueryItem(u"page"_s, QString::number(page));
            const QJsonObject o = get(u"/api/admin/v2"_s + path, q, "Authorization", "Token circle_sandbox");
            for (const QJsonValue &v : o.value("records"_L1).toArray())
                all.append(v);
            if (!o.value("has_next_page"_L1).toBool())
                return all;
        }
    }
    QJsonArray kit(const QString &path, const QString &key)
    {
        QJsonArray all;
        QString after;
        for (;;) {
            QUrlQuery q;
            q.addQueryItem(u"status"_s, u"all"_s);
            q.addQueryItem(u"per_page"_s, u"1000"_s);
            if (!after.isEmpty())
                q.addQueryItem(u"after"_s, after);
            const QJsonObject o = get(u"/v4"_s + path, q, "X-Kit-Api-Key", "kit_sandbox");
            for (const QJsonValue &v : o.value(key).toArray())
                all.append(v);
            const QJsonObject pg = o.value("pagination"_L1).toObject();
            if (!pg.value("has_next_page"_L1).toBool())
                return all;
            after = pg.value("end_cursor"_L1).toString();
        }
    }

private:
    QJsonObject get(const QString &path, const QUrlQuery &q, const QByteArray &header,
                    const QByteArray &value)
    {
        QUrl url = m_base;
        url.setPath(path);
        url.setQuery(q);
        QNetworkRequest req(url);
        req.setRawHeader(header, value);
        QNetworkReply *reply = m_nam.get(req);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            qFatal("the sandbox did not answer %s", qPrintable(path));
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return o;
    }
    QUrl m_base;
    QNetworkAccessManager m_nam;
};

QString idOf(const QJsonValue &v)
{
    const QJsonValue id = v.toObject().value("id"_L1);
    return id.isDouble() ? QString::number(id.toInteger()) : id.toString();
}

struct Clients {
    QNetworkAccessManager nam;
    std::unique_ptr<net::ApiClient> circle;
    std::unique_ptr<net::ApiClient> kit;
};

sync::SyncReport waitFor(sync::PolledSync &s, sync::PolledSync::Mode mode)
{
    QSignalSpy done(&s, &sync::PolledSync::finished);
    s.start(mode);
    if (done.isEmpty() && !done.wait(120000))
        qFatal("sync did not finish");
    return done.first().first().value<sync::SyncReport>();
}

} // namespace

class TestPolledSync : public QObject {
    Q_OBJECT
    sandbox::Sandbox *m_sandbox = nullptr;

    CircleSettings circleSettings(int pageSize = 100) const
    {
        CircleSettings s;
        s.baseUrl = m_sandbox->baseUrl();
        s.token = u"circle_sandbox"_s;
        s.pageSize = pageSize;
        s.requestsPer5Min = 100000;
        return s;
    }
    KitSettings kitSettings(int pageSize = 1000) const
    {
        KitSettings s;
        s.baseUrl = m_sandbox->baseUrl();
        s.apiKey = u"kit_sandbox"_s;
        s.pageSize = pageSize;
        s.requestsPerMinute = 100000;
        return s;
    }
    // One run with the provider's real client set-up, retries kept quick (the policy itself is unit-tested).
    template <typename Sync, typename Settings>
    static sync::SyncReport runOnce(QSqlDatabase db, sync::PolledSync::Mode mode, const Settings &s,
                                    net::ApiProfile (*profile)(const Settings &),
                                    void (*configure)(net::ApiClient &, const Settings &))
    {
        store::Store store(db);
        QNetworkAccessManager nam;
        net::ApiClient client(&nam, profile(s));
        configure(client, s);
        client.retryPolicy().rateLimitMinDelayMs = 10;
        client.retryPolicy().baseDelayMs = 10;
        Sync sync(&store, &client, s);
        return waitFor(sync, mode);
    }
    sync::SyncReport syncCircle(QSqlDatabase db, sync::PolledSync::Mode mode, const CircleSettings &s)
    {
        return runOnce<sync::CircleSync>(db, mode, s, &circle::apiProfile, &circle::configure);
    }
    sync::SyncReport syncKit(QSqlDatabase db, sync::PolledSync::Mode mode, const KitSettings &s)
    {
        return runOnce<sync::KitSync>(db, mode, s, &kit::apiProfile, &kit::configure);
    }

    // Every membership of the cache equals the sandbox's: groups, spaces, Kit tags; and every account's
    // state.
    void compareWithTruth(QSqlDatabase db)
    {
        Truth truth(m_sandbox->baseUrl());
        for (const QJsonValue &g : truth.circle(u"/access_groups"_s, {{u"status"_s, u"all"_s}})) {
            QSet<QString> expected;
            for (const QJsonValue &r : truth.circle(u"/access_groups/%1/community_members"_s.arg(idOf(g))))
                expected.insert(QString::number(r.toObject().value("community_member_id"_L1).toInteger()));
            QCOMPARE(column(db, u"SELECT member_id FROM memberships WHERE provider = 'circle' AND"
                                " container_kind = 'access_group' AND container_id = '%1'"_s.arg(idOf(g))),
                     expected);
        }
        for (const QJsonValue &sp : truth.circle(u"/spaces"_s)) {
            QSet<QString> expected;
            for (const QJsonValue &r : truth.circle(u"/space_members"_s, {{u"space_id"_s, idOf(sp)}}))
                expected.insert(QString::number(r.toObject().value("community_member_id"_L1).toInteger()) +
                                u':' + r.toObject().value("status"_L1).toString());
            QCOMPARE(
                column(db, u"SELECT member_id || ':' || status FROM memberships WHERE provider = 'circle'"
                           " AND container_kind = 'space' AND container_id = '%1'"_s.arg(idOf(sp))),
                expected);
        }
        QSet<QString> members;
        for (const QJsonValue &m : truth.circle(u"/community_members"_s, {{u"status"_s, u"all"_s}}))
            members.insert(idOf(m) + (m.toObject().value("active"_L1).toBool() ? u":1"_s : u":0"_s));
        QCOMPARE(column(db, u"SELECT external_id || ':' || json_extract(json, '$.active') FROM raw_objects"
                            " WHERE provider = 'circle' AND kind = 'member'"_s),
                 members);
        for (const QJsonValue &t : truth.kit(u"/tags"_s, u"tags"_s)) {
            QSet<QString> expected;
            for (const QJsonValue &s : truth.kit(u"/tags/%1/subscribers"_s.arg(idOf(t)), u"subscribers"_s))
                expected.insert(idOf(s));
            QCOMPARE(
                column(db,
                       u"SELECT member_id FROM memberships WHERE provider = 'kit' AND container_kind = 'tag'"
                       " AND container_id = '%1'"_s.arg(idOf(t))),
                expected);
        }
        for (const QJsonValue &sq : truth.kit(u"/sequences"_s, u"sequences"_s)) {
            QSet<QString> expected;
            for (const QJsonValue &s :
                 truth.kit(u"/sequences/%1/subscribers"_s.arg(idOf(sq)), u"subscribers"_s))
                expected.insert(idOf(s));
            QCOMPARE(
                column(db, u"SELECT member_id FROM memberships WHERE provider = 'kit' AND container_kind ="
                           " 'sequence' AND container_id = '%1'"_s.arg(idOf(sq))),
                expected);
        }
        QSet<QString> subscribers;
        for (const QJsonValue &s : truth.kit(u"/subscribers"_s, u"subscribers"_s))
            subscribers.insert(idOf(s) + u':' + s.toObject().value("state"_L1).toString());
        QCOMPARE(column(db, u"SELECT external_id || ':' || json_extract(json, '$.state') FROM raw_objects"
                            " WHERE provider = 'kit' AND kind = 'subscriber'"_s),
                 subscribers);
        // One person per normalised address: a Circle member and a Kit subscriber with one address are one
        // person, and nobody holds two addresses that normalise differently.
        QCOMPARE(scalar(db, u"SELECT count(*) FROM (SELECT email_norm FROM identities WHERE email_norm <> ''"
                            " GROUP BY email_norm HAVING count(DISTINCT person_id) > 1)"_s),
                 0);
    }

    auto useOwnSandbox(sandbox::Sandbox &own)
    {
        own.generateWorld(120, 9);
        if (!own.listen(0))
            qFatal("the sandbox cannot listen");
        sandbox::Sandbox *shared = std::exchange(m_sandbox, &own);
        return qScopeGuard([this, shared] { m_sandbox = shared; });
    }

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

    void fullSyncEqualsTheWorld_data()
    {
        QTest::addColumn<int>("circlePage");
        QTest::addColumn<int>("kitPage");
        QTest::newRow("largest pages") << 100 << 1000;
        QTest::newRow("partial last pages") << 37 << 41;
    }
    void fullSyncEqualsTheWorld()
    {
        QFETCH(int, circlePage);
        QFETCH(int, kitPage);
        test::TempCache cache;
        const qint64 before = m_sandbox->circleRequestCount();
        const sync::SyncReport c =
            syncCircle(cache.db(), sync::PolledSync::Mode::Auto, circleSettings(circlePage));
        QVERIFY2(c.ok, qPrintable(c.error.message));
        QVERIFY(!c.incremental); // the first run is always a full one
        QCOMPARE(m_sandbox->circleRequestCount() - before, c.requests);
        const sync::SyncReport k = syncKit(cache.db(), sync::PolledSync::Mode::Auto, kitSettings(kitPage));
        QVERIFY2(k.ok, qPrintable(k.error.message));
        compareWithTruth(cache.db());

        // The request bound: catalogs, then (members / page) pages for the member list and each group and
        // space.
        const qint64 members = scalar(
            cache.db(), u"SELECT count(*) FROM raw_objects WHERE provider='circle' AND kind='member'"_s);
        const qint64 containers =
            scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE provider='circle'"
                               " AND kind IN ('access_group','space')"_s);
        const qint64 tagged =
            scalar(cache.db(),
                   u"SELECT count(*) FROM raw_objects WHERE provider='circle' AND kind='tagged_member'"_s);
        const qint64 pages = (members + circlePage - 1) / circlePage;
        QVERIFY2(
            c.requests <= 3 + pages * (1 + containers) + tagged / circlePage + 1,
            qPrintable(
                u"%1 requests for %2 members, %3 containers"_s.arg(c.requests).arg(members).arg(containers)));
        QCOMPARE(
            scalar(cache.db(),
                   u"SELECT requests_spent FROM sync_state WHERE provider='circle' AND stream='requests'"_s),
            c.requests);

        // A second run is incremental, far cheaper, and adds nothing.
        const qint64 rows = scalar(cache.db(), u"SELECT count(*) FROM timeline"_s);
        const sync::SyncReport c2 =
            syncCircle(cache.db(), sync::PolledSync::Mode::Auto, circleSettings(circlePage));
        const sync::SyncReport k2 = syncKit(cache.db(), sync::PolledSync::Mode::Auto, kitSettings(kitPage));
        QVERIFY(c2.ok && k2.ok);
        QVERIFY(c2.incremental && k2.incremental);
        QVERIFY2(c2.requests <= 2 + containers, qPrintable(QString::number(c2.requests)));
        QVERIFY(k2.requests < k.requests);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline"_s), rows);
    }

    void changesInTheSandboxShowOnceAfterResync()
    {
        // This test changes its world: a sandbox of its own.
        sandbox::Sandbox sb;
        auto restore = useOwnSandbox(sb);

        test::TempCache cache;
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
        QVERIFY(syncKit(cache.db(), sync::PolledSync::Mode::Full, kitSettings()).ok);

        // Someone in access group 101, someone tagged 501 who is active in Kit.
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT i.email FROM memberships m JOIN identities i ON i.provider = 'circle'"
                       " AND i.external_id = m.member_id WHERE m.container_kind = 'access_group'"
                       " AND m.container_id = '101' ORDER BY m.member_id LIMIT 1"_s) &&
                q.next());
        const QString inGroup = q.value(0).toString();
        QVERIFY(
            q.exec(u"SELECT i.email FROM memberships m JOIN identities i ON i.provider = 'kit'"
                   " AND i.external_id = m.member_id JOIN raw_objects r ON r.provider = 'kit'"
                   " AND r.kind = 'subscriber' AND r.external_id = m.member_id WHERE m.container_kind = 'tag'"
                   " AND m.container_id = '501' AND json_extract(r.json, '$.state') = 'active'"
                   " ORDER BY m.member_id LIMIT 1"_s) &&
            q.next());
        const QString tagged = q.value(0).toString();
        QString error;
        QVERIFY2(sb.addJourneyEntry(inGroup, u"circle"_s,
                                    {{u"do"_s, u"remove_access_group"_s}, {u"access_group"_s, 101}}, &error),
                 qPrintable(error));
        QVERIFY2(sb.addJourneyEntry(inGroup, u"circle"_s, {{u"do"_s, u"deactivate"_s}}, &error),
                 qPrintable(error));
        QVERIFY2(sb.addJourneyEntry(tagged, u"kit"_s, {{u"do"_s, u"untag"_s}, {u"tags"_s, QJsonArray{501}}},
                                    &error),
                 qPrintable(error));
        QVERIFY2(sb.addJourneyEntry(tagged, u"kit"_s, {{u"do"_s, u"bounce"_s}}, &error), qPrintable(error));
        {
            // Kit's API enrols them in the onboarding sequence (a write the actions issue will make).
            QNetworkAccessManager nam;
            QUrl url = sb.baseUrl();
            url.setPath(u"/v4/sequences/601/subscribers"_s);
            QNetworkRequest req(url);
            req.setRawHeader("X-Kit-Api-Key", "kit_sandbox");
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QNetworkReply *reply =
                nam.post(req, QJsonDocument(QJsonObject{{u"email_address"_s, tagged}}).toJson());
            QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            reply->deleteLater();
        }

        auto rowsOf = [&cache](const QString &kind) {
            return scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind = '%1'"_s.arg(kind));
        };
        const qint64 removedBefore = rowsOf(u"access_removed"_s);
        const qint64 untaggedBefore = rowsOf(u"kit_tag_removed"_s);
        const qint64 bouncedBefore = rowsOf(u"email_bounced"_s);
        const qint64 deactivatedBefore = rowsOf(u"member_deactivated"_s);
        const qint64 enrolledBefore = rowsOf(u"sequence_added"_s);
        for (int run = 0; run < 2; ++run) {
            QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
            QVERIFY(syncKit(cache.db(), sync::PolledSync::Mode::Full, kitSettings()).ok);
            QCOMPARE(rowsOf(u"access_removed"_s), removedBefore + 1);
            QCOMPARE(rowsOf(u"kit_tag_removed"_s), untaggedBefore + 1);
            QCOMPARE(rowsOf(u"email_bounced"_s), bouncedBefore + 1);
            QCOMPARE(rowsOf(u"member_deactivated"_s), deactivatedBefore + 1);
            QCOMPARE(rowsOf(u"sequence_added"_s), enrolledBefore + 1);
        }
        compareWithTruth(cache.db());

        // The person page's status lines say so.
        store::Queries queries(cache.db());
        auto person = queries.person(queries.resolvePerson(tagged).value());
        QVERIFY(person);
        QCOMPARE(person.value().kit.state, u"bounced"_s);
        QVERIFY(!person.value().kit.tags.contains(u"pro-customer"_s));
        QCOMPARE(person.value().kit.sequences.size(), 1);
        auto member = queries.person(queries.resolvePerson(inGroup).value());
        QCOMPARE(member.value().circle.state, u"inactive"_s);

        // A rebuild from the raw layer comes out the same, observations included.
        const QSet<QString> before =
            column(cache.db(), u"SELECT provider || source_key || observed || at || summary FROM timeline"_s);
        const QSet<QString> memberships = column(
            cache.db(),
            u"SELECT provider || container_kind || container_id || member_id || status FROM memberships"_s);
        QVERIFY(sync::rebuildProjections(cache.db()));
        QCOMPARE(
            column(cache.db(), u"SELECT provider || source_key || observed || at || summary FROM timeline"_s),
            before);
        QCOMPARE(
            column(
                cache.db(),
                u"SELECT provider || container_kind || container_id || member_id || status FROM memberships"_s),
            memberships);
    }

    void manualLinkAndUnlinkSurviveSyncsAndRebuilds()
    {
        test::TempCache cache;
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
        QVERIFY(syncKit(cache.db(), sync::PolledSync::Mode::Full, kitSettings()).ok);
        store::Queries queries(cache.db());
        auto personOf = [&cache](const QString &provider, const QString &id) {
            return scalar(
                cache.db(),
                u"SELECT person_id FROM identities WHERE provider = '%1' AND external_id = '%2'"_s.arg(
                    provider, id));
        };
        // A "possible same person" pair (an address with a +suffix) that a human confirms.
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT a.provider, a.external_id, b.provider, b.external_id FROM identities a"
                       " JOIN identities b ON b.email_loose = a.email_loose AND b.person_id <> a.person_id"
                       " ORDER BY a.external_id, b.external_id LIMIT 1"_s) &&
                q.next());
        const identity::IdentityRef plus{q.value(0).toString(), q.value(1).toString()};
        const identity::IdentityRef main{q.value(2).toString(), q.value(3).toString()};
        q.finish();
        const identity::Decision why{u"support"_s, u"same customer, confirmed by email"_s};
        QCOMPARE(identity::link(cache.db(), plus, main, {u"support"_s, u"  "_s}).error().kind,
                 ErrorKind::Usage);
        QVERIFY(identity::link(cache.db(), plus, main, why));
        QCOMPARE(personOf(plus.provider, plus.externalId), personOf(main.provider, main.externalId));
        QCOMPARE(scalar(cache.db(),
                        u"SELECT count(*) FROM identities WHERE external_id = '%1' AND link = 'manual'"_s.arg(
                            plus.externalId)),
                 1);

        // Unlink one account of a person known to both systems: it stands alone, through syncs and rebuilds.
        QVERIFY(
            q.exec(u"SELECT c.external_id, k.external_id FROM identities c JOIN identities k ON k.person_id ="
                   " c.person_id AND k.provider = 'kit' WHERE c.provider = 'circle' AND c.link = 'auto'"
                   " ORDER BY c.external_id LIMIT 1"_s) &&
            q.next());
        const identity::IdentityRef kitAccount{u"kit"_s, q.value(1).toString()};
        const QString circleId = q.value(0).toString();
        q.finish();
        const Status unlinked = identity::unlink(cache.db(), kitAccount, why);
        QVERIFY2(unlinked, qPrintable(unlinked.error().message));
        QVERIFY(personOf(u"kit"_s, kitAccount.externalId) != personOf(u"circle"_s, circleId));
        QVERIFY(syncKit(cache.db(), sync::PolledSync::Mode::Full, kitSettings()).ok);
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
        QVERIFY(personOf(u"kit"_s, kitAccount.externalId) != personOf(u"circle"_s, circleId));
        QVERIFY(sync::rebuildProjections(cache.db()));
        QVERIFY(personOf(u"kit"_s, kitAccount.externalId) != personOf(u"circle"_s, circleId));
        QCOMPARE(personOf(plus.provider, plus.externalId), personOf(main.provider, main.externalId));

        // Reversible: back to the email rule.
        QVERIFY(identity::restoreAutomatic(cache.db(), kitAccount, why));
        QCOMPARE(personOf(u"kit"_s, kitAccount.externalId), personOf(u"circle"_s, circleId));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM identity_links"_s), 3);
    }

    void cancelKeepsWhatArrivedAndRemovesNothing()
    {
        test::TempCache cache;
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
        const qint64 memberships = scalar(cache.db(), u"SELECT count(*) FROM memberships"_s);
        // A full run in small pages, cancelled in the middle of its group listings: no listing is complete,
        // so nothing may be taken for removed.
        store::Store store(cache.db());
        QNetworkAccessManager nam;
        const CircleSettings s = circleSettings(7);
        net::ApiClient client(&nam, circle::apiProfile(s));
        circle::configure(client, s);
        sync::CircleSync sync(&store, &client, s);
        QObject::connect(&sync, &sync::PolledSync::progress, &sync, [&sync](const sync::SyncProgress &p) {
            if (p.stream != u"members"_s && p.pages > 30)
                sync.cancel();
        });
        const sync::SyncReport r = waitFor(sync, sync::PolledSync::Mode::Full);
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM memberships"_s), memberships);
        QCOMPARE(scalar(cache.db(),
                        u"SELECT count(*) FROM timeline WHERE observed = 1 AND kind LIKE '%removed'"_s),
                 0);
        // The next run completes.
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Auto, circleSettings()).ok);
        QVERIFY(syncKit(cache.db(), sync::PolledSync::Mode::Auto, kitSettings()).ok);
        compareWithTruth(cache.db());
    }

    void aRowLeavingWhilePagingInventsNoRemoval()
    {
        // This test changes its world: a sandbox of its own.
        sandbox::Sandbox sb;
        auto restore = useOwnSandbox(sb);
        test::TempCache cache;
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
        // The newest member of group 101 (first on page 1) leaves while the next full run is on that list:
        // every later row moves up one place and one is never seen on page 2.
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT i.email FROM memberships m JOIN identities i ON i.provider = 'circle'"
                       " AND i.external_id = m.member_id WHERE m.container_kind = 'access_group'"
                       " AND m.container_id = '101' ORDER BY m.since DESC, m.raw_id DESC LIMIT 1"_s) &&
                q.next());
        const QString newest = q.value(0).toString();
        q.finish();
        store::Store store(cache.db());
        QNetworkAccessManager nam;
        const CircleSettings s = circleSettings(5);
        net::ApiClient client(&nam, circle::apiProfile(s));
        circle::configure(client, s);
        sync::CircleSync sync(&store, &client, s);
        bool left = false;
        int seenGroup = 0;
        QObject::connect(&sync, &sync::PolledSync::progress, &sync, [&](const sync::SyncProgress &p) {
            QString error;
            // Progress comes when the group's listing starts and after each page: leave after page 1.
            if (!left && p.stream == sync.property("groupName").toString() && ++seenGroup == 2) {
                left = sb.addJourneyEntry(newest, u"circle"_s,
                                          {{u"do"_s, u"remove_access_group"_s}, {u"access_group"_s, 101}},
                                          &error);
            }
        });
        q.exec(u"SELECT json_extract(json, '$.name') FROM raw_objects WHERE provider = 'circle' AND kind = "
               u"'access_group'"
               " AND external_id = '101'"_s);
        QVERIFY(q.next());
        sync.setProperty("groupName", q.value(0).toString());
        q.finish();
        const sync::SyncReport r = waitFor(sync, sync::PolledSync::Mode::Full);
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QVERIFY(left);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind = 'access_removed'"_s), 0);
        // The next full run sees the whole list and records the one real removal.
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind = 'access_removed'"_s), 1);
    }

    void quotaRefusesBeforeSpendingARequest()
    {
        test::TempCache cache;
        CircleSettings s = circleSettings();
        s.monthlyQuota = 2; // an empty cache estimates a first full run at 5 requests
        const qint64 before = m_sandbox->circleRequestCount();
        const sync::SyncReport r = syncCircle(cache.db(), sync::PolledSync::Mode::Auto, s);
        QVERIFY(!r.ok);
        QCOMPARE(r.error.kind, ErrorKind::RateLimited);
        QVERIFY(r.error.message.contains(u"quota"_s));
        QCOMPARE(m_sandbox->circleRequestCount(), before);
    }

    void automaticRunsSpreadTheQuotaOverTheMonth()
    {
        test::TempCache cache;
        QVERIFY(syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings()).ok);
        // Early in the month, most of the quota already spent.
        const Millis early = QDateTime(QDate(2026, 11, 2), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
        Clock::setSource([early] { return early; });
        auto restoreClock = qScopeGuard([] { Clock::setSource(nullptr); });
        store::Store store(cache.db());
        QVERIFY(store.saveSyncState(u"circle"_s, sync::PolledSync::monthStream(early),
                                    store::SyncState{{}, {}, {}, 4990}));
        CircleSettings s = circleSettings();
        s.monthlyQuota = 5000;
        auto run = [&](bool automatic, sync::PolledSync::Mode mode) {
            QNetworkAccessManager nam;
            net::ApiClient client(&nam, circle::apiProfile(s));
            circle::configure(client, s);
            sync::CircleSync sync(&store, &client, s);
            QSignalSpy done(&sync, &sync::PolledSync::finished);
            sync.start(mode, automatic);
            if (done.isEmpty())
                done.wait(60000);
            return done.first().first().value<sync::SyncReport>();
        };
        const qint64 before = m_sandbox->circleRequestCount();
        const sync::SyncReport paused = run(true, sync::PolledSync::Mode::Auto);
        QVERIFY(!paused.ok);
        QCOMPARE(paused.error.kind, ErrorKind::RateLimited);
        QVERIFY(paused.error.message.contains(u"spare"_s));
        QCOMPARE(m_sandbox->circleRequestCount(), before);
        // A pause is not a failure of the connection.
        QCOMPARE(scalar(cache.db(),
                        u"SELECT count(*) FROM sync_state WHERE provider = 'circle' AND last_error <> ''"_s),
                 0);
        // A person asking still syncs; a full run that would not fit falls back to the newest changes.
        const sync::SyncReport asked = run(false, sync::PolledSync::Mode::Full);
        QVERIFY2(asked.ok, qPrintable(asked.error.message));
        QVERIFY(asked.incremental);
        QVERIFY(asked.requests > 0 && asked.requests <= 100);
    }

    void rateLimitAndServerErrorsAreRetried()
    {
        test::TempCache cache;
        m_sandbox->failNextKitRequests(2, 429);
        const sync::SyncReport k = syncKit(cache.db(), sync::PolledSync::Mode::Full, kitSettings());
        QVERIFY2(k.ok, qPrintable(k.error.message));
        m_sandbox->failNextCircleRequests(1, 503);
        const sync::SyncReport c = syncCircle(cache.db(), sync::PolledSync::Mode::Full, circleSettings());
        QVERIFY2(c.ok, qPrintable(c.error.message));
        compareWithTruth(cache.db());
    }

    void oneProviderFailingDoesNotStopTheOthers()
    {
        test::TempCache cache;
        Config config;
        config.dbPath = cache.path();
        config.stripe.baseUrl = m_sandbox->baseUrl();
        config.stripe.apiKey = u"sk_test_sandbox"_s;
        config.stripe.requestsPerSecond = 1000;
        config.circle = circleSettings();
        config.circle.token = u"not-the-token"_s;
        config.kit = kitSettings();
        sync::SyncWorker worker(config);
        QSignalSpy reports(&worker, &sync::SyncWorker::providerFinished);
        QSignalSpy done(&worker, &sync::SyncWorker::finished);
        worker.run(false);
        QVERIFY(done.wait(120000));
        QCOMPARE(reports.size(), 3);
        QHash<QString, sync::SyncReport> by;
        for (const auto &args : std::as_const(reports)) {
            const auto r = args.first().value<sync::SyncReport>();
            by.insert(r.provider, r);
        }
        QVERIFY(by.value(u"stripe"_s).ok);
        QVERIFY(by.value(u"kit"_s).ok);
        QVERIFY(!by.value(u"circle"_s).ok);
        QCOMPARE(by.value(u"circle"_s).error.kind, ErrorKind::Auth);
        QVERIFY(!by.value(u"circle"_s).error.message.contains(u"not-the-token"_s));
        // Stripe customers, Circle-less: people still link across Stripe and Kit by address.
        QVERIFY(scalar(cache.db(), u"SELECT count(*) FROM (SELECT person_id FROM identities"
                                   " GROUP BY person_id HAVING count(DISTINCT provider) = 2)"_s) > 0);
    }
};

QTEST_GUILESS_MAIN(TestPolledSync)
#include "tst_polledsync.moc"
