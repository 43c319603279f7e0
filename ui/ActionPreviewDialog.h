// Before anything is changed: every step of one or many actions with the exact remote calls it may make,
// steps done by hand (in Stripe) shown and never sent, a required reason and who acts. Apply sends them
// through the ActionsController; the dialog then shows each step's outcome as it arrives, and Cancel stops
// the steps not started yet. One dialog for a finding's fix, a bulk fix and a person's action.
#pragma once

#include "actions/Action.h"
#include "actions/ActionRunner.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;
class QFrame;

namespace sb::ui {

class ActionsController;

// Steps that belong together: a finding's fix plan (titled by its summary), or one person's action.
struct ActionGroup {
    QString title;
    QList<actions::Action> actions;
};

class ActionPreviewDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Findings, Steps }; // the summary counts findings (a fix) or steps (a person's action)

    ActionPreviewDialog(ActionsController *controller, const QString &title, const QList<ActionGroup> &groups,
                        Kind kind, QWidget *parent = nullptr);

    // A control that belongs to the action (a comp's end date), shown above the reason.
    void addExtraWidget(QWidget *widget);
    // Adjusts the actions just before they are sent (a note's text is its reason; a comp's end date).
    void setBeforeApply(std::function<void(QList<actions::Action> &, const QString &reason)> adjust)
    {
        m_beforeApply = std::move(adjust);
    }
    void setReason(const QString &reason);
    void setReasonPlaceholder(const QString &text);

    // "12 findings, 19 remote calls, 3 manual steps skipped"
    QString summaryText() const;
    // Every line of the step list (descriptions, calls and outcomes), for tests and screen readers.
    QString previewText() const;
    // The read-only (or unavailable) notice; empty when writes are unlocked.
    QString noticeText() const;
    QString statusText() const;
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *unlockButton() const { return m_unlock; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPlainTextEdit *reasonEdit() const { return m_reason; }
    bool isRunning() const { return m_ticket != 0 && !m_done; }
    bool isDone() const { return m_done; }

    int sendableCount() const { return int(m_sendable.size()); }
    int remoteCallCount() const { return m_remoteCalls; }
    int manualCount() const { return m_manual; }

public Q_SLOTS:
    void apply();
    void reject() override; // while running: cancel the remaining steps, and stay to show what happened

Q_SIGNALS:
    void batchDone(const sb::actions::BatchReport &report);

private:
    void updateState();
    void stepStarted(int ticket, int index, int total, const actions::Action &action);
    void stepFinished(int ticket, const actions::ActionResult &result);
    void batchFinished(int ticket, const actions::BatchReport &report);
    void setOutcome(QTreeWidgetItem *item, const actions::ActionResult &result);

    ActionsController *m_controller;
    Kind m_kind;
    int m_groups = 0;
    QList<actions::Action> m_sendable;        // in order
    QList<QTreeWidgetItem *> m_sendableItems; // the step row of each
    QStringList m_sentKeys;                   // the keys of the actions as sent (after m_beforeApply)
    QList<QWidget *> m_extraWidgets;
    int m_remoteCalls = 0;
    int m_manual = 0;
    int m_invalid = 0;
    int m_local = 0;
    int m_ticket = 0;
    int m_finishedSteps = 0;
    bool m_done = false;
    std::function<void(QList<actions::Action> &, const QString &)> m_beforeApply;

    QLabel *m_summary;
    QFrame *m_notice;
    QLabel *m_noticeText;
    QTreeWidget *m_steps;
    QVBoxLayout *m_extras;
    QLabel *m_actor;
    QPlainTextEdit *m_reason;
    QLabel *m_reasonLabel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_apply;
    QPushButton *m_unlock;
    QPushButton *m_cancel;
};

} // namespace sb::ui
