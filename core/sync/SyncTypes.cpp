#include "sync/SyncTypes.h"

using namespace Qt::StringLiterals;

namespace sb::sync {

void close(SyncReport &r, const Error &error, bool cancelRequested, qint64 requests, qint64 rowsWritten)
{
    r.finishedAt = Clock::now();
    r.requests = requests;
    r.rowsWritten = rowsWritten;
    r.cancelled = error.kind == ErrorKind::Cancelled || (cancelRequested && error.kind != ErrorKind::None);
    r.ok = error.kind == ErrorKind::None;
    r.error = error;
}

QString describe(const SyncReport &r)
{
    const double seconds = double(r.finishedAt - r.startedAt) / 1000.0;
    if (r.cancelled)
        return u"%1 sync cancelled after %2 items"_s.arg(r.provider).arg(r.items);
    if (!r.ok)
        return u"%1 sync failed: %2"_s.arg(r.provider, r.error.message);
    return u"%1 %2 sync: %3 items, %4 requests, %5 rows in %6 s"_s
        .arg(r.provider, r.incremental ? u"incremental"_s : u"full"_s)
        .arg(r.items)
        .arg(r.requests)
        .arg(r.rowsWritten)
        .arg(seconds, 0, 'f', 2);
}

} // namespace sb::sync
