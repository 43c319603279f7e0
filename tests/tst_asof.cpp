// A person's state at a past moment, rebuilt from timeline rows the real mappers made.
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitMapper.h"
#include "providers/stripe/StripeMapper.h"
#include "reconcile/AsOf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <random>

using namespace Qt::StringLiterals;
using namespace sb;
using reconcile::AsOfItem;
using reconcile::AsOfNote;
using reconcile::stateAsOf;

namespace {
constexpr Millis kDay = 24 * 3600 * 1000;
constexpr Millis kT0 = 1'790'000'000'000; // 2026-09-21

qint64 secs(Millis ms)
{
    return ms / 1000;
}
QString iso(Millis ms)
{
    return isoUtc(ms);
}

// Rows as the store keeps them: one per source key, the later version of a fact replacing the earlier.
class Rows {
public:
    void add(const QList<IngestItem> &items)
    {
        for (const IngestItem &item : items) {
            for (const TimelineEvent &row : item.rows)
                m_rows.insert(row.provider + u'|' + row.sourceKey, row);
        }
    }
    void add(const IngestItem &item) { add(QList<IngestItem>{item}); }
    void add(const Result<QList<IngestItem>> &items)
    {
        QVERIFY2(items, qPrintable(items.error().message));
        add(items.value());
    }
    QList<TimelineEvent> list() const { return m_rows.values(); }

private:
    QMap<QString, TimelineEvent> m_rows;
};

stripe::StripeMapper stripeMapper()
{
    stripe::StripeMapper m;
    m.learnCatalog(QJsonObject{{u"object"_s, u"product"_s}, {u"id"_s, u"prod_pro"_s}, {u"name"_s, u"Pro"_s}});
    m.learnCatalog(
        QJsonObject{{u"object"_s, u"price"_s}, {u"id"_s, u"price_pro"_s}, {u"product"_s, u"prod_pro"_s}});
    return m;
}

QJsonObject subscription(const QString &status, Millis endedAt = 0)
{
    QJsonObject sub{
        {u"id"_s, u"sub_1"_s},
        {u"object"_s, u"subscription"_s},
        {u"customer"_s, u"cus_1"_s},
        {u"status"_s, status},
        {u"created"_s, secs(kT0)},
        {u"latest_invoice"_s, u"in_2"_s},
        {u"items"_s,
         QJsonObject{{u"data"_s,
                      QJsonArray{QJsonObject{
                          {u"price"_s, QJsonObject{{u"id"_s, u"price_pro"_s}, {u"product"_s, u"prod_pro"_s}}},
                          {u"current_period_end"_s, secs(kT0 + 30 * kDay)}}}}}}};
    if (endedAt) {
        sub.insert(u"canceled_at"_s, secs(endedAt));
        sub.insert(u"ended_at"_s, secs(endedAt));
    }
    return sub;
}

QJsonObject charge(const QString &id, qint64 amount, Millis at, const QString &description)
{
    return QJsonObject{{u"id"_s, id},
                       {u"object"_s, u"charge"_s},
                       {u"customer"_s, u"cus_1"_s},
                       {u"amount"_s, amount},
                       {u"currency"_s, u"usd"_s},
                       {u"status"_s, u"succeeded"_s},
                       {u"created"_s, secs(at)},
                       {u"description"_s, description}};
}

QJsonObject refund(const QString &id, const QString &chargeId, qint64 amount, Millis at)
{
    return QJsonObject{{u"id"_s, id},           {u"object"_s, u"refund"_s}, {u"charge"_s, chargeId},
                       {u"amount"_s, amount},   {u"currency"_s, u"usd"_s},  {u"status"_s, u"succeeded"_s},
                       {u"created"_s, secs(at)}};
}

QJsonObject dispute(const QString &status, Millis openedAt)
{
    return QJsonObject{{u"id"_s, u"du_1"_s},           {u"object"_s, u"dispute"_s},
                       {u"charge"_s, u"ch_course"_s},  {u"amount"_s, 29900},
                       {u"currency"_s, u"usd"_s},      {u"status"_s, status},
                       {u"reason"_s, u"fraudulent"_s}, {u"created"_s, secs(openedAt)}};
}

// Every held and ended item and account, one line each, for comparing whole states.
QStringList describe(const reconcile::AsOfState &s)
{
    QStringList out;
    auto list = [&](const QString &what, const reconcile::AsOfList &l) {
        for (const AsOfItem &i : l.held) {
            QStringList notes;
            for (const AsOfNote &n : i.notes)
                notes.append(QString::number(int(n.kind)) + u'@' + n.row.sourceKey);
            out.append(u"%1 held %2 %3 since %4 [%5]"_s.arg(what, i.key, i.name, i.since.sourceKey,
                                                            notes.join(u',')));
        }
        for (const AsOfItem &i : l.ended)
            out.append(
                u"%1 ended %2 %3 by %4 (%5)"_s.arg(what, i.key, i.name, i.ended->sourceKey).arg(int(i.end)));
    };
    list(u"entitlement"_s, s.entitlements);
    list(u"group"_s, s.accessGroups);
    list(u"space"_s, s.spaces);
    list(u"circle tag"_s, s.circleTags);
    list(u"kit tag"_s, s.kitTags);
    list(u"sequence"_s, s.kitSequences);
    for (const reconcile::AsOfAccount &a : s.circleMembers)
        out.append(u"member %1 %2 since %3"_s.arg(a.id, a.state, a.since.sourceKey));
    for (const reconcile::AsOfAccount &a : s.kitSubscribers)
        out.append(u"subscriber %1 %2 since %3"_s.arg(a.id, a.state, a.since.sourceKey));
    return out;
}

bool hasNote(const AsOfItem &item, AsOfNote::Kind kind)
{
    return std::any_of(item.notes.cbegin(), item.notes.cend(),
                       [kind](const AsOfNote &n) { return n.kind == kind; });
}
} // namespace

