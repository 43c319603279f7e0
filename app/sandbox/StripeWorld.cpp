#include "StripeWorld.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox::stripe {

namespace {

constexpr qint64 Day = 86400;
const QString DeclineMessage = u"Your card was declined."_s;

template <typename T, typename List> void placeLast(const Table<T> &table, List &list)
{
    if (list.size() < 2 || !table.before(list.back(), list[list.size() - 2]))
        return;
    const int value = list.back();
    const auto pos = std::upper_bound(list.begin(), list.end() - 1, value,
                                      [&table](int a, int b) { return table.before(a, b); });
    std::rotate(pos, list.end() - 1, list.end());
}

template <typename T> void sortTable(Table<T> &table)
{
    const auto less = [&table](int a, int b) {
        return table.before(a, b);
    };
    std::sort(table.order.begin(), table.order.end(), less);
    for (auto &index : table.indexes) {
        for (auto &list : index)
            std::sort(list.begin(), list.end(), less);
    }
}

template <typename T> void clearTable(Table<T> &table)
{
    table.rows.clear();
    table.byId.clear();
    table.order.clear();
    table.indexes.clear();
}

} // namespace

StripeWorld::StripeWorld() = default;

void StripeWorld::clear()
{
    m_catalog.clear();
    m_seq = 0;
    m_people.clear();
    m_personByEmail.clear();
    clearTable(m_customers);
    clearTable(m_charges);
    clearTable(m_paymentIntents);
    clearTable(m_invoices);
    clearTable(m_subscriptions);
    clearTable(m_refunds);
    clearTable(m_disputes);
    clearTable(m_sessions);
    clearTable(m_products);
    clearTable(m_prices);
    clearTable(m_events);
}

void StripeWorld::finishBulk()
{
    sortTable(m_customers);
    sortTable(m_charges);
    sortTable(m_paymentIntents);
    sortTable(m_invoices);
    sortTable(m_subscriptions);
    sortTable(m_refunds);
    sortTable(m_disputes);
    sortTable(m_sessions);
    sortTable(m_products);
    sortTable(m_prices);
    sortTable(m_events);
    m_bulk = false;
}

const CatalogProduct *StripeWorld::catalogPrice(const QString &price) const
{
    for (const CatalogProduct &p : m_catalog) {
        if (p.price == price)
            return &p;
    }
    return nullptr;
}

qint64 StripeWorld::addInterval(qint64 at, const QString &interval)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(at, Qt::UTC);
    return (interval == u"year" ? t.addYears(1) : t.addMonths(1)).toSecsSinceEpoch();
}

template <typename T>
int StripeWorld::insert(Table<T> &table, T row, std::initializer_list<std::pair<QString, QString>> keys)
{
    row.seq = ++m_seq;
    const int n = static_cast<int>(table.rows.size());
    table.byId.insert(row.id, n);
    table.rows.push_back(std::move(row));
    table.order.push_back(n);
    if (!m_bulk)
        placeLast(table, table.order);
    for (const auto &[name, value] : keys) {
        if (value.isEmpty())
            continue;
        RowList &list = table.indexes[name][value];
        list.push_back(n);
        if (!m_bulk)
            placeLast(table, list);
    }
    return n;
}

template <typename T>
void StripeWorld::addEvent(const QString &type, qint64 at, const T &snapshot, QJsonObject previous)
{
    if (at < m_windowStart)
        return; // Stripe would never show it again
    Event e;
    e.id = m_ids.make("evt_"_L1, 24);
    e.created = at;
    e.type = type;
    e.legacy = at < m_legacyBefore;
    e.object = snapshot;
    e.previous = std::move(previous);
    insert(m_events, std::move(e), {});
}

void StripeWorld::reindexEmail(int customer, const QString &oldEmail)
{
    const QString newEmail = m_customers.rows[static_cast<size_t>(customer)].email;
    const std::pair<QString, std::pair<QString, QString>> keys[] = {
        {u"email"_s, {oldEmail, newEmail}}, {u"email_lower"_s, {oldEmail.toLower(), newEmail.toLower()}}};
    for (const auto &[name, change] : keys) {
        auto &index = m_customers.indexes[name];
        auto it = index.find(change.first);
        if (it != index.end()) {
            it->erase(std::remove(it->begin(), it->end(), customer), it->end());
            if (it->empty())
                index.erase(it);
        }
        RowList &list = index[change.second];
        const auto pos = std::upper_bound(list.begin(), list.end(), customer,
                                          [this](int a, int b) { return m_customers.before(a, b); });
        list.insert(pos, customer);
    }
}

