#include "store/FactsLoader.h"

#include "providers/stripe/StripeMapper.h"
#include "reconcile/Catalog.h"
#include "store/Database.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::store {

using namespace sb::reconcile;
using stripe::idOf;
using stripe::secs;

namespace {

constexpr qsizetype kChunk =
    5000; // people per IN (…) list: 3 lists of it stay under SQLite 3.32+'s 32,766 parameters

// The membership projection's container kinds, in the catalog's words.
QString catalogKind(const QString &containerKind)
{
    static const QHash<QString, QString> kinds = {{u"access_group_member"_s, catalog::AccessGroup},
                                                  {u"space_member"_s, catalog::Space},
                                                  {u"tagging"_s, catalog::Tag},
                                                  {u"enrolment"_s, catalog::Sequence},
                                                  {u"tagged_member"_s, u"member_tag"_s}};
    return kinds.value(containerKind, containerKind);
}

// " AND <column> IN (?, ?, …)" for a chunk of people, or nothing for everyone.
QString personFilter(const QString &column, const QList<qint64> *people)
{
    if (!people)
        return {};
    QStringList marks(people->size(), u"?"_s);
    return u" AND "_s + column + u" IN ("_s + marks.join(u',') + u')';
}

bool execWith(QSqlQuery &q, const QString &sql, const QList<qint64> *people, const QVariantList &first = {})
{
    if (!q.prepare(sql))
        return false;
    int i = 0;
    for (const QVariant &v : first)
        q.bindValue(i++, v);
    if (people) {
        for (qint64 id : *people)
            q.bindValue(i++, id);
    }
    return q.exec();
}

struct InvoiceInfo {
    QString id;
    QString subscription;
    QString status;
    QString url;
    Millis created = 0;
    int attempts = 0;
    QStringList paymentIntents;
};

} // namespace

Result<QList<PersonFacts>> FactsLoader::loadAll()
{
    return loadWhere(nullptr);
}

Result<QList<PersonFacts>> FactsLoader::load(const QList<qint64> &people)
{
    QList<qint64> ids = people;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    QList<PersonFacts> out;
    for (qsizetype i = 0; i < ids.size(); i += kChunk) {
        const QList<qint64> chunk = ids.mid(i, kChunk);
        auto part = loadWhere(&chunk);
        if (!part)
            return part.error();
        out += std::move(part.value());
    }
    return out;
}

