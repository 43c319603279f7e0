// Materialising Stripe journeys: which objects and events each verb makes, their state at now, and the
// shape of old (pre-basil) and new events.
#include "SandboxTestWorld.h"
#include "StripeJson.h"
#include "StripeWorld.h"
#include "World.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb::sandbox;
using namespace sb::sandbox::stripe;
using namespace sb::sandbox::testing;

namespace {

// Loads a one-person world whose now is `loadNow` (unshifted when loadNow == worldNow()).
bool build(StripeWorld &out, const QJsonArray &stripe, QString *error = nullptr)
{
    World world;
    QString why;
    if (!World::fromJson(testing::world({person(u"ada@example.com"_s, stripe)}), &world, &why) ||
        !out.materialise(world, 0, worldNow(), &why)) {
        if (error)
            *error = why;
        return false;
    }
    return true;
}

QStringList typesAt(const StripeWorld &w, qint64 created)
{
    QStringList types;
    for (int i : w.events().order) {
        const Event &e = w.events().rows[static_cast<size_t>(i)];
        if (e.created == created)
            types.append(e.type);
    }
    return types;
}

template <typename T> const T &only(const Table<T> &table)
{
    return table.rows.back();
}

} // namespace

class TestStripeWorld : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void verbEvents_data();
    void verbEvents();
    void subscribeObjects();
    void renewalFailedState();
    void renewAfterFailurePaysOpenInvoice();
    void refunds();
    void disputes();
    void cancelAtPeriodEnd();
    void changeEmailReindexes();
    void entryEmailMakesSecondCustomer();
    void oldEventsUseLegacyShape();
    void eventsOutsideWindowAreDropped();
    void listsAreOrderedNewestFirst();
};

void TestStripeWorld::verbEvents_data()
{
    QTest::addColumn<QJsonArray>("journey");
    QTest::addColumn<QStringList>("expected"); // events of the last entry, in order

    const QJsonObject sub = entry(10 * Day, u"subscribe"_s);
    QTest::newRow("subscribe") << QJsonArray{sub}
                               << QStringList{u"customer.created"_s,
                                              u"charge.succeeded"_s,
                                              u"payment_intent.succeeded"_s,
                                              u"customer.subscription.created"_s,
                                              u"invoice.paid"_s,
                                              u"invoice.payment_succeeded"_s,
                                              u"checkout.session.completed"_s};
    QTest::newRow("buy") << QJsonArray{entry(Day, u"buy"_s)}
                         << QStringList{u"customer.created"_s, u"charge.succeeded"_s,
                                        u"payment_intent.succeeded"_s, u"checkout.session.completed"_s};
    QTest::newRow("second buy") << QJsonArray{entry(2 * Day, u"buy"_s), entry(Day, u"buy"_s)}
                                << QStringList{u"charge.succeeded"_s, u"payment_intent.succeeded"_s,
                                               u"checkout.session.completed"_s};
    QTest::newRow("renew") << QJsonArray{sub, entry(Day, u"renew"_s)}
                           << QStringList{u"customer.subscription.updated"_s, u"charge.succeeded"_s,
                                          u"payment_intent.succeeded"_s, u"invoice.paid"_s,
                                          u"invoice.payment_succeeded"_s};
    QTest::newRow("renewal_failed") << QJsonArray{sub, entry(Day, u"renewal_failed"_s)}
                                    << QStringList{u"customer.subscription.updated"_s, u"charge.failed"_s,
                                                   u"payment_intent.payment_failed"_s,
                                                   u"invoice.payment_failed"_s};
    QTest::newRow("cancel") << QJsonArray{sub, entry(Day, u"cancel"_s)}
                            << QStringList{u"customer.subscription.deleted"_s};
    QTest::newRow("cancel at period end")
        << QJsonArray{sub, entry(Day, u"cancel"_s, {{u"at_period_end"_s, true}})}
        << QStringList{u"customer.subscription.updated"_s};
    QTest::newRow("refund") << QJsonArray{sub, entry(Day, u"refund"_s)}
                            << QStringList{u"charge.refunded"_s, u"refund.created"_s};
    QTest::newRow("dispute") << QJsonArray{sub, entry(Day, u"dispute"_s)}
                             << QStringList{u"charge.dispute.created"_s};
    QTest::newRow("dispute_won") << QJsonArray{sub, entry(2 * Day, u"dispute"_s),
                                               entry(Day, u"dispute_won"_s)}
                                 << QStringList{u"charge.dispute.closed"_s};
    QTest::newRow("dispute_lost without open dispute")
        << QJsonArray{sub, entry(Day, u"dispute_lost"_s)}
        << QStringList{u"charge.dispute.created"_s, u"charge.dispute.closed"_s};
    QTest::newRow("change_email") << QJsonArray{sub, entry(Day, u"change_email"_s,
                                                           {{u"to"_s, u"a2@example.com"_s}})}
                                  << QStringList{u"customer.updated"_s};
}

