#include "SyncStatusBar.h"

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
    m_progress->setRange(0, 0); // pages arrive without a known total: a busy indicator plus counts in words
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_sync->setObjectName(u"syncNow"_s);
    m_sync->setToolTip(tr("Pull what changed in Stripe since the last sync (F5)"));
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

void SyncStatusBar::setSyncing(bool syncing)
{
    m_progress->setVisible(syncing);
    m_cancel->setVisible(syncing);
    m_sync->setEnabled(!syncing);
    if (syncing)
        m_state->setText(tr("Syncing Stripe…"));
}

void SyncStatusBar::showProgress(const sync::SyncProgress &p)
{
    const QLocale l;
    m_state->setText(tr("Syncing Stripe (%1): %2 — %3 items, %4 requests")
                         .arg(p.phase == "incremental"_L1 ? tr("new events") : tr("full"), p.stream,
                              l.toString(p.items), l.toString(p.requests)));
}

void SyncStatusBar::showFinished(const sync::SyncReport &r)
{
    setSyncing(false);
    const QLocale l;
    const QString at = l.toString(fromMillis(r.finishedAt).toLocalTime().time(), QLocale::ShortFormat);
    if (r.cancelled)
        m_state->setText(tr("Sync cancelled at %1; %2 items were kept. Sync again to continue.")
                             .arg(at, l.toString(r.items)));
    else if (!r.ok)
        m_state->setText(tr("Sync failed at %1: %2").arg(at, r.error.message));
    else
        m_state->setText(
            tr("Synced at %1 — %2 items, %3 requests").arg(at, l.toString(r.items), l.toString(r.requests)));
}

void SyncStatusBar::showIdle(const QString &text, const QString &details)
{
    m_state->setText(text);
    m_state->setToolTip(details);
}

QString SyncStatusBar::stateText() const
{
    return m_state->text();
}

} // namespace sb::ui