int StripeWorld::personState(const QString &email, const QString &name, const QString &label)
{
    const auto it = m_personByEmail.constFind(email);
    if (it != m_personByEmail.cend())
        return *it;
    PersonState p;
    p.email = email;
    p.name = name;
    p.label = label;
    m_people.push_back(std::move(p));
    const int n = static_cast<int>(m_people.size()) - 1;
    m_personByEmail.insert(email, n);
    return n;
}

bool StripeWorld::materialise(const World &world, qint64 offset, qint64 loadNow, QString *error)
{
    clear();
    m_catalog = world.products;
    m_loadNow = loadNow;
    m_legacyBefore = loadNow - 20 * Day;
    m_windowStart = loadNow - 30 * Day;
    const quint64 salt =
        SplitMix64::mix(static_cast<quint64>(world.now) ^ (static_cast<quint64>(world.people.size()) << 40));
    m_ids.reset(salt);
    m_lineItemIds.reset(SplitMix64::mix(salt ^ 0x6c696e655f697473ULL)); // "line_its": a sequence of its own
    m_bulk = true;

    const qint64 catalogCreated = loadNow - 400 * Day;
    for (const CatalogProduct &cp : std::as_const(m_catalog)) {
        if (!m_products.find(cp.product)) {
            Product product;
            product.id = cp.product;
            product.created = catalogCreated;
            product.name = cp.name;
            product.defaultPrice = cp.price;
            insert(m_products, product, {});
        }
        Price price;
        price.id = cp.price;
        price.created = catalogCreated;
        price.product = cp.product;
        price.currency = cp.currency;
        price.interval = cp.isSubscription() ? cp.interval : QString();
        price.unitAmount = cp.amount;
        insert(m_prices, price, {{u"product"_s, cp.product}});
    }

    for (const Person &person : world.people) {
        if (person.stripe.isEmpty())
            continue;
        const int p = personState(person.email, person.name, person.label());
        for (const JourneyEntry &e : person.stripe) {
            QString why;
            if (!apply(p, e, e.at + offset, &why)) {
                *error = person.label() + u": stripe["_s + QString::number(e.index) + u"] (\""_s + e.verb +
                         u"\"): "_s + why;
                clear();
                m_bulk = false;
                return false;
            }
        }
        flushPending(m_people[static_cast<size_t>(p)], loadNow);
    }
    finishBulk();
    return true;
}

bool StripeWorld::applyLive(const QString &email, const QString &name, const JourneyEntry &entry, qint64 at,
                            QString *error)
{
    const int p = personState(email, name, u"person ("_s + email + u")"_s);
    return apply(p, entry, at, error);
}

bool StripeWorld::apply(int person, const JourneyEntry &e, qint64 at, QString *error)
{
    PersonState &p = m_people[static_cast<size_t>(person)];
    flushPending(p, at);
    const QString &v = e.verb;
    if (v == u"subscribe")
        return subscribe(p, e, at, error);
    if (v == u"buy")
        return buy(p, e, at, error);
    if (v == u"renew")
        return renew(p, e, at, true, error);
    if (v == u"renewal_failed")
        return renew(p, e, at, false, error);
    if (v == u"cancel")
        return cancel(p, e, at, error);
    if (v == u"refund")
        return refund(p, e, at, error);
    if (v == u"dispute")
        return openDispute(p, e, at, error) >= 0;
    if (v == u"dispute_won")
        return closeDispute(p, e, at, true, error);
    if (v == u"dispute_lost")
        return closeDispute(p, e, at, false, error);
    if (v == u"change_email")
        return changeEmail(p, e, at, error);
    *error = u"unknown stripe verb \""_s + v + u"\""_s;
    return false;
}