void TestStripeWorld::verbEvents()
{
    QFETCH(QJsonArray, journey);
    QFETCH(QStringList, expected);
    StripeWorld w;
    QString error;
    QVERIFY2(build(w, journey, &error), qPrintable(error));
    const qint64 last = w.events().rows.back().created;
    QCOMPARE(typesAt(w, last), expected);
}

void TestStripeWorld::subscribeObjects()
{
    StripeWorld w;
    QVERIFY(build(w, {entry(10 * Day, u"subscribe"_s, {{u"price"_s, u"price_pro_monthly"_s}})}));
    QCOMPARE(w.customers().rows.size(), 1u);
    const Customer &cus = only(w.customers());
    QVERIFY(cus.id.startsWith(u"cus_"));
    QCOMPARE(cus.id.size(), 18);
    QCOMPARE(cus.email, u"ada@example.com"_s);
    const Subscription &sub = only(w.subscriptions());
    QVERIFY(sub.id.startsWith(u"sub_"));
    QCOMPARE(sub.status, u"active"_s);
    QCOMPARE(sub.customer, cus.id);
    QCOMPARE(sub.periodStart, worldNow() - 10 * Day);
    QCOMPARE(sub.periodEnd,
             QDateTime::fromSecsSinceEpoch(sub.periodStart, Qt::UTC).addMonths(1).toSecsSinceEpoch());
    const Invoice &in = only(w.invoices());
    QCOMPARE(in.status, u"paid"_s);
    QCOMPARE(in.billingReason, u"subscription_create"_s);
    QCOMPARE(in.amountPaid, 4900);
    QCOMPARE(sub.latestInvoice, in.id);
    const Charge &ch = only(w.charges());
    QCOMPARE(ch.status, u"succeeded"_s);
    QCOMPARE(ch.email, cus.email);
    const PaymentIntent &pi = only(w.paymentIntents());
    QCOMPARE(pi.status, u"succeeded"_s);
    QCOMPARE(pi.latestCharge, ch.id);
    QCOMPARE(ch.paymentIntent, pi.id);
    const CheckoutSession &cs = only(w.checkoutSessions());
    QCOMPARE(cs.mode, u"subscription"_s);
    QCOMPARE(cs.subscription, sub.id);
    QCOMPARE(cs.amountTotal, 4900);

    // Basil shape: the period lives on the item, the subscription of an invoice under parent.
    const StripeJson json(w, false);
    const QJsonObject s = json.render(sub);
    QVERIFY(!s.contains(u"current_period_end"));
    const QJsonObject item = s.value(u"items").toObject().value(u"data").toArray().at(0).toObject();
    QCOMPARE(item.value(u"current_period_end").toInteger(), sub.periodEnd);
    QCOMPARE(item.value(u"price").toObject().value(u"product").toString(), u"prod_pro"_s);
    const QJsonObject invoice = json.render(in);
    QVERIFY(!invoice.contains(u"subscription"));
    QCOMPARE(invoice.value(u"parent")
                 .toObject()
                 .value(u"subscription_details")
                 .toObject()
                 .value(u"subscription")
                 .toString(),
             sub.id);
    QVERIFY(!json.render(ch).contains(u"invoice"));
    const QJsonObject session = json.render(cs);
    QCOMPARE(session.value(u"customer_details").toObject().value(u"email").toString(), u"ada@example.com"_s);
    QCOMPARE(session.value(u"payment_status").toString(), u"paid"_s);
}

