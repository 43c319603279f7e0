#include "store/FactsProjection.h"

#include "domain/Types.h"
#include "providers/stripe/StripeMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::store {

namespace {

// The keys kept as they are, per kind: scalars, or ids (a string, or an expanded object the loader reads the
// id of — reduced to its id here).
const QHash<QString, QStringList> &scalarKeys()
{
    static const QHash<QString, QStringList> keys = {
        {u"charge"_s,
         {u"id"_s, u"payment_intent"_s, u"created"_s, u"status"_s, u"amount"_s, u"amount_refunded"_s,
          u"currency"_s, u"invoice"_s}},
        {u"refund"_s, {u"charge"_s, u"status"_s, u"created"_s}},
        {u"dispute"_s,
         {u"id"_s, u"charge"_s, u"created"_s, u"status"_s, u"reason"_s, u"amount"_s, u"currency"_s}},
        {u"subscription"_s,
         {u"id"_s, u"status"_s, u"created"_s, u"canceled_at"_s, u"ended_at"_s, u"cancel_at_period_end"_s,
          u"current_period_end"_s, u"latest_invoice"_s}},
        {u"invoice"_s,
         {u"id"_s, u"status"_s, u"hosted_invoice_url"_s, u"created"_s, u"attempt_count"_s, u"subscription"_s,
          u"payment_intent"_s}},
        {u"checkout_session"_s,
         {u"id"_s, u"mode"_s, u"status"_s, u"payment_intent"_s, u"created"_s, u"payment_status"_s}},
    };
    return keys;
}

// A key the loader reads an id from: expanded objects become their id, anything else stays as it is.
QJsonValue idOrValue(const QJsonValue &v)
{
    if (v.isObject())
        return stripe::idOf(v);
    return v;
}

// Stripe: the key's value, an expanded object reduced to its id.
void keep(QJsonObject &out, const QJsonObject &o, const QString &key)
{
    if (const auto it = o.constFind(key); it != o.constEnd())
        out.insert(key, idOrValue(*it));
}

// Circle and Kit: the key's value as it is.
void copy(QJsonObject &out, const QJsonObject &o, const QString &key)
{
    if (const auto it = o.constFind(key); it != o.constEnd())
        out.insert(key, *it);
}

// A price (or plan): its id and product id.
QJsonValue priceShape(const QJsonValue &price)
{
    if (!price.isObject())
        return price;
    const QJsonObject p = price.toObject();
    QJsonObject out;
    keep(out, p, u"id"_s);
    keep(out, p, u"product"_s);
    return out;
}

// A list of line items (a session's or its own raw object): what purchasedItems() reads of each line.
QJsonObject lineItems(const QJsonObject &list)
{
    QJsonArray data;
    for (const QJsonValue &v : list.value("data"_L1).toArray()) {
        const QJsonObject line = v.toObject();
        QJsonObject l;
        for (const QString &key : {u"price"_s, u"plan"_s}) {
            if (const auto it = line.constFind(key); it != line.constEnd())
                l.insert(key, priceShape(*it));
        }
        keep(l, line, u"product"_s);
        for (const QString &key : {u"quantity"_s, u"amount_total"_s, u"amount"_s, u"currency"_s})
            keep(l, line, key);
        data.append(l);
    }
    return {{u"data"_s, data}};
}

// A list of invoice payments (an invoice's or its own raw object): each payment's payment intent.
QJsonObject payments(const QJsonObject &list)
{
    QJsonArray data;
    for (const QJsonValue &v : list.value("data"_L1).toArray()) {
        QJsonObject payment;
        keep(payment, v.toObject().value("payment"_L1).toObject(), u"payment_intent"_s);
        data.append(QJsonObject{{u"payment"_s, payment}});
    }
    return {{u"data"_s, data}};
}

QJsonObject stripeProjection(const QString &kind, const QJsonObject &o)
{
    if (kind == stripe::kCheckoutLineItems)
        return lineItems(o);
    if (kind == stripe::kInvoicePayments)
        return payments(o);
    QJsonObject out;
    for (const QString &key : scalarKeys().value(kind))
        keep(out, o, key);
    if (kind == "dispute"_L1) {
        if (const QJsonValue due = o.value("evidence_details"_L1).toObject().value("due_by"_L1);
            !due.isUndefined())
            out.insert(u"evidence_details"_s, QJsonObject{{u"due_by"_s, due}});
    } else if (kind == "subscription"_L1) {
        QJsonArray items;
        for (const QJsonValue &v : o.value("items"_L1).toObject().value("data"_L1).toArray()) {
            const QJsonObject item = v.toObject();
            QJsonObject i;
            if (const auto it = item.constFind("price"_L1); it != item.constEnd())
                i.insert(u"price"_s, priceShape(*it));
            keep(i, item, u"current_period_end"_s);
            items.append(i);
        }
        out.insert(u"items"_s, QJsonObject{{u"data"_s, items}});
    } else if (kind == "invoice"_L1) {
        const QJsonValue sub = o.value("parent"_L1)
                                   .toObject()
                                   .value("subscription_details"_L1)
                                   .toObject()
                                   .value("subscription"_L1);
        if (!sub.isUndefined())
            out.insert(u"parent"_s, QJsonObject{{u"subscription_details"_s,
                                                 QJsonObject{{u"subscription"_s, idOrValue(sub)}}}});
        if (o.value("payments"_L1).isObject())
            out.insert(u"payments"_s, payments(o.value("payments"_L1).toObject()));
    } else if (kind == "checkout_session"_L1) {
        if (o.value("line_items"_L1).isObject())
            out.insert(u"line_items"_s, lineItems(o.value("line_items"_L1).toObject()));
    }
    return out;
}

} // namespace

