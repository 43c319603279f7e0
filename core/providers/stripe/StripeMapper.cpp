#include "providers/stripe/StripeMapper.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace sb::stripe {

namespace {

QString str(const QJsonObject &o, QLatin1StringView key)
{
    return o.value(key).toString();
}

std::optional<qint64> money(const QJsonObject &o, QLatin1StringView key)
{
    // Stripe's amounts are whole minor units of at most 8 digits. A fraction, or more than 10^15 (beyond
    // any real payment, and where sums of amounts could leave qint64), is no amount: the row is kept
    // without one rather than with a made-up 0.
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= -1e15 && d <= 1e15) || d != std::trunc(d))
        return std::nullopt;
    return v.toInteger();
}

TimelineEvent row(Millis at, QString kind, QString key, QString summary)
{
    TimelineEvent e;
    e.at = at;
    e.provider = provider::Stripe;
    e.kind = std::move(kind);
    e.sourceKey = std::move(key);
    e.summary = std::move(summary);
    return e;
}

QString humanize(QString code)
{
    code.replace(u'_', u' ');
    return code;
}

// Basil moved current_period_* from the subscription to its items; older payloads have them on top.
Millis periodEnd(const QJsonObject &sub)
{
    const QJsonArray items = sub.value("items"_L1).toObject().value("data"_L1).toArray();
    if (!items.isEmpty()) {
        const Millis t = secs(items.first().toObject(), "current_period_end"_L1);
        if (t)
            return t;
    }
    return secs(sub, "current_period_end"_L1);
}

QJsonObject firstPrice(const QJsonObject &sub)
{
    const QJsonArray items = sub.value("items"_L1).toObject().value("data"_L1).toArray();
    if (!items.isEmpty()) {
        const QJsonObject item = items.first().toObject();
        const QJsonObject price = item.value("price"_L1).toObject();
        if (!price.isEmpty())
            return price;
        return item.value("plan"_L1).toObject();
    }
    return sub.value("plan"_L1).toObject();
}

} // namespace

QString idOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return v.toObject().value("id"_L1).toString();
    return {};
}

Millis secs(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? secondsToMillis(v.toInteger()) : 0;
}

QString StripeMapper::kindOf(const QString &objectType)
{
    QString k = objectType;
    k.replace(u'.', u'_');
    return k;
}

void StripeMapper::learnCatalog(const QJsonObject &o)
{
    const QString type = str(o, "object"_L1);
    const QString id = str(o, "id"_L1);
    if (type == "product"_L1) {
        m_productNames.insert(id, str(o, "name"_L1));
    } else if (type == "price"_L1 || type == "plan"_L1) {
        m_priceProducts.insert(id, idOf(o.value("product"_L1)));
        if (!str(o, "nickname"_L1).isEmpty())
            m_priceNicknames.insert(id, str(o, "nickname"_L1));
    }
}

QString StripeMapper::priceLabel(const QJsonObject &price) const
{
    const QString id = str(price, "id"_L1);
    QString product = idOf(price.value("product"_L1));
    if (product.isEmpty())
        product = m_priceProducts.value(id);
    if (const QString name = m_productNames.value(product); !name.isEmpty())
        return name;
    if (const QJsonObject expanded = price.value("product"_L1).toObject();
        !str(expanded, "name"_L1).isEmpty())
        return str(expanded, "name"_L1);
    if (!str(price, "nickname"_L1).isEmpty())
        return str(price, "nickname"_L1);
    if (const QString nick = m_priceNicknames.value(id); !nick.isEmpty())
        return nick;
    return id.isEmpty() ? product : id;
}

Result<QList<IngestItem>> StripeMapper::mapObject(const QJsonObject &object, Millis snapshotAt) const
{
    return map(object, snapshotAt, nullptr);
}