void TestStripeWorld::renewalFailedState()
{
    StripeWorld w;
    QVERIFY(build(w, {entry(40 * Day, u"subscribe"_s), entry(3 * Day, u"renewal_failed"_s)}));
    const Subscription &sub = only(w.subscriptions());
    QCOMPARE(sub.status, u"past_due"_s);
    QCOMPARE(sub.periodStart, worldNow() - 3 * Day);
    const Invoice &in = only(w.invoices());
    QCOMPARE(in.status, u"open"_s);
    QCOMPARE(in.billingReason, u"subscription_cycle"_s);
    QCOMPARE(in.attemptCount, 1);
    QCOMPARE(in.amountPaid, 0);
    QVERIFY(in.nextPaymentAttempt > worldNow() - 3 * Day);
    const Charge &ch = only(w.charges());
    QCOMPARE(ch.status, u"failed"_s);
    QCOMPARE(ch.failureCode, u"card_declined"_s);
    QVERIFY(!ch.failureMessage.isEmpty());
    const PaymentIntent &pi = only(w.paymentIntents());
    QCOMPARE(pi.status, u"requires_payment_method"_s);
    const StripeJson json(w, false);
    QCOMPARE(json.render(pi).value(u"last_payment_error").toObject().value(u"code").toString(),
             u"card_declined"_s);
    QVERIFY(only(w.customers()).delinquent);

    for (const Event &e : w.events().rows) {
        if (e.type == u"customer.subscription.updated") {
            QCOMPARE(e.previous.value(u"status").toString(), u"active"_s);
            QCOMPARE(std::get<Subscription>(e.object).status, u"past_due"_s);
        }
    }
}

void TestStripeWorld::renewAfterFailurePaysOpenInvoice()
{
    StripeWorld w;
    QVERIFY(build(w, {entry(40 * Day, u"subscribe"_s), entry(6 * Day, u"renewal_failed"_s),
                      entry(3 * Day, u"renew"_s)}));
    QCOMPARE(w.invoices().rows.size(), 2u);
    const Invoice &in = only(w.invoices());
    QCOMPARE(in.status, u"paid"_s);
    QCOMPARE(in.attemptCount, 2);
    QCOMPARE(only(w.subscriptions()).status, u"active"_s);
    QCOMPARE(w.paymentIntents().rows.size(), 2u); // the retry reuses the renewal's payment intent
    QCOMPARE(w.charges().rows.size(), 3u);
    QCOMPARE(only(w.paymentIntents()).status, u"succeeded"_s);
    QVERIFY(!only(w.customers()).delinquent);
    QCOMPARE(typesAt(w, worldNow() - 3 * Day).constFirst(), u"customer.subscription.updated"_s);
}

void TestStripeWorld::refunds()
{
    StripeWorld w;
    QVERIFY(build(w, {entry(5 * Day, u"buy"_s), entry(4 * Day, u"refund"_s, {{u"amount"_s, 900}})}));
    QCOMPARE(only(w.charges()).amountRefunded, 900);
    QVERIFY(!only(w.charges()).refunded());
    const Refund &r = only(w.refunds());
    QCOMPARE(r.amount, 900);
    QCOMPARE(r.status, u"succeeded"_s);
    QCOMPARE(r.reason, u"requested_by_customer"_s);
    QCOMPARE(r.charge, only(w.charges()).id);
    QCOMPARE(r.paymentIntent, only(w.paymentIntents()).id);

    StripeWorld full;
    QVERIFY(build(full, {entry(5 * Day, u"buy"_s), entry(4 * Day, u"refund"_s, {{u"amount"_s, 900}}),
                         entry(3 * Day, u"refund"_s)}));
    QCOMPARE(only(full.charges()).amountRefunded, 29900);
    QVERIFY(only(full.charges()).refunded());
    QCOMPARE(only(full.refunds()).amount, 29000);
    for (const Event &e : full.events().rows) {
        if (e.type == u"charge.refunded" && e.created == worldNow() - 3 * Day) {
            QCOMPARE(e.previous.value(u"refunded").toBool(true), false);
            QCOMPARE(std::get<Charge>(e.object).amountRefunded, 29900);
        }
    }
    QString error;
    QVERIFY(!build(full, {entry(5 * Day, u"buy"_s), entry(4 * Day, u"refund"_s), entry(3 * Day, u"refund"_s)},
                   &error));
    QVERIFY2(error.contains(u"no payment left to refund"_s), qPrintable(error));
}