class TestAsOf : public QObject {
    Q_OBJECT

    // One person's rows in all three systems: a subscription canceled on day 20, a course bought on day 2
    // and refunded in part on day 5, a Circle access group from day 1 that a sync saw gone on day 15, a Kit
    // tag from day 1 untagged (seen) on day 12, a subscriber who bounced (seen) on day 10.
    Rows everything()
    {
        Rows rows;
        const auto stripe = stripeMapper();
        rows.add(stripe.mapObject(subscription(u"active"_s), kT0));
        rows.add(stripe.mapObject(subscription(u"canceled"_s, kT0 + 20 * kDay), kT0 + 20 * kDay));
        rows.add(stripe.mapObject(charge(u"ch_course"_s, 29900, kT0 + 2 * kDay, u"Launch Course"_s), kT0));
        rows.add(stripe.mapObject(refund(u"re_1"_s, u"ch_course"_s, 10000, kT0 + 5 * kDay), kT0));
        circleRows(rows);
        kitRows(rows);
        return rows;
    }

    void circleRows(Rows &rows)
    {
        circle::CircleMapper circle;
        circle.learn(circle::kind::AccessGroup, QJsonObject{{u"id"_s, 101}, {u"name"_s, u"Pro members"_s}});
        rows.add(circle.map(circle::kind::Member,
                            QJsonObject{{u"id"_s, 501},
                                        {u"email"_s, u"ada@example.com"_s},
                                        {u"active"_s, true},
                                        {u"created_at"_s, iso(kT0)},
                                        {u"accepted_invitation"_s, iso(kT0)}},
                            kT0));
        const QJsonObject record{{u"id"_s, 9001},
                                 {u"access_group_id"_s, 101},
                                 {u"community_member_id"_s, 501},
                                 {u"created_at"_s, iso(kT0 + kDay)}};
        rows.add(circle.map(circle::kind::AccessGroupMember, record, kT0 + kDay));
        rows.add(circle.removal(circle::kind::AccessGroup, u"101"_s,
                                StoredMembership{u"501"_s, circle::kind::AccessGroupMember, u"9001"_s,
                                                 kT0 + kDay, u"active"_s, QJsonDocument(record).toJson()},
                                kT0 + 15 * kDay));
    }

