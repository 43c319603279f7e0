// The actions that change only Switchboard's own facts: identity links, comps, notes, finding decisions.
// Each is applied together with its audit entry; a link or unlink re-derives the projections, so it is
// recorded as an intent and an outcome around the rebuild like a remote action.
#pragma once

#include "actions/Action.h"
#include "audit/AuditLog.h"

#include <QSqlDatabase>

namespace sb::actions {

struct LocalOutcome {
    QString outcome; // audit::outcome Ok / Noop / Failed
    QString message;
    bool rebuilt = false; // person ids changed: the caller re-reads people and runs a full reconcile
    qint64 intentSeq = 0;
    qint64 outcomeSeq = 0;
};

// The audit entry an action starts from: actor, reason, action, target, subjects and request filled in.
audit::Entry entryFor(QSqlDatabase db, const Action &action, const Who &who);

// Applies a local action and records it. Fails (nothing recorded) on a usage error; a failure while
// applying is recorded as a failed outcome.
Result<LocalOutcome> applyLocal(QSqlDatabase db, const Action &action, const Who &who);

} // namespace sb::actions