void StripeWorld::flushPending(PersonState &p, qint64 upTo)
{
    std::sort(p.pending.begin(), p.pending.end(),
              [](const PendingEnd &a, const PendingEnd &b) { return a.at < b.at; });
    while (!p.pending.empty() && p.pending.front().at <= upTo) {
        const PendingEnd end = p.pending.front();
        p.pending.erase(p.pending.begin());
        Subscription &s = m_subscriptions.rows[static_cast<size_t>(end.subscription)];
        if (s.status == u"canceled")
            continue;
        s.status = u"canceled"_s;
        s.endedAt = end.at;
        addEvent(u"customer.subscription.deleted"_s, end.at, s);
    }
}

int StripeWorld::customerFor(PersonState &p, const JourneyEntry &e, qint64 at)
{
    const bool own = e.email.isEmpty();
    if (own && p.defaultCustomer >= 0)
        return p.defaultCustomer;
    const QString email = own ? p.email : e.email;
    for (int c : p.customers) {
        if (m_customers.rows[static_cast<size_t>(c)].email == email) {
            if (own)
                p.defaultCustomer = c;
            return c;
        }
    }
    const int c = newCustomer(email, p.name, {}, at);
    p.customers.push_back(c);
    if (own)
        p.defaultCustomer = c;
    return c;
}

int StripeWorld::newCustomer(const QString &email, const QString &name, const QJsonObject &metadata,
                             qint64 at)
{
    Customer cus;
    cus.id = m_ids.make("cus_"_L1, 14);
    cus.created = at;
    cus.email = email;
    cus.name = name;
    cus.metadata = metadata;
    cus.invoicePrefix = QString::number(SplitMix64::mix(static_cast<quint64>(m_seq) + 77) & 0xFFFFFFFFULL, 16)
                            .toUpper()
                            .rightJustified(8, u'0');
    const int c = insert(m_customers, cus, {{u"email"_s, email}, {u"email_lower"_s, email.toLower()}});
    addEvent(u"customer.created"_s, at, m_customers.rows[static_cast<size_t>(c)]);
    return c;
}

const Customer &StripeWorld::createCustomer(const QString &email, const QString &name,
                                            const QJsonObject &metadata, qint64 at)
{
    return m_customers.rows[static_cast<size_t>(newCustomer(email, name, metadata, at))];
}

bool StripeWorld::belongsToScope(const JourneyEntry &e, const QString &customerId) const
{
    if (e.email.isEmpty())
        return true;
    const Customer *c = m_customers.find(customerId);
    return c && c->email == e.email;
}

int StripeWorld::latestLiveSubscription(const PersonState &p, const JourneyEntry &e) const
{
    for (auto it = p.subscriptions.rbegin(); it != p.subscriptions.rend(); ++it) {
        const Subscription &s = m_subscriptions.rows[static_cast<size_t>(*it)];
        if (s.status == u"canceled")
            continue;
        if (!e.price.isEmpty() && s.price != e.price)
            continue;
        if (!belongsToScope(e, s.customer))
            continue;
        return *it;
    }
    return -1;
}

int StripeWorld::newInvoice(int customer, const Subscription &sub, const CatalogProduct &product, qint64 at,
                            const QString &billingReason, qint64 periodStart, qint64 periodEnd)
{
    Customer &cus = m_customers.rows[static_cast<size_t>(customer)];
    Invoice inv;
    inv.id = m_ids.make("in_"_L1, 24);
    inv.created = at;
    inv.customer = cus.id;
    inv.customerEmail = cus.email;
    inv.customerName = cus.name;
    inv.subscription = sub.id;
    inv.subscriptionItem = sub.itemId;
    inv.lineId = m_ids.make("il_"_L1, 24);
    inv.price = product.price;
    inv.productName = product.name;
    inv.interval = product.interval;
    inv.status = u"draft"_s;
    inv.billingReason = billingReason;
    inv.number =
        cus.invoicePrefix + u"-"_s + QString::number(cus.nextInvoiceSequence).rightJustified(4, u'0');
    ++cus.nextInvoiceSequence;
    inv.currency = product.currency;
    inv.amountDue = product.amount;
    inv.periodStart = periodStart;
    inv.periodEnd = periodEnd;
    inv.lineStart = sub.periodStart;
    inv.lineEnd = sub.periodEnd;
    const QString cusId = cus.id;
    return insert(m_invoices, inv, {{u"customer"_s, cusId}, {u"subscription"_s, sub.id}});
}

