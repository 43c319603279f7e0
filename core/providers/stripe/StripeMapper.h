// Maps Stripe JSON (objects as listed, and events) into raw objects, owners and timeline rows.
// Pure: no network, no SQL. Tolerates the shapes before and after API version 2025-03-31 (basil).
#pragma once

#include "common/Result.h"
#include "domain/Types.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace sb::stripe {

// The raw kind that holds a checkout session's line items (the list object, keyed by the session id). They
// are kept apart from the session because Stripe sends them only when asked: a later event's snapshot of the
// session, which never has them, must not wipe them out.
inline const QString kCheckoutLineItems = QStringLiteral("checkout_line_items");

// The raw kind that holds an invoice's payments (the list of invoice_payment objects, keyed by the invoice
// id), apart from the invoice for the same reason: since basil only they tie a charge's payment intent to its
// invoice, and Stripe sends them only when asked (never in events).
inline const QString kInvoicePayments = QStringLiteral("invoice_payments");

// The payment intents an invoice was paid (or is being paid) with: from an invoice_payments list
// (GET /v1/invoice_payments?invoice=…, or an invoice_payments raw object) or from an invoice with `payments`
// expanded. Payments of other types are left out.
QStringList invoicePaymentIntents(const QJsonObject &paymentsListOrInvoice);

// One line of what a checkout bought.
// A field that holds either an id or the expanded object ("cus_…" or {"id": "cus_…", …}).
QString idOf(const QJsonValue &v);
// A Stripe timestamp (unix seconds) as milliseconds; 0 when absent or null.
Millis secs(const QJsonObject &o, QLatin1StringView key);

struct PurchasedItem {
    QString price;   // price_… (empty when the line has none)
    QString product; // prod_… (empty when the price is only an id)
    qint64 quantity = 1;
    qint64 amountTotal = 0; // minor units, after discounts and tax
    QString currency;
    QString description;
};

// What a checkout bought: from a line items list (GET /v1/checkout/sessions/{id}/line_items, or a
// checkout_line_items raw object), or from a session with `line_items` expanded. `price` may be an id or the
// price object, and the price's `product` an id or the product object. Empty when there are no line items.
QList<PurchasedItem> purchasedItems(const QJsonObject &lineItemsListOrSession);

// The event an object snapshot arrived in, when it arrived in one.
struct EventContext {
    QString id;
    QString type;
    Millis created = 0;
    QJsonObject previousAttributes;
};

class StripeMapper {
public:
    // Catalog names make timeline rows read "Subscribed to Pro" instead of a price id.
    void learnCatalog(const QJsonObject &productOrPrice);
    QString priceLabel(const QJsonObject &price) const;

    // An object as listed or retrieved, fetched at `snapshotAt`. May yield more than one item (a charge with
    // embedded refunds). Objects of kinds we do not interpret still yield their raw item.
    Result<QList<IngestItem>> mapObject(const QJsonObject &object, Millis snapshotAt) const;

    // An event: its own raw item plus the items of its data.object snapshot, as of the event's time.
    Result<QList<IngestItem>> mapEvent(const QJsonObject &event) const;

    // A checkout session's line items list as a raw object of kind kCheckoutLineItems: no timeline rows,
    // owned through the session (which must be stored first). `providerTime` is the session's creation.
    Result<QList<IngestItem>> mapLineItems(const QString &session, const QJsonObject &list,
                                           Millis providerTime, Millis snapshotAt) const;

    // An invoice's payments list as a raw object of kind kInvoicePayments: no timeline rows, owned through
    // the invoice (which must be stored first). `providerTime` is the invoice's creation.
    Result<QList<IngestItem>> mapInvoicePayments(const QString &invoice, const QJsonObject &list,
                                                 Millis providerTime, Millis snapshotAt) const;
    // Either of the above by its raw kind (a list of a parent's children, keyed by the parent's id).
    Result<QList<IngestItem>> mapChildList(const QString &kind, const QString &parent,
                                           const QJsonObject &list, Millis providerTime,
                                           Millis snapshotAt) const;
    static bool isChildList(const QString &kind);

    // The Stripe resource kind stored in raw_objects for an "object" value ("checkout.session" ->
    // "checkout_session").
    static QString kindOf(const QString &objectType);

private:
    Result<QList<IngestItem>> map(const QJsonObject &object, Millis snapshotAt,
                                  const EventContext *ctx) const;
    void mapCustomer(const QJsonObject &o, IngestItem &item, const EventContext *ctx) const;
    void mapCharge(const QJsonObject &o, IngestItem &item) const;
    void mapRefund(const QJsonObject &o, IngestItem &item) const;
    void mapDispute(const QJsonObject &o, IngestItem &item, Millis snapshotAt, const EventContext *ctx) const;
    void mapSubscription(const QJsonObject &o, IngestItem &item, Millis snapshotAt,
                         const EventContext *ctx) const;
    void mapInvoice(const QJsonObject &o, IngestItem &item, Millis snapshotAt, const EventContext *ctx) const;
    void mapCheckoutSession(const QJsonObject &o, IngestItem &item) const;

    QHash<QString, QString> m_productNames;  // prod_ -> name
    QHash<QString, QString> m_priceProducts; // price_ -> prod_
    QHash<QString, QString> m_priceNicknames;
};

} // namespace sb::stripe