Result<QList<IngestItem>> StripeMapper::map(const QJsonObject &o, Millis snapshotAt,
                                            const EventContext *ctx) const
{
    const QString type = str(o, "object"_L1);
    const QString id = str(o, "id"_L1);
    if (type.isEmpty() || id.isEmpty())
        return Error{ErrorKind::Parse, u"a Stripe object without \"object\" or \"id\""_s};

    IngestItem item;
    item.raw.provider = provider::Stripe;
    item.raw.kind = kindOf(type);
    item.raw.externalId = id;
    item.raw.json = QJsonDocument(o).toJson(QJsonDocument::Compact);
    item.raw.parsed = o;
    item.raw.providerTime = secs(o, "created"_L1);
    item.raw.snapshotAt = snapshotAt;
    item.owner.identityId = idOf(o.value("customer"_L1));

    QList<IngestItem> out;
    if (type == "customer"_L1) {
        mapCustomer(o, item, ctx);
    } else if (type == "charge"_L1) {
        mapCharge(o, item);
        // Older API versions embed the charge's refunds; map them as refunds in their own right.
        const QJsonArray refunds = o.value("refunds"_L1).toObject().value("data"_L1).toArray();
        for (const QJsonValue &r : refunds) {
            auto sub = map(r.toObject(), snapshotAt, nullptr);
            if (sub)
                out += sub.value();
        }
    } else if (type == "refund"_L1) {
        mapRefund(o, item);
    } else if (type == "dispute"_L1) {
        mapDispute(o, item, snapshotAt, ctx);
    } else if (type == "subscription"_L1) {
        mapSubscription(o, item, snapshotAt, ctx);
    } else if (type == "invoice"_L1) {
        mapInvoice(o, item, snapshotAt, ctx);
        // Present only when the request expanded it (a listing with expand[]=data.payments; basil only). A
        // truncated list is left for the sync to fetch whole from /v1/invoice_payments?invoice=….
        if (const QJsonValue payments = o.value("payments"_L1);
            payments.isObject() && !payments.toObject().value("has_more"_L1).toBool()) {
            auto sub = mapInvoicePayments(id, payments.toObject(), item.raw.providerTime, snapshotAt);
            if (sub)
                out += sub.value();
        }
    } else if (type == "checkout.session"_L1) {
        mapCheckoutSession(o, item);
        // Present only when the request expanded it (a listing with expand[]=data.line_items). A truncated
        // list (has_more) is left for the sync to fetch whole from the session's /line_items.
        if (const QJsonValue lines = o.value("line_items"_L1);
            lines.isObject() && !lines.toObject().value("has_more"_L1).toBool()) {
            auto sub = mapLineItems(id, lines.toObject(), item.raw.providerTime, snapshotAt);
            if (sub)
                out += sub.value();
        }
    } else if (type == "payment_intent"_L1) {
        // Kept for search by pi_ id and for its last_payment_error; the charge carries the timeline row.
    } else if (type == "product"_L1 || type == "price"_L1 || type == "plan"_L1) {
        item.owner = {};
    }
    out.prepend(item);
    return out;
}

void StripeMapper::mapCustomer(const QJsonObject &o, IngestItem &item, const EventContext *ctx) const
{
    const QString id = str(o, "id"_L1);
    item.owner = {};
    // A DELETE answers {"deleted": true}; the customer.deleted event carries the customer as it was.
    if (o.value("deleted"_L1).toBool() || (ctx && ctx->type == "customer.deleted"_L1)) {
        item.owner.identityId = id;
        TimelineEvent r = row(ctx ? ctx->created : item.raw.snapshotAt, u"customer_deleted"_s,
                              u"customer:%1:deleted"_s.arg(id), u"Stripe customer deleted"_s);
        r.observed = ctx == nullptr;
        item.rows.append(r);
        return;
    }
    item.identity =
        IdentityFact{provider::Stripe, id, str(o, "email"_L1), str(o, "name"_L1), secs(o, "created"_L1)};
    item.rows.append(row(secs(o, "created"_L1), u"customer_created"_s, u"customer:%1:created"_s.arg(id),
                         u"Stripe customer created"_s));
}

