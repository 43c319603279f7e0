// Says what AttentionNotifier decides: a desktop notification through the system tray when there is one, else
// a banner inside the window (never a modal box). Clicking either opens the attention queue. The Mute action
// is kept in the user's settings (QSettings, "notifications/muted").
#pragma once

#include "AttentionNotifier.h"

#include <QObject>

class QAction;
class QFrame;
class QLabel;
class QSystemTrayIcon;
class QTimer;

namespace sb::ui {

class AttentionAlerts : public QObject {
    Q_OBJECT
public:
    // `window` hosts the banner (the caller puts banner() in its layout).
    explicit AttentionAlerts(QWidget *window);
    ~AttentionAlerts() override;

    QWidget *banner() const;
    QAction *muteAction() const { return m_mute; }
    AttentionNotifier &notifier() { return m_notifier; }
    // Off: the banner even where a tray exists (tests, and desktops whose tray swallows messages).
    void setTrayAllowed(bool allowed) { m_trayAllowed = allowed; }
    QString bannerText() const;
    // The last notice shown, by whichever way (for tests).
    const std::optional<Notice> &lastNotice() const { return m_last; }

public Q_SLOTS:
    void findingsChanged(const sb::store::FindingsDelta &delta);
    void syncFinished(const sb::sync::SyncReport &report);
    // Shows what is due now (the timer calls it; tests may too).
    void flush();

Q_SIGNALS:
    void openRequested();

private:
    void schedule();
    void present(const Notice &notice);

    AttentionNotifier m_notifier;
    QWidget *m_window;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QString m_bannerPlain; // what the banner says, without markup
    QAction *m_mute;
    QTimer *m_timer;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_trayAllowed = true;
    std::optional<Notice> m_last;
};

} // namespace sb::ui
