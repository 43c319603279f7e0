#include "TestUtil.h"
#include "providers/stripe/StripeMapper.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using sb::IngestItem;
using sb::stripe::StripeMapper;
using sb::test::stripeFixture;

namespace {
constexpr sb::Millis kSnapshot = 1'800'000'000'000;

QList<IngestItem> mapOk(const StripeMapper &m, const QJsonObject &o)
{
    auto r = m.mapObject(o, kSnapshot);
    if (!r)
        qFatal("mapping failed: %s", qPrintable(r.error().message));
    return r.value();
}

QStringList keys(const IngestItem &item)
{
    QStringList k;
    for (const auto &row : item.rows)
        k.append(row.sourceKey);
    return k;
}

// A checkout line item (object "item") of `quantity` units of `price` (an id or a price object).
QJsonObject lineItem(const QString &id, const QJsonValue &price, qint64 quantity, qint64 total)
{
    return QJsonObject{{u"id"_s, id},
                       {u"object"_s, u"item"_s},
                       {u"amount_discount"_s, 0},
                       {u"amount_subtotal"_s, total},
                       {u"amount_tax"_s, 0},
                       {u"amount_total"_s, total},
                       {u"currency"_s, u"eur"_s},
                       {u"description"_s, u"Course"_s},
                       {u"price"_s, price},
                       {u"quantity"_s, quantity}};
}

QJsonObject lineItemList(const QString &session, const QJsonArray &data)
{
    return QJsonObject{{u"object"_s, u"list"_s},
                       {u"data"_s, data},
                       {u"has_more"_s, false},
                       {u"url"_s, QString(u"/v1/checkout/sessions/"_s + session + u"/line_items"_s)}};
}

QJsonObject completedSession()
{
    QJsonObject cs = stripeFixture(u"checkout.session"_s);
    cs.insert(u"status"_s, u"complete"_s);
    cs.insert(u"payment_status"_s, u"paid"_s);
    cs.insert(u"customer"_s, u"cus_9"_s);
    return cs;
}

// An invoice payment (object "invoice_payment") of `invoice` by a payment intent, or of another type.
QJsonObject invoicePayment(const QString &id, const QString &invoice, const QString &paymentIntent,
                           const QString &type = u"payment_intent"_s)
{
    QJsonObject payment = stripeFixture(u"invoice_payment"_s);
    payment.insert(u"id"_s, id);
    payment.insert(u"invoice"_s, invoice);
    payment.insert(u"status"_s, u"paid"_s);
    QJsonObject how{{u"type"_s, type}};
    if (!paymentIntent.isEmpty())
        how.insert(u"payment_intent"_s, paymentIntent);
    payment.insert(u"payment"_s, how);
    return payment;
}

QJsonObject invoicePaymentList(const QJsonArray &data)
{
    return QJsonObject{{u"object"_s, u"list"_s},
                       {u"data"_s, data},
                       {u"has_more"_s, false},
                       {u"url"_s, u"/v1/invoice_payments"_s}};
}

QJsonObject makeEvent(const QString &type, const QJsonObject &object, qint64 created,
                      const QJsonObject &previous = {})
{
    QJsonObject data{{u"object"_s, object}};
    if (!previous.isEmpty())
        data.insert(u"previous_attributes"_s, previous);
    QJsonObject e = stripeFixture(u"event"_s);
    e.insert(u"id"_s, QString(u"evt_test_"_s + type));
    e.insert(u"type"_s, type);
    e.insert(u"created"_s, created);
    e.insert(u"data"_s, data);
    return e;
}
} // namespace

