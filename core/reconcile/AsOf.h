// What held for one person at a past moment, rebuilt from their timeline alone: "did they have access when
// they wrote to us?". Which products they were entitled to, which Circle access groups, spaces and tags they
// were in, their Kit tags, sequences and subscriber state, each with the row that made it so. Pure: rows
// (in any order) and a moment in, a small value out; the same rows always give the same answer.
#pragma once

#include "domain/Types.h"

#include <optional>

namespace sb::reconcile {

struct AsOfSettings {
    // How long a past_due subscription still entitles, from the failed renewal (DESIGN.md).
    qint64 pastDueGraceSeconds = 7 * 24 * 3600;
};

// Something about a held item worth a second look at that moment.
struct AsOfNote {
    enum class Kind {
        Trial,           // a subscription in its trial
        PastDue,         // a renewal failed; still entitled until `until`
        CancelScheduled, // set to end at the period's end (`until`, when the row says)
        PartlyRefunded,  // `amount` of `total` went back
        DisputeOpen,     // a dispute keeps the entitlement while it is open
        DisputeWon,
        MaybeEnded, // the rows say it held, but a later sync saw it gone (`row`): it may have ended earlier
    };
    Kind kind = Kind::Trial;
    TimelineEvent row; // the row behind the note
    Millis until = 0;
    qint64 amount = 0;
    qint64 total = 0;
    QString currency;
};

struct AsOfItem {
    enum class End {
        None,
        Canceled,    // the subscription ended
        Refunded,    // its payment was refunded in full
        DisputeLost, // its payment was taken back by a lost dispute
        GraceOver,   // past_due for longer than the grace
        Unpaid,      // a subscription that gave up retrying (unpaid) or is paused
        Removed,     // taken out of the group, space, tag or sequence
        Inactive,    // a Circle space membership turned inactive
        AccountGone, // the Circle member was deleted
    };
    QString key;     // what it is to the rows: a subscription or charge, a membership, a tag or sequence
    QString id;      // the provider's id of what is held, when the rows carry it (price, Kit tag, sequence)
    QString product; // Stripe: the product, when the rows carry it
    QString name;    // as the rows name it
    TimelineEvent since;                // the row that made it hold
    std::optional<TimelineEvent> ended; // for ended items: the row that ended it
    End end = End::None;
    QList<AsOfNote> notes;
};

// A Circle member or Kit subscriber and the state it was in.
struct AsOfAccount {
    QString id;
    // Circle: invited | active | inactive | deleted. Kit: active | cancelled | bounced | complained | other.
    QString state;
    TimelineEvent since; // the row that put it in that state
    // A later change that a sync only saw (`laterState` by `laterRow`): it may have happened before the
    // moment.
    std::optional<TimelineEvent> laterRow;
    QString laterState;
};

struct AsOfList {
    QList<AsOfItem> held;  // held at the moment, oldest first
    QList<AsOfItem> ended; // held before and ended by then, newest end first
};

struct AsOfState {
    Millis at = 0;
    AsOfList entitlements; // Stripe: subscriptions and one-time purchases
    QList<AsOfAccount> circleMembers;
    AsOfList accessGroups;
    AsOfList spaces;
    AsOfList circleTags;
    QList<AsOfAccount> kitSubscribers;
    AsOfList kitTags;
    AsOfList kitSequences;
    int rowsUpToMoment = 0; // how many rows were at or before the moment
};

AsOfState stateAsOf(const QList<TimelineEvent> &rows, Millis at, const AsOfSettings &settings = {});

} // namespace sb::reconcile