int StripeWorld::newCharge(int customer, int paymentIntent, bool succeed, qint64 at)
{
    Customer &cus = m_customers.rows[static_cast<size_t>(customer)];
    const PaymentIntent &pi = m_paymentIntents.rows[static_cast<size_t>(paymentIntent)];
    Charge ch;
    ch.id = m_ids.make("ch_"_L1, 24);
    ch.created = at;
    ch.customer = cus.id;
    ch.paymentIntent = pi.id;
    ch.invoice = pi.invoice;
    ch.email = cus.email;
    ch.name = cus.name;
    ch.description = pi.description;
    ch.currency = pi.currency;
    ch.amount = pi.amount;
    ch.paymentMethod = pi.paymentMethod.isEmpty() ? m_ids.make("pm_"_L1, 24) : pi.paymentMethod;
    if (succeed) {
        ch.status = u"succeeded"_s;
        ch.balanceTransaction = m_ids.make("txn_"_L1, 24);
    } else {
        ch.status = u"failed"_s;
        ch.failureCode = u"card_declined"_s;
        ch.failureMessage = DeclineMessage;
    }
    cus.currency = ch.currency;
    const QString chargeId = ch.id;
    const int c = insert(m_charges, ch, {{u"customer"_s, cus.id}, {u"payment_intent"_s, pi.id}});
    PaymentIntent &intent = m_paymentIntents.rows[static_cast<size_t>(paymentIntent)];
    intent.latestCharge = chargeId;
    if (succeed) {
        intent.status = u"succeeded"_s;
        intent.amountReceived = intent.amount;
        intent.lastErrorCharge.clear();
    } else {
        intent.status = u"requires_payment_method"_s;
        intent.lastErrorCharge = chargeId;
    }
    return c;
}

StripeWorld::Payment StripeWorld::newPayment(int customer, qint64 amount, const QString &currency,
                                             const QString &description, const QString &invoice,
                                             const QString &paymentMethod, bool succeed, bool offSession,
                                             qint64 at)
{
    PaymentIntent pi;
    pi.id = m_ids.make("pi_"_L1, 24);
    pi.created = at;
    pi.customer = m_customers.rows[static_cast<size_t>(customer)].id;
    pi.invoice = invoice;
    pi.description = description;
    pi.amount = amount;
    pi.currency = currency;
    pi.paymentMethod = paymentMethod;
    pi.offSession = offSession;
    const QString cusId = pi.customer;
    Payment pay;
    pay.paymentIntent = insert(m_paymentIntents, pi, {{u"customer"_s, cusId}});
    pay.charge = newCharge(customer, pay.paymentIntent, succeed, at);
    return pay;
}

QJsonObject StripeWorld::periodChange(const Subscription &before, qint64 at) const
{
    QJsonObject previous;
    if (at < m_legacyBefore) {
        previous.insert(u"current_period_start"_s, before.periodStart);
        previous.insert(u"current_period_end"_s, before.periodEnd);
    } else {
        QJsonObject item{{u"id"_s, before.itemId},
                         {u"object"_s, u"subscription_item"_s},
                         {u"current_period_start"_s, before.periodStart},
                         {u"current_period_end"_s, before.periodEnd}};
        previous.insert(u"items"_s, QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, QJsonArray{item}}});
    }
    previous.insert(u"latest_invoice"_s, before.latestInvoice);
    return previous;
}

