// The reconciler: a pure function of the facts, the policy, the catalog's names and "now" that gives the
// findings (DESIGN.md "Policy and findings"): every disagreement between what payments entitle and what
// Circle and Kit show, in both directions, each with its facts and a fix plan. Deterministic: the same input
// gives the same findings in the same order. No SQL, no network; the store loads facts and keeps findings.
#pragma once

#include "reconcile/Catalog.h"
#include "reconcile/Entitlement.h"
#include "reconcile/Facts.h"
#include "reconcile/Policy.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace sb::reconcile {

namespace rule {
inline const QString PaidWithoutAccess = QStringLiteral("paid_without_access");
inline const QString AccessWithoutPayment = QStringLiteral("access_without_payment");
inline const QString MissingTag = QStringLiteral("missing_tag");
inline const QString StaleTag = QStringLiteral("stale_tag");
inline const QString DuplicateMember = QStringLiteral("duplicate_member");
inline const QString DuplicateSubscriber = QStringLiteral("duplicate_subscriber");
inline const QString DuplicatePurchase = QStringLiteral("duplicate_purchase");
inline const QString PaymentFailed = QStringLiteral("payment_failed");
inline const QString DisputeOpen = QStringLiteral("dispute_open");
inline const QString UndeliverableEmail = QStringLiteral("undeliverable_email");
inline const QString PossibleSamePerson = QStringLiteral("possible_same_person");
inline const QString SyncStale = QStringLiteral("sync_stale");
// Every rule, in the order of DESIGN.md's table.
const QStringList &all();
// The providers whose data a rule compares (it runs only when all of them have synced).
QStringList providersOf(const QString &rule);
} // namespace rule

enum class Severity { Low = 1, Medium = 2, High = 3 };
QString toString(Severity s);
std::optional<Severity> severityFromString(const QString &s);

// One remote change (or, for what Switchboard never writes, such as Stripe refunds, a manual step) that would
// resolve a finding. `action` names the command the actions issue implements:
//   circle.invite_member {email, name, access_groups[], spaces[]} · circle.add_access_group /
//   remove_access_group {member_id, access_group_id} · circle.add_space / remove_space {member_id, space_id}
//   · kit.add_tag / kit.remove_tag {subscriber_id | email, tag_id} · kit.add_to_sequence {email, sequence_id}
//   · identity.link {person_id, other_person_id} · manual {url?}
struct FixStep {
    QString provider; // circle | kit | stripe | local
    QString action;
    QJsonObject params;
    QString description; // "Add ada@example.com to access group Pro members"
    QJsonObject toJson() const;
    static FixStep fromJson(const QJsonObject &o);
};

struct Finding {
    // Stable across syncs and rebuilds: the rule and the identities and things it is about (never a person
    // id, which a rebuild may change). The store keeps one open finding per key.
    QString key;
    QString rule;
    Severity severity = Severity::Medium;
    qint64 personId = 0; // 0 for sync_stale
    QStringList emails;
    Millis since = 0;  // when the disagreement began (by the data), not when it was first seen
    QString summary;   // one line: "Paid for Pro (monthly) but not in access group Pro members"
    QString why;       // plain language: what the data shows and why it matters
    QJsonObject facts; // which payment, which membership or tag, since when
    QList<FixStep> fix;
    QJsonArray fixJson() const;
};

struct RuleSettings {
    bool enabled = true;
    Severity severity = Severity::Medium;
    qint64 graceSeconds = 0;
};

struct ReconcileSettings {
    QHash<QString, RuleSettings> rules; // by rule name; defaults() fills every rule
    EntitlementSettings entitlement;
    qint64 duplicatePurchaseWindowSeconds = 600;
    // The providers whose data is in the cache (synced at least once). A rule that compares against a
    // provider not yet synced does not run: unknown is not absent.
    QSet<QString> knownProviders = {QStringLiteral("stripe"), QStringLiteral("circle"),
                                    QStringLiteral("kit")};
    static ReconcileSettings defaults();
    // The defaults changed by a config's [findings] section: past_due_grace_days, duplicate_purchase_window_
    // seconds, and per rule <rule>_grace_seconds, <rule>_severity (low|medium|high), <rule>_enabled (true|
    // false). An unknown key or a bad value is an error naming it.
    static Result<ReconcileSettings> fromConfig(const QHash<QString, QString> &section);
    RuleSettings rule(const QString &name) const;
};

struct ReconcileResult {
    QList<Finding> findings;
    // The earliest moment a disagreement seen now would outlast its grace and become a finding: run again
    // then. 0 when nothing is pending.
    Millis nextDue = 0;
    void merge(ReconcileResult other);
};

class Reconciler {
public:
    Reconciler(Policy policy, Catalog catalog, ReconcileSettings settings = ReconcileSettings::defaults());

    // The findings of one person at `now`.
    ReconcileResult person(const PersonFacts &facts, Millis now) const;
    // The findings about the syncs themselves (sync_stale).
    ReconcileResult syncs(const QList<SyncHealth> &health, Millis now) const;

    const Policy &policy() const { return m_policy; }

private:
    void accessRules(const PersonFacts &f, const QList<Entitlement> &ents, Millis now,
                     ReconcileResult &out) const;
    void tagRules(const PersonFacts &f, const QList<Entitlement> &ents, Millis now,
                  ReconcileResult &out) const;
    void duplicateRules(const PersonFacts &f, Millis now, ReconcileResult &out) const;
    void lookAlikeRules(const PersonFacts &f, Millis now, ReconcileResult &out) const;
    void paymentRules(const PersonFacts &f, const QList<Entitlement> &ents, Millis now,
                      ReconcileResult &out) const;
    void report(ReconcileResult &out, Finding f, Millis now) const;

    Policy m_policy;
    Catalog m_catalog;
    ReconcileSettings m_settings;
    QSet<QString> m_sold; // "provider/kind/id" of every container the policy grants
};

} // namespace sb::reconcile
