// The Circle and Kit mappers and page walkers against pages in the providers' documented shapes.
#include "TestUtil.h"
#include "providers/Observation.h"
#include "providers/circle/CircleClient.h"
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitClient.h"
#include "providers/kit/KitMapper.h"

#include <QFile>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
QJsonObject page(const QString &name)
{
    static const QJsonObject all = [] {
        QFile f(QStringLiteral(SB_TEST_DATA_DIR "/provider-pages.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot open provider-pages.json");
        return QJsonDocument::fromJson(f.readAll()).object();
    }();
    return all.value(name).toObject();
}

QJsonObject record(const QString &pageName, int i, const QString &key = u"records"_s)
{
    return page(pageName).value(key).toArray().at(i).toObject();
}

QStringList keys(const QList<IngestItem> &items)
{
    QStringList out;
    for (const IngestItem &item : items)
        for (const TimelineEvent &e : item.rows)
            out.append(e.sourceKey);
    return out;
}

// An observation's raw JSON, mapped again as a rebuild does, gives the rows the sync stored.
template <typename Mapper> void rebuildsTheSameRows(const Mapper &mapper, const IngestItem &observation)
{
    const auto again =
        mapper.map(kObservationKind, QJsonDocument::fromJson(observation.raw.json).object(), 0);
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.first().rows.size(), observation.rows.size());
    for (qsizetype i = 0; i < again.first().rows.size(); ++i) {
        QCOMPARE(again.first().rows.at(i).sourceKey, observation.rows.at(i).sourceKey);
        QCOMPARE(again.first().rows.at(i).at, observation.rows.at(i).at);
        QCOMPARE(again.first().rows.at(i).summary, observation.rows.at(i).summary);
        QCOMPARE(again.first().rows.at(i).observed, observation.rows.at(i).observed);
    }
}
} // namespace