bool StripeWorld::subscribe(PersonState &p, const JourneyEntry &e, qint64 at, QString *error)
{
    const CatalogProduct *cp = nullptr;
    for (const CatalogProduct &candidate : std::as_const(m_catalog)) {
        if (e.price.isEmpty() ? candidate.isSubscription() : candidate.price == e.price) {
            cp = &candidate;
            break;
        }
    }
    if (!cp || !cp->isSubscription()) {
        *error = u"no subscription price to subscribe to"_s;
        return false;
    }
    const int c = customerFor(p, e, at);
    const QString cusId = m_customers.rows[static_cast<size_t>(c)].id;

    Subscription s;
    s.id = m_ids.make("sub_"_L1, 24);
    s.created = at;
    s.customer = cusId;
    s.itemId = m_ids.make("si_"_L1, 14);
    s.price = cp->price;
    s.status = u"incomplete"_s;
    s.paymentMethod = m_ids.make("pm_"_L1, 24);
    s.currency = cp->currency;
    s.itemCreated = at;
    s.periodStart = at;
    s.periodEnd = addInterval(at, cp->interval);
    s.startDate = at;
    s.billingCycleAnchor = at;
    const int si = insert(m_subscriptions, s, {{u"customer"_s, cusId}});
    p.subscriptions.push_back(si);

    const int inv = newInvoice(c, m_subscriptions.rows[static_cast<size_t>(si)], *cp, at,
                               u"subscription_create"_s, at, at);
    const QString invoiceId = m_invoices.rows[static_cast<size_t>(inv)].id;
    const Payment pay = newPayment(c, cp->amount, cp->currency, u"Subscription creation"_s, invoiceId,
                                   s.paymentMethod, true, false, at);
    p.charges.push_back(pay.charge);

    Invoice &invoice = m_invoices.rows[static_cast<size_t>(inv)];
    invoice.status = u"paid"_s;
    invoice.amountPaid = cp->amount;
    invoice.attemptCount = 1;
    invoice.paidAt = at;
    invoice.paymentIntent = m_paymentIntents.rows[static_cast<size_t>(pay.paymentIntent)].id;
    invoice.charge = m_charges.rows[static_cast<size_t>(pay.charge)].id;
    Subscription &sub = m_subscriptions.rows[static_cast<size_t>(si)];
    sub.status = u"active"_s;
    sub.latestInvoice = invoiceId;

    const Customer &cus = m_customers.rows[static_cast<size_t>(c)];
    CheckoutSession cs;
    cs.id = m_ids.make("cs_test_a1"_L1, 48);
    cs.created = at;
    cs.mode = u"subscription"_s;
    cs.customer = cusId;
    cs.email = cus.email;
    cs.name = cus.name;
    cs.subscription = sub.id;
    cs.invoice = invoiceId;
    cs.price = cp->price;
    cs.lineItemId = m_lineItemIds.make("li_"_L1, 24);
    cs.currency = cp->currency;
    cs.status = u"complete"_s;
    cs.paymentStatus = u"paid"_s;
    cs.amountTotal = cp->amount;
    const int session =
        insert(m_sessions, cs,
               {{u"customer"_s, cusId}, {u"subscription"_s, sub.id}, {u"payment_intent"_s, QString()}});

    addEvent(u"charge.succeeded"_s, at, m_charges.rows[static_cast<size_t>(pay.charge)]);
    addEvent(u"payment_intent.succeeded"_s, at,
             m_paymentIntents.rows[static_cast<size_t>(pay.paymentIntent)]);
    addEvent(u"customer.subscription.created"_s, at, m_subscriptions.rows[static_cast<size_t>(si)]);
    addEvent(u"invoice.paid"_s, at, m_invoices.rows[static_cast<size_t>(inv)]);
    addEvent(u"invoice.payment_succeeded"_s, at, m_invoices.rows[static_cast<size_t>(inv)]);
    addEvent(u"checkout.session.completed"_s, at, m_sessions.rows[static_cast<size_t>(session)]);
    return true;
}