Result<QList<PersonFacts>> FactsLoader::loadWhere(const QList<qint64> *people)
{
    QList<PersonFacts> out;
    QHash<qint64, qsizetype> at;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);

    if (!execWith(q,
                  u"SELECT id, display_name FROM people WHERE 1 = 1"_s + personFilter(u"id"_s, people) +
                      u" ORDER BY id"_s,
                  people))
        return sqlError(q, "cannot read people");
    while (q.next()) {
        PersonFacts f;
        f.personId = q.value(0).toLongLong();
        f.name = q.value(1).toString();
        at.insert(f.personId, out.size());
        out.append(std::move(f));
    }
    const auto factsOf = [&](const QVariant &person) -> PersonFacts * {
        const auto it = at.constFind(person.toLongLong());
        return it == at.cend() ? nullptr : &out[*it];
    };

    // Accounts, with the state their current object shows (no object: deleted at the provider).
    if (!execWith(
            q,
            u"SELECT i.provider, i.external_id, i.person_id, i.email, i.email_norm, i.created_at,"
            " CASE WHEN i.provider = 'stripe' THEN NULL ELSE f.facts END, f.external_id"
            " FROM identities i LEFT JOIN raw_facts f ON f.provider = i.provider"
            " AND f.external_id = i.external_id AND f.kind = CASE i.provider WHEN 'circle' THEN 'member'"
            " WHEN 'kit' THEN 'subscriber' ELSE 'customer' END WHERE 1 = 1"_s +
                personFilter(u"i.person_id"_s, people) +
                u" ORDER BY i.person_id, i.created_at, i.external_id"_s,
            people))
        return sqlError(q, "cannot read accounts");
    while (q.next()) {
        PersonFacts *f = factsOf(q.value(2));
        if (!f)
            continue;
        Account a;
        a.provider = q.value(0).toString();
        a.id = q.value(1).toString();
        a.email = q.value(3).toString();
        a.emailNorm = q.value(4).toString();
        a.createdAt = q.value(5).toLongLong();
        if (q.value(7).isNull()) {
            a.state = u"deleted"_s;
        } else if (a.provider == "stripe"_L1) {
            a.state = u"active"_s;
        } else {
            const QJsonObject o = QJsonDocument::fromJson(q.value(6).toByteArray()).object();
            a.state =
                a.provider == "circle"_L1
                    ? (o.value("active"_L1).toBool(true) ? u"active"_s
                       // Invited and not yet joined: not deactivated, the invitation holds their groups.
                       : o.value("accepted_invitation"_L1).toString().isEmpty() ? u"invited"_s
                                                                                : u"inactive"_s)
                    : o.value("state"_L1).toString();
        }
        if (!a.emailNorm.isEmpty() && !f->emails.contains(a.emailNorm))
            f->emails.append(a.emailNorm);
        f->accounts.append(std::move(a));
    }

    // Stripe: read every object of the kinds entitlement needs, then tie them together.
    QHash<QString, InvoiceInfo> invoices;
    QHash<QString, QString> invoiceOfIntent;
    QHash<QString, Millis> refundedAt;                           // charge -> latest refund
    QHash<QString, QList<stripe::PurchasedItem>> itemsOfSession; // stored under the session's id
    struct Pending {
        qint64 person;
        QString kind;
        QJsonObject o;
    };
    QList<Pending> objects;
    if (!execWith(
            q,
            // The projections kept at ingest (store/FactsProjection): every kind read here has one
            // (tst_store everyKindTheLoaderReadsHasAProjection).
            u"SELECT person_id, kind, facts, external_id FROM raw_facts WHERE provider = 'stripe'"
            " AND kind IN ('charge', 'refund', 'dispute', 'subscription', 'invoice', 'invoice_payments',"
            " 'checkout_session', 'checkout_line_items') AND person_id IS NOT NULL"_s +
                personFilter(u"person_id"_s, people),
            people))
        return sqlError(q, "cannot read Stripe objects");
    while (q.next()) {
        const QString kind = q.value(1).toString();
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(2).toByteArray());
        const QJsonObject o = doc.object();
        if (kind == "invoice"_L1) {
            InvoiceInfo in;
            in.id = idOf(o.value("id"_L1));
            in.status = o.value("status"_L1).toString();
            in.url = o.value("hosted_invoice_url"_L1).toString();
            in.created = secs(o, "created"_L1);
            in.attempts = o.value("attempt_count"_L1).toInt();
            // Basil: parent.subscription_details.subscription and payments[]; older: subscription,
            // payment_intent.
            in.subscription = idOf(o.value("parent"_L1)
                                       .toObject()
                                       .value("subscription_details"_L1)
                                       .toObject()
                                       .value("subscription"_L1));
            if (in.subscription.isEmpty())
                in.subscription = idOf(o.value("subscription"_L1));
            in.paymentIntents = stripe::invoicePaymentIntents(o);
            if (const QString pi = idOf(o.value("payment_intent"_L1)); !pi.isEmpty())
                in.paymentIntents.append(pi);
            for (const QString &pi : std::as_const(in.paymentIntents))
                invoiceOfIntent.insert(pi, in.id);
            invoices.insert(in.id, in);
        } else if (kind == "refund"_L1) {
            const QString charge = idOf(o.value("charge"_L1));
            if (o.value("status"_L1).toString() != "failed"_L1 &&
                o.value("status"_L1).toString() != "canceled"_L1)
                refundedAt[charge] = std::max(refundedAt.value(charge), secs(o, "created"_L1));
        } else if (kind == stripe::kInvoicePayments) {
            // Basil invoices name their payments only when expanded: the list of their own raw object, stored
            // under the invoice's id, survives later events about the invoice.
            for (const QString &pi : stripe::invoicePaymentIntents(o))
                invoiceOfIntent.insert(pi, q.value(3).toString());
        } else if (kind == stripe::kCheckoutLineItems) {
            itemsOfSession.insert(q.value(3).toString(), stripe::purchasedItems(o));
        } else {
            objects.append({q.value(0).toLongLong(), kind, o});
        }
    }
    for (const Pending &p : std::as_const(objects)) {
        PersonFacts *f = factsOf(p.person);
        if (!f)
            continue;
        const QJsonObject &o = p.o;
        if (p.kind == "charge"_L1) {
            Charge c;
            c.id = idOf(o.value("id"_L1));
            c.paymentIntent = idOf(o.value("payment_intent"_L1));
            c.at = secs(o, "created"_L1);
            c.status = o.value("status"_L1).toString();
            c.amount = o.value("amount"_L1).toInteger();
            c.refunded = o.value("amount_refunded"_L1).toInteger();
            c.refundedAt = refundedAt.value(c.id);
            c.currency = o.value("currency"_L1).toString();
            c.invoice = idOf(o.value("invoice"_L1));
            if (c.invoice.isEmpty())
                c.invoice = invoiceOfIntent.value(c.paymentIntent);
            c.subscription = invoices.value(c.invoice).subscription;
            f->charges.append(std::move(c));
        } else if (p.kind == "dispute"_L1) {
            Dispute d;
            d.id = idOf(o.value("id"_L1));
            d.charge = idOf(o.value("charge"_L1));
            d.at = secs(o, "created"_L1);
            d.status = o.value("status"_L1).toString();
            d.reason = o.value("reason"_L1).toString();
            d.amount = o.value("amount"_L1).toInteger();
            d.currency = o.value("currency"_L1).toString();
            d.dueBy = secs(o.value("evidence_details"_L1).toObject(), "due_by"_L1);
            f->disputes.append(std::move(d));
        } else if (p.kind == "subscription"_L1) {
            Subscription s;
            s.id = idOf(o.value("id"_L1));
            s.status = o.value("status"_L1).toString();
            s.created = secs(o, "created"_L1);
            s.canceledAt = secs(o, "canceled_at"_L1);
            s.endedAt = secs(o, "ended_at"_L1);
            s.cancelAtPeriodEnd = o.value("cancel_at_period_end"_L1).toBool();
            s.currentPeriodEnd = secs(o, "current_period_end"_L1);
            for (const QJsonValue &item : o.value("items"_L1).toObject().value("data"_L1).toArray()) {
                const QJsonObject io = item.toObject();
                const QJsonObject price = io.value("price"_L1).toObject();
                s.prices.append(idOf(io.value("price"_L1)));
                s.products.append(idOf(price.value("product"_L1)));
                if (!s.currentPeriodEnd)
                    s.currentPeriodEnd = secs(io, "current_period_end"_L1);
            }
            const QString latest = idOf(o.value("latest_invoice"_L1));
            if (const auto it = invoices.constFind(latest);
                it != invoices.cend() && (it->status == "open"_L1 || it->status == "uncollectible"_L1)) {
                s.openInvoice = it->id;
                s.openInvoiceUrl = it->url;
                s.attempts = it->attempts;
            }
            f->subscriptions.append(std::move(s));
        } else if (p.kind == "checkout_session"_L1) {
            if (o.value("mode"_L1).toString() != "payment"_L1 ||
                o.value("status"_L1).toString() != "complete"_L1)
                continue;
            Purchase pu;
            pu.session = idOf(o.value("id"_L1));
            pu.paymentIntent = idOf(o.value("payment_intent"_L1));
            pu.at = secs(o, "created"_L1);
            pu.paymentStatus = o.value("payment_status"_L1).toString();
            // The line items of their own raw object survive later events; a listed session may carry them
            // too.
            QList<stripe::PurchasedItem> items = itemsOfSession.value(pu.session);
            if (items.isEmpty())
                items = stripe::purchasedItems(o);
            for (const stripe::PurchasedItem &item : std::as_const(items)) {
                pu.prices.append(item.price);
                pu.products.append(item.product);
            }
            f->purchases.append(std::move(pu));
        }
    }
    // A failed renewal's first failure: the earliest failed charge on its invoice, else the invoice's time
    // (an invoice is created before its first attempt, so it is only the fallback). One-time charges learn
    // what they paid for from their purchase.
    for (PersonFacts &f : out) {
        for (Subscription &s : f.subscriptions) {
            if (s.openInvoice.isEmpty())
                continue;
            for (const Charge &c : std::as_const(f.charges)) {
                if (c.invoice == s.openInvoice && c.status == "failed"_L1 &&
                    (!s.failedAt || c.at < s.failedAt))
                    s.failedAt = c.at;
            }
        }
        for (Charge &c : f.charges) {
            if (!c.subscription.isEmpty() || c.paymentIntent.isEmpty())
                continue;
            for (const Purchase &pu : std::as_const(f.purchases)) {
                if (pu.paymentIntent == c.paymentIntent && !pu.prices.isEmpty()) {
                    c.price = pu.prices.constFirst();
                    c.product = pu.products.value(0);
                    break;
                }
            }
        }
    }

    // Comps are kept by address: they survive rebuilds and apply to whoever holds the address.
    if (!q.exec(
            u"SELECT email_norm, product_key, since, until, actor, reason FROM comps WHERE revoked_at IS NULL"
            " ORDER BY id"_s))
        return sqlError(q, "cannot read comps");
    QHash<QString, QList<Comp>> comps;
    while (q.next())
        comps[q.value(0).toString()].append(Comp{q.value(1).toString(), q.value(2).toLongLong(),
                                                 q.value(3).toLongLong(), q.value(4).toString(),
                                                 q.value(5).toString()});
    if (!comps.isEmpty()) {
        for (PersonFacts &f : out) {
            for (const QString &e : std::as_const(f.emails))
                f.comps += comps.value(e);
        }
    }

    if (!execWith(q,
                  u"SELECT provider, container_kind, container_id, member_id, person_id, since, status"
                  " FROM memberships WHERE person_id IS NOT NULL"_s +
                      personFilter(u"person_id"_s, people) +
                      u" ORDER BY person_id, provider, container_kind, container_id, member_id"_s,
                  people))
        return sqlError(q, "cannot read memberships");
    while (q.next()) {
        PersonFacts *f = factsOf(q.value(4));
        if (!f)
            continue;
        f->memberships.append(Membership{q.value(0).toString(), catalogKind(q.value(1).toString()),
                                         q.value(2).toString(), q.value(3).toString(),
                                         q.value(5).toLongLong(), q.value(6).toString()});
    }

    // Look-alikes: the same loose address, or an address one of the two used to have (as Queries does for one
    // person, here for all at once).
    const QString filter = personFilter(u"mine.person_id"_s, people);
    QList<qint64> args3;
    if (people)
        args3 = *people + *people + *people;
    if (!execWith(
            q,
            u"SELECT mine.person_id, other.person_id, other.email, 'loose_email' FROM identities mine"
            " JOIN identities other ON other.email_loose = mine.email_loose AND other.person_id <> "
            "mine.person_id"
            " WHERE mine.email_loose <> ''"_s +
                filter +
                u" UNION SELECT mine.person_id, other.person_id, other.email, 'previous_email' FROM "
                u"identities mine"
                " JOIN identity_emails h ON h.provider = mine.provider AND h.external_id = mine.external_id"
                " JOIN identities other ON other.email_norm = h.email_norm AND other.person_id <> "
                "mine.person_id"
                " WHERE 1 = 1"_s +
                filter +
                u" UNION SELECT mine.person_id, other.person_id, other.email, 'previous_email' FROM "
                u"identities mine"
                " JOIN identity_emails h ON h.email_norm = mine.email_norm"
                " JOIN identities other ON other.provider = h.provider AND other.external_id = h.external_id"
                " AND other.person_id <> mine.person_id WHERE mine.email_norm <> ''"_s +
                filter + u" ORDER BY 1, 2, 4, 3"_s,
            people ? &args3 : nullptr))
        return sqlError(q, "cannot read look-alikes");
    // Rows come ordered, and the first reason per pair wins, so the summary is the same on every pass.
    QList<std::tuple<qint64, qint64, QString, QString>> rows;
    while (q.next())
        rows.append(
            {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString()});
    // A human who unlinked an account decided these people are not one: never suggest linking them again.
    QSet<qint64> decided;
    if (!rows.isEmpty()) {
        if (!q.exec(u"SELECT DISTINCT i.person_id FROM identity_links l JOIN identities i"
                    " ON i.provider = l.provider AND i.external_id = l.external_id WHERE l.op = 'unlink'"
                    " UNION SELECT DISTINCT i.person_id FROM identity_links l JOIN identities i"
                    " ON i.provider = l.anchor_provider AND i.external_id = l.anchor_external_id"
                    " WHERE l.op = 'unlink'"_s))
            return sqlError(q, "cannot read unlink decisions");
        while (q.next())
            decided.insert(q.value(0).toLongLong());
    }
    QSet<qint64> others;
    for (const auto &[mine, other, email, reason] : std::as_const(rows)) {
        PersonFacts *f = factsOf(mine);
        if (!f || (decided.contains(mine) && decided.contains(other)))
            continue;
        if (std::any_of(f->lookAlikes.cbegin(), f->lookAlikes.cend(),
                        [other](const LookAlike &l) { return l.personId == other; }))
            continue;
        LookAlike l;
        l.personId = other;
        l.email = email;
        l.reason = reason;
        f->lookAlikes.append(l);
        others.insert(other);
    }
    if (!others.isEmpty()) {
        // The other side's name, anchor and whether it pays (it may be outside this batch).
        QSqlQuery o(m_db);
        o.setForwardOnly(true);
        if (!o.prepare(u"SELECT p.display_name, i.provider, i.external_id, i.created_at FROM people p"
                       " LEFT JOIN identities i ON i.person_id = p.id WHERE p.id = ?"_s))
            return sqlError(o, "cannot read look-alike people");
        QHash<qint64, LookAlike> info;
        for (qint64 id : std::as_const(others)) {
            o.bindValue(0, id);
            if (!o.exec())
                return sqlError(o, "cannot read look-alike people");
            PersonFacts shape;
            shape.personId = id;
            while (o.next()) {
                shape.name = o.value(0).toString();
                if (!o.value(1).isNull())
                    shape.accounts.append(Account{
                        o.value(1).toString(), o.value(2).toString(), {}, {}, {}, o.value(3).toLongLong()});
            }
            LookAlike l;
            l.name = shape.name;
            l.anchor = shape.anchor();
            l.pays = !shape.accountsOf(provider::Stripe).isEmpty();
            info.insert(id, l);
        }
        for (PersonFacts &f : out) {
            for (LookAlike &l : f.lookAlikes) {
                const LookAlike &i = info[l.personId];
                l.name = i.name;
                l.anchor = i.anchor;
                l.pays = i.pays;
            }
        }
    }
    return out;
}

} // namespace sb::store