    void kitRows(Rows &rows)
    {
        kit::KitMapper kit;
        kit.learn(kit::kind::Tag, QJsonObject{{u"id"_s, 31}, {u"name"_s, u"pro-customer"_s}});
        const QJsonObject active{{u"id"_s, 701},
                                 {u"email_address"_s, u"ada@example.com"_s},
                                 {u"state"_s, u"active"_s},
                                 {u"created_at"_s, iso(kT0)}};
        rows.add(kit.map(kit::kind::Subscriber, active, kT0));
        const QJsonObject subscriber{
            {u"id"_s, 701}, {u"email_address"_s, u"ada@example.com"_s}, {u"tagged_at"_s, iso(kT0 + kDay)}};
        const auto tagging = kit.mapTagging(u"31"_s, subscriber, kT0 + kDay);
        rows.add(tagging);
        rows.add(kit.removal(kit::kind::Tag, u"31"_s,
                             StoredMembership{u"701"_s, kit::kind::Tagging,
                                              kit::KitMapper::taggingId(u"31"_s, u"701"_s), kT0 + kDay,
                                              u"active"_s, tagging.first().raw.json},
                             kT0 + 12 * kDay));
        QJsonObject bounced = active;
        bounced.insert(u"state"_s, u"bounced"_s);
        rows.add(kit.subscriberChanges(active, bounced, kT0 + 10 * kDay));
    }

private Q_SLOTS:
    void subscriptionThenCancel()
    {
        const auto rows = everything().list();
        const auto before = stateAsOf(rows, kT0 + 10 * kDay);
        const auto pro = std::find_if(before.entitlements.held.cbegin(), before.entitlements.held.cend(),
                                      [](const AsOfItem &i) { return i.key == "sub_1"_L1; });
        QVERIFY2(pro != before.entitlements.held.cend(), qPrintable(describe(before).join(u'\n')));
        QCOMPARE(pro->name, u"Pro"_s);
        QCOMPARE(pro->id, u"price_pro"_s);
        QCOMPARE(pro->product, u"prod_pro"_s);
        QCOMPARE(pro->since.kind, u"subscription_created"_s);
        QCOMPARE(pro->since.at, kT0);

        const auto after = stateAsOf(rows, kT0 + 21 * kDay);
        QCOMPARE(after.entitlements.held.size(), 1); // the course only
        QCOMPARE(after.entitlements.ended.size(), 1);
        QCOMPARE(after.entitlements.ended.first().key, u"sub_1"_s);
        QCOMPARE(after.entitlements.ended.first().end, AsOfItem::End::Canceled);
        QCOMPARE(after.entitlements.ended.first().ended->at, kT0 + 20 * kDay);
        QVERIFY(!after.entitlements.ended.first().ended->observed);

        // Before anything happened: nothing held, nothing ended, no rows.
        const auto earlier = stateAsOf(rows, kT0 - kDay);
        QVERIFY(earlier.entitlements.held.isEmpty() && earlier.entitlements.ended.isEmpty());
        QCOMPARE(earlier.rowsUpToMoment, 0);
    }

    void partialRefundKeepsFullRefundEnds()
    {
        Rows rows;
        const auto stripe = stripeMapper();
        rows.add(stripe.mapObject(charge(u"ch_course"_s, 29900, kT0, u"Launch Course"_s), kT0));
        rows.add(stripe.mapObject(refund(u"re_1"_s, u"ch_course"_s, 10000, kT0 + 2 * kDay), kT0));
        const auto partly = stateAsOf(rows.list(), kT0 + 3 * kDay);
        QCOMPARE(partly.entitlements.held.size(), 1);
        const AsOfItem course = partly.entitlements.held.first();
        QCOMPARE(course.name, u"Launch Course"_s);
        QCOMPARE(course.since.kind, u"payment_succeeded"_s);
        QCOMPARE(course.notes.size(), 1);
        QCOMPARE(course.notes.first().kind, AsOfNote::Kind::PartlyRefunded);
        QCOMPARE(course.notes.first().amount, 10000);
        QCOMPARE(course.notes.first().total, 29900);

        rows.add(stripe.mapObject(refund(u"re_2"_s, u"ch_course"_s, 19900, kT0 + 4 * kDay), kT0));
        const auto still = stateAsOf(rows.list(), kT0 + 3 * kDay);
        QCOMPARE(still.entitlements.held.size(), 1);
        const auto full = stateAsOf(rows.list(), kT0 + 5 * kDay);
        QVERIFY(full.entitlements.held.isEmpty());
        QCOMPARE(full.entitlements.ended.size(), 1);
        QCOMPARE(full.entitlements.ended.first().end, AsOfItem::End::Refunded);
        QCOMPARE(full.entitlements.ended.first().ended->sourceKey, u"refund:re_2"_s);
    }

