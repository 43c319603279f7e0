// Renders the sandbox's Stripe objects in Stripe's JSON shapes: the 2025-03-31.basil shape, or the pre-basil
// (2024-06-20) shape for old events and for requests pinned to an older Stripe-Version.
#pragma once

#include "StripeObjects.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sb::sandbox::stripe {

class StripeWorld;

inline constexpr QLatin1StringView BasilVersion{"2025-03-31.basil"};
inline constexpr QLatin1StringView LegacyVersion{"2024-06-20"};

class StripeJson {
public:
    StripeJson(const StripeWorld &world, bool legacy);

    QJsonObject render(const Customer &c) const;
    QJsonObject render(const Charge &c) const;
    QJsonObject render(const PaymentIntent &pi) const;
    QJsonObject render(const Invoice &in) const;
    QJsonObject render(const Subscription &s) const;
    QJsonObject render(const Refund &r) const;
    QJsonObject render(const Dispute &d) const;
    QJsonObject render(const CheckoutSession &cs) const;
    QJsonObject render(const Product &p) const;
    QJsonObject render(const Price &p) const;
    QJsonObject render(const Event &e) const; // its data.object in the event's own shape
    QJsonObject renderSnapshot(const Snapshot &s) const;

    // The current state of the object with this id, by its prefix; empty when unknown.
    QJsonObject renderId(const QString &id) const;
    // Replaces the id strings at the named top-level fields with their objects (Stripe's `expand[]`), and
    // adds a checkout session's `line_items` and a (basil) invoice's `payments`, which Stripe leaves out
    // unless asked for.
    void expand(QJsonObject &object, const QStringList &fields) const;

    // A checkout session's line items (objects "item"), oldest first, as its line_items list holds them.
    QJsonArray lineItems(const CheckoutSession &cs) const;
    static QString lineItemsUrl(const QString &session);
    // An invoice's payments (objects "invoice_payment"), oldest first, as its payments list holds them.
    QJsonArray invoicePayments(const Invoice &in) const;
    static QString invoicePaymentsUrl();

private:
    QJsonObject priceOf(const QString &id) const;
    QJsonObject invoiceLine(const Invoice &in) const;

    const StripeWorld &m_world;
    bool m_legacy;
};

} // namespace sb::sandbox::stripe
