// Findings as the cache keeps them: one row per disagreement with its first and last sighting, open until the
// data stops showing it (then resolved, with when and how), or snoozed by a human until a date. The
// reconciler says what holds now; apply() turns that into opened, kept, reopened and auto-resolved rows.
#pragma once

#include "common/Result.h"
#include "reconcile/Reconciler.h"

#include <QMetaType>
#include <QSqlDatabase>

namespace sb::store {

struct StoredFinding {
    qint64 id = 0;
    reconcile::Finding finding;
    QString personName;
    QString status; // open | snoozed | resolved
    Millis firstSeen = 0;
    Millis lastSeen = 0;
    Millis resolvedAt = 0;   // resolved: when
    QString resolution;      // resolved: auto (the data stopped showing it) | human
    Millis snoozedUntil = 0; // snoozed: until when (it reopens then if still true)
    QString statusActor;     // who snoozed or resolved it by hand, and why
    QString statusReason;
};

// Which findings to list. Empty lists and zero values mean "any".
struct FindingFilter {
    QStringList rules;
    std::optional<reconcile::Severity> minSeverity;
    qint64 personId = 0;
    QStringList statuses = {QStringLiteral("open")};
    QString text; // a substring of the summary, the person's name or email
    int limit = 500;
    int offset = 0;
};

// What one reconcile pass changed.
struct FindingsDelta {
    int opened = 0;   // new findings (and reopened ones)
    int kept = 0;     // still open, seen again
    int resolved = 0; // auto-resolved: the data no longer shows them
    int open = 0;     // open findings after the pass (all rules)
    QList<StoredFinding> newlyOpened;
    bool fullPass = false;
};

// Which findings a pass speaks for: everything, or some people (an incremental pass), and/or the syncs.
struct ReconcileScope {
    bool everyone = true;
    QList<qint64> people;
    bool syncs = true;
};

class FindingsStore {
public:
    explicit FindingsStore(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    // Records a pass: findings in `result` are opened or refreshed (last_seen = now); open findings in scope
    // that the pass no longer shows are resolved (resolution auto, resolved_at = now); a snooze that has run
    // out reopens. One transaction.
    Result<FindingsDelta> apply(const reconcile::ReconcileResult &result, const ReconcileScope &scope,
                                Millis now);

    // Most severe first, then oldest (by since).
    Result<QList<StoredFinding>> list(const FindingFilter &filter);
    Result<std::optional<StoredFinding>> byId(qint64 id);
    // Open findings per rule (snoozed ones not counted).
    Result<QHash<QString, int>> openCounts();
    // Open findings of at least this severity.
    Result<int> openCount(reconcile::Severity atLeast);
    // A person's open and snoozed findings, most severe first.
    Result<QList<StoredFinding>> ofPerson(qint64 personId);

    // A human snoozes a finding until a moment, or lifts the snooze. Actor and reason are required (the
    // actions issue audits them).
    Status snooze(qint64 id, Millis until, const QString &actor, const QString &reason);
    Status unsnooze(qint64 id, const QString &actor, const QString &reason);
    // A human says it is dealt with (resolution "human"). If the data still shows it, the next pass opens a
    // new finding: resolving hides nothing that is still true.
    Status resolve(qint64 id, const QString &actor, const QString &reason, Millis now);

private:
    QSqlDatabase m_db;
};

} // namespace sb::store

Q_DECLARE_METATYPE(sb::store::FindingsDelta)