class TestPolledMappers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void timesInEveryFormatTheProvidersUse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        const qint64 t = 1725380419000; // 2024-09-03T16:20:19Z
        QTest::newRow("Circle with ms") << u"2024-09-03T16:20:19.814Z"_s << t + 814;
        QTest::newRow("Circle accepted_invitation") << u"2024-09-03 16:20:19 UTC"_s << t;
        QTest::newRow("Kit") << u"2024-09-03T16:20:19Z"_s << t;
        QTest::newRow("offset") << u"2024-09-03T18:20:19+02:00"_s << t;
        QTest::newRow("no zone is UTC") << u"2024-09-03T16:20:19"_s << t;
        QTest::newRow("empty") << QString() << qint64(0);
        QTest::newRow("garbage") << u"yesterday"_s << qint64(0);
    }
    void timesInEveryFormatTheProvidersUse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(parseTime(text), ms);
    }

    void circleMembersBecomeIdentitiesWithTheirMoments()
    {
        circle::CircleMapper m;
        const auto active = m.map(circle::kind::Member, record(u"circle_members"_s, 0), 5000);
        QCOMPARE(active.size(), 1);
        QVERIFY(active.first().identity);
        QCOMPARE(active.first().identity->externalId, u"2"_s);
        QCOMPARE(active.first().identity->email, u"Raul@Nitzsche.org"_s);
        QCOMPARE(active.first().identity->name, u"Loriann Barton"_s);
        QCOMPARE(active.first().raw.kind, u"member"_s);
        QCOMPARE(active.first().raw.snapshotAt, 5000);
        // Created and accepted in the same second: one row, precise.
        QCOMPARE(keys(active), QStringList{u"member:2"_s});
        QVERIFY(!active.first().rows.first().observed);

        const auto invited = m.map(circle::kind::Member, record(u"circle_members"_s, 1), 5000);
        QCOMPARE(invited.first().rows.first().summary, u"Invited to Circle"_s);
        // No "name": first and last name; an invitation accepted two days later is its own row.
        const auto late = m.map(circle::kind::Member, record(u"circle_members"_s, 2), 5000);
        QCOMPARE(late.first().identity->name, u"Mo Dà"_s);
        QCOMPARE(keys(late), (QStringList{u"member:9"_s, u"member:9:joined"_s}));
    }

    void circleMembershipRowsNameTheirContainer()
    {
        circle::CircleMapper m;
        m.learn(circle::kind::AccessGroup, QJsonObject{{u"id"_s, 101}, {u"name"_s, u"Pro members"_s}});
        m.learn(circle::kind::Space, QJsonObject{{u"id"_s, 203}, {u"name"_s, u"General"_s}});
        const auto group =
            m.map(circle::kind::AccessGroupMember, record(u"circle_access_group_members"_s, 0), 1);
        QVERIFY(group.first().membership);
        QCOMPARE(group.first().membership->containerKind, u"access_group"_s);
        QCOMPARE(group.first().membership->containerId, u"101"_s);
        QCOMPARE(group.first().membership->memberId, u"2"_s);
        QCOMPARE(group.first().owner.identityId, u"2"_s);
        QCOMPARE(group.first().rows.first().summary, u"Added to access group Pro members"_s);
        QCOMPARE(group.first().rows.first().at, parseTime(u"2024-09-04T10:00:00.000Z"_s));

        const auto space = m.map(circle::kind::SpaceMember, record(u"circle_space_members"_s, 0), 1);
        QCOMPARE(space.first().membership->status, u"inactive"_s);
        QCOMPARE(space.first().rows.first().summary, u"Added to space General"_s);
        const auto tag = m.map(circle::kind::TaggedMember, record(u"circle_tagged_members"_s, 0), 1);
        QCOMPARE(tag.first().membership->containerKind, u"member_tag"_s);
        QCOMPARE(tag.first().rows.first().summary, u"Tagged VIP in Circle"_s);
        // An unknown group still reads.
        circle::CircleMapper blank;
        QCOMPARE(blank.map(circle::kind::AccessGroupMember, record(u"circle_access_group_members"_s, 0), 1)
                     .first()
                     .rows.first()
                     .summary,
                 u"Added to access group #101"_s);
    }

    void circleChangesAreObservedOnceAndRebuildTheSame()
    {
        circle::CircleMapper m;
        const QJsonObject before = record(u"circle_members"_s, 0);
        QJsonObject after = before;
        QVERIFY(m.memberChanges(before, after, 9000).isEmpty()); // same snapshot: nothing happened
        after.insert(u"active"_s, false);
        after.insert(u"email"_s, u"raul@new.example"_s);
        const auto changes = m.memberChanges(before, after, 9000);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).rows.first().kind, u"member_deactivated"_s);
        QVERIFY(changes.at(0).rows.first().observed);
        QCOMPARE(changes.at(0).rows.first().at, 9000);
        QCOMPARE(changes.at(1).rows.first().kind, u"email_changed"_s);
        QCOMPARE(changes.at(0).raw.kind, kObservationKind);
        QCOMPARE(changes.at(0).owner.identityId, u"2"_s);
        for (const IngestItem &c : changes)
            rebuildsTheSameRows(m, c);
        // First sight of a member who left: one observed row, once.
        const auto seen = m.memberChanges({}, after, 9000);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().raw.externalId, u"member:2:inactive-seen"_s);

        m.learn(circle::kind::AccessGroup, QJsonObject{{u"id"_s, 101}, {u"name"_s, u"Pro members"_s}});
        StoredMembership stored{
            u"2"_s,        u"access_group_member"_s,
            u"91000007"_s, 0,
            u"active"_s,   QJsonDocument(record(u"circle_access_group_members"_s, 0)).toJson()};
        const IngestItem removal = m.removal(u"access_group"_s, u"101"_s, stored, 12000);
        QCOMPARE(keys({removal}),
                 (QStringList{u"agm:91000007"_s, u"removed:access_group_member:91000007:12000"_s}));
        QCOMPARE(removal.rows.last().summary, u"No longer in access group Pro members"_s);
        QVERIFY(removal.rows.last().observed);
        QVERIFY(!removal.rows.first().observed);              // the add keeps its provider time
        rebuildsTheSameRows(circle::CircleMapper{}, removal); // names travel in the observation
    }

    void kitSubscribersTagsAndStates()
    {
        kit::KitMapper m;
        m.learn(kit::kind::Tag, QJsonObject{{u"id"_s, 501}, {u"name"_s, u"pro-customer"_s}});
        const auto sub = m.map(kit::kind::Subscriber, record(u"kit_subscribers"_s, 0, u"subscribers"_s), 1);
        QCOMPARE(sub.first().identity->externalId, u"3120000001"_s);
        QCOMPARE(sub.first().identity->name, u"Raul"_s);
        QCOMPARE(keys(sub), QStringList{u"subscriber:3120000001"_s});
        const QJsonObject bounced = record(u"kit_subscribers"_s, 1, u"subscribers"_s);
        QVERIFY(m.map(kit::kind::Subscriber, bounced, 1).first().identity->name.isEmpty()); // null first_name
        const auto seen = m.subscriberChanges({}, bounced, 7000);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().rows.first().kind, u"email_bounced"_s);
        rebuildsTheSameRows(m, seen.first());
        QJsonObject complained = bounced;
        complained.insert(u"state"_s, u"complained"_s);
        QCOMPARE(m.subscriberChanges(bounced, complained, 8000).first().rows.first().kind,
                 u"email_complained"_s);
        QVERIFY(m.subscriberChanges(bounced, bounced, 8000).isEmpty());

        const auto tagging = m.mapTagging(u"501"_s, record(u"kit_tag_subscribers"_s, 0, u"subscribers"_s), 1);
        QCOMPARE(tagging.first().raw.externalId, u"501:3120000001"_s);
        QCOMPARE(tagging.first().membership->since, parseTime(u"2024-09-03T17:05:00Z"_s));
        QCOMPARE(tagging.first().rows.first().summary, u"Tagged pro-customer in Kit"_s);
        // Stored taggings map back to the same row (a rebuild).
        QCOMPARE(
            keys(m.map(kit::kind::Tagging, QJsonDocument::fromJson(tagging.first().raw.json).object(), 1)),
            keys(tagging));
        StoredMembership stored{u"3120000001"_s,         u"tagging"_s, u"501:3120000001"_s, 0, u"active"_s,
                                tagging.first().raw.json};
        const IngestItem removal = m.removal(u"tag"_s, u"501"_s, stored, 9000);
        QCOMPARE(removal.rows.last().summary, u"Tag pro-customer removed in Kit"_s);
        rebuildsTheSameRows(kit::KitMapper{}, removal);

        // Sequences the same way: an enrolment with added_at.
        m.learn(kit::kind::Sequence, QJsonObject{{u"id"_s, 601}, {u"name"_s, u"Onboarding"_s}});
        QJsonObject enrolled = record(u"kit_tag_subscribers"_s, 0, u"subscribers"_s);
        enrolled.insert(u"added_at"_s, u"2024-09-03T17:06:00Z"_s);
        const auto enrolment = m.mapMembership(u"sequence"_s, u"601"_s, enrolled, 1);
        QCOMPARE(enrolment.first().raw.kind, u"enrolment"_s);
        QCOMPARE(enrolment.first().membership->containerKind, u"sequence"_s);
        QCOMPARE(enrolment.first().rows.first().summary, u"Added to sequence Onboarding in Kit"_s);
        const StoredMembership inSequence{
            u"3120000001"_s, u"enrolment"_s, u"601:3120000001"_s, 0, u"active"_s, enrolment.first().raw.json};
        const IngestItem left = m.removal(u"sequence"_s, u"601"_s, inSequence, 9500);
        QCOMPARE(left.rows.last().kind, u"sequence_removed"_s);
        QCOMPARE(left.rows.last().summary, u"No longer in sequence Onboarding in Kit"_s);
        rebuildsTheSameRows(kit::KitMapper{}, left);
    }

    void pagesAreFollowedToTheLastAndNoFurther()
    {
        const net::Query first{{u"status"_s, u"all"_s}, {u"per_page"_s, u"100"_s}, {u"page"_s, u"1"_s}};
        const auto next = circle::nextPage(first, page(u"circle_access_group_members"_s));
        QVERIFY(next);
        QVERIFY(next->contains(std::pair{u"page"_s, u"2"_s}));
        QVERIFY(next->contains(std::pair{u"status"_s, u"all"_s}));
        QVERIFY(
            !circle::nextPage(first, page(u"circle_space_members"_s))); // last page, although count says more
        QVERIFY(!circle::nextPage(first, page(u"circle_empty"_s)));

        const net::Query kitFirst{{u"status"_s, u"all"_s}, {u"per_page"_s, u"1000"_s}};
        const auto kitNext = kit::nextPage(kitFirst, page(u"kit_subscribers"_s));
        QVERIFY(kitNext);
        QVERIFY(kitNext->contains(std::pair{u"after"_s, u"WzJd"_s}));
        QCOMPARE(kitNext->count(), kitFirst.count() + 1);              // one after=, nothing else changed
        QVERIFY(!kit::nextPage(*kitNext, page(u"kit_subscribers"_s))); // a cursor that does not move ends it
        QVERIFY(!kit::nextPage(kitFirst, page(u"kit_tag_subscribers"_s)));
        QVERIFY(!kit::nextPage(kitFirst, page(u"kit_cursor_ends_early"_s)));
    }

    void errorBodiesReadInAFewWords()
    {
        QCOMPARE(
            circle::errorDetail(R"({"success":false,"message":"Oops! Missing record. Please try again later.",
                 "error_details":{"message":"Missing record: access group"}})"),
            u"Oops! Missing record. Please try again later. (Missing record: access group)"_s);
        QCOMPARE(kit::errorDetail(R"({"errors":["The access token is invalid"]})"),
                 u"The access token is invalid"_s);
        QCOMPARE(kit::errorDetail("Retry later"), u"Retry later"_s);
    }
};

QTEST_GUILESS_MAIN(TestPolledMappers)
#include "tst_polledmappers.moc"