bool StripeWorld::buy(PersonState &p, const JourneyEntry &e, qint64 at, QString *error)
{
    const CatalogProduct *cp = nullptr;
    for (const CatalogProduct &candidate : std::as_const(m_catalog)) {
        if (e.price.isEmpty() ? !candidate.isSubscription() : candidate.price == e.price) {
            cp = &candidate;
            break;
        }
    }
    if (!cp || cp->isSubscription()) {
        *error = u"no one-time price to buy"_s;
        return false;
    }
    const int c = customerFor(p, e, at);
    const Payment pay =
        newPayment(c, cp->amount, cp->currency, cp->name, QString(), QString(), true, false, at);
    p.charges.push_back(pay.charge);

    const Customer &cus = m_customers.rows[static_cast<size_t>(c)];
    CheckoutSession cs;
    cs.id = m_ids.make("cs_test_a1"_L1, 48);
    cs.created = at;
    cs.mode = u"payment"_s;
    cs.customer = cus.id;
    cs.email = cus.email;
    cs.name = cus.name;
    cs.paymentIntent = m_paymentIntents.rows[static_cast<size_t>(pay.paymentIntent)].id;
    cs.price = cp->price;
    cs.lineItemId = m_lineItemIds.make("li_"_L1, 24);
    cs.currency = cp->currency;
    cs.status = u"complete"_s;
    cs.paymentStatus = u"paid"_s;
    cs.amountTotal = cp->amount;
    const QString cusId = cus.id;
    const QString piId = cs.paymentIntent;
    const int session = insert(m_sessions, cs, {{u"customer"_s, cusId}, {u"payment_intent"_s, piId}});

    addEvent(u"charge.succeeded"_s, at, m_charges.rows[static_cast<size_t>(pay.charge)]);
    addEvent(u"payment_intent.succeeded"_s, at,
             m_paymentIntents.rows[static_cast<size_t>(pay.paymentIntent)]);
    addEvent(u"checkout.session.completed"_s, at, m_sessions.rows[static_cast<size_t>(session)]);
    return true;
}

bool StripeWorld::renew(PersonState &p, const JourneyEntry &e, qint64 at, bool succeed, QString *error)
{
    const int si = latestLiveSubscription(p, e);
    if (si < 0) {
        *error = u"no active subscription to renew"_s;
        return false;
    }
    const Subscription before = m_subscriptions.rows[static_cast<size_t>(si)];
    const CatalogProduct *cp = catalogPrice(before.price);
    const int c = m_customers.byId.value(before.customer, -1);
    if (!cp || c < 0) {
        *error = u"subscription without a catalog price"_s;
        return false;
    }
    const int open = m_invoices.byId.value(before.latestInvoice, -1);
    const bool retry = open >= 0 && m_invoices.rows[static_cast<size_t>(open)].status == u"open";

    int inv = open;
    int pi = -1;
    int ch = -1;
    if (retry) {
        // The failed renewal's invoice is attempted again on its own payment intent.
        pi = m_paymentIntents.byId.value(m_invoices.rows[static_cast<size_t>(open)].paymentIntent, -1);
        ch = newCharge(c, pi, succeed, at);
    } else {
        Subscription &s = m_subscriptions.rows[static_cast<size_t>(si)];
        s.periodStart = at;
        s.periodEnd = addInterval(at, cp->interval);
        s.cancelAtPeriodEnd = false;
        s.cancelAt = 0;
        s.canceledAt = 0;
        p.pending.erase(std::remove_if(p.pending.begin(), p.pending.end(),
                                       [si](const PendingEnd &pe) { return pe.subscription == si; }),
                        p.pending.end());
        inv = newInvoice(c, s, *cp, at, u"subscription_cycle"_s, before.periodStart, before.periodEnd);
        const QString invoiceId = m_invoices.rows[static_cast<size_t>(inv)].id;
        const Payment pay = newPayment(c, cp->amount, cp->currency, u"Subscription update"_s, invoiceId,
                                       before.paymentMethod, succeed, true, at);
        pi = pay.paymentIntent;
        ch = pay.charge;
        m_subscriptions.rows[static_cast<size_t>(si)].latestInvoice = invoiceId;
    }
    if (succeed)
        p.charges.push_back(ch);

    Invoice &invoice = m_invoices.rows[static_cast<size_t>(inv)];
    invoice.attemptCount += 1;
    invoice.paymentIntent = m_paymentIntents.rows[static_cast<size_t>(pi)].id;
    invoice.charge = m_charges.rows[static_cast<size_t>(ch)].id;
    Subscription &sub = m_subscriptions.rows[static_cast<size_t>(si)];
    Customer &cus = m_customers.rows[static_cast<size_t>(c)];
    if (succeed) {
        invoice.status = u"paid"_s;
        invoice.amountPaid = invoice.amountDue;
        invoice.paidAt = at;
        invoice.nextPaymentAttempt = 0;
        sub.status = u"active"_s;
        cus.delinquent = false;
    } else {
        invoice.status = u"open"_s;
        invoice.nextPaymentAttempt = invoice.attemptCount < 4 ? at + 3 * Day : 0;
        sub.status = u"past_due"_s;
        cus.delinquent = true;
    }

    QJsonObject previous = retry ? QJsonObject() : periodChange(before, at);
    if (before.status != sub.status)
        previous.insert(u"status"_s, before.status);
    if (before.cancelAtPeriodEnd && !sub.cancelAtPeriodEnd)
        previous.insert(u"cancel_at_period_end"_s, true);

    if (!previous.isEmpty())
        addEvent(u"customer.subscription.updated"_s, at, sub, previous);
    if (succeed) {
        addEvent(u"charge.succeeded"_s, at, m_charges.rows[static_cast<size_t>(ch)]);
        addEvent(u"payment_intent.succeeded"_s, at, m_paymentIntents.rows[static_cast<size_t>(pi)]);
        addEvent(u"invoice.paid"_s, at, m_invoices.rows[static_cast<size_t>(inv)]);
        addEvent(u"invoice.payment_succeeded"_s, at, m_invoices.rows[static_cast<size_t>(inv)]);
    } else {
        addEvent(u"charge.failed"_s, at, m_charges.rows[static_cast<size_t>(ch)]);
        addEvent(u"payment_intent.payment_failed"_s, at, m_paymentIntents.rows[static_cast<size_t>(pi)]);
        addEvent(u"invoice.payment_failed"_s, at, m_invoices.rows[static_cast<size_t>(inv)]);
    }
    return true;
}