void StripeMapper::mapCharge(const QJsonObject &o, IngestItem &item) const
{
    const QString id = str(o, "id"_L1);
    const QString status = str(o, "status"_L1);
    if (item.owner.identityId.isEmpty())
        item.owner.email = str(o.value("billing_details"_L1).toObject(), "email"_L1);
    if (item.owner.email.isEmpty() && item.owner.identityId.isEmpty())
        item.owner.email = str(o, "receipt_email"_L1);
    const QString description = str(o, "description"_L1);
    TimelineEvent r;
    if (status == "succeeded"_L1) {
        r = row(secs(o, "created"_L1), u"payment_succeeded"_s, u"charge:%1:succeeded"_s.arg(id),
                description.isEmpty() ? u"Payment succeeded"_s : u"Payment succeeded: %1"_s.arg(description));
    } else if (status == "failed"_L1) {
        QString why = str(o, "failure_message"_L1);
        if (why.isEmpty())
            why = humanize(str(o, "failure_code"_L1));
        r = row(secs(o, "created"_L1), u"payment_failed"_s, u"charge:%1:failed"_s.arg(id),
                why.isEmpty() ? u"Payment failed"_s : u"Payment failed: %1"_s.arg(why));
        r.detail.insert("failure_code"_L1, str(o, "failure_code"_L1));
    } else {
        return; // pending: the succeeded or failed row follows
    }
    r.amount = money(o, "amount"_L1);
    r.currency = str(o, "currency"_L1);
    r.detail.insert("charge"_L1, id);
    if (const QString pi = idOf(o.value("payment_intent"_L1)); !pi.isEmpty())
        r.detail.insert("payment_intent"_L1, pi);
    item.rows.append(r);
}

void StripeMapper::mapRefund(const QJsonObject &o, IngestItem &item) const
{
    const QString id = str(o, "id"_L1);
    const QString charge = idOf(o.value("charge"_L1));
    item.owner.viaKind = u"charge"_s;
    item.owner.viaId = charge;
    const QString status = str(o, "status"_L1);
    const QString reason = str(o, "reason"_L1);
    QString summary;
    if (status == "failed"_L1 || status == "canceled"_L1)
        summary = u"Refund %1"_s.arg(status);
    else
        summary = reason.isEmpty() ? u"Refund"_s : u"Refund (%1)"_s.arg(humanize(reason));
    TimelineEvent r = row(secs(o, "created"_L1), u"refund"_s, u"refund:%1"_s.arg(id), summary);
    r.amount = money(o, "amount"_L1);
    r.currency = str(o, "currency"_L1);
    r.detail.insert("charge"_L1, charge);
    r.detail.insert("status"_L1, status);
    item.rows.append(r);
}

void StripeMapper::mapDispute(const QJsonObject &o, IngestItem &item, Millis snapshotAt,
                              const EventContext *ctx) const
{
    const QString id = str(o, "id"_L1);
    const QString charge = idOf(o.value("charge"_L1));
    item.owner.viaKind = u"charge"_s;
    item.owner.viaId = charge;
    const QString reason = humanize(str(o, "reason"_L1));
    TimelineEvent opened = row(secs(o, "created"_L1), u"dispute_opened"_s, u"dispute:%1:opened"_s.arg(id),
                               reason.isEmpty() ? u"Dispute opened"_s : u"Dispute opened: %1"_s.arg(reason));
    opened.amount = money(o, "amount"_L1);
    opened.currency = str(o, "currency"_L1);
    opened.detail.insert("charge"_L1, charge);
    const Millis dueBy = secs(o.value("evidence_details"_L1).toObject(), "due_by"_L1);
    if (dueBy)
        opened.detail.insert("evidence_due_by"_L1, isoUtc(dueBy));
    item.rows.append(opened);

    const QString status = str(o, "status"_L1);
    if (status == "won"_L1 || status == "lost"_L1) {
        const bool precise = ctx && ctx->type == "charge.dispute.closed"_L1;
        TimelineEvent closed = row(precise ? ctx->created : snapshotAt, u"dispute_%1"_s.arg(status),
                                   u"dispute:%1:%2"_s.arg(id, status), u"Dispute %1"_s.arg(status));
        closed.observed = !precise;
        closed.amount = opened.amount;
        closed.currency = opened.currency;
        closed.detail.insert("charge"_L1, charge);
        item.rows.append(closed);
    }
}

