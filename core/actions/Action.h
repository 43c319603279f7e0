// Override actions: the command objects a human applies to fix what the reconciler found (DESIGN.md
// "Actions and audit"). An action names what to do (`name`, the same names as a finding's fix plan steps)
// and its parameters; the runner (ActionRunner) re-reads the remote state first, writes the intent to the
// audit log, makes the calls, and writes the outcome. Switchboard never writes to Stripe: refunds and
// dispute evidence stay "manual" steps that a human does in Stripe's dashboard.
#pragma once

#include "common/Result.h"
#include "reconcile/Reconciler.h"

#include <QJsonObject>
#include <QStringList>

namespace sb::actions {

namespace name {
// Circle (params: email; member_id when known; access_group_id / space_id; invite: name, access_groups[],
// spaces[])
inline const QString CircleInvite = QStringLiteral("circle.invite_member");
inline const QString CircleAddAccessGroup = QStringLiteral("circle.add_access_group");
inline const QString CircleRemoveAccessGroup = QStringLiteral("circle.remove_access_group");
inline const QString CircleAddSpace = QStringLiteral("circle.add_space");
inline const QString CircleRemoveSpace = QStringLiteral("circle.remove_space");
inline const QString CircleDeactivate = QStringLiteral("circle.deactivate_member");
// Kit (params: email; subscriber_id when known; tag_id / sequence_id; add_subscriber: first_name)
inline const QString KitAddSubscriber = QStringLiteral("kit.add_subscriber");
inline const QString KitAddTag = QStringLiteral("kit.add_tag");
inline const QString KitRemoveTag = QStringLiteral("kit.remove_tag");
inline const QString KitAddToSequence = QStringLiteral("kit.add_to_sequence");
inline const QString KitUnsubscribe = QStringLiteral("kit.unsubscribe");
// Local facts (no remote call)
inline const QString IdentityLink = QStringLiteral("identity.link");     // other_anchor → anchor
inline const QString IdentityUnlink = QStringLiteral("identity.unlink"); // provider, external_id
inline const QString CompGrant = QStringLiteral("comp.grant");           // email, product_key, until?
inline const QString CompRevoke = QStringLiteral("comp.revoke");         // comp_id
inline const QString NoteAdd = QStringLiteral("note.add");               // email (or subjects), text = reason
inline const QString FindingResolve = QStringLiteral("finding.resolve"); // finding_id
inline const QString FindingSnooze = QStringLiteral("finding.snooze");   // finding_id, until (ms)
inline const QString FindingUnsnooze = QStringLiteral("finding.unsnooze");
// A step a human does outside Switchboard (a refund in Stripe, dispute evidence): shown, never run.
inline const QString Manual = QStringLiteral("manual");
} // namespace name

struct Action {
    QString name;
    QJsonObject params;
    QString description; // one line for people ("Add ada@example.com to access group Pro members")
    // When the action is a step of a finding's fix plan: which finding (recorded in the audit entry).
    qint64 findingId = 0;
    QString findingKey;

    static Action fromFixStep(const reconcile::FixStep &step, qint64 findingId = 0,
                              const QString &findingKey = {});
    // Two actions with the same key do the same thing: a double click or a replay of the same action.
    QString key() const;
};

// Who applies actions and why: both required.
struct Who {
    QString actor;
    QString reason;
};

// An id or a parameter as text: plans carry ids as numbers or digit strings ("" when absent).
QString idText(const QJsonValue &value);
QString paramText(const QJsonObject &params, const QString &key);
// The path of a Circle Admin API v2 call ("/access_groups/1/…" → "/api/admin/v2/access_groups/1/…").
QString circlePath(const QString &tail);

// The OS user, the default actor ("" when the environment names none).
QString defaultActor();

QString providerOf(const QString &actionName); // "circle", "kit", "local", "manual"
bool isRemote(const QString &actionName);
bool isKnown(const QString &actionName);

// One remote call the action may make, for the preview: "GET /api/admin/v2/…" with when it happens.
struct PlannedCall {
    QString method;
    QString path; // with its query, relative to the provider's API base
    QString when; // "first: is it done already?", "only if not a member yet", "after: confirm"
};
// The calls an action makes, in order (local actions: none). Exact paths for the given parameters.
QList<PlannedCall> plannedCalls(const Action &action);
// Checks that the parameters an action needs are present and well-formed; the message names what is missing.
Status validate(const Action &action);

// What happened, as the audit log records it.
struct ActionResult {
    Action action;
    QString outcome;   // audit::outcome Ok / Noop / Failed, or "refused" (read-only, missing actor or reason;
                       // nothing recorded)
    QString message;   // a failure in the provider's words; a no-op's "already …"
    QStringList calls; // the remote calls made, "METHOD path → status"
    qint64 intentSeq = 0;
    qint64 outcomeSeq = 0;
    QStringList emails; // the addresses it was about (the person to re-sync and reconcile)
};
inline const QString RefusedOutcome = QStringLiteral("refused");

} // namespace sb::actions