    void disputeOpenKeepsLostEnds()
    {
        Rows rows;
        const auto stripe = stripeMapper();
        rows.add(stripe.mapObject(charge(u"ch_course"_s, 29900, kT0, u"Launch Course"_s), kT0));
        rows.add(stripe.mapObject(dispute(u"needs_response"_s, kT0 + kDay), kT0 + kDay));
        const auto open = stateAsOf(rows.list(), kT0 + 2 * kDay);
        QCOMPARE(open.entitlements.held.size(), 1);
        QVERIFY(hasNote(open.entitlements.held.first(), AsOfNote::Kind::DisputeOpen));

        // Lost, as a sync saw it on day 6 (no event): the entitlement ends by then.
        rows.add(stripe.mapObject(dispute(u"lost"_s, kT0 + kDay), kT0 + 6 * kDay));
        const auto stillOpen = stateAsOf(rows.list(), kT0 + 2 * kDay);
        QCOMPARE(stillOpen.entitlements.held.size(), 1);
        QVERIFY(hasNote(stillOpen.entitlements.held.first(), AsOfNote::Kind::DisputeOpen));
        // The loss was only seen by a sync: it may have come earlier than day 6.
        QVERIFY(hasNote(stillOpen.entitlements.held.first(), AsOfNote::Kind::MaybeEnded));
        const auto lost = stateAsOf(rows.list(), kT0 + 7 * kDay);
        QVERIFY(lost.entitlements.held.isEmpty());
        QCOMPARE(lost.entitlements.ended.first().end, AsOfItem::End::DisputeLost);
        QVERIFY(lost.entitlements.ended.first().ended->observed);
    }

    void disputeWonKeeps()
    {
        Rows rows;
        const auto stripe = stripeMapper();
        rows.add(stripe.mapObject(charge(u"ch_course"_s, 29900, kT0, u"Launch Course"_s), kT0));
        rows.add(stripe.mapObject(dispute(u"won"_s, kT0 + kDay), kT0 + 3 * kDay));
        const auto won = stateAsOf(rows.list(), kT0 + 4 * kDay);
        QCOMPARE(won.entitlements.held.size(), 1);
        QVERIFY(hasNote(won.entitlements.held.first(), AsOfNote::Kind::DisputeWon));
        QVERIFY(!hasNote(won.entitlements.held.first(), AsOfNote::Kind::DisputeOpen));
    }

    void pastDueEntitlesWithinTheGrace()
    {
        Rows rows;
        const auto stripe = stripeMapper();
        rows.add(stripe.mapObject(subscription(u"active"_s), kT0));
        rows.add(stripe.mapObject(subscription(u"past_due"_s), kT0 + 30 * kDay)); // seen by a sync
        const auto inGrace = stateAsOf(rows.list(), kT0 + 33 * kDay);
        QCOMPARE(inGrace.entitlements.held.size(), 1);
        const AsOfItem sub = inGrace.entitlements.held.first();
        QVERIFY(hasNote(sub, AsOfNote::Kind::PastDue));
        QCOMPARE(sub.notes.first().until, kT0 + 37 * kDay);
        const auto over = stateAsOf(rows.list(), kT0 + 38 * kDay);
        QVERIFY(over.entitlements.held.isEmpty());
        QCOMPARE(over.entitlements.ended.first().end, AsOfItem::End::GraceOver);
        // A founder's own grace.
        reconcile::AsOfSettings generous;
        generous.pastDueGraceSeconds = 14 * 24 * 3600;
        QCOMPARE(stateAsOf(rows.list(), kT0 + 38 * kDay, generous).entitlements.held.size(), 1);
    }