void StripeMapper::mapSubscription(const QJsonObject &o, IngestItem &item, Millis snapshotAt,
                                   const EventContext *ctx) const
{
    const QString id = str(o, "id"_L1);
    const QString status = str(o, "status"_L1);
    const QJsonObject price = firstPrice(o);
    const QString label = priceLabel(price);
    QJsonObject detail;
    detail.insert("subscription"_L1, id);
    detail.insert("price"_L1, str(price, "id"_L1));
    detail.insert("product"_L1, idOf(price.value("product"_L1)));

    const Millis created = secs(o, "created"_L1);
    TimelineEvent start =
        row(created, u"subscription_created"_s, u"sub:%1:created"_s.arg(id),
            status == "trialing"_L1 || secs(o, "trial_start"_L1) ? u"Started a trial of %1"_s.arg(label)
                                                                 : u"Subscribed to %1"_s.arg(label));
    start.detail = detail;
    item.rows.append(start);

    const Millis canceledAt = secs(o, "canceled_at"_L1);
    if (o.value("cancel_at_period_end"_L1).toBool() && canceledAt) {
        TimelineEvent r =
            row(canceledAt, u"subscription_cancel_scheduled"_s, u"sub:%1:cancel_scheduled"_s.arg(id),
                u"Cancellation of %1 scheduled for the end of the period"_s.arg(label));
        r.detail = detail;
        if (const Millis end = periodEnd(o))
            r.detail.insert("period_end"_L1, isoUtc(end));
        item.rows.append(r);
    }
    if (status == "canceled"_L1 || status == "incomplete_expired"_L1) {
        const Millis endedAt = secs(o, "ended_at"_L1) ? secs(o, "ended_at"_L1) : canceledAt;
        TimelineEvent r = row(endedAt ? endedAt : snapshotAt, u"subscription_ended"_s,
                              u"sub:%1:ended"_s.arg(id), u"Subscription to %1 ended"_s.arg(label));
        r.observed = endedAt == 0;
        r.detail = detail;
        item.rows.append(r);
    }

    // Status episodes are named by the invoice that caused them, so a second failed renewal is a new row.
    const QString invoice = idOf(o.value("latest_invoice"_L1));
    const bool statusChangedHere = ctx && ctx->previousAttributes.contains("status"_L1);
    if (status == "past_due"_L1 || status == "unpaid"_L1 || status == "paused"_L1) {
        TimelineEvent r = row(statusChangedHere ? ctx->created : snapshotAt, u"subscription_%1"_s.arg(status),
                              u"sub:%1:status:%2:%3"_s.arg(id, status, invoice),
                              u"Subscription to %1 is %2"_s.arg(label, humanize(status)));
        r.observed = !statusChangedHere;
        r.detail = detail;
        r.detail.insert("invoice"_L1, invoice);
        item.rows.append(r);
    } else if (statusChangedHere && status == "active"_L1) {
        const QString before = ctx->previousAttributes.value("status"_L1).toString();
        if (before == "past_due"_L1 || before == "unpaid"_L1 || before == "paused"_L1) {
            TimelineEvent r =
                row(ctx->created, u"subscription_recovered"_s, u"sub:%1:status:active:%2"_s.arg(id, invoice),
                    u"Subscription to %1 is active again"_s.arg(label));
            r.detail = detail;
            item.rows.append(r);
        }
    }
}

void StripeMapper::mapInvoice(const QJsonObject &o, IngestItem &item, Millis snapshotAt,
                              const EventContext *ctx) const
{
    // Payments and failures are on the charges; an invoice adds a row only when it is written off.
    if (item.owner.identityId.isEmpty())
        item.owner.email = str(o, "customer_email"_L1);
    const QString status = str(o, "status"_L1);
    if (status != "uncollectible"_L1 && status != "void"_L1)
        return;
    const QString id = str(o, "id"_L1);
    const bool precise =
        ctx && (ctx->type == "invoice.marked_uncollectible"_L1 || ctx->type == "invoice.voided"_L1);
    TimelineEvent r = row(precise ? ctx->created : snapshotAt, u"invoice_%1"_s.arg(status),
                          u"invoice:%1:%2"_s.arg(id, status),
                          status == "void"_L1 ? u"Invoice voided"_s : u"Invoice marked uncollectible"_s);
    r.observed = !precise;
    r.amount = money(o, "amount_due"_L1);
    r.currency = str(o, "currency"_L1);
    r.detail.insert("invoice"_L1, id);
    item.rows.append(r);
}