void TestStripeWorld::disputes()
{
    StripeWorld w;
    QVERIFY(
        build(w, {entry(9 * Day, u"buy"_s), entry(8 * Day, u"dispute"_s, {{u"reason"_s, u"duplicate"_s}})}));
    const Dispute &d = only(w.disputes());
    QVERIFY(d.id.startsWith(u"du_"));
    QCOMPARE(d.status, u"needs_response"_s);
    QCOMPARE(d.reason, u"duplicate"_s);
    QCOMPARE(d.amount, 29900);
    QVERIFY(only(w.charges()).disputed);

    StripeWorld closed;
    QVERIFY(build(closed,
                  {entry(9 * Day, u"buy"_s), entry(8 * Day, u"dispute"_s), entry(Day, u"dispute_lost"_s)}));
    QCOMPARE(closed.disputes().rows.size(), 1u);
    QCOMPARE(only(closed.disputes()).status, u"lost"_s);
    // The created event keeps the snapshot of its time.
    for (const Event &e : closed.events().rows) {
        if (e.type == u"charge.dispute.created")
            QCOMPARE(std::get<Dispute>(e.object).status, u"needs_response"_s);
        if (e.type == u"charge.dispute.closed")
            QCOMPARE(std::get<Dispute>(e.object).status, u"lost"_s);
    }
}

void TestStripeWorld::cancelAtPeriodEnd()
{
    // Period ended before now: canceled at its end, with the deleted event at that moment.
    StripeWorld past;
    QVERIFY(build(
        past, {entry(50 * Day, u"subscribe"_s), entry(45 * Day, u"cancel"_s, {{u"at_period_end"_s, true}})}));
    const Subscription &s = only(past.subscriptions());
    QCOMPARE(s.status, u"canceled"_s);
    QVERIFY(s.cancelAtPeriodEnd);
    const qint64 end =
        QDateTime::fromSecsSinceEpoch(worldNow() - 50 * Day, Qt::UTC).addMonths(1).toSecsSinceEpoch();
    QCOMPARE(s.endedAt, end);
    QCOMPARE(s.canceledAt, worldNow() - 45 * Day);
    QCOMPARE(typesAt(past, end), QStringList{u"customer.subscription.deleted"_s});

    // Period still running: active, set to cancel.
    StripeWorld future;
    QVERIFY(build(future, {entry(10 * Day, u"subscribe"_s),
                           entry(5 * Day, u"cancel"_s, {{u"at_period_end"_s, true}})}));
    QCOMPARE(only(future.subscriptions()).status, u"active"_s);
    QVERIFY(only(future.subscriptions()).cancelAtPeriodEnd);
    for (const Event &e : future.events().rows) {
        QVERIFY(e.type != u"customer.subscription.deleted");
        if (e.type == u"customer.subscription.updated")
            QCOMPARE(e.previous.value(u"cancel_at_period_end").toBool(true), false);
    }
}

void TestStripeWorld::changeEmailReindexes()
{
    StripeWorld w;
    QVERIFY(
        build(w, {entry(10 * Day, u"subscribe"_s),
                  entry(Day, u"change_email"_s, {{u"to"_s, u"Ada@New.example"_s}}), entry(Hour, u"buy"_s)}));
    QCOMPARE(w.customers().rows.size(), 1u); // the later buy stays on the same customer
    QCOMPARE(only(w.customers()).email, u"Ada@New.example"_s);
    const auto &byEmail = w.customers().indexes.value(u"email"_s);
    QVERIFY(!byEmail.contains(u"ada@example.com"_s));
    QCOMPARE(byEmail.value(u"Ada@New.example"_s).size(), 1);
    for (const Event &e : w.events().rows) {
        if (e.type == u"customer.updated")
            QCOMPARE(e.previous.value(u"email").toString(), u"ada@example.com"_s);
    }
}