    void addedThenRemovedFromAnAccessGroup()
    {
        Rows rows;
        circleRows(rows);
        const auto in = stateAsOf(rows.list(), kT0 + 10 * kDay);
        QCOMPARE(in.accessGroups.held.size(), 1);
        const AsOfItem group = in.accessGroups.held.first();
        QCOMPARE(group.name, u"Pro members"_s);
        QCOMPARE(group.since.at, kT0 + kDay);
        QVERIFY(!group.since.observed);
        // The removal was seen on day 15; on day 10 it may already have happened.
        QVERIFY(hasNote(group, AsOfNote::Kind::MaybeEnded));
        QCOMPARE(in.circleMembers.size(), 1);
        QCOMPARE(in.circleMembers.first().state, u"active"_s);

        const auto out = stateAsOf(rows.list(), kT0 + 16 * kDay);
        QVERIFY(out.accessGroups.held.isEmpty());
        QCOMPARE(out.accessGroups.ended.size(), 1);
        QCOMPARE(out.accessGroups.ended.first().name, u"Pro members"_s);
        QCOMPARE(out.accessGroups.ended.first().end, AsOfItem::End::Removed);
        QVERIFY(out.accessGroups.ended.first().ended->observed); // no later than day 15
        QCOMPARE(out.accessGroups.ended.first().ended->at, kT0 + 15 * kDay);

        const auto beforeJoining = stateAsOf(rows.list(), kT0 + kDay / 2);
        QVERIFY(beforeJoining.accessGroups.held.isEmpty() && beforeJoining.accessGroups.ended.isEmpty());
    }

    void kitTagThenUntag()
    {
        Rows rows;
        kitRows(rows);
        const auto tagged = stateAsOf(rows.list(), kT0 + 5 * kDay);
        QCOMPARE(tagged.kitTags.held.size(), 1);
        QCOMPARE(tagged.kitTags.held.first().id, u"31"_s);
        QCOMPARE(tagged.kitTags.held.first().name, u"pro-customer"_s);
        const auto untagged = stateAsOf(rows.list(), kT0 + 13 * kDay);
        QVERIFY(untagged.kitTags.held.isEmpty());
        QCOMPARE(untagged.kitTags.ended.first().id, u"31"_s);
        QCOMPARE(untagged.kitTags.ended.first().end, AsOfItem::End::Removed);
    }

    void bouncedAfterATime()
    {
        Rows rows;
        kitRows(rows);
        const auto active = stateAsOf(rows.list(), kT0 + 5 * kDay);
        QCOMPARE(active.kitSubscribers.size(), 1);
        QCOMPARE(active.kitSubscribers.first().state, u"active"_s);
        QCOMPARE(active.kitSubscribers.first().since.kind, u"subscribed"_s);
        // The bounce was seen on day 10, so on day 5 it may already have bounced.
        QVERIFY(active.kitSubscribers.first().laterRow);
        QCOMPARE(active.kitSubscribers.first().laterState, u"bounced"_s);

        const auto bounced = stateAsOf(rows.list(), kT0 + 11 * kDay);
        QCOMPARE(bounced.kitSubscribers.first().state, u"bounced"_s);
        QVERIFY(bounced.kitSubscribers.first().since.observed);
        QCOMPARE(bounced.kitSubscribers.first().since.at, kT0 + 10 * kDay);
        QVERIFY(!bounced.kitSubscribers.first().laterRow);
    }

    void aSpaceTurnedInactive()
    {
        circle::CircleMapper circle;
        circle.learn(circle::kind::Space, QJsonObject{{u"id"_s, 201}, {u"name"_s, u"Lounge"_s}});
        QJsonObject record{{u"id"_s, 9101},
                           {u"space_id"_s, 201},
                           {u"community_member_id"_s, 501},
                           {u"status"_s, u"active"_s},
                           {u"created_at"_s, iso(kT0)}};
        Rows rows;
        rows.add(circle.map(circle::kind::SpaceMember, record, kT0));
        QJsonObject inactive = record;
        inactive.insert(u"status"_s, u"inactive"_s);
        rows.add(circle.spaceMemberChanges(record, inactive, kT0 + 4 * kDay));
        QCOMPARE(stateAsOf(rows.list(), kT0 + kDay).spaces.held.first().name, u"Lounge"_s);
        const auto later = stateAsOf(rows.list(), kT0 + 5 * kDay);
        QVERIFY(later.spaces.held.isEmpty());
        QCOMPARE(later.spaces.ended.first().end, AsOfItem::End::Inactive);
        // Active again: held again, from the row that said so.
        rows.add(circle.spaceMemberChanges(inactive, record, kT0 + 8 * kDay));
        const auto again = stateAsOf(rows.list(), kT0 + 9 * kDay);
        QCOMPARE(again.spaces.held.size(), 1);
        QCOMPARE(again.spaces.held.first().since.at, kT0 + 8 * kDay);
        QVERIFY(again.spaces.held.first().since.observed);
    }