bool StripeWorld::cancel(PersonState &p, const JourneyEntry &e, qint64 at, QString *error)
{
    const int si = latestLiveSubscription(p, e);
    if (si < 0) {
        *error = u"no active subscription to cancel"_s;
        return false;
    }
    Subscription &s = m_subscriptions.rows[static_cast<size_t>(si)];
    if (e.atPeriodEnd) {
        if (s.cancelAtPeriodEnd) {
            *error = u"the subscription is already set to cancel at its period end"_s;
            return false;
        }
        s.cancelAtPeriodEnd = true;
        s.cancelAt = s.periodEnd;
        s.canceledAt = at;
        addEvent(u"customer.subscription.updated"_s, at, s,
                 QJsonObject{{u"cancel_at_period_end"_s, false},
                             {u"cancel_at"_s, QJsonValue::Null},
                             {u"canceled_at"_s, QJsonValue::Null}});
        p.pending.push_back({si, std::max(s.periodEnd, at)});
        return true;
    }
    s.status = u"canceled"_s;
    s.canceledAt = at;
    s.endedAt = at;
    p.pending.erase(std::remove_if(p.pending.begin(), p.pending.end(),
                                   [si](const PendingEnd &pe) { return pe.subscription == si; }),
                    p.pending.end());
    addEvent(u"customer.subscription.deleted"_s, at, s);
    return true;
}

bool StripeWorld::refund(PersonState &p, const JourneyEntry &e, qint64 at, QString *error)
{
    int target = -1;
    for (auto it = p.charges.rbegin(); it != p.charges.rend(); ++it) {
        const Charge &ch = m_charges.rows[static_cast<size_t>(*it)];
        if (ch.succeeded() && !ch.refunded() && belongsToScope(e, ch.customer)) {
            target = *it;
            break;
        }
    }
    if (target < 0) {
        *error = u"no payment left to refund"_s;
        return false;
    }
    Charge &ch = m_charges.rows[static_cast<size_t>(target)];
    const qint64 remaining = ch.amount - ch.amountRefunded;
    const qint64 amount = e.amount > 0 ? e.amount : remaining;
    if (amount > remaining) {
        *error = u"refund amount "_s + QString::number(amount) + u" exceeds the refundable "_s +
                 QString::number(remaining);
        return false;
    }
    QJsonObject previous{{u"amount_refunded"_s, ch.amountRefunded}};
    ch.amountRefunded += amount;
    if (ch.refunded())
        previous.insert(u"refunded"_s, false);

    Refund r;
    r.id = m_ids.make("re_"_L1, 24);
    r.created = at;
    r.charge = ch.id;
    r.paymentIntent = ch.paymentIntent;
    r.currency = ch.currency;
    r.reason = e.reason.isEmpty() ? u"requested_by_customer"_s : e.reason;
    r.status = u"succeeded"_s;
    r.balanceTransaction = m_ids.make("txn_"_L1, 24);
    r.amount = amount;
    const QString chargeId = ch.id;
    const QString piId = ch.paymentIntent;
    const int ri = insert(m_refunds, r, {{u"charge"_s, chargeId}, {u"payment_intent"_s, piId}});
    addEvent(u"charge.refunded"_s, at, m_charges.rows[static_cast<size_t>(target)], previous);
    addEvent(u"refund.created"_s, at, m_refunds.rows[static_cast<size_t>(ri)]);
    return true;
}

