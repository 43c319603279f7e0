// When the console should interrupt the founder: newly opened high-severity findings, and a provider whose
// sync keeps failing (3 failures within 10 minutes). Events that arrive close together become one notice ("3
// new urgent findings"), and notices are spaced out. Pure logic: every call takes "now", so tests pass the
// clock in.
#pragma once

#include "store/FindingsStore.h"
#include "sync/SyncTypes.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <optional>

namespace sb::ui {

struct Notice {
    QString title;
    QString text;
    int urgentFindings = 0;
    QStringList failingProviders; // stripe | circle | kit
};

class AttentionNotifier {
public:
    static constexpr Millis kFailureWindow = 10 * 60 * 1000;
    static constexpr int kFailuresToNotify = 3;
    static constexpr Millis kCoalesceDelay = 3 * 1000; // waits this long for more news before speaking
    static constexpr Millis kMinGap = 60 * 1000;       // and never speaks twice within this

    // Muted: nothing is queued, and what was waiting is dropped.
    void setMuted(bool muted);
    bool isMuted() const { return m_muted; }

    // A reconcile pass opened these (FindingsDelta::newlyOpened); only high-severity ones count.
    void findingsOpened(const QList<store::StoredFinding> &newlyOpened, Millis now);
    // A provider's sync ended. A success clears that provider's failures; a cancel or a pause that spares a
    // rate limit is neither.
    void syncFinished(const sync::SyncReport &report, Millis now);

    // When take() will return a notice; 0 when nothing is waiting.
    Millis dueAt() const;
    // The one notice for everything waiting, once it is due.
    std::optional<Notice> take(Millis now);

private:
    static bool isFailure(const sync::SyncReport &report);
    void queued(Millis now);

    bool m_muted = false;
    QList<store::StoredFinding> m_findings;
    QSet<qint64> m_findingIds;
    QHash<QString, QList<Millis>> m_failures; // provider -> failure times within the window
    QStringList m_failingProviders;           // waiting to be told, in order
    QHash<QString, QString> m_lastError;
    Millis m_firstQueuedAt = 0;
    Millis m_lastShownAt = 0;
    bool m_shownOnce = false;
};

} // namespace sb::ui