void StripeMapper::mapCheckoutSession(const QJsonObject &o, IngestItem &item) const
{
    if (item.owner.identityId.isEmpty())
        item.owner.email = str(o.value("customer_details"_L1).toObject(), "email"_L1);
    if (str(o, "status"_L1) != "complete"_L1)
        return;
    const QString id = str(o, "id"_L1);
    const QString mode = str(o, "mode"_L1);
    const QString paid = str(o, "payment_status"_L1);
    QString summary = mode == "subscription"_L1 ? u"Checkout completed (subscription)"_s
                      : mode == "setup"_L1      ? u"Checkout completed (payment method saved)"_s
                                                : u"Checkout completed (one-time purchase)"_s;
    if (paid == "unpaid"_L1)
        summary += u", payment pending"_s;
    TimelineEvent r = row(secs(o, "created"_L1), u"checkout_completed"_s, u"checkout:%1"_s.arg(id), summary);
    // The money is on the payment's own row; repeating it here would read as a second payment.
    if (const auto total = money(o, "amount_total"_L1))
        r.detail.insert("amount_total"_L1, double(*total));
    r.detail.insert("currency"_L1, str(o, "currency"_L1));
    r.detail.insert("checkout_session"_L1, id);
    r.detail.insert("payment_status"_L1, paid);
    if (const QString ref = str(o, "client_reference_id"_L1); !ref.isEmpty())
        r.detail.insert("client_reference_id"_L1, ref);
    item.rows.append(r);
}

Result<QList<IngestItem>> StripeMapper::mapLineItems(const QString &session, const QJsonObject &list,
                                                     Millis providerTime, Millis snapshotAt) const
{
    return mapChildList(kCheckoutLineItems, session, list, providerTime, snapshotAt);
}

Result<QList<IngestItem>> StripeMapper::mapInvoicePayments(const QString &invoice, const QJsonObject &list,
                                                           Millis providerTime, Millis snapshotAt) const
{
    return mapChildList(kInvoicePayments, invoice, list, providerTime, snapshotAt);
}

bool StripeMapper::isChildList(const QString &kind)
{
    return kind == kCheckoutLineItems || kind == kInvoicePayments;
}

Result<QList<IngestItem>> StripeMapper::mapChildList(const QString &kind, const QString &parent,
                                                     const QJsonObject &list, Millis providerTime,
                                                     Millis snapshotAt) const
{
    // The parent's kind, and what the list is called in errors.
    const bool lineItems = kind == kCheckoutLineItems;
    if (!isChildList(kind))
        return Error{ErrorKind::Parse, u"%1 is not a list of a Stripe object's children"_s.arg(kind)};
    const QString parentType = lineItems ? u"checkout.session"_s : u"invoice"_s;
    if (parent.isEmpty() || str(list, "object"_L1) != "list"_L1 || !list.value("data"_L1).isArray())
        return Error{ErrorKind::Parse, u"%1 of %2 %3 are not a list"_s.arg(
                                           lineItems ? u"line items"_s : u"payments"_s, parentType, parent)};
    IngestItem item;
    item.raw.provider = provider::Stripe;
    item.raw.kind = kind;
    item.raw.externalId = parent;
    item.raw.json = QJsonDocument(list).toJson(QJsonDocument::Compact);
    item.raw.parsed = list;
    item.raw.providerTime = providerTime;
    item.raw.snapshotAt = snapshotAt;
    // The list names no customer: it belongs to whoever its parent belongs to.
    item.owner.viaKind = kindOf(parentType);
    item.owner.viaId = parent;
    return QList<IngestItem>{item};
}

