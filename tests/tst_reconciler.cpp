// The reconciler as a pure function: journeys (facts) to expected findings, every rule and its boundaries,
// both directions on one person, settings, determinism.
#include "reconcile/Reconciler.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace sb;
using namespace sb::reconcile;

namespace {

constexpr Millis Sec = 1000;
constexpr Millis Min = 60 * Sec;
constexpr Millis Hour = 60 * Min;
constexpr Millis Day = 24 * Hour;
const Millis Now = Millis(1'795'000'000) * 1000;

Policy testPolicy()
{
    auto p = Policy::fromJson(QJsonDocument::fromJson(R"([
        {"price": "price_monthly", "circle_access_groups": [101], "kit_tags": [501], "kit_sequences": [601]},
        {"product": "prod_course", "circle_access_groups": [102], "circle_spaces": [202], "kit_tags": [502],
         "kit_sequences": [602]}
    ])")
                                  .array());
    if (!p)
        qFatal("test policy: %s", qPrintable(p.error().message));
    return p.value();
}

Catalog testCatalog()
{
    Catalog c;
    c.add({u"stripe"_s, catalog::Price, u"price_monthly"_s, u"Pro (monthly)"_s, u"prod_pro"_s, {}, true});
    c.add({u"stripe"_s, catalog::Price, u"price_course"_s, u"Launch Course"_s, u"prod_course"_s, {}, true});
    c.add({u"circle"_s, catalog::AccessGroup, u"101"_s, u"Pro members"_s, {}, {}, true});
    c.add({u"circle"_s, catalog::AccessGroup, u"102"_s, u"Course students"_s, {}, {}, true});
    c.add({u"circle"_s, catalog::Space, u"202"_s, u"Course space"_s, {}, {}, true});
    c.add({u"kit"_s, catalog::Tag, u"501"_s, u"pro-customer"_s, {}, {}, true});
    c.add({u"kit"_s, catalog::Tag, u"502"_s, u"course-student"_s, {}, {}, true});
    c.add({u"kit"_s, catalog::Sequence, u"601"_s, u"Pro onboarding"_s, {}, {}, true});
    c.add({u"kit"_s, catalog::Sequence, u"602"_s, u"Course onboarding"_s, {}, {}, true});
    return c;
}

// A person built up journey-style.
struct P {
    PersonFacts f;
    explicit P(qint64 id = 1, const QString &email = u"ada@example.com"_s)
    {
        f.personId = id;
        f.name = u"Ada Lovelace"_s;
        f.emails = {email};
        f.accounts.append(
            Account{u"stripe"_s, u"cus_%1"_s.arg(id), email, email, u"active"_s, Now - 90 * Day});
    }
    P &subscribe(const QString &status, Millis at, const QString &price = u"price_monthly"_s)
    {
        Subscription s;
        s.id = u"sub_%1"_s.arg(f.subscriptions.size() + 1);
        s.status = status;
        s.created = at;
        s.prices = {price};
        s.products = {u"prod_pro"_s};
        f.subscriptions.append(s);
        pay(at, u"price"_s, s.id);
        return *this;
    }
    Subscription &sub() { return f.subscriptions.last(); }
    P &pay(Millis at, const QString &price = {}, const QString &subscription = {}, qint64 amount = 4900)
    {
        Charge c;
        c.id = u"ch_%1"_s.arg(f.charges.size() + 1);
        c.paymentIntent = u"pi_%1"_s.arg(f.charges.size() + 1);
        c.at = at;
        c.status = u"succeeded"_s;
        c.amount = amount;
        c.currency = u"usd"_s;
        c.subscription = subscription;
        if (subscription.isEmpty() && !price.isEmpty() && price != "price"_L1) {
            c.price = price;
            c.product = u"prod_course"_s;
        }
        f.charges.append(c);
        return *this;
    }
    P &buy(Millis at, const QString &price = u"price_course"_s)
    {
        pay(at, price, {}, 29900);
        Purchase pu;
        pu.session = u"cs_%1"_s.arg(f.purchases.size() + 1);
        pu.paymentIntent = f.charges.last().paymentIntent;
        pu.at = at;
        pu.prices = {price};
        pu.products = {u"prod_course"_s};
        pu.paymentStatus = u"paid"_s;
        f.purchases.append(pu);
        return *this;
    }
    P &refundLast(qint64 amount, Millis at)
    {
        f.charges.last().refunded = amount;
        f.charges.last().refundedAt = at;
        return *this;
    }
    P &dispute(const QString &status, Millis at)
    {
        Dispute d;
        d.id = u"du_%1"_s.arg(f.disputes.size() + 1);
        d.charge = f.charges.last().id;
        d.at = at;
        d.status = status;
        d.reason = u"fraudulent"_s;
        d.amount = f.charges.last().amount;
        d.currency = u"usd"_s;
        d.dueBy = at + 7 * Day;
        f.disputes.append(d);
        return *this;
    }
    P &circle(const QString &id = u"9001"_s, const QString &state = u"active"_s, const QString &email = {})
    {
        const QString e = email.isEmpty() ? f.emails.first() : email;
        f.accounts.append(Account{u"circle"_s, id, e, e.toLower(), state, Now - 80 * Day});
        return *this;
    }
    P &kit(const QString &id = u"7001"_s, const QString &state = u"active"_s)
    {
        f.accounts.append(Account{u"kit"_s, id, f.emails.first(), f.emails.first(), state, Now - 80 * Day});
        return *this;
    }
    P &in(const QString &provider, const QString &kind, const QString &container, Millis since,
          const QString &member = {})
    {
        QString m = member;
        if (m.isEmpty()) {
            for (const Account &a : f.accounts) {
                if (a.provider == provider) {
                    m = a.id;
                    break;
                }
            }
        }
        f.memberships.append(Membership{provider, kind, container, m, since, u"active"_s});
        return *this;
    }
    P &group(const QString &id, Millis since = Now - 60 * Day)
    {
        return in(u"circle"_s, catalog::AccessGroup, id, since);
    }
    P &tag(const QString &id, Millis since = Now - 60 * Day) { return in(u"kit"_s, catalog::Tag, id, since); }
    // A paying, fully served monthly member.
    static P healthy()
    {
        P p;
        p.subscribe(u"active"_s, Now - 60 * Day).circle().group(u"101"_s).kit().tag(u"501"_s);
        return p;
    }
};

QStringList rules(const ReconcileResult &r)
{
    QStringList out;
    for (const Finding &f : r.findings)
        out.append(f.rule);
    out.sort();
    return out;
}

const Finding *find(const ReconcileResult &r, const QString &rule)
{
    for (const Finding &f : r.findings) {
        if (f.rule == rule)
            return &f;
    }
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(sb::reconcile::PersonFacts)

class TestReconciler : public QObject {
    Q_OBJECT

    Reconciler m_r{testPolicy(), testCatalog()};

private Q_SLOTS:
    void journeys_data()
    {
        QTest::addColumn<PersonFacts>("facts");
        QTest::addColumn<QStringList>("expected");
        const auto row = [](const char *name, const P &p, QStringList expected) {
            expected.sort();
            QTest::newRow(name) << p.f << expected;
        };
        row("healthy member", P::healthy(), {});
        row("trialing counts as entitled",
            P().subscribe(u"trialing"_s, Now - Day).circle().group(u"101"_s).kit().tag(u"501"_s), {});

        // paid_without_access: grace 120 s from the payment.
        row("paid, no Circle member, inside grace",
            P().subscribe(u"active"_s, Now - 119 * Sec).kit().tag(u"501"_s), {});
        row("paid, no Circle member, past grace",
            P().subscribe(u"active"_s, Now - 121 * Sec).kit().tag(u"501"_s), {u"paid_without_access"_s});
        row("paid, member without the group",
            P().subscribe(u"active"_s, Now - Day).circle().kit().tag(u"501"_s), {u"paid_without_access"_s});
        row("paid, member deactivated (still listed in the group)",
            P().subscribe(u"active"_s, Now - Day)
                .circle(u"9001"_s, u"inactive"_s)
                .group(u"101"_s)
                .kit()
                .tag(u"501"_s),
            {u"paid_without_access"_s});
        row("course bought: group and space both missing", P().buy(Now - Day).circle().kit().tag(u"502"_s),
            {u"paid_without_access"_s, u"paid_without_access"_s});

        // access_without_payment: grace 5 min from the end of the entitlement.
        {
            P p = P::healthy();
            p.sub().status = u"canceled"_s;
            p.sub().endedAt = Now - 4 * Min;
            p.f.memberships.removeIf([](const Membership &m) { return m.provider == "kit"_L1; });
            row("canceled 4 min ago, still in the group", p, {});
            p.sub().endedAt = Now - 6 * Min;
            row("canceled 6 min ago, still in the group", p, {u"access_without_payment"_s});
        }
        row("never paid, in the paid group", P().circle().group(u"101"_s), {u"access_without_payment"_s});
        row("in an unsold group", P().circle().group(u"999"_s), {});
        {
            P p;
            p.circle().group(u"101"_s).kit().tag(u"501"_s);
            p.f.comps.append(Comp{u"price_monthly"_s, Now - Day, 0, u"ada"_s, u"speaker"_s});
            row("comped: access without payment is fine", p, {});
            p.f.comps.first().until = Now - Hour;
            row("comp ended an hour ago", p, {u"access_without_payment"_s, u"stale_tag"_s});
        }
        row("course fully refunded, still in group and space",
            P().buy(Now - 10 * Day)
                .refundLast(29900, Now - Hour)
                .circle()
                .group(u"102"_s)
                .in(u"circle"_s, catalog::Space, u"202"_s, Now - 10 * Day),
            {u"access_without_payment"_s, u"access_without_payment"_s});
        row("course partially refunded keeps access",
            P().buy(Now - 10 * Day)
                .refundLast(5000, Now - Hour)
                .circle()
                .group(u"102"_s)
                .in(u"circle"_s, catalog::Space, u"202"_s, Now - 10 * Day)
                .kit()
                .tag(u"502"_s),
            {});

        // Disputes: open needs a response but keeps access; won is nothing; lost ends the entitlement.
        {
            P p = P::healthy();
            p.dispute(u"needs_response"_s, Now - Day);
            row("dispute open", p, {u"dispute_open"_s});
            p.f.disputes.first().status = u"warning_needs_response"_s;
            row("inquiry open", p, {u"dispute_open"_s});
            p.f.disputes.first().status = u"won"_s;
            row("dispute won", p, {});
            p.f.disputes.first().status = u"lost"_s;
            p.f.disputes.first().closedAt = Now - Hour;
            row("dispute lost", p, {u"access_without_payment"_s, u"stale_tag"_s});
        }

        // past_due: entitled for 7 days from the failed renewal.
        {
            P p = P::healthy();
            p.sub().status = u"past_due"_s;
            p.sub().openInvoice = u"in_1"_s;
            p.sub().failedAt = Now - 6 * Day;
            row("past_due inside grace", p, {u"payment_failed"_s});
            p.sub().failedAt = Now - 7 * Day - 11 * Min;
            row("past_due beyond grace", p,
                {u"payment_failed"_s, u"access_without_payment"_s, u"stale_tag"_s});
            p.sub().status = u"unpaid"_s;
            row("unpaid", p, {u"payment_failed"_s, u"access_without_payment"_s, u"stale_tag"_s});
        }

        // Kit tags: grace 10 min.
        row("missing tag inside grace",
            P().subscribe(u"active"_s, Now - 9 * Min).circle().group(u"101"_s).kit(), {});
        row("missing tag past grace",
            P().subscribe(u"active"_s, Now - 11 * Min).circle().group(u"101"_s).kit(), {u"missing_tag"_s});
        row("no Kit subscriber at all", P().subscribe(u"active"_s, Now - Day).circle().group(u"101"_s),
            {u"missing_tag"_s});
        row("tag kept after the course refund",
            P().buy(Now - 10 * Day).refundLast(29900, Now - Hour).kit().tag(u"502"_s), {u"stale_tag"_s});
        row("unsold tag", P().kit().tag(u"999"_s), {});

        // Duplicates.
        row("two Circle members differing only in case",
            P::healthy().circle(u"9002"_s, u"active"_s, u"Ada@Example.com"_s), {u"duplicate_member"_s});
        row("two Kit subscribers", P::healthy().kit(u"7002"_s), {u"duplicate_subscriber"_s});
        row("an old deactivated Circle member beside the active one is history, not a duplicate",
            P::healthy().circle(u"9000"_s, u"inactive"_s), {});
        row("a cancelled Kit subscriber beside the active one", P::healthy().kit(u"7000"_s, u"cancelled"_s),
            {});
        row("invited with the group, not joined yet: no alarm",
            P().subscribe(u"active"_s, Now - Hour)
                .circle(u"9001"_s, u"invited"_s)
                .group(u"101"_s)
                .kit()
                .tag(u"501"_s),
            {});
        row("course bought twice within 5 min",
            P().buy(Now - Day)
                .buy(Now - Day + 5 * Min)
                .circle()
                .group(u"102"_s)
                .in(u"circle"_s, catalog::Space, u"202"_s, Now - Day)
                .kit()
                .tag(u"502"_s),
            {u"duplicate_purchase"_s});
        row("course bought twice 11 min apart",
            P().buy(Now - Day)
                .buy(Now - Day + 11 * Min)
                .circle()
                .group(u"102"_s)
                .in(u"circle"_s, catalog::Space, u"202"_s, Now - Day)
                .kit()
                .tag(u"502"_s),
            {});
        row("double purchase already refunded",
            P().buy(Now - Day)
                .buy(Now - Day + 5 * Min)
                .refundLast(29900, Now - Hour)
                .circle()
                .group(u"102"_s)
                .in(u"circle"_s, catalog::Space, u"202"_s, Now - Day)
                .kit()
                .tag(u"502"_s),
            {});

        // Undeliverable email matters for paying people only.
        row("bounced and entitled", P::healthy().kit(u"7002"_s, u"bounced"_s).tag(u"501"_s),
            {u"duplicate_subscriber"_s, u"undeliverable_email"_s});
        {
            P p;
            p.kit(u"7001"_s, u"complained"_s);
            row("complained, not a customer", p, {});
        }

        // Both directions on one person: paid for Pro without the group, in the course group without paying.
        row("both directions",
            P().subscribe(u"active"_s, Now - Day).circle().group(u"102"_s).kit().tag(u"501"_s),
            {u"paid_without_access"_s, u"access_without_payment"_s});
    }

    void journeys()
    {
        QFETCH(PersonFacts, facts);
        QFETCH(QStringList, expected);
        const ReconcileResult r = m_r.person(facts, Now);
        QCOMPARE(rules(r), expected);
        for (const Finding &f : r.findings) {
            QVERIFY2(!f.key.isEmpty() && !f.summary.isEmpty() && !f.why.isEmpty(), qPrintable(f.rule));
            QVERIFY2(!f.fix.isEmpty(), qPrintable(f.rule));
            QCOMPARE(f.personId, facts.personId);
            QVERIFY(f.emails.contains(facts.emails.first()));
        }
    }

    void graceTellsWhenToLookAgain()
    {
        const P p = P().subscribe(u"active"_s, Now - 100 * Sec).kit().tag(u"501"_s);
        const ReconcileResult r = m_r.person(p.f, Now);
        QVERIFY(r.findings.isEmpty());
        QCOMPARE(r.nextDue, Now - 100 * Sec + 120 * Sec);
        // At that moment it is a finding.
        QCOMPARE(rules(m_r.person(p.f, r.nextDue)), QStringList{u"paid_without_access"_s});
    }

    void pastDueGraceEndIsANextDue()
    {
        P p = P::healthy();
        p.sub().status = u"past_due"_s;
        p.sub().failedAt = Now - Day;
        QCOMPARE(m_r.person(p.f, Now).nextDue, Now - Day + 7 * Day);
    }

    void fixPlansNameTheRemoteCalls()
    {
        {
            const P p = P().subscribe(u"active"_s, Now - Day).kit().tag(u"501"_s);
            const ReconcileResult res1 = m_r.person(p.f, Now);

            const Finding *f = find(res1, u"paid_without_access"_s);
            QVERIFY(f);
            QCOMPARE(f->fix.size(), 1);
            QCOMPARE(f->fix.first().action, u"circle.invite_member"_s);
            QCOMPARE(f->fix.first().params.value("access_groups"_L1).toArray(), QJsonArray{u"101"_s});
            QCOMPARE(f->fix.first().description,
                     u"Invite ada@example.com to Circle with access group Pro members"_s);
            QVERIFY(f->severity == Severity::High);
            QVERIFY(f->summary.contains(u"Pro (monthly)"_s));
            QCOMPARE(f->facts.value("entitlement"_L1).toObject().value("source_id"_L1).toString(),
                     u"sub_1"_s);
        }
        {
            const P p = P().subscribe(u"active"_s, Now - Day).circle().kit().tag(u"501"_s);
            const ReconcileResult res2 = m_r.person(p.f, Now);

            const Finding *f = find(res2, u"paid_without_access"_s);
            QCOMPARE(f->fix.first().action, u"circle.add_access_group"_s);
            QCOMPARE(f->fix.first().params.value("member_id"_L1).toString(), u"9001"_s);
        }
        {
            P p;
            p.circle().group(u"101"_s);
            const ReconcileResult res3 = m_r.person(p.f, Now);

            const Finding *f = find(res3, u"access_without_payment"_s);
            QCOMPARE(f->fix.first().action, u"circle.remove_access_group"_s);
            QCOMPARE(f->fix.first().description, u"Remove ada@example.com from access group Pro members"_s);
        }
        {
            // No subscriber: create, tag, and start the onboarding sequence; an existing one: just the tag.
            const P none = P().subscribe(u"active"_s, Now - Day).circle().group(u"101"_s);
            const ReconcileResult res4 = m_r.person(none.f, Now);

            const Finding *f = find(res4, u"missing_tag"_s);
            QStringList actions;
            for (const FixStep &s : f->fix)
                actions.append(s.action);
            QCOMPARE(actions,
                     (QStringList{u"kit.add_subscriber"_s, u"kit.add_tag"_s, u"kit.add_to_sequence"_s}));
            const P some = P().subscribe(u"active"_s, Now - Day).circle().group(u"101"_s).kit();
            const ReconcileResult res5 = m_r.person(some.f, Now);

            f = find(res5, u"missing_tag"_s);
            QCOMPARE(f->fix.size(), 1);
            QCOMPARE(f->fix.first().params.value("subscriber_id"_L1).toString(), u"7001"_s);
        }
        {
            // The duplicate to retire is the one holding nothing.
            const P p = P::healthy().circle(u"9002"_s, u"active"_s, u"Ada@Example.com"_s);
            const ReconcileResult res6 = m_r.person(p.f, Now);

            const Finding *f = find(res6, u"duplicate_member"_s);
            QCOMPARE(f->fix.size(), 1);
            QCOMPARE(f->fix.first().params.value("member_id"_L1).toString(), u"9002"_s);
        }
    }

    void duplicatesKeepTheJoinedAccount()
    {
        // An invited (not joined) account holding more groups is still the one to retire.
        P p = P::healthy().circle(u"9002"_s, u"invited"_s, u"Ada@Example.com"_s);
        p.in(u"circle"_s, catalog::Space, u"202"_s, Now - Day, u"9002"_s)
            .in(u"circle"_s, catalog::AccessGroup, u"102"_s, Now - Day, u"9002"_s);
        const ReconcileResult r = m_r.person(p.f, Now);
        const Finding *f = find(r, u"duplicate_member"_s);
        QVERIFY(f);
        QCOMPARE(f->fix.first().params.value("member_id"_L1).toString(), u"9002"_s);
    }

    void deletedMembersAreNeverReactivated()
    {
        const P p = P().subscribe(u"active"_s, Now - Day).circle(u"9001"_s, u"deleted"_s).kit().tag(u"501"_s);
        const ReconcileResult r = m_r.person(p.f, Now);
        const Finding *f = find(r, u"paid_without_access"_s);
        QVERIFY(f);
        QVERIFY(!f->fix.first().params.contains("member_id"_L1)); // a fresh invitation, not member 9001
        QVERIFY(f->fix.first().description.startsWith(u"Invite"_s));
    }

    void theAnchorIsTheFirstAccount()
    {
        // A newer customer whose id sorts first must not rename every finding of the person.
        P p = P().subscribe(u"active"_s, Now - Day).kit().tag(u"501"_s);
        const QString before = p.f.anchor();
        p.f.accounts.append(
            Account{u"stripe"_s, u"cus_0000"_s, p.f.emails.first(), p.f.emails.first(), u"active"_s, Now});
        QCOMPARE(p.f.anchor(), before);
    }

    void accessWithoutPaymentSaysWhatEnded()
    {
        P p = P::healthy();
        p.sub().status = u"canceled"_s;
        p.sub().endedAt = Now - Day;
        const ReconcileResult res7 = m_r.person(p.f, Now);

        const Finding *f = find(res7, u"access_without_payment"_s);
        QVERIFY(f);
        QCOMPARE(f->since, Now - Day); // the end of the entitlement, not the joining
        QVERIFY2(f->summary.contains(u"was canceled"_s), qPrintable(f->summary));
        QCOMPARE(f->facts.value("entitlement"_L1).toObject().value("end_reason"_L1).toString(),
                 u"canceled"_s);
    }

    void possibleSamePersonOnThePayingSideOnly()
    {
        P payer = P::healthy();
        payer.f.lookAlikes.append(
            LookAlike{2, u"Ada"_s, u"ada+news@example.com"_s, u"loose_email"_s, u"kit:7009"_s, false});
        P other(2, u"ada+news@example.com"_s);
        other.f.accounts.clear();
        other.kit(u"7009"_s);
        other.f.lookAlikes.append(
            LookAlike{1, u"Ada"_s, u"ada@example.com"_s, u"loose_email"_s, u"stripe:cus_1"_s, true});
        const ReconcileResult a = m_r.person(payer.f, Now);
        const ReconcileResult b = m_r.person(other.f, Now);
        QCOMPARE(rules(a), QStringList{u"possible_same_person"_s});
        QVERIFY(rules(b).isEmpty());
        QCOMPARE(a.findings.first().fix.first().action, u"identity.link"_s);
        // The key does not depend on which side computed it.
        QCOMPARE(a.findings.first().key, u"possible_same_person|kit:7009|stripe:cus_1"_s);
    }

    void keysSurviveARebuild()
    {
        // Person ids change in a rebuild; keys name identities, so the same finding keeps its key.
        P p = P().subscribe(u"active"_s, Now - Day).kit().tag(u"501"_s);
        const QString key = m_r.person(p.f, Now).findings.first().key;
        p.f.personId = 77;
        QCOMPARE(m_r.person(p.f, Now).findings.first().key, key);
        QVERIFY(!key.contains(u"person"_s));
    }

    void deterministic()
    {
        P p = P().subscribe(u"active"_s, Now - Day)
                  .circle()
                  .group(u"102"_s)
                  .circle(u"9002"_s)
                  .kit()
                  .kit(u"7002"_s);
        p.buy(Now - 2 * Day).buy(Now - 2 * Day + Min).dispute(u"needs_response"_s, Now - Hour);
        const auto dump = [](const ReconcileResult &r) {
            QJsonArray a;
            for (const Finding &f : r.findings)
                a.append(QJsonObject{{u"key"_s, f.key},
                                     {u"summary"_s, f.summary},
                                     {u"why"_s, f.why},
                                     {u"facts"_s, f.facts},
                                     {u"fix"_s, f.fixJson()},
                                     {u"since"_s, f.since}});
            return QJsonDocument(a).toJson();
        };
        const QByteArray first = dump(m_r.person(p.f, Now));
        QVERIFY(first.size() > 100);
        for (int round = 0; round < 5; ++round) {
            PersonFacts shuffled = p.f;
            auto *rng = QRandomGenerator::global();
            std::shuffle(shuffled.memberships.begin(), shuffled.memberships.end(), *rng);
            std::shuffle(shuffled.charges.begin(), shuffled.charges.end(), *rng);
            std::shuffle(shuffled.purchases.begin(), shuffled.purchases.end(), *rng);
            std::shuffle(shuffled.accounts.begin(), shuffled.accounts.end(), *rng);
            QCOMPARE(dump(m_r.person(shuffled, Now)), first);
        }
    }

    void noPolicyOnlyPolicyFreeRules()
    {
        const Reconciler bare{Policy{}, Catalog{}};
        P p = P().subscribe(u"active"_s, Now - Day)
                  .circle()
                  .circle(u"9002"_s)
                  .dispute(u"needs_response"_s, Now - Hour);
        QCOMPARE(rules(bare.person(p.f, Now)), (QStringList{u"dispute_open"_s, u"duplicate_member"_s}));
    }

    void rulesWaitForTheirProvidersFirstSync()
    {
        // Circle never synced: nobody is "paid without access", Kit rules still run.
        ReconcileSettings s = ReconcileSettings::defaults();
        s.knownProviders = {u"stripe"_s, u"kit"_s};
        const Reconciler r{testPolicy(), testCatalog(), s};
        const P p = P().subscribe(u"active"_s, Now - Day).kit();
        QCOMPARE(rules(r.person(p.f, Now)), QStringList{u"missing_tag"_s});
        s.knownProviders = {u"circle"_s, u"kit"_s};
        const Reconciler noStripe{testPolicy(), testCatalog(), s};
        QVERIFY(rules(noStripe.person(P().circle().group(u"101"_s).f, Now)).isEmpty());
    }

    void syncStale()
    {
        const QList<SyncHealth> health = {
            {u"stripe"_s, Now - 10 * Min, 5 * 60, true, {}},             // within 2 intervals + 5 min
            {u"circle"_s, Now - 66 * Min, 30 * 60, true, u"HTTP 401"_s}, // 30+30+5 = 65 min allowed
            {u"kit"_s, 0, 5 * 60, false, {}},                            // not connected
        };
        const ReconcileResult r = m_r.syncs(health, Now);
        QCOMPARE(rules(r), QStringList{u"sync_stale"_s});
        QCOMPARE(r.findings.first().key, u"sync_stale|circle"_s);
        QVERIFY(r.findings.first().why.contains(u"HTTP 401"_s));
        QCOMPARE(r.findings.first().personId, 0);
        QVERIFY(m_r.syncs({{u"kit"_s, 0, 300, true, u"timeout"_s}}, Now).findings.size() == 1);
        QVERIFY(m_r.syncs({{u"kit"_s, 0, 300, true, {}}}, Now).findings.isEmpty());
    }

    void settingsFromConfig()
    {
        auto s = ReconcileSettings::fromConfig({{u"paid_without_access_grace_seconds"_s, u"3600"_s},
                                                {u"stale_tag_severity"_s, u"high"_s},
                                                {u"duplicate_member_enabled"_s, u"false"_s},
                                                {u"past_due_grace_days"_s, u"3"_s}});
        QVERIFY(s);
        QCOMPARE(s->rule(u"paid_without_access"_s).graceSeconds, 3600);
        QVERIFY(s->rule(u"stale_tag"_s).severity == Severity::High);
        QVERIFY(!s->rule(u"duplicate_member"_s).enabled);
        QCOMPARE(s->entitlement.pastDueGraceSeconds, 3 * 24 * 3600);

        const Reconciler r{testPolicy(), testCatalog(), s.value()};
        const P p = P().subscribe(u"active"_s, Now - Hour + Min)
                        .kit()
                        .tag(u"501"_s)
                        .circle(u"9001"_s)
                        .circle(u"9002"_s);
        QVERIFY(rules(r.person(p.f, Now)).isEmpty()); // inside the longer grace; duplicates switched off
        P past = P::healthy();
        past.sub().status = u"past_due"_s;
        past.sub().failedAt = Now - 4 * Day;
        QVERIFY(rules(r.person(past.f, Now)).contains(u"access_without_payment"_s));

        for (const auto &[key, value] :
             {std::pair{u"paid_without_acces_severity"_s, u"high"_s},
              std::pair{u"stale_tag_severity"_s, u"urgent"_s},
              std::pair{u"stale_tag_grace_seconds"_s, u"-1"_s}, std::pair{u"stale_tag_colour"_s, u"red"_s},
              std::pair{u"past_due_grace_days"_s, u"many"_s}}) {
            auto bad = ReconcileSettings::fromConfig({{key, value}});
            QVERIFY2(!bad, qPrintable(key));
            QVERIFY2(bad.error().message.contains(key), qPrintable(bad.error().message));
        }
    }

    void entitlementStates()
    {
        P p = P::healthy();
        p.sub().status = u"past_due"_s;
        p.sub().failedAt = Now - Day;
        auto e = entitlements(p.f, Now);
        QCOMPARE(e.size(), 1);
        QCOMPARE(toString(e.first().state), u"grace"_s);
        QCOMPARE(e.first().until, Now + 6 * Day);
        p.sub().status = u"incomplete"_s;
        QVERIFY(entitlements(p.f, Now).isEmpty()); // never began
        const P refunded = P().buy(Now - Day).refundLast(29900, Now - Hour);
        e = entitlements(refunded.f, Now);
        QCOMPARE(toString(e.first().state), u"ended"_s);
        QCOMPARE(e.first().endReason, u"refunded"_s);
        QCOMPARE(e.first().until, Now - Hour);
        // A refund of an older period does not end the current one.
        P renewed = P::healthy();
        renewed.refundLast(4900, Now - 50 * Day).pay(Now - 30 * Day, u"price"_s, u"sub_1"_s);
        QVERIFY(entitlements(renewed.f, Now).first().entitled());
    }
};

QTEST_GUILESS_MAIN(TestReconciler)
#include "tst_reconciler.moc"