void TestStripeWorld::entryEmailMakesSecondCustomer()
{
    StripeWorld w;
    QVERIFY(
        build(w, {entry(10 * Day, u"buy"_s), entry(9 * Day, u"buy"_s, {{u"email"_s, u"ADA@example.com"_s}}),
                  entry(8 * Day, u"refund"_s, {{u"email"_s, u"ADA@example.com"_s}})}));
    QCOMPARE(w.customers().rows.size(), 2u);
    const Customer &second = w.customers().rows[1];
    QCOMPARE(second.email, u"ADA@example.com"_s);
    const Charge *refunded = nullptr;
    for (const Charge &c : w.charges().rows) {
        if (c.amountRefunded > 0)
            refunded = &c;
    }
    QVERIFY(refunded);
    QCOMPARE(refunded->customer, second.id);
}

void TestStripeWorld::oldEventsUseLegacyShape()
{
    StripeWorld w;
    QVERIFY(build(w, {entry(25 * Day, u"subscribe"_s), entry(Day, u"renew"_s)}));
    const StripeJson json(w, false);
    bool sawOld = false;
    bool sawNew = false;
    for (const Event &e : w.events().rows) {
        const QJsonObject rendered = json.render(e);
        const QJsonObject object = rendered.value(u"data").toObject().value(u"object").toObject();
        const bool old = e.created < worldNow() - 20 * Day;
        QCOMPARE(rendered.value(u"api_version").toString(), old ? u"2024-06-20"_s : u"2025-03-31.basil"_s);
        if (e.type == u"customer.subscription.created") {
            sawOld = true;
            QVERIFY(object.contains(u"current_period_end"));
            QVERIFY(!object.value(u"items").toObject().value(u"data").toArray().at(0).toObject().contains(
                u"current_period_end"));
        }
        if (e.type == u"invoice.paid" && old)
            QCOMPARE(object.value(u"subscription").toString(), only(w.subscriptions()).id);
        if (e.type == u"charge.succeeded" && old)
            QVERIFY(object.value(u"invoice").toString().startsWith(u"in_"));
        if (e.type == u"customer.subscription.updated") {
            sawNew = true;
            QVERIFY(!object.contains(u"current_period_end"));
            QVERIFY(rendered.value(u"data")
                        .toObject()
                        .value(u"previous_attributes")
                        .toObject()
                        .contains(u"items"));
        }
    }
    QVERIFY(sawOld);
    QVERIFY(sawNew);
}

void TestStripeWorld::eventsOutsideWindowAreDropped()
{
    StripeWorld w;
    QVERIFY(build(w, {entry(45 * Day, u"subscribe"_s), entry(15 * Day, u"renew"_s)}));
    QCOMPARE(w.customers().rows.size(), 1u); // objects stay
    for (const Event &e : w.events().rows)
        QVERIFY(e.created >= worldNow() - 30 * Day);
    QCOMPARE(w.events().rows.size(), 5u);
}

void TestStripeWorld::listsAreOrderedNewestFirst()
{
    World world;
    QString error;
    QJsonArray people;
    for (int i = 0; i < 30; ++i)
        people.append(person(u"p"_s + QString::number(i) + u"@example.com"_s,
                             {entry((i * 7919) % 50 * Hour + Hour, u"buy"_s)}));
    QVERIFY(World::fromJson(testing::world(people), &world, &error));
    StripeWorld w;
    QVERIFY(w.materialise(world, 0, worldNow(), &error));
    const auto &order = w.customers().order;
    QCOMPARE(order.size(), 30u);
    for (size_t i = 1; i < order.size(); ++i)
        QVERIFY(w.customers().before(order[i - 1], order[i]));
}

QTEST_GUILESS_MAIN(TestStripeWorld)
#include "tst_stripeworld.moc"