bool hasFactsProjection(const QString &provider, const QString &kind)
{
    // A customer's projection is empty: the loader only needs to know the object is there.
    if (provider == provider::Stripe)
        return scalarKeys().contains(kind) || kind == stripe::kCheckoutLineItems ||
               kind == stripe::kInvoicePayments || kind == "customer"_L1;
    if (provider == provider::Circle)
        return kind == "member"_L1;
    if (provider == provider::Kit)
        return kind == "subscriber"_L1;
    return false;
}

QByteArray factsProjection(const QString &provider, const QString &kind, const QJsonObject &object)
{
    if (!hasFactsProjection(provider, kind))
        return {};
    QJsonObject out;
    if (provider == provider::Stripe) {
        out = stripeProjection(kind, object);
    } else if (provider == provider::Circle) {
        copy(out, object, u"active"_s);
        copy(out, object, u"accepted_invitation"_s);
    } else {
        copy(out, object, u"state"_s);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

Status backfillFacts(QSqlDatabase &db)
{
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (!read.exec(u"SELECT r.provider, r.kind, r.external_id, r.person_id, r.json FROM raw_objects r"
                   " WHERE NOT EXISTS (SELECT 1 FROM raw_facts f WHERE f.provider = r.provider"
                   " AND f.kind = r.kind AND f.external_id = r.external_id)"_s))
        return Status::failure(ErrorKind::Io, u"cannot read raw objects: "_s + read.lastError().text());
    QSqlQuery write(db);
    write.prepare(
        u"INSERT INTO raw_facts(provider, kind, external_id, person_id, facts) VALUES (?, ?, ?, ?, ?)"_s);
    while (read.next()) {
        const QString provider = read.value(0).toString(), kind = read.value(1).toString();
        if (!hasFactsProjection(provider, kind))
            continue;
        write.bindValue(0, provider);
        write.bindValue(1, kind);
        write.bindValue(2, read.value(2));
        write.bindValue(3, read.value(3));
        write.bindValue(4,
                        QString::fromUtf8(factsProjection(
                            provider, kind, QJsonDocument::fromJson(read.value(4).toByteArray()).object())));
        if (!write.exec())
            return Status::failure(ErrorKind::Io, u"cannot write facts: "_s + write.lastError().text());
    }
    return {};
}

} // namespace sb::store
