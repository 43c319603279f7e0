// Turns the Stripe journeys of a world into Stripe objects (their state at now) and events (each with the
// snapshot of its object at the event's time), kept in tables ready for list and retrieve requests.
#pragma once

#include "Random.h"
#include "StripeObjects.h"
#include "World.h"

#include <QList>

namespace sb::sandbox::stripe {

class StripeWorld {
public:
    StripeWorld();

    // Rebuilds everything from `world`. Every world time is shifted by `offset` seconds; `loadNow` is the
    // shifted now (the moment the sandbox loaded the world). Events older than the 30-day window at loadNow
    // are not kept: Stripe never shows them again.
    bool materialise(const World &world, qint64 offset, qint64 loadNow, QString *error);

    // Applies one more entry for the person with this address at `at` (sandbox time), creating the person's
    // state if needed. Used for entries that happen while the sandbox runs.
    bool applyLive(const QString &email, const QString &name, const JourneyEntry &entry, qint64 at,
                   QString *error);

    // A customer made through the API (POST /v1/customers) at `at`, with its customer.created event. It
    // belongs to no person of the world.
    const Customer &createCustomer(const QString &email, const QString &name, const QJsonObject &metadata,
                                   qint64 at);

    const Table<Customer> &customers() const { return m_customers; }
    const Table<Charge> &charges() const { return m_charges; }
    const Table<PaymentIntent> &paymentIntents() const { return m_paymentIntents; }
    const Table<Invoice> &invoices() const { return m_invoices; }
    const Table<Subscription> &subscriptions() const { return m_subscriptions; }
    const Table<Refund> &refunds() const { return m_refunds; }
    const Table<Dispute> &disputes() const { return m_disputes; }
    const Table<CheckoutSession> &checkoutSessions() const { return m_sessions; }
    const Table<Product> &products() const { return m_products; }
    const Table<Price> &prices() const { return m_prices; }
    const Table<Event> &events() const { return m_events; }

    const CatalogProduct *catalogPrice(const QString &price) const;

private:
    struct PendingEnd {
        int subscription = 0;
        qint64 at = 0;
    };
    struct PersonState {
        QString email;
        QString name;
        QString label;
        int defaultCustomer = -1;
        std::vector<int> customers;
        std::vector<int> subscriptions;
        std::vector<int> charges;
        std::vector<int> disputes;
        std::vector<PendingEnd> pending;
    };
    struct Payment {
        int paymentIntent = -1;
        int charge = -1;
    };

    void clear();
    void finishBulk();
    int personState(const QString &email, const QString &name, const QString &label);
    bool apply(int person, const JourneyEntry &entry, qint64 at, QString *error);
    void flushPending(PersonState &person, qint64 upTo);

    bool subscribe(PersonState &p, const JourneyEntry &e, qint64 at, QString *error);
    bool buy(PersonState &p, const JourneyEntry &e, qint64 at, QString *error);
    bool renew(PersonState &p, const JourneyEntry &e, qint64 at, bool succeed, QString *error);
    bool cancel(PersonState &p, const JourneyEntry &e, qint64 at, QString *error);
    bool refund(PersonState &p, const JourneyEntry &e, qint64 at, QString *error);
    int openDispute(PersonState &p, const JourneyEntry &e, qint64 at, QString *error);
    bool closeDispute(PersonState &p, const JourneyEntry &e, qint64 at, bool won, QString *error);
    bool changeEmail(PersonState &p, const JourneyEntry &e, qint64 at, QString *error);

    int customerFor(PersonState &p, const JourneyEntry &e, qint64 at);
    int newCustomer(const QString &email, const QString &name, const QJsonObject &metadata, qint64 at);
    // True when the entry names no address, or the customer has the entry's address.
    bool belongsToScope(const JourneyEntry &e, const QString &customerId) const;
    int latestLiveSubscription(const PersonState &p, const JourneyEntry &e) const;
    int newInvoice(int customer, const Subscription &sub, const CatalogProduct &product, qint64 at,
                   const QString &billingReason, qint64 periodStart, qint64 periodEnd);
    Payment newPayment(int customer, qint64 amount, const QString &currency, const QString &description,
                       const QString &invoice, const QString &paymentMethod, bool succeed, bool offSession,
                       qint64 at);
    int newCharge(int customer, int paymentIntent, bool succeed, qint64 at);
    QJsonObject periodChange(const Subscription &before, qint64 at) const;

    template <typename T>
    int insert(Table<T> &table, T row, std::initializer_list<std::pair<QString, QString>> keys);
    template <typename T>
    void addEvent(const QString &type, qint64 at, const T &snapshot, QJsonObject previous = {});
    void reindexEmail(int customer, const QString &oldEmail);
    static qint64 addInterval(qint64 at, const QString &interval);

    QList<CatalogProduct> m_catalog;
    IdGenerator m_ids;
    // Line item ids come from their own sequence, so the ids of every other object stay what they were
    // before sessions had line items.
    IdGenerator m_lineItemIds;
    qint64 m_seq = 0;
    qint64 m_loadNow = 0;
    qint64 m_legacyBefore = 0; // events before this are rendered in the pre-basil shape
    qint64 m_windowStart = 0;  // events before this are not kept
    bool m_bulk = false;
    std::vector<PersonState> m_people;
    QHash<QString, int> m_personByEmail;

    Table<Customer> m_customers;
    Table<Charge> m_charges;
    Table<PaymentIntent> m_paymentIntents;
    Table<Invoice> m_invoices;
    Table<Subscription> m_subscriptions;
    Table<Refund> m_refunds;
    Table<Dispute> m_disputes;
    Table<CheckoutSession> m_sessions;
    Table<Product> m_products;
    Table<Price> m_prices;
    Table<Event> m_events;
};

} // namespace sb::sandbox::stripe
