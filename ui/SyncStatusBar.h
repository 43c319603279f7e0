// The status bar's sync corner: state in words, a progress bar while syncing, Sync now (F5) and Cancel (Esc).
#pragma once

#include "sync/SyncTypes.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace sb::ui {

class SyncStatusBar : public QWidget {
    Q_OBJECT
public:
    explicit SyncStatusBar(QWidget *parent = nullptr);

    void setSyncing(bool syncing);
    void showProgress(const sync::SyncProgress &p);
    void showFinished(const sync::SyncReport &r);
    // A short line in the bar; the whole story (a long provider or keychain message) in its tooltip.
    void showIdle(const QString &text, const QString &details = {});
    QString stateText() const;
    QPushButton *syncButton() const { return m_sync; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void syncRequested();
    void cancelRequested();

private:
    QLabel *m_state;
    QProgressBar *m_progress;
    QPushButton *m_sync;
    QPushButton *m_cancel;
};

} // namespace sb::ui
