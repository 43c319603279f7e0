// What the reconciler knows about one person: their accounts in the three systems, their Stripe history
// reduced to what entitlement needs, and their current memberships. Plain values, filled from the cache by
// the store's fact loader (store/FactsLoader) and by tests directly. No SQL, no network.
#pragma once

#include "common/Time.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb::reconcile {

// A Stripe customer, Circle member or Kit subscriber linked to the person.
struct Account {
    QString provider;  // stripe | circle | kit
    QString id;        // cus_… | member id | subscriber id
    QString email;     // as the provider spells it
    QString emailNorm; // normalised (trim, case-fold, IDN to ASCII)
    QString state;     // Circle: active | inactive | deleted; Kit: active | inactive | cancelled | bounced |
                       // complained; Stripe: active | deleted
    Millis createdAt = 0;
};

// One charge (a payment attempt that moved or tried to move money).
struct Charge {
    QString id;            // ch_…
    QString paymentIntent; // pi_…
    Millis at = 0;
    QString status; // succeeded | failed | pending
    qint64 amount = 0;
    qint64 refunded = 0;   // amount_refunded, minor units
    Millis refundedAt = 0; // the latest refund's time, when known
    QString currency;
    // What it paid for, when known: one-time purchases from their checkout session's line items,
    // subscription payments from their invoice.
    QString price;
    QString product;
    QString subscription;
    QString invoice;
    bool fullyRefunded() const { return amount > 0 && refunded >= amount; }
};

struct Dispute {
    QString id; // du_…
    QString charge;
    Millis at = 0;
    QString status; // warning_needs_response | needs_response | under_review | won | lost | …
    QString reason;
    qint64 amount = 0;
    QString currency;
    Millis dueBy = 0;    // evidence due, when Stripe says
    Millis closedAt = 0; // when it was won or lost, when known
};

struct Subscription {
    QString id; // sub_…
    QString
        status; // trialing | active | past_due | canceled | unpaid | incomplete | incomplete_expired | paused
    QStringList prices;
    QStringList products;
    Millis created = 0;
    Millis currentPeriodEnd = 0;
    Millis canceledAt = 0;
    Millis endedAt = 0;
    bool cancelAtPeriodEnd = false;
    // The failed renewal that made it past_due or unpaid: its invoice and when it first failed.
    QString openInvoice;
    QString openInvoiceUrl;
    Millis failedAt = 0;
    int attempts = 0;
};

// A completed one-time checkout (what was bought is in its line items).
struct Purchase {
    QString session; // cs_…
    QString paymentIntent;
    Millis at = 0;
    QStringList prices;
    QStringList products;
    QString paymentStatus; // paid | unpaid | no_payment_required
};

// A human's audited grant of a product without payment.
struct Comp {
    QString productKey; // a price or a product id
    Millis since = 0;
    Millis until = 0; // 0: open-ended
    QString actor;
    QString reason;
};

// A current membership of a Circle access group or space, or a Kit tag or sequence.
struct Membership {
    QString provider;      // circle | kit
    QString containerKind; // access_group | space | tag | sequence (catalog kinds)
    QString containerId;
    QString memberId; // the Circle member or Kit subscriber
    Millis since = 0;
    QString status; // active | inactive …
};

// Another person who looks like this one (loose email, an earlier address) and is not linked to it.
struct LookAlike {
    qint64 personId = 0;
    QString name;
    QString email;
    QString reason;    // loose_email | previous_email
    QString anchor;    // the other person's stable anchor (see PersonFacts::anchor)
    bool pays = false; // the other person has a Stripe customer
};

struct PersonFacts {
    qint64 personId = 0;
    QString name;
    QStringList emails; // the addresses of the person's accounts, normalised, first one primary
    QList<Account> accounts;
    QList<Charge> charges;
    QList<Dispute> disputes;
    QList<Subscription> subscriptions;
    QList<Purchase> purchases;
    QList<Comp> comps;
    QList<Membership> memberships;
    QList<LookAlike> lookAlikes;

    // A name for the person that survives a rebuild (person ids do not): their first Stripe customer, else
    // Circle member, else Kit subscriber, as "provider:id".
    QString anchor() const;
    const Account *account(const QString &provider, const QString &id) const;
    QList<const Account *> accountsOf(const QString &provider) const;
};

// How long since each provider last synced, for sync_stale.
struct SyncHealth {
    QString provider;
    Millis lastOkAt = 0;        // 0: never
    qint64 intervalSeconds = 0; // how often it is meant to sync
    bool connected = false;
    QString lastError;
};

} // namespace sb::reconcile
