#include "reconcile/Entitlement.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::reconcile {

namespace {

// The latest successful charge whose field (its subscription, its payment intent) is `value`.
const Charge *latestPaid(const PersonFacts &f, QString Charge::*field, const QString &value)
{
    if (value.isEmpty())
        return nullptr;
    const Charge *best = nullptr;
    for (const Charge &c : f.charges) {
        if (c.*field == value && c.status == "succeeded"_L1 && (!best || c.at > best->at))
            best = &c;
    }
    return best;
}

const Dispute *lostDispute(const PersonFacts &f, const QString &charge)
{
    for (const Dispute &d : f.disputes) {
        if (d.charge == charge && d.status == "lost"_L1)
            return &d;
    }
    return nullptr;
}

// A payment undone: fully refunded, or a dispute lost. Ends what it paid for.
void endIfUndone(const PersonFacts &f, const Charge *paid, Entitlement &e)
{
    if (!paid || !e.entitled())
        return;
    if (paid->fullyRefunded()) {
        e.state = Entitlement::State::Ended;
        e.endReason = u"refunded"_s;
        e.until = paid->refundedAt ? paid->refundedAt : paid->at;
    } else if (const Dispute *d = lostDispute(f, paid->id)) {
        e.state = Entitlement::State::Ended;
        e.endReason = u"dispute_lost"_s;
        e.until = d->closedAt ? d->closedAt : d->at;
    }
}

void fromSubscription(const PersonFacts &f, const Subscription &s, Millis now,
                      const EntitlementSettings &settings, QList<Entitlement> &out)
{
    // Never began: an incomplete first payment grants nothing and ends nothing.
    if (s.status == "incomplete"_L1 || s.status == "incomplete_expired"_L1)
        return;
    Entitlement e;
    e.source = u"subscription"_s;
    e.sourceId = s.id;
    e.since = s.created;
    const Millis ended = s.endedAt ? s.endedAt : s.canceledAt;
    if (s.status == "active"_L1 || s.status == "trialing"_L1) {
        e.state = Entitlement::State::Active;
    } else if (s.status == "past_due"_L1) {
        const Millis graceEnd = s.failedAt ? s.failedAt + settings.pastDueGraceSeconds * 1000 : 0;
        if (!graceEnd || now < graceEnd) {
            e.state = Entitlement::State::Grace;
            e.until = graceEnd;
        } else {
            e.state = Entitlement::State::Ended;
            e.endReason = u"past_due"_s;
            e.until = graceEnd;
        }
    } else if (s.status == "unpaid"_L1) {
        e.state = Entitlement::State::Ended;
        e.endReason = u"unpaid"_s;
        e.until = s.failedAt ? s.failedAt : ended;
    } else if (s.status == "paused"_L1) {
        e.state = Entitlement::State::Ended;
        e.endReason = u"paused"_s;
        e.until = ended;
    } else { // canceled, or a status this build does not know: no access on an unknown state
        e.state = Entitlement::State::Ended;
        e.endReason = s.status == "canceled"_L1 ? u"canceled"_s : s.status;
        e.until = ended;
    }
    endIfUndone(f, latestPaid(f, &Charge::subscription, s.id), e);
    for (qsizetype i = 0; i < s.prices.size(); ++i) {
        Entitlement one = e;
        one.price = s.prices.at(i);
        one.product = s.products.value(i);
        out.append(one);
    }
}

void fromPurchase(const PersonFacts &f, const Purchase &p, QList<Entitlement> &out)
{
    if (p.paymentStatus == "unpaid"_L1)
        return; // an asynchronous payment that has not cleared yet
    Entitlement e;
    e.source = u"purchase"_s;
    e.sourceId = p.session;
    e.since = p.at;
    endIfUndone(f, latestPaid(f, &Charge::paymentIntent, p.paymentIntent), e);
    for (qsizetype i = 0; i < p.prices.size(); ++i) {
        Entitlement one = e;
        one.price = p.prices.at(i);
        one.product = p.products.value(i);
        out.append(one);
    }
}

void fromComp(const Comp &c, Millis now, QList<Entitlement> &out)
{
    if (c.since > now)
        return;
    Entitlement e;
    e.source = u"comp"_s;
    e.sourceId = c.productKey;
    // A comp names a price or a whole product.
    (c.productKey.startsWith("prod_"_L1) ? e.product : e.price) = c.productKey;
    e.since = c.since;
    e.until = c.until;
    if (c.until && c.until <= now) {
        e.state = Entitlement::State::Ended;
        e.endReason = u"comp_ended"_s;
    }
    out.append(e);
}

} // namespace

QList<Entitlement> entitlements(const PersonFacts &facts, Millis now, const EntitlementSettings &settings)
{
    QList<Entitlement> out;
    for (const Subscription &s : facts.subscriptions) {
        if (s.created <= now)
            fromSubscription(facts, s, now, settings, out);
    }
    for (const Purchase &p : facts.purchases) {
        if (p.at <= now)
            fromPurchase(facts, p, out);
    }
    for (const Comp &c : facts.comps)
        fromComp(c, now, out);
    std::stable_sort(out.begin(), out.end(), [](const Entitlement &a, const Entitlement &b) {
        return std::tie(a.since, a.price, a.sourceId) < std::tie(b.since, b.price, b.sourceId);
    });
    return out;
}

QString toString(Entitlement::State state)
{
    switch (state) {
    case Entitlement::State::Active:
        return u"active"_s;
    case Entitlement::State::Grace:
        return u"grace"_s;
    case Entitlement::State::Ended:
        break;
    }
    return u"ended"_s;
}

} // namespace sb::reconcile
