// Entitlement: what a person has paid for and so should have (DESIGN.md "Policy and findings").
// A paid one-time purchase not fully refunded; a subscription in trialing or active, or past_due within the
// grace the founder sets (from the failed renewal); a lost dispute or a full refund of the payment ends it;
// an open or won dispute does not; a comp entitles without payment. Pure: facts and "now" in, answer out.
#pragma once

#include "reconcile/Facts.h"

namespace sb::reconcile {

struct Entitlement {
    enum class State {
        Active, // paid (or comped) and in good standing
        Grace,  // past_due, still inside the grace after the failed renewal
        Ended,  // had it, no longer
    };
    QString price; // what was bought (empty for a product-wide comp)
    QString product;
    State state = State::Active;
    Millis since = 0; // when it began
    Millis until = 0; // Ended: when it ended; Grace: when the grace runs out; a comp: its end; else 0
    QString source;   // subscription | purchase | comp
    QString sourceId; // sub_… | cs_… / ch_… | the comp's product key
    QString
        endReason; // Ended: canceled | refunded | dispute_lost | past_due | unpaid | incomplete | comp_ended
    bool entitled() const { return state != State::Ended; }
};

struct EntitlementSettings {
    qint64 pastDueGraceSeconds = 7 * 24 * 3600;
};

// Every entitlement the facts show at `now`, current and ended, oldest first.
QList<Entitlement> entitlements(const PersonFacts &facts, Millis now,
                                const EntitlementSettings &settings = {});

QString toString(Entitlement::State state);

} // namespace sb::reconcile
