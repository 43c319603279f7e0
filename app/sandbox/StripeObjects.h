// Compact value types for the Stripe objects the sandbox serves. They hold only what varies; the JSON
// renderer (StripeJson) fills in the rest of Stripe's shape. Every object has `created` (unix seconds) and
// `seq` (creation order), which together give the stable newest-first order of Stripe's lists.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QVarLengthArray>

#include <deque>
#include <variant>
#include <vector>

namespace sb::sandbox::stripe {

struct Customer {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString email;
    QString name;
    QString invoicePrefix;
    QString currency;     // empty until the first payment
    QJsonObject metadata; // only customers created through the API carry any
    bool delinquent = false;
    int nextInvoiceSequence = 1;
};

struct PaymentIntent {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString customer;
    QString invoice; // pre-basil shape only
    QString description;
    qint64 amount = 0;
    qint64 amountReceived = 0;
    QString currency;
    QString status;
    QString latestCharge;
    QString paymentMethod;
    QString lastErrorCharge; // non-empty: last_payment_error is a card decline on this charge
    bool offSession = false;
};

struct Charge {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString customer;
    QString paymentIntent;
    QString invoice; // pre-basil shape only
    QString email;
    QString name;
    QString description;
    QString currency;
    QString status; // succeeded | failed
    QString failureCode;
    QString failureMessage;
    QString paymentMethod;
    QString balanceTransaction;
    qint64 amount = 0;
    qint64 amountRefunded = 0;
    bool disputed = false;

    bool succeeded() const { return status == u"succeeded"; }
    bool refunded() const { return amount > 0 && amountRefunded >= amount; }
};

struct Invoice {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString customer;
    QString customerEmail;
    QString customerName;
    QString subscription;
    QString subscriptionItem;
    QString lineId;
    QString price;
    QString productName;
    QString interval;
    QString status; // paid | open
    QString billingReason;
    QString number;
    QString paymentIntent;
    QString charge;
    QString currency;
    qint64 amountDue = 0;
    qint64 amountPaid = 0;
    qint64 attemptCount = 0;
    qint64 nextPaymentAttempt = 0; // 0 = null
    qint64 periodStart = 0;        // the invoice's own period (previous service period for cycles)
    qint64 periodEnd = 0;
    qint64 lineStart = 0; // the line's period: the service period paid for
    qint64 lineEnd = 0;
    qint64 paidAt = 0;
};

struct Subscription {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString customer;
    QString itemId;
    QString price;
    QString status;
    QString latestInvoice;
    QString paymentMethod;
    QString currency;
    qint64 itemCreated = 0;
    qint64 periodStart = 0;
    qint64 periodEnd = 0;
    qint64 startDate = 0;
    qint64 billingCycleAnchor = 0;
    qint64 canceledAt = 0; // 0 = null
    qint64 endedAt = 0;
    qint64 cancelAt = 0;
    bool cancelAtPeriodEnd = false;
};

struct Refund {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString charge;
    QString paymentIntent;
    QString currency;
    QString reason;
    QString status;
    QString balanceTransaction;
    qint64 amount = 0;
};

struct Dispute {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString charge;
    QString paymentIntent;
    QString currency;
    QString reason;
    QString status;
    qint64 amount = 0;
    qint64 dueBy = 0;

    bool isOpen() const { return status == u"needs_response" || status == u"under_review"; }
};

struct CheckoutSession {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString mode; // payment | subscription
    QString customer;
    QString email;
    QString name;
    QString subscription;
    QString paymentIntent;
    QString invoice;
    QString price;
    QString lineItemId; // its one line item (li_…): the price, quantity 1
    QString currency;
    QString status;
    QString paymentStatus;
    qint64 amountTotal = 0;
};

struct Product {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString name;
    QString defaultPrice;
};

struct Price {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString product;
    QString currency;
    QString interval; // empty = one_time
    qint64 unitAmount = 0;
};

// Rows of one index key. Most keys (a payment intent, a charge) have one row: keep that one inline.
using RowList = QVarLengthArray<int, 1>;

using Snapshot =
    std::variant<Customer, Charge, PaymentIntent, Invoice, Subscription, Refund, Dispute, CheckoutSession>;

struct Event {
    QString id;
    qint64 created = 0;
    qint64 seq = 0;
    QString type;
    bool legacy = false; // rendered in the pre-basil shape with api_version 2024-06-20
    Snapshot object;
    QJsonObject previous; // data.previous_attributes, empty = absent
};

// Rows of one resource, with Stripe's list order and secondary indexes. `order` and every index list hold
// row numbers ascending by (created, seq); lists are served by walking them backwards.
template <typename T> struct Table {
    std::deque<T> rows; // a deque: growing never moves the rows already stored
    QHash<QString, int> byId;
    std::vector<int> order;
    QHash<QString, QHash<QString, RowList>> indexes; // parameter name -> value -> rows

    const T *find(const QString &id) const
    {
        const auto it = byId.constFind(id);
        return it == byId.cend() ? nullptr : &rows[static_cast<size_t>(*it)];
    }
    T *find(const QString &id)
    {
        const auto it = byId.constFind(id);
        return it == byId.cend() ? nullptr : &rows[static_cast<size_t>(*it)];
    }
    bool before(int a, int b) const
    {
        const T &x = rows[static_cast<size_t>(a)];
        const T &y = rows[static_cast<size_t>(b)];
        return x.created != y.created ? x.created < y.created : x.seq < y.seq;
    }
};

} // namespace sb::sandbox::stripe