QStringList invoicePaymentIntents(const QJsonObject &paymentsListOrInvoice)
{
    const QJsonObject list = paymentsListOrInvoice.value("payments"_L1).isObject()
                                 ? paymentsListOrInvoice.value("payments"_L1).toObject()
                                 : paymentsListOrInvoice;
    QStringList out;
    for (const QJsonValue &v : list.value("data"_L1).toArray()) {
        const QJsonObject payment = v.toObject().value("payment"_L1).toObject();
        // Other payment types (out-of-band payments) have no payment intent to tie a charge by.
        const QString pi = idOf(payment.value("payment_intent"_L1));
        if (!pi.isEmpty() && !out.contains(pi))
            out.append(pi);
    }
    return out;
}

QList<PurchasedItem> purchasedItems(const QJsonObject &lineItemsListOrSession)
{
    const QJsonObject list = lineItemsListOrSession.value("line_items"_L1).isObject()
                                 ? lineItemsListOrSession.value("line_items"_L1).toObject()
                                 : lineItemsListOrSession;
    QList<PurchasedItem> out;
    for (const QJsonValue &v : list.value("data"_L1).toArray()) {
        const QJsonObject line = v.toObject();
        if (line.isEmpty())
            continue;
        // Old API versions named the price of a recurring line its plan.
        const QJsonValue price = line.contains("price"_L1) && !line.value("price"_L1).isNull()
                                     ? line.value("price"_L1)
                                     : line.value("plan"_L1);
        PurchasedItem item;
        item.price = idOf(price);
        item.product = idOf(price.toObject().value("product"_L1));
        if (item.product.isEmpty())
            item.product = idOf(line.value("product"_L1));
        // A line without a quantity still stands for one unit of its price.
        if (const QJsonValue q = line.value("quantity"_L1); q.isDouble())
            item.quantity = q.toInteger();
        item.amountTotal = money(line, "amount_total"_L1).value_or(money(line, "amount"_L1).value_or(0));
        item.currency = str(line, "currency"_L1);
        item.description = str(line, "description"_L1);
        out.append(item);
    }
    return out;
}

Result<QList<IngestItem>> StripeMapper::mapEvent(const QJsonObject &event) const
{
    const QString id = str(event, "id"_L1);
    const QString type = str(event, "type"_L1);
    const QJsonObject data = event.value("data"_L1).toObject();
    const QJsonObject object = data.value("object"_L1).toObject();
    if (id.isEmpty() || type.isEmpty() || object.isEmpty() || !event.value("created"_L1).isDouble())
        return Error{ErrorKind::Parse, u"a Stripe event without id, type, created or data.object"_s};

    EventContext ctx{id, type, secondsToMillis(event.value("created"_L1).toInteger()),
                     data.value("previous_attributes"_L1).toObject()};
    auto objectItems = map(object, ctx.created, &ctx);
    if (!objectItems)
        return objectItems.error();

    IngestItem ev;
    ev.raw.provider = provider::Stripe;
    ev.raw.kind = u"event"_s;
    ev.raw.externalId = id;
    ev.raw.json = QJsonDocument(event).toJson(QJsonDocument::Compact);
    ev.raw.providerTime = ctx.created;
    ev.raw.snapshotAt = ctx.created;
    const IngestItem &first = objectItems.value().first();
    ev.owner = first.owner;
    if (first.identity)
        ev.owner.identityId = first.identity->externalId;

    if (type == "customer.updated"_L1 && ctx.previousAttributes.contains("email"_L1)) {
        const QString before = ctx.previousAttributes.value("email"_L1).toString();
        const QString after = str(object, "email"_L1);
        TimelineEvent r =
            row(ctx.created, u"email_changed"_s, u"customer:%1:email:%2"_s.arg(str(object, "id"_L1), id),
                u"Stripe email changed from %1 to %2"_s.arg(before.isEmpty() ? u"(none)"_s : before, after));
        r.detail.insert("from"_L1, before);
        r.detail.insert("to"_L1, after);
        ev.rows.append(r);
    }
    // The object first, so the event's owner (a new customer) exists when the event row is linked.
    QList<IngestItem> out = objectItems.value();
    out.append(ev);
    return out;
}

} // namespace sb::stripe
