#include "AttentionNotifier.h"

#include "models/FindingsModel.h"
#include "models/TimelineModel.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
struct Words {
    Q_DECLARE_TR_FUNCTIONS(AttentionNotifier)
};
constexpr int kNamedFindings = 3; // a notice names this many findings, then "and N more"
} // namespace

void AttentionNotifier::setMuted(bool muted)
{
    m_muted = muted;
    if (!muted)
        return;
    m_findings.clear();
    m_findingIds.clear();
    m_failingProviders.clear();
    m_firstQueuedAt = 0;
}

bool AttentionNotifier::isFailure(const sync::SyncReport &r)
{
    const bool paused = !r.ok && r.error.kind == ErrorKind::RateLimited && r.requests == 0;
    return !r.ok && !r.cancelled && !paused;
}

void AttentionNotifier::queued(Millis now)
{
    if (!m_firstQueuedAt)
        m_firstQueuedAt = now;
}

void AttentionNotifier::findingsOpened(const QList<store::StoredFinding> &newlyOpened, Millis now)
{
    if (m_muted)
        return;
    for (const store::StoredFinding &s : newlyOpened) {
        if (s.finding.severity != reconcile::Severity::High || m_findingIds.contains(s.id))
            continue;
        m_findingIds.insert(s.id);
        m_findings.append(s);
        queued(now);
    }
}

void AttentionNotifier::syncFinished(const sync::SyncReport &report, Millis now)
{
    if (report.ok) {
        m_failures.remove(report.provider);
        return;
    }
    if (!isFailure(report))
        return;
    QList<Millis> &times = m_failures[report.provider];
    times.append(now);
    times.removeIf([now](Millis t) { return now - t > kFailureWindow; });
    m_lastError.insert(report.provider, report.error.message);
    if (times.size() < kFailuresToNotify)
        return;
    // Told once per run of failures: the next notice needs three more.
    times.clear();
    if (m_muted || m_failingProviders.contains(report.provider))
        return;
    m_failingProviders.append(report.provider);
    queued(now);
}

Millis AttentionNotifier::dueAt() const
{
    if (!m_firstQueuedAt)
        return 0;
    const Millis settled = m_firstQueuedAt + kCoalesceDelay;
    return m_shownOnce ? std::max(settled, m_lastShownAt + kMinGap) : settled;
}

std::optional<Notice> AttentionNotifier::take(Millis now)
{
    const Millis due = dueAt();
    if (!due || now < due)
        return std::nullopt;
    Notice n;
    n.urgentFindings = int(m_findings.size());
    n.failingProviders = m_failingProviders;
    QStringList lines;
    for (qsizetype i = 0; i < m_findings.size() && i < kNamedFindings; ++i) {
        const store::StoredFinding &s = m_findings.at(i);
        const QString who = !s.personName.isEmpty() ? s.personName : s.finding.emails.value(0);
        const QString summary = models::withLocalTimes(s.finding.summary);
        lines.append(who.isEmpty() ? summary : Words::tr("%1: %2").arg(who, summary));
    }
    if (m_findings.size() > kNamedFindings)
        lines.append(Words::tr("and %1 more").arg(m_findings.size() - kNamedFindings));
    for (const QString &p : std::as_const(m_failingProviders)) {
        const QString error = m_lastError.value(p);
        const QString line = Words::tr("%1 sync failed %2 times in 10 minutes")
                                 .arg(models::providerLabel(p))
                                 .arg(kFailuresToNotify);
        lines.append(error.isEmpty() ? line : Words::tr("%1 (%2)").arg(line, error));
    }
    if (n.urgentFindings == 1)
        n.title = Words::tr("New urgent finding");
    else if (n.urgentFindings > 1)
        n.title = Words::tr("%1 new urgent findings").arg(n.urgentFindings);
    else
        n.title = Words::tr("Sync keeps failing");
    n.text = lines.join(u'\n');

    m_findings.clear();
    m_findingIds.clear();
    m_failingProviders.clear();
    m_firstQueuedAt = 0;
    m_lastShownAt = now;
    m_shownOnce = true;
    return n;
}

} // namespace sb::ui