class TestStripeMapper : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void customerIsAnIdentity()
    {
        QJsonObject c = stripeFixture(u"customer"_s);
        c.insert(u"email"_s, u"Ada@Example.com"_s);
        c.insert(u"name"_s, u"Ada Lovelace"_s);
        const auto items = mapOk(StripeMapper(), c);
        QCOMPARE(items.size(), 1);
        QVERIFY(items[0].identity.has_value());
        QCOMPARE(items[0].identity->externalId, u"cus_QXg1o8vcGmoR32"_s);
        QCOMPARE(items[0].identity->email, u"Ada@Example.com"_s);
        QCOMPARE(items[0].raw.kind, u"customer"_s);
        QCOMPARE(items[0].raw.providerTime, 1234567890000LL);
        QCOMPARE(keys(items[0]), QStringList{u"customer:cus_QXg1o8vcGmoR32:created"_s});
    }

    void customerDeletedEventCarriesTheWholeCustomer()
    {
        // The event has the customer as it was, without "deleted": the event type says it.
        QJsonObject c = stripeFixture(u"customer"_s);
        c.insert(u"email"_s, u"gone@example.com"_s);
        auto r = StripeMapper().mapEvent(makeEvent(u"customer.deleted"_s, c, 1'700'000'000));
        QVERIFY(r);
        const IngestItem &obj = r.value().first();
        QVERIFY(!obj.identity.has_value());
        QCOMPARE(obj.owner.identityId, u"cus_QXg1o8vcGmoR32"_s);
        QCOMPARE(keys(obj), QStringList{u"customer:cus_QXg1o8vcGmoR32:deleted"_s});
        QVERIFY(!obj.rows[0].observed);
        QCOMPARE(obj.rows[0].at, 1'700'000'000'000LL);
    }

    void chargeStates_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("expectedKeys");
        QTest::addColumn<QString>("kind");
        QTest::newRow("succeeded") << u"succeeded"_s
                                   << QStringList{u"charge:ch_1PgafuB7WZ01zgkWXYmPNZs8:succeeded"_s}
                                   << u"payment_succeeded"_s;
        QTest::newRow("failed") << u"failed"_s << QStringList{u"charge:ch_1PgafuB7WZ01zgkWXYmPNZs8:failed"_s}
                                << u"payment_failed"_s;
        QTest::newRow("pending has no row yet") << u"pending"_s << QStringList{} << QString();
    }
    void chargeStates()
    {
        QFETCH(QString, status);
        QFETCH(QStringList, expectedKeys);
        QFETCH(QString, kind);
        QJsonObject ch = stripeFixture(u"charge"_s);
        ch.insert(u"status"_s, status);
        ch.insert(u"customer"_s, u"cus_1"_s);
        ch.insert(u"amount"_s, 4900);
        ch.insert(u"failure_message"_s,
                  status == "failed"_L1 ? QJsonValue(u"Your card was declined."_s) : QJsonValue());
        const auto items = mapOk(StripeMapper(), ch);
        QCOMPARE(keys(items[0]), expectedKeys);
        QCOMPARE(items[0].owner.identityId, u"cus_1"_s);
        if (!kind.isEmpty()) {
            QCOMPARE(items[0].rows[0].kind, kind);
            QCOMPARE(items[0].rows[0].amount, std::optional<qint64>(4900));
            QCOMPARE(items[0].rows[0].currency, u"usd"_s);
            QVERIFY(!items[0].rows[0].observed);
        }
        if (status == "failed"_L1)
            QVERIFY(items[0].rows[0].summary.contains(u"declined"_s));
    }

    void guestChargeIsOwnedByItsEmail()
    {
        QJsonObject ch = stripeFixture(u"charge"_s);
        QJsonObject billing = ch.value(u"billing_details"_s).toObject();
        billing.insert(u"email"_s, u"guest@example.com"_s);
        ch.insert(u"billing_details"_s, billing);
        const auto items = mapOk(StripeMapper(), ch);
        QVERIFY(items[0].owner.identityId.isEmpty());
        QCOMPARE(items[0].owner.email, u"guest@example.com"_s);
    }

    void refundIsOwnedThroughItsCharge()
    {
        QJsonObject re = stripeFixture(u"refund"_s);
        re.insert(u"reason"_s, u"requested_by_customer"_s);
        const auto items = mapOk(StripeMapper(), re);
        QCOMPARE(items[0].owner.viaKind, u"charge"_s);
        QCOMPARE(items[0].owner.viaId, u"ch_1PgafuB7WZ01zgkWXYmPNZs8"_s);
        QCOMPARE(keys(items[0]), QStringList{u"refund:re_1Pgc72B7WZ01zgkWqPvrRrPE"_s});
        QCOMPARE(items[0].rows[0].kind, u"refund"_s);
        QCOMPARE(items[0].rows[0].amount, std::optional<qint64>(100));
        QVERIFY(items[0].rows[0].summary.contains(u"requested by customer"_s));
    }

    void chargeWithEmbeddedRefundsYieldsThem()
    {
        QJsonObject ch = stripeFixture(u"charge"_s);
        ch.insert(u"status"_s, u"succeeded"_s);
        ch.insert(u"refunds"_s,
                  QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, QJsonArray{stripeFixture(u"refund"_s)}}});
        const auto items = mapOk(StripeMapper(), ch);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[1].raw.kind, u"refund"_s);
    }

    void disputeOpenThenClosed()
    {
        QJsonObject du = stripeFixture(u"dispute"_s);
        auto open = mapOk(StripeMapper(), du);
        QCOMPARE(keys(open[0]), QStringList{u"dispute:%1:opened"_s.arg(du.value(u"id"_s).toString())});
        QVERIFY(open[0].rows[0].detail.contains(u"evidence_due_by"_s));

        du.insert(u"status"_s, u"lost"_s);
        auto listed = mapOk(StripeMapper(), du);
        QCOMPARE(listed[0].rows.size(), 2);
        QVERIFY(listed[0].rows[1].observed); // a listing does not say when it closed
        QCOMPARE(listed[0].rows[1].at, kSnapshot);

        auto viaEvent = StripeMapper().mapEvent(makeEvent(u"charge.dispute.closed"_s, du, 1'700'000'000));
        QVERIFY(viaEvent);
        const IngestItem &obj = viaEvent.value().first();
        QCOMPARE(obj.rows[1].sourceKey, listed[0].rows[1].sourceKey); // the same fact, one row
        QVERIFY(!obj.rows[1].observed);
        QCOMPARE(obj.rows[1].at, 1'700'000'000'000LL);
    }

    void subscriptionBasilShape()
    {
        StripeMapper m;
        QJsonObject product = stripeFixture(u"product"_s);
        product.insert(u"name"_s, u"Pro"_s);
        m.learnCatalog(product);
        m.learnCatalog(stripeFixture(u"price"_s));
        QJsonObject sub = stripeFixture(u"subscription"_s);
        sub.insert(u"status"_s, u"canceled"_s);
        sub.insert(u"cancel_at_period_end"_s, false);
        sub.insert(u"trial_start"_s, QJsonValue());
        const auto items = mapOk(m, sub);
        const QString id = sub.value(u"id"_s).toString();
        QCOMPARE(keys(items[0]), (QStringList{u"sub:%1:created"_s.arg(id), u"sub:%1:ended"_s.arg(id)}));
        QCOMPARE(items[0].rows[0].summary, u"Subscribed to Pro"_s);
        QCOMPARE(items[0].rows[1].at, 1234567890000LL);
        QCOMPARE(items[0].rows[0].detail.value(u"price"_s).toString(), u"price_1PgafmB7WZ01zgkW6dKueIc5"_s);
    }

    void subscriptionPreBasilShapeAndCancelScheduled()
    {
        // Before 2025-03-31 the period sat on the subscription itself and items carried a plan.
        QJsonObject sub{
            {u"id"_s, u"sub_old"_s},
            {u"object"_s, u"subscription"_s},
            {u"customer"_s, u"cus_1"_s},
            {u"status"_s, u"active"_s},
            {u"created"_s, 1'600'000'000},
            {u"cancel_at_period_end"_s, true},
            {u"canceled_at"_s, 1'600'100'000},
            {u"current_period_end"_s, 1'602'000'000},
            {u"plan"_s, QJsonObject{{u"id"_s, u"plan_x"_s}, {u"nickname"_s, u"Old Pro"_s}}},
            {u"items"_s,
             QJsonObject{{u"data"_s, QJsonArray{QJsonObject{
                                         {u"plan"_s, QJsonObject{{u"id"_s, u"plan_x"_s},
                                                                 {u"nickname"_s, u"Old Pro"_s}}}}}}}}};
        const auto items = mapOk(StripeMapper(), sub);
        QCOMPARE(keys(items[0]), (QStringList{u"sub:sub_old:created"_s, u"sub:sub_old:cancel_scheduled"_s}));
        QCOMPARE(items[0].rows[0].summary, u"Subscribed to Old Pro"_s);
        QCOMPARE(items[0].rows[1].detail.value(u"period_end"_s).toString(), sb::isoUtc(1'602'000'000'000LL));
    }

    void pastDueFromEventIsPrecise()
    {
        QJsonObject sub = stripeFixture(u"subscription"_s);
        sub.insert(u"status"_s, u"past_due"_s);
        sub.insert(u"cancel_at_period_end"_s, false);
        sub.insert(u"latest_invoice"_s, u"in_fail"_s);
        auto r = StripeMapper().mapEvent(makeEvent(u"customer.subscription.updated"_s, sub, 1'750'000'000,
                                                   QJsonObject{{u"status"_s, u"active"_s}}));
        QVERIFY(r);
        const auto &rows = r.value().first().rows;
        const auto it = std::find_if(rows.begin(), rows.end(),
                                     [](const auto &row) { return row.kind == "subscription_past_due"_L1; });
        QVERIFY(it != rows.end());
        QVERIFY(!it->observed);
        QCOMPARE(it->at, 1'750'000'000'000LL);
        QVERIFY(it->sourceKey.endsWith(u":status:past_due:in_fail"_s));

        // Recovery is its own row, named by the invoice that paid.
        sub.insert(u"status"_s, u"active"_s);
        sub.insert(u"latest_invoice"_s, u"in_paid"_s);
        auto back = StripeMapper().mapEvent(makeEvent(u"customer.subscription.updated"_s, sub, 1'750'100'000,
                                                      QJsonObject{{u"status"_s, u"past_due"_s}}));
        QVERIFY(back);
        QVERIFY(keys(back.value().first())
                    .contains(u"sub:%1:status:active:in_paid"_s.arg(sub.value(u"id"_s).toString())));
    }

    void checkoutSession()
    {
        QJsonObject cs = stripeFixture(u"checkout.session"_s);
        QCOMPARE(mapOk(StripeMapper(), cs)[0].rows.size(), 0); // open sessions are not history
        cs.insert(u"status"_s, u"complete"_s);
        cs.insert(u"payment_status"_s, u"paid"_s);
        cs.insert(u"amount_total"_s, 4900);
        cs.insert(u"currency"_s, u"usd"_s);
        const auto items = mapOk(StripeMapper(), cs);
        QCOMPARE(items[0].raw.kind, u"checkout_session"_s);
        QCOMPARE(items[0].owner.email, u"example@example.com"_s); // no customer: the checkout's email
        QCOMPARE(items[0].rows.size(), 1);
        QCOMPARE(items[0].rows[0].kind, u"checkout_completed"_s);
        QVERIFY(!items[0].rows[0].amount.has_value()); // the payment row carries the money
        QCOMPARE(items[0].rows[0].detail.value(u"amount_total"_s).toInteger(), 4900);
    }

    void checkoutLineItemsAreTheirOwnRawObject()
    {
        QJsonObject cs = completedSession();
        const QString id = cs.value(u"id"_s).toString();
        QCOMPARE(mapOk(StripeMapper(), cs).size(), 1); // not expanded: no line items, and none invented
        QJsonObject price = stripeFixture(u"price"_s);
        price.insert(u"product"_s, u"prod_course"_s);
        const QJsonObject list = lineItemList(id, {lineItem(u"li_1"_s, price, 1, 29900)});
        cs.insert(u"line_items"_s, list);

        const auto items = mapOk(StripeMapper(), cs);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].raw.kind,
                 u"checkout_session"_s); // the session first: the line items borrow its owner
        QCOMPARE(items[0].rows.size(), 1);
        const IngestItem &lines = items[1];
        QCOMPARE(lines.raw.kind, sb::stripe::kCheckoutLineItems);
        QCOMPARE(lines.raw.kind, u"checkout_line_items"_s);
        QCOMPARE(lines.raw.externalId, id);
        QCOMPARE(QJsonDocument::fromJson(lines.raw.json).object(), list);
        QCOMPARE(lines.raw.providerTime, items[0].raw.providerTime);
        QCOMPARE(lines.raw.snapshotAt, kSnapshot);
        QVERIFY(lines.rows.isEmpty()); // no timeline rows: the checkout row is the session's
        QCOMPARE(lines.owner.viaKind, u"checkout_session"_s);
        QCOMPARE(lines.owner.viaId, id);

        // The same list as fetched from /line_items maps to the same raw object.
        auto direct = StripeMapper().mapLineItems(id, list, lines.raw.providerTime, kSnapshot);
        QVERIFY(direct);
        QCOMPARE(direct.value().size(), 1);
        QCOMPARE(direct.value()[0].raw.json, lines.raw.json);
        QCOMPARE(direct.value()[0].owner.viaId, id);

        // A truncated expansion is not stored as if it were all of them.
        QJsonObject truncated = list;
        truncated.insert(u"has_more"_s, true);
        cs.insert(u"line_items"_s, truncated);
        QCOMPARE(mapOk(StripeMapper(), cs).size(), 1);

        // An event's snapshot never has them, and yields no line items object to overwrite the stored one.
        cs.remove(u"line_items"_s);
        auto ev = StripeMapper().mapEvent(makeEvent(u"checkout.session.completed"_s, cs, 1'700'000'000));
        QVERIFY(ev);
        for (const IngestItem &item : ev.value())
            QVERIFY(item.raw.kind != sb::stripe::kCheckoutLineItems);
    }

    void lineItemsThatAreNotAListAreRefused()
    {
        StripeMapper m;
        QVERIFY(!m.mapLineItems(u"cs_1"_s, QJsonObject(), 0, kSnapshot));
        QVERIFY(!m.mapLineItems(u"cs_1"_s, QJsonObject{{u"object"_s, u"list"_s}}, 0, kSnapshot));
        QVERIFY(!m.mapLineItems(QString(), lineItemList(u"cs_1"_s, {}), 0, kSnapshot));
        auto empty = m.mapLineItems(u"cs_1"_s, lineItemList(u"cs_1"_s, {}), 0, kSnapshot);
        QVERIFY(empty); // a session that bought nothing (setup mode) still has its (empty) list stored
        QCOMPARE(empty.value().size(), 1);
    }

    void purchasedItemsParsesEveryShape_data()
    {
        QTest::addColumn<QJsonObject>("input");
        QTest::addColumn<QString>("price");
        QTest::addColumn<QString>("product");
        QTest::addColumn<qint64>("quantity");

        QJsonObject price = stripeFixture(u"price"_s);
        price.insert(u"id"_s, u"price_course"_s);
        price.insert(u"product"_s, u"prod_course"_s);
        QJsonObject expandedProduct = price;
        QJsonObject product = stripeFixture(u"product"_s);
        product.insert(u"id"_s, u"prod_course"_s);
        expandedProduct.insert(u"product"_s, product);

        QTest::newRow("list, price object") << lineItemList(u"cs_1"_s, {lineItem(u"li_1"_s, price, 1, 29900)})
                                            << u"price_course"_s << u"prod_course"_s << qint64(1);
        QTest::newRow("list, product expanded")
            << lineItemList(u"cs_1"_s, {lineItem(u"li_1"_s, expandedProduct, 2, 29900)}) << u"price_course"_s
            << u"prod_course"_s << qint64(2);
        QTest::newRow("list, price id only")
            << lineItemList(u"cs_1"_s, {lineItem(u"li_1"_s, u"price_course"_s, 3, 29900)})
            << u"price_course"_s << QString() << qint64(3);
        QJsonObject session = completedSession();
        session.insert(u"line_items"_s, lineItemList(session.value(u"id"_s).toString(),
                                                     {lineItem(u"li_1"_s, price, 1, 29900)}));
        QTest::newRow("session, expanded") << session << u"price_course"_s << u"prod_course"_s << qint64(1);
    }

    void purchasedItemsParsesEveryShape()
    {
        QFETCH(QJsonObject, input);
        QFETCH(QString, price);
        QFETCH(QString, product);
        QFETCH(qint64, quantity);
        const QList<sb::stripe::PurchasedItem> items = sb::stripe::purchasedItems(input);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].price, price);
        QCOMPARE(items[0].product, product);
        QCOMPARE(items[0].quantity, quantity);
        QCOMPARE(items[0].amountTotal, 29900);
        QCOMPARE(items[0].currency, u"eur"_s);
        QCOMPARE(items[0].description, u"Course"_s);
    }

    void purchasedItemsOfNothing()
    {
        QVERIFY(sb::stripe::purchasedItems(completedSession()).isEmpty()); // line_items not expanded
        QVERIFY(sb::stripe::purchasedItems(lineItemList(u"cs_1"_s, {})).isEmpty());
        QVERIFY(sb::stripe::purchasedItems(QJsonObject()).isEmpty());
        // Two lines, one without a quantity (one unit).
        QJsonObject noQuantity = lineItem(u"li_2"_s, u"price_b"_s, 0, 100);
        noQuantity.insert(u"quantity"_s, QJsonValue());
        const auto two = sb::stripe::purchasedItems(
            lineItemList(u"cs_1"_s, {lineItem(u"li_1"_s, u"price_a"_s, 2, 50), noQuantity}));
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[0].price, u"price_a"_s);
        QCOMPARE(two[0].quantity, 2);
        QCOMPARE(two[1].price, u"price_b"_s);
        QCOMPARE(two[1].quantity, 1);
    }

    void invoicePaymentsAreTheirOwnRawObject()
    {
        QJsonObject in = stripeFixture(u"invoice"_s);
        in.insert(u"status"_s, u"paid"_s);
        const QString id = in.value(u"id"_s).toString();
        QCOMPARE(mapOk(StripeMapper(), in).size(), 1); // not expanded: no payments, and none invented
        const QJsonObject list = invoicePaymentList({invoicePayment(u"inpay_1"_s, id, u"pi_1"_s)});
        in.insert(u"payments"_s, list);

        const auto items = mapOk(StripeMapper(), in);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].raw.kind, u"invoice"_s); // the invoice first: the payments borrow its owner
        const IngestItem &payments = items[1];
        QCOMPARE(payments.raw.kind, sb::stripe::kInvoicePayments);
        QCOMPARE(payments.raw.kind, u"invoice_payments"_s);
        QCOMPARE(payments.raw.externalId, id);
        QCOMPARE(QJsonDocument::fromJson(payments.raw.json).object(), list);
        QCOMPARE(payments.raw.providerTime, items[0].raw.providerTime);
        QCOMPARE(payments.raw.snapshotAt, kSnapshot);
        QVERIFY(payments.rows.isEmpty());
        QVERIFY(payments.owner.identityId.isEmpty());
        QCOMPARE(payments.owner.viaKind, u"invoice"_s);
        QCOMPARE(payments.owner.viaId, id);

        // The same list as fetched from /v1/invoice_payments maps to the same raw object, by either entry.
        auto direct = StripeMapper().mapInvoicePayments(id, list, payments.raw.providerTime, kSnapshot);
        QVERIFY(direct);
        QCOMPARE(direct.value().size(), 1);
        QCOMPARE(direct.value()[0].raw.json, payments.raw.json);
        QCOMPARE(direct.value()[0].raw.kind, sb::stripe::kInvoicePayments);
        auto byKind = StripeMapper().mapChildList(sb::stripe::kInvoicePayments, id, list,
                                                  payments.raw.providerTime, kSnapshot);
        QVERIFY(byKind);
        QCOMPARE(byKind.value()[0].raw.json, payments.raw.json);
        QCOMPARE(byKind.value()[0].owner.viaKind, u"invoice"_s);
        QVERIFY(sb::stripe::StripeMapper::isChildList(u"invoice_payments"_s));
        QVERIFY(sb::stripe::StripeMapper::isChildList(u"checkout_line_items"_s));
        QVERIFY(!sb::stripe::StripeMapper::isChildList(u"invoice"_s));
        QVERIFY(!StripeMapper().mapChildList(u"invoice"_s, id, list, 0, kSnapshot));
        QVERIFY(!StripeMapper().mapInvoicePayments(QString(), list, 0, kSnapshot));
        QVERIFY(!StripeMapper().mapInvoicePayments(id, QJsonObject{{u"object"_s, u"list"_s}}, 0, kSnapshot));

        // A truncated expansion is not stored as if it were all of them.
        QJsonObject truncated = list;
        truncated.insert(u"has_more"_s, true);
        in.insert(u"payments"_s, truncated);
        QCOMPARE(mapOk(StripeMapper(), in).size(), 1);

        // An event's snapshot never has them, and yields no payments object to overwrite the stored one.
        in.remove(u"payments"_s);
        auto ev = StripeMapper().mapEvent(makeEvent(u"invoice.paid"_s, in, 1'700'000'000));
        QVERIFY(ev);
        for (const IngestItem &item : ev.value())
            QVERIFY(item.raw.kind != sb::stripe::kInvoicePayments);
    }

    void invoicePaymentIntentsOfEveryShape()
    {
        const QJsonObject list =
            invoicePaymentList({invoicePayment(u"inpay_1"_s, u"in_1"_s, u"pi_1"_s),
                                invoicePayment(u"inpay_2"_s, u"in_1"_s, QString(), u"out_of_band_payment"_s),
                                invoicePayment(u"inpay_3"_s, u"in_1"_s, u"pi_2"_s),
                                invoicePayment(u"inpay_4"_s, u"in_1"_s, u"pi_1"_s)});
        QCOMPARE(sb::stripe::invoicePaymentIntents(list), (QStringList{u"pi_1"_s, u"pi_2"_s}));
        QJsonObject in = stripeFixture(u"invoice"_s);
        QVERIFY(sb::stripe::invoicePaymentIntents(in).isEmpty()); // not expanded
        in.insert(u"payments"_s, list);
        QCOMPARE(sb::stripe::invoicePaymentIntents(in), (QStringList{u"pi_1"_s, u"pi_2"_s}));
        // An expanded payment intent object.
        QJsonObject expanded = invoicePayment(u"inpay_5"_s, u"in_1"_s, QString());
        expanded.insert(u"payment"_s, QJsonObject{{u"type"_s, u"payment_intent"_s},
                                                  {u"payment_intent"_s, QJsonObject{{u"id"_s, u"pi_3"_s}}}});
        QCOMPARE(sb::stripe::invoicePaymentIntents(invoicePaymentList({expanded})), QStringList{u"pi_3"_s});
        QVERIFY(sb::stripe::invoicePaymentIntents(invoicePaymentList({})).isEmpty());
    }

    void invoiceOnlyWhenWrittenOff()
    {
        QJsonObject in = stripeFixture(u"invoice"_s);
        QCOMPARE(mapOk(StripeMapper(), in)[0].rows.size(), 0);
        QCOMPARE(mapOk(StripeMapper(), in)[0].owner.identityId, u"cus_QXg1o8vcGmoR32"_s);
        in.insert(u"status"_s, u"uncollectible"_s);
        QCOMPARE(mapOk(StripeMapper(), in)[0].rows.size(), 1);
    }

    void paymentIntentIsRawOnly()
    {
        QJsonObject pi = stripeFixture(u"payment_intent"_s);
        pi.insert(u"customer"_s, u"cus_9"_s);
        const auto items = mapOk(StripeMapper(), pi);
        QCOMPARE(items[0].rows.size(), 0);
        QCOMPARE(items[0].owner.identityId, u"cus_9"_s);
    }

    void emailChangeEvent()
    {
        QJsonObject c = stripeFixture(u"customer"_s);
        c.insert(u"email"_s, u"new@example.com"_s);
        auto r = StripeMapper().mapEvent(makeEvent(u"customer.updated"_s, c, 1'700'000'000,
                                                   QJsonObject{{u"email"_s, u"old@example.com"_s}}));
        QVERIFY(r);
        QCOMPARE(r.value().size(), 2);
        const IngestItem &ev = r.value().last();
        QCOMPARE(ev.raw.kind, u"event"_s);
        QCOMPARE(ev.owner.identityId, u"cus_QXg1o8vcGmoR32"_s);
        QCOMPARE(ev.rows.size(), 1);
        QVERIFY(ev.rows[0].summary.contains(u"old@example.com"_s));
        QVERIFY(ev.rows[0].summary.contains(u"new@example.com"_s));
    }

    void objectSnapshotInEventCarriesEventTime()
    {
        QJsonObject ch = stripeFixture(u"charge"_s);
        ch.insert(u"status"_s, u"succeeded"_s);
        auto r = StripeMapper().mapEvent(makeEvent(u"charge.succeeded"_s, ch, 1'700'000'123));
        QVERIFY(r);
        QCOMPARE(r.value().first().raw.snapshotAt, 1'700'000'123'000LL);
        QCOMPARE(r.value().first().raw.kind, u"charge"_s);
    }

    void malformedInput_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::newRow("empty") << QJsonObject();
        QTest::newRow("no id") << QJsonObject{{u"object"_s, u"charge"_s}};
        QTest::newRow("no object") << QJsonObject{{u"id"_s, u"ch_1"_s}};
    }
    void malformedInput()
    {
        QFETCH(QJsonObject, object);
        auto r = StripeMapper().mapObject(object, kSnapshot);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, sb::ErrorKind::Parse);
        QVERIFY(!StripeMapper().mapEvent(QJsonObject{{u"id"_s, u"evt_1"_s}, {u"type"_s, u"x"_s}}));
    }

    void hostileValuesDoNotBreakMapping()
    {
        // Nulls where objects belong and huge numbers: mapped without a crash, nothing invented.
        QJsonObject ch{{u"id"_s, u"ch_x"_s},
                       {u"object"_s, u"charge"_s},
                       {u"status"_s, u"succeeded"_s},
                       {u"customer"_s, QJsonValue()},
                       {u"billing_details"_s, QJsonValue()},
                       {u"amount"_s, 1e300},
                       {u"created"_s, u"yesterday"_s}};
        const auto items = mapOk(StripeMapper(), ch);
        QCOMPARE(items[0].rows.size(), 1);
        QCOMPARE(items[0].rows[0].at, 0);
        QVERIFY(items[0].owner.identityId.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStripeMapper)
#include "tst_stripemapper.moc"
