// `switchboard rebuild`: re-derives every projection (people, identities, timeline, search keys) from the raw
// layer alone, in one transaction. The result must equal what the syncs produced (tested).
#pragma once

#include "common/Result.h"
#include "common/Time.h"

#include <QSqlDatabase>

namespace sb::sync {

struct RebuildReport {
    qint64 rawObjects = 0;
    qint64 timelineRows = 0;
    qint64 people = 0;
    Millis millis = 0;
};

Result<RebuildReport> rebuildProjections(QSqlDatabase db);

} // namespace sb::sync
