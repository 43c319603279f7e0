// The policy: which Circle access groups and spaces, Kit tags and onboarding sequences each Stripe price (or
// product) grants (DESIGN.md "Policy and findings"). Parsed from the world-file format, validated with errors
// that name the entry, stored with every earlier version kept (who changed it and why), never holding
// secrets.
#pragma once

#include "common/Result.h"
#include "common/Time.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QStringList>

namespace sb::reconcile {

struct PolicyEntry {
    QString price;   // price_… (or empty when the entry is for a whole product)
    QString product; // prod_…
    QStringList circleAccessGroups;
    QStringList circleSpaces;
    QStringList kitTags;
    QStringList kitSequences;
};

struct Policy {
    QList<PolicyEntry> entries;

    // A policy array, or an object holding one under "policy" (a world file). Ids may be numbers or digit
    // strings; unknown fields are ignored; an entry needs a price or a product and grants something.
    static Result<Policy> fromJson(const QJsonValue &json);
    QJsonArray toJson() const;
    // What a purchase of `price` (of `product`) grants: the entries for the price and for its product.
    QList<PolicyEntry> entriesFor(const QString &price, const QString &product) const;
    bool isEmpty() const { return entries.isEmpty(); }
};

// A stored version of the policy and who made it.
struct PolicyVersion {
    Policy policy;
    Millis at = 0;
    QString actor;
    QString reason;
};

// The current policy (the latest version), or nothing when none was ever saved.
Result<std::optional<PolicyVersion>> loadPolicy(QSqlDatabase db);
// Saves a new version; earlier versions stay. Actor and reason are required; the new version and its
// "policy.change" audit entry are written in one transaction. A policy equal to the current one is not saved
// again (and not audited). byPerson false: Switchboard itself (the demo adopting its world's policy).
Result<bool> savePolicy(QSqlDatabase db, const Policy &policy, const QString &actor, const QString &reason,
                        bool byPerson = true);
// A human's change of the policy (the editor, an import): checked as an import would check it, then saved.
// The one place where a human changes the policy. True when a new
// version was saved, false when the policy equals the current one.
Result<bool> changePolicy(QSqlDatabase db, const Policy &policy, const QString &actor, const QString &reason);

} // namespace sb::reconcile
