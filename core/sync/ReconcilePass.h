// One reconcile pass over the cache: load the policy, the catalog and the facts, run the (pure) reconciler,
// record the findings. Runs on the sync thread after each sync and from `switchboard reconcile`.
#pragma once

#include "common/Config.h"
#include "common/Result.h"
#include "store/FindingsStore.h"

#include <QSqlDatabase>

namespace sb::sync {

struct ReconcilePassResult {
    store::FindingsDelta delta;
    Millis nextDue = 0; // when a disagreement now inside its grace period would become a finding (0: none)
    int people = 0;     // people reconciled
    bool hasPolicy = false;
    qint64 elapsedMs = 0;
};

// Everyone when `people` is empty and `everyone` is true; otherwise just those people (an incremental pass
// after a sync touched them). `now` is the reconciler's "now".
// A pass over everyone reads and reconciles `slice` people at a time (memory stays bounded by the slice).
Result<ReconcilePassResult> runReconcilePass(QSqlDatabase db, const Config &config, Millis now,
                                             const QList<qint64> &people = {}, bool everyone = true,
                                             int slice = 5000);

// The moment a snooze runs out or a grace period ends, whichever is first, after `now` (0: none): when the
// next pass would change something without new data.
Result<Millis> nextReconcileDue(QSqlDatabase db, Millis lastNextDue);

} // namespace sb::sync
