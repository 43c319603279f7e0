// Maps Stripe JSON (objects as listed, and events) into raw objects, owners and timeline rows.
// Pure: no network, no SQL. Tolerates the shapes before and after API version 2025-03-31 (basil).
#pragma once

#include "common/Result.h"
#include "domain/Types.h"

#include <QHash>
#include <QJsonObject>

namespace sb::stripe {

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
