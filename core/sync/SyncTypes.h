// What the sync thread reports to the rest of the console.
#pragma once

#include "common/Result.h"
#include "common/Time.h"

#include <QMetaType>
#include <QString>

namespace sb::sync {

// How often Stripe is synced while the console is open (its events make that cheap).
inline constexpr Millis kStripeInterval = 5 * 60 * 1000;

struct SyncProgress {
    QString provider;
    QString phase;    // "backfill" or "incremental"
    QString stream;   // "customers", "events", ...
    qint64 items = 0; // objects and events applied so far in this run
    qint64 pages = 0;
    qint64 requests = 0;
};

struct SyncReport {
    QString provider;
    bool ok = false;
    bool cancelled = false;
    bool incremental = false;
    Error error;
    qint64 items = 0;
    qint64 pages = 0;
    qint64 requests = 0;
    qint64 rowsWritten = 0;
    Millis startedAt = 0;
    Millis finishedAt = 0;
};

QString describe(const SyncReport &report);
// Fills in how a run ended: its time, counts, outcome (a cancel asked for makes any error a cancellation).
void close(SyncReport &report, const Error &error, bool cancelRequested, qint64 requests, qint64 rowsWritten);

} // namespace sb::sync

Q_DECLARE_METATYPE(sb::sync::SyncProgress)
Q_DECLARE_METATYPE(sb::sync::SyncReport)
