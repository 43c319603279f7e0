// Override actions from the window: whether writes are unlocked (for this session only) and by whom, and the
// batches sent to the sync thread one at a time, so that each step's result reaches the dialog or page that
// asked for it. Every page that acts (the attention queue, the person page) goes through one of these.
#pragma once

#include "actions/Action.h"
#include "actions/ActionRunner.h"

#include <QObject>
#include <QPointer>
#include <deque>
#include <functional>

class QAction;
class QLabel;
class QTimer;
class QToolButton;
class QWidget;

namespace sb::sync {
class SyncEngine;
}

namespace sb::ui {

class ActionsController : public QObject {
    Q_OBJECT
public:
    // `engine` may be null (no keys): nothing can be applied, and every control says why.
    ActionsController(sync::SyncEngine *engine, QWidget *window);
    ~ActionsController() override;

    bool isAvailable() const { return m_engine != nullptr; }
    // Why actions cannot run at all (empty when they can).
    QString unavailableReason() const;
    bool writesUnlocked() const { return m_unlocked; }
    // Who acts: the name given when writes were unlocked (QSettings "actions/actor", else the OS user).
    QString actor() const { return m_actor; }
    static QString savedActor();

    // Asks who is acting and confirms what unlocking means; unlocks when confirmed, then runs `onUnlocked`.
    // The dialog is window-modal and returns at once (no nested event loop).
    void requestUnlock(QWidget *parent = nullptr, std::function<void()> onUnlocked = {});
    // Without a dialog (the dialog itself, and tests). Saves the actor for the next session.
    void unlock(const QString &actor);
    void lock();

    // "Unlock writes…" for menus (Ctrl+Shift+U), checked while unlocked.
    QAction *toggleAction() const { return m_toggle; }
    // The permanent status-bar indicator: "Read-only" or "Writes unlocked — <actor>"; a click toggles.
    QToolButton *indicator() const { return m_indicator; }
    // Beside it: what the last batch did ("3 applied, 1 failed — see the audit log"), for a minute.
    QLabel *summaryLabel() const { return m_summary; }

    // Queues a batch; it is sent when the batches before it have finished. The actor is the unlocked one.
    // Returns the batch's ticket (> 0), which the signals below carry.
    int run(const QList<actions::Action> &list, const QString &reason);
    // Skips the batch's steps not started yet. A batch still queued here ends at once; one that has begun
    // stops after the step under way (that step finishes: stopping between a write and its outcome is what
    // must never happen).
    void cancel(int ticket);
    bool isBusy() const { return m_inFlight.ticket != 0 || !m_queue.empty(); }

    // "3 applied, 1 already done, 1 failed — see the audit log".
    static QString summaryOf(const actions::BatchReport &report);

Q_SIGNALS:
    void writesChanged(bool unlocked, const QString &actor);
    // A batch handed to the sync thread (tests count these: nothing is sent while read-only).
    void batchSent(int ticket, const QList<sb::actions::Action> &list, const sb::actions::Who &who);
    void stepStarted(int ticket, int index, int total, const sb::actions::Action &action);
    void stepFinished(int ticket, const sb::actions::ActionResult &result);
    // The sync thread has re-read the people and reconciled: the pages may read again.
    void batchFinished(int ticket, const sb::actions::BatchReport &report);

private:
    struct Pending {
        int ticket = 0;
        QList<actions::Action> actions;
        actions::Who who;
        bool started = false;
        bool cancelRequested = false;
    };
    void sendNext();
    void engineStarted(int index, int total, const actions::Action &action);
    void engineFinished(const actions::ActionResult &result);
    void engineBatchFinished(const actions::BatchReport &report);
    void updateControls();

    sync::SyncEngine *m_engine;
    QWidget *m_window;
    QAction *m_toggle;
    QToolButton *m_indicator;
    QLabel *m_summary;
    QTimer *m_summaryTimer;
    bool m_unlocked = false;
    QString m_actor;
    int m_nextTicket = 1;
    Pending m_inFlight;
    std::deque<Pending> m_queue;
};

} // namespace sb::ui
