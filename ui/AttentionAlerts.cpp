#include "AttentionAlerts.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
const QString kMutedKey = u"notifications/muted"_s;
}

AttentionAlerts::AttentionAlerts(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_banner(new QFrame(window))
    , m_bannerText(new QLabel(m_banner))
    , m_mute(new QAction(tr("&Mute notifications"), this))
    , m_timer(new QTimer(this))
{
    m_banner->setObjectName(u"attentionBanner"_s);
    m_banner->setStyleSheet(
        u"QFrame#attentionBanner { background: #fde4e4; border-bottom: 1px solid #e0a0a0; }"
        " QFrame#attentionBanner QLabel { color: #8a1c1c; }"_s);
    m_bannerText->setObjectName(u"attentionBannerText"_s);
    m_bannerText->setTextFormat(Qt::RichText);
    m_bannerText->setWordWrap(true);
    auto *review = new QPushButton(tr("Review"), m_banner);
    review->setObjectName(u"attentionBannerOpen"_s);
    review->setToolTip(tr("Open the attention queue (Ctrl+1)"));
    auto *dismiss = new QToolButton(m_banner);
    dismiss->setObjectName(u"attentionBannerDismiss"_s);
    dismiss->setText(u"✕"_s);
    dismiss->setAutoRaise(true);
    dismiss->setToolTip(tr("Dismiss"));
    dismiss->setAccessibleName(tr("Dismiss the notification"));
    auto *h = new QHBoxLayout(m_banner);
    h->setContentsMargins(10, 4, 6, 4);
    h->addWidget(m_bannerText, 1);
    h->addWidget(review, 0, Qt::AlignVCenter);
    h->addWidget(dismiss, 0, Qt::AlignVCenter);
    m_banner->hide();
    connect(review, &QPushButton::clicked, this, [this] {
        m_banner->hide();
        Q_EMIT openRequested();
    });
    connect(dismiss, &QToolButton::clicked, m_banner, &QWidget::hide);

    m_mute->setObjectName(u"muteNotifications"_s);
    m_mute->setCheckable(true);
    m_mute->setToolTip(tr("No desktop notifications for urgent findings or failing syncs"));
    m_mute->setChecked(QSettings().value(kMutedKey, false).toBool());
    m_notifier.setMuted(m_mute->isChecked());
    connect(m_mute, &QAction::toggled, this, [this](bool muted) {
        QSettings().setValue(kMutedKey, muted);
        m_notifier.setMuted(muted);
        if (muted) {
            m_timer->stop();
            m_banner->hide();
        }
    });

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &AttentionAlerts::flush);
}

AttentionAlerts::~AttentionAlerts()
{
    delete m_tray;
}

QWidget *AttentionAlerts::banner() const
{
    return m_banner;
}

QString AttentionAlerts::bannerText() const
{
    return m_banner->isVisibleTo(m_window) ? m_bannerPlain : QString();
}

void AttentionAlerts::findingsChanged(const store::FindingsDelta &delta)
{
    m_notifier.findingsOpened(delta.newlyOpened, Clock::now());
    schedule();
}

void AttentionAlerts::syncFinished(const sync::SyncReport &report)
{
    m_notifier.syncFinished(report, Clock::now());
    schedule();
}

void AttentionAlerts::schedule()
{
    const Millis due = m_notifier.dueAt();
    if (!due)
        return;
    m_timer->start(int(std::clamp<Millis>(due - Clock::now(), 0, AttentionNotifier::kMinGap)));
}

void AttentionAlerts::flush()
{
    if (auto notice = m_notifier.take(Clock::now()))
        present(*notice);
    schedule(); // more may have arrived meanwhile, waiting for the gap between notices
}

void AttentionAlerts::present(const Notice &notice)
{
    m_last = notice;
    if (m_trayAllowed && QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_window->windowIcon());
            m_tray->setToolTip(tr("Switchboard"));
            auto *menu = new QMenu(m_window);
            QAction *open = menu->addAction(tr("Open the attention queue"));
            connect(open, &QAction::triggered, this, &AttentionAlerts::openRequested);
            menu->addAction(m_mute);
            m_tray->setContextMenu(menu);
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &AttentionAlerts::openRequested);
            connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
                if (r == QSystemTrayIcon::Trigger)
                    Q_EMIT openRequested();
            });
        }
        m_tray->show();
        m_tray->showMessage(notice.title, notice.text,
                            notice.urgentFindings ? QSystemTrayIcon::Warning : QSystemTrayIcon::Critical);
        return;
    }
    // Rich text for the bold title only: every word from outside is escaped.
    QString html = u"<b>%1</b>"_s.arg(notice.title.toHtmlEscaped());
    if (!notice.text.isEmpty())
        html += u" — "_s + notice.text.toHtmlEscaped().replace(u'\n', u"<br>"_s);
    m_bannerText->setText(html);
    m_bannerPlain = notice.text.isEmpty() ? notice.title : notice.title + u" — "_s + notice.text;
    m_banner->show();
}

} // namespace sb::ui