int StripeWorld::openDispute(PersonState &p, const JourneyEntry &e, qint64 at, QString *error)
{
    int target = -1;
    for (int pass = 0; pass < 2 && target < 0; ++pass) {
        for (auto it = p.charges.rbegin(); it != p.charges.rend(); ++it) {
            const Charge &ch = m_charges.rows[static_cast<size_t>(*it)];
            if (ch.succeeded() && (pass == 1 || !ch.disputed) && belongsToScope(e, ch.customer)) {
                target = *it;
                break;
            }
        }
    }
    if (target < 0) {
        *error = u"no payment to dispute"_s;
        return -1;
    }
    Charge &ch = m_charges.rows[static_cast<size_t>(target)];
    ch.disputed = true;
    Dispute d;
    d.id = m_ids.make("du_"_L1, 24);
    d.created = at;
    d.charge = ch.id;
    d.paymentIntent = ch.paymentIntent;
    d.currency = ch.currency;
    d.reason = e.reason.isEmpty() ? u"fraudulent"_s : e.reason;
    d.status = u"needs_response"_s;
    d.amount = e.amount > 0 ? std::min(e.amount, ch.amount) : ch.amount - ch.amountRefunded;
    d.dueBy = at + 8 * Day;
    const QString chargeId = ch.id;
    const QString piId = ch.paymentIntent;
    const int di = insert(m_disputes, d, {{u"charge"_s, chargeId}, {u"payment_intent"_s, piId}});
    p.disputes.push_back(di);
    addEvent(u"charge.dispute.created"_s, at, m_disputes.rows[static_cast<size_t>(di)]);
    return di;
}

bool StripeWorld::closeDispute(PersonState &p, const JourneyEntry &e, qint64 at, bool won, QString *error)
{
    int di = -1;
    for (auto it = p.disputes.rbegin(); it != p.disputes.rend(); ++it) {
        const Dispute &d = m_disputes.rows[static_cast<size_t>(*it)];
        const Charge *ch = m_charges.find(d.charge);
        if (d.isOpen() && ch && belongsToScope(e, ch->customer)) {
            di = *it;
            break;
        }
    }
    if (di < 0) {
        // A dispute that opened and closed between two looks: both events happen now.
        di = openDispute(p, e, at, error);
        if (di < 0)
            return false;
    }
    Dispute &d = m_disputes.rows[static_cast<size_t>(di)];
    const QString before = d.status;
    d.status = won ? u"won"_s : u"lost"_s;
    addEvent(u"charge.dispute.closed"_s, at, d, QJsonObject{{u"status"_s, before}});
    return true;
}

bool StripeWorld::changeEmail(PersonState &p, const JourneyEntry &e, qint64 at, QString *error)
{
    int c = -1;
    if (!e.email.isEmpty()) {
        for (int candidate : p.customers) {
            if (m_customers.rows[static_cast<size_t>(candidate)].email == e.email)
                c = candidate;
        }
    } else if (p.defaultCustomer >= 0) {
        c = p.defaultCustomer;
    } else if (!p.customers.empty()) {
        c = p.customers.front();
    }
    if (c < 0) {
        *error = u"no Stripe customer with that address to change"_s;
        return false;
    }
    Customer &cus = m_customers.rows[static_cast<size_t>(c)];
    const QString old = cus.email;
    if (old == e.to)
        return true;
    cus.email = e.to;
    reindexEmail(c, old);
    addEvent(u"customer.updated"_s, at, m_customers.rows[static_cast<size_t>(c)],
             QJsonObject{{u"email"_s, old}});
    return true;
}

} // namespace sb::sandbox::stripe
