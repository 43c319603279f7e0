// The status bar's sync corner: one chip per connected provider (its state, progress, requests and error;
// details in its tooltip), the overall state in words, a busy bar while syncing, Sync now (F5) and Cancel
// (Esc).
#pragma once

#include "sync/SyncTypes.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace sb::ui {

class SyncStatusBar : public QWidget {
    Q_OBJECT
public:
    explicit SyncStatusBar(QWidget *parent = nullptr);

    void setProviders(const QStringList &providers);
    void setSyncing(bool syncing);
    void showProgress(const sync::SyncProgress &p);
    // One provider is done: its chip says how it went.
    void showFinished(const sync::SyncReport &r);
    // The whole run is done: the overall line sums the providers' reports.
    void showRunFinished();
    // The month's Circle requests against the quota the user set (0 = none).
    void showQuota(const QString &provider, qint64 spent, qint64 quota);
    // What a provider's chip says before any sync of this session (last sync from the cache).
    void showProviderIdle(const QString &provider, const QString &text, const QString &details = {},
                          bool failed = false);
    // A short line in the bar; the whole story (a long provider or keychain message) in its tooltip.
    void showIdle(const QString &text, const QString &details = {});
    QString stateText() const;
    QString providerText(const QString &provider) const;
    QPushButton *syncButton() const { return m_sync; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void syncRequested();
    void cancelRequested();

private:
    void setState(const QString &text, const QString &details = {});
    void setChip(const QString &provider, const QString &text, const QString &tooltip, bool failed);

    QLabel *m_state;
    QHash<QString, QLabel *> m_chips;
    QHash<QString, QString> m_quota;      // provider -> quota line for the tooltip
    QHash<QString, QString> m_tips;       // provider -> the chip's own tooltip
    QHash<QString, QString> m_texts;      // provider -> the chip's own text
    QHash<QString, QString> m_quotaShort; // provider -> "312/5,000", shown on the chip
    QSet<QString> m_failed;
    QList<sync::SyncReport> m_reports;
    std::pair<QString, QString> m_before; // the state line and its tooltip before a run began
    QProgressBar *m_progress;
    QPushButton *m_sync;
    QPushButton *m_cancel;
};

} // namespace sb::ui
