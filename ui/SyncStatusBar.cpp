#include "SyncStatusBar.h"

#include "models/TimelineModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace sb::ui {

SyncStatusBar::SyncStatusBar(QWidget *parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_sync(new QPushButton(tr("Sync now"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_state->setObjectName(u"syncState"_s);
    m_state->setTextFormat(Qt::PlainText);
    m_state->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // gives way to the chips; the
                                                                          // whole line is in its tooltip
    m_progress->setRange(0, 0); // pages arrive without a known total: a busy indicator plus counts in words
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_sync->setObjectName(u"syncNow"_s);
    m_sync->setToolTip(tr("Pull what changed in Stripe, Circle and Kit since the last sync (F5)"));
    m_cancel->setObjectName(u"cancelSync"_s);
    m_cancel->setToolTip(tr("Stop the sync; what was already pulled is kept (Esc)"));
    m_cancel->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_sync);
    layout->addWidget(m_cancel);
    connect(m_sync, &QPushButton::clicked, this, &SyncStatusBar::syncRequested);
    connect(m_cancel, &QPushButton::clicked, this, &SyncStatusBar::cancelRequested);
}

void SyncStatusBar::setProviders(const QStringList &providers)
{
    auto *box = static_cast<QHBoxLayout *>(layout());
    for (const QString &p : providers) {
        if (m_chips.contains(p))
            continue;
        auto *chip = new QLabel(this);
        chip->setObjectName(u"syncChip_"_s + p);
        chip->setTextFormat(Qt::PlainText);
        chip->setFrameShape(QFrame::StyledPanel);
        chip->setMargin(2);
        chip->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred); // never cut short
        chip->setText(models::providerLabel(p));
        box->insertWidget(1 + int(m_chips.size()), chip);
        m_chips.insert(p, chip);
    }
}

void SyncStatusBar::setChip(const QString &provider, const QString &text, const QString &tooltip, bool failed)
{
    QLabel *chip = m_chips.value(provider);
    if (!chip)
        return;
    m_texts.insert(provider, text);
    const QString spent = m_quotaShort.value(provider);
    chip->setText(spent.isEmpty() ? text : u"%1 · %2"_s.arg(text, spent));
    m_tips.insert(provider, tooltip);
    if (failed)
        m_failed.insert(provider);
    else
        m_failed.remove(provider);
    const QString quota = m_quota.value(provider);
    chip->setToolTip(quota.isEmpty() ? tooltip : tooltip.isEmpty() ? quota : tooltip + u"\n"_s + quota);
    chip->setStyleSheet(failed ? u"color: #b00020;"_s : QString());
}

void SyncStatusBar::setSyncing(bool syncing)
{
    m_progress->setVisible(syncing);
    m_cancel->setVisible(syncing);
    m_sync->setEnabled(!syncing);
    if (syncing) {
        m_reports.clear();
        m_before = {m_state->text(), m_state->toolTip()};
        setState(tr("Syncing…"));
    }
}

void SyncStatusBar::showProgress(const sync::SyncProgress &p)
{
    const QLocale l;
    const QString name = models::providerLabel(p.provider);
    const QString phase = p.phase == "incremental"_L1 ? tr("new changes") : tr("full");
    setChip(
        p.provider, tr("%1: %2…").arg(name, p.stream),
        tr("%1 (%2): %3 items, %4 requests").arg(name, phase, l.toString(p.items), l.toString(p.requests)),
        false);
    setState(tr("Syncing %1 (%2): %3 — %4 items, %5 requests")
                 .arg(name, phase, p.stream, l.toString(p.items), l.toString(p.requests)));
}

void SyncStatusBar::showFinished(const sync::SyncReport &r)
{
    m_reports.append(r);
    const QLocale l;
    const QString name = models::providerLabel(r.provider);
    const QString at = l.toString(fromMillis(r.finishedAt).toLocalTime().time(), QLocale::ShortFormat);
    if (!r.ok && r.error.kind == ErrorKind::RateLimited && r.requests == 0)
        setChip(r.provider, tr("%1: paused").arg(name), r.error.message,
                false); // sparing a quota: no failure
    else if (r.cancelled)
        setChip(
            r.provider, tr("%1: cancelled").arg(name),
            tr("Cancelled at %1; %2 items were kept. Sync again to continue.").arg(at, l.toString(r.items)),
            false);
    else if (!r.ok)
        setChip(r.provider, tr("%1: failed").arg(name), tr("Failed at %1: %2").arg(at, r.error.message),
                true);
    else
        setChip(r.provider, tr("%1: synced %2").arg(name, at),
                tr("%1 items, %2 requests").arg(l.toString(r.items), l.toString(r.requests)), false);
}

void SyncStatusBar::showRunFinished()
{
    setSyncing(false);
    if (m_reports.isEmpty()) {
        // The periodic check found nothing due: the bar says what it said before.
        m_state->setText(m_before.first);
        m_state->setToolTip(m_before.second);
        return;
    }
    const QLocale l;
    qint64 items = 0, requests = 0;
    Millis last = 0;
    QStringList failures;
    bool cancelled = false;
    for (const sync::SyncReport &r : std::as_const(m_reports)) {
        items += r.items;
        requests += r.requests;
        last = std::max(last, r.finishedAt);
        cancelled = cancelled || r.cancelled;
        const bool paused = !r.ok && r.error.kind == ErrorKind::RateLimited && r.requests == 0;
        if (!r.ok && !r.cancelled && !paused)
            failures.append(tr("%1: %2").arg(models::providerLabel(r.provider), r.error.message));
    }
    const QString at =
        l.toString(fromMillis(last ? last : Clock::now()).toLocalTime().time(), QLocale::ShortFormat);
    if (cancelled)
        setState(tr("Sync cancelled at %1; %2 items were kept. Sync again to continue.")
                     .arg(at, l.toString(items)));
    else if (!failures.isEmpty() && failures.size() == m_reports.size())
        setState(tr("Sync failed at %1: %2").arg(at, failures.join(u"; "_s)));
    else if (!failures.isEmpty())
        setState(tr("Synced at %1 with problems — %2").arg(at, failures.join(u"; "_s)));
    else
        setState(tr("Synced at %1 — %2 items, %3 requests").arg(at, l.toString(items), l.toString(requests)));
}

void SyncStatusBar::showQuota(const QString &provider, qint64 spent, qint64 quota)
{
    const QLocale l;
    m_quota.insert(
        provider,
        quota > 0
            ? tr("%1 of %2 requests of the monthly quota spent").arg(l.toString(spent), l.toString(quota))
            : tr("%1 requests this month").arg(l.toString(spent)));
    m_quotaShort.insert(provider, quota > 0 ? u"%1/%2"_s.arg(l.toString(spent), l.toString(quota))
                                            : tr("%1 requests").arg(l.toString(spent)));
    if (m_chips.contains(provider))
        setChip(provider, m_texts.value(provider, models::providerLabel(provider)), m_tips.value(provider),
                m_failed.contains(provider));
}

void SyncStatusBar::showProviderIdle(const QString &provider, const QString &text, const QString &details,
                                     bool failed)
{
    setChip(provider, text, details, failed);
}

void SyncStatusBar::showIdle(const QString &text, const QString &details)
{
    setState(text, details);
}

void SyncStatusBar::setState(const QString &text, const QString &details)
{
    // The line may be cut short by the chips beside it: the tooltip always has all of it.
    m_state->setText(text);
    m_state->setToolTip(details.isEmpty() ? text : text + u"\n\n"_s + details);
}

QString SyncStatusBar::stateText() const
{
    return m_state->text();
}

QString SyncStatusBar::providerText(const QString &provider) const
{
    const QLabel *chip = m_chips.value(provider);
    return chip ? chip->text() : QString();
}

} // namespace sb::ui