    void aDeletedMemberTakesTheAccessWithIt()
    {
        Rows rows;
        circle::CircleMapper circle;
        const QJsonObject member{{u"id"_s, 501},
                                 {u"email"_s, u"ada@example.com"_s},
                                 {u"active"_s, true},
                                 {u"created_at"_s, iso(kT0)}};
        rows.add(circle.map(circle::kind::Member, member, kT0));
        rows.add(circle.map(circle::kind::AccessGroupMember,
                            QJsonObject{{u"id"_s, 9001},
                                        {u"access_group_id"_s, 101},
                                        {u"community_member_id"_s, 501},
                                        {u"created_at"_s, iso(kT0)}},
                            kT0));
        rows.add(circle.memberGone(member, kT0 + 3 * kDay));
        const auto gone = stateAsOf(rows.list(), kT0 + 4 * kDay);
        QCOMPARE(gone.circleMembers.first().state, u"deleted"_s);
        QVERIFY(gone.accessGroups.held.isEmpty());
        QCOMPARE(gone.accessGroups.ended.first().end, AsOfItem::End::AccountGone);
    }

    void aFullRefundOfASubscriptionPaymentEndsIt()
    {
        Rows rows;
        const auto stripe = stripeMapper();
        rows.add(stripe.mapObject(subscription(u"active"_s), kT0));
        rows.add(stripe.mapObject(charge(u"ch_sub"_s, 4900, kT0, u"Subscription creation"_s), kT0));
        rows.add(stripe.mapObject(refund(u"re_1"_s, u"ch_sub"_s, 4900, kT0 + 2 * kDay), kT0));
        // A subscription's payment is not a purchase of its own.
        const auto paid = stateAsOf(rows.list(), kT0 + kDay);
        QCOMPARE(paid.entitlements.held.size(), 1);
        QCOMPARE(paid.entitlements.held.first().key, u"sub_1"_s);
        const auto refunded = stateAsOf(rows.list(), kT0 + 3 * kDay);
        QVERIFY(refunded.entitlements.held.isEmpty());
        QCOMPARE(refunded.entitlements.ended.first().end, AsOfItem::End::Refunded);
        // The next renewal paid makes it good again.
        rows.add(
            stripe.mapObject(charge(u"ch_sub2"_s, 4900, kT0 + 30 * kDay, u"Subscription update"_s), kT0));
        QCOMPARE(stateAsOf(rows.list(), kT0 + 31 * kDay).entitlements.held.size(), 1);
    }

    void rowsInAnyOrderGiveTheSameState()
    {
        const QList<TimelineEvent> rows = everything().list();
        QList<TimelineEvent> reversed(rows.crbegin(), rows.crend());
        QList<TimelineEvent> shuffled = rows;
        std::mt19937 random(7);
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        for (const Millis at :
             {kT0 - 1, kT0, kT0 + kDay, kT0 + 5 * kDay, kT0 + 11 * kDay, kT0 + 16 * kDay, kT0 + 25 * kDay}) {
            const QStringList expected = describe(stateAsOf(rows, at));
            QCOMPARE(describe(stateAsOf(reversed, at)), expected);
            QCOMPARE(describe(stateAsOf(shuffled, at)), expected);
        }
        // And the whole picture on day 16: course kept (partly refunded), subscription still on, group gone,
        // tag gone, bounced.
        const auto s = stateAsOf(rows, kT0 + 16 * kDay);
        QCOMPARE(s.entitlements.held.size(), 2);
        QVERIFY(std::any_of(s.entitlements.held.cbegin(), s.entitlements.held.cend(), [](const AsOfItem &i) {
            return i.name == "Launch Course"_L1 && hasNote(i, AsOfNote::Kind::PartlyRefunded);
        }));
        QVERIFY(s.accessGroups.held.isEmpty());
        QVERIFY(s.kitTags.held.isEmpty());
        QCOMPARE(s.kitSubscribers.first().state, u"bounced"_s);
    }
};

QTEST_GUILESS_MAIN(TestAsOf)
#include "tst_asof.moc"
