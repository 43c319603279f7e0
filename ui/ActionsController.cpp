#include "ActionsController.h"

#include "audit/AuditLog.h"
#include "sync/SyncEngine.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
const QString kActorKey = u"actions/actor"_s;

// Asks who is acting and says in one sentence what unlocking means.
class UnlockDialog : public QDialog {
public:
    UnlockDialog(const QString &actor, QWidget *parent)
        : QDialog(parent)
        , m_actor(new QLineEdit(this))
    {
        setObjectName(u"unlockDialog"_s);
        setWindowTitle(ActionsController::tr("Unlock writes"));
        auto *text =
            new QLabel(ActionsController::tr(
                           "While writes are unlocked, the changes you apply in Circle and Kit are made "
                           "for real and recorded in the audit log under your name, with your reason. "
                           "Stripe is never written: refunds and disputes stay in Stripe's dashboard. "
                           "Writes lock again when Switchboard closes."),
                       this);
        text->setObjectName(u"unlockExplanation"_s);
        text->setWordWrap(true);
        text->setTextFormat(Qt::PlainText);
        m_actor->setObjectName(u"unlockActor"_s);
        m_actor->setText(actor);
        m_actor->setPlaceholderText(ActionsController::tr("Your name, as the audit log should show it"));
        m_actor->setAccessibleName(ActionsController::tr("Acting as"));
        m_actor->setClearButtonEnabled(true);
        auto *form = new QFormLayout;
        form->addRow(ActionsController::tr("&Acting as:"), m_actor);
        auto *buttons = new QDialogButtonBox(this);
        m_ok = buttons->addButton(ActionsController::tr("Unlock writes"), QDialogButtonBox::AcceptRole);
        m_ok->setObjectName(u"unlockConfirm"_s);
        auto *stay =
            buttons->addButton(ActionsController::tr("Stay read-only"), QDialogButtonBox::RejectRole);
        stay->setObjectName(u"unlockCancel"_s);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        connect(m_actor, &QLineEdit::textChanged, this,
                [this](const QString &t) { m_ok->setEnabled(!t.trimmed().isEmpty()); });
        m_ok->setEnabled(!actor.trimmed().isEmpty());
        m_ok->setDefault(true);
        auto *v = new QVBoxLayout(this);
        v->addWidget(text);
        v->addLayout(form);
        v->addWidget(buttons);
        setMinimumWidth(460);
    }
    QString actor() const { return m_actor->text().trimmed(); }

private:
    QLineEdit *m_actor;
    QPushButton *m_ok;
};
} // namespace

ActionsController::ActionsController(sync::SyncEngine *engine, QWidget *window)
    : QObject(window)
    , m_engine(engine)
    , m_window(window)
    , m_toggle(new QAction(tr("Unlock writes…"), this))
    , m_indicator(new QToolButton(window))
    , m_summary(new QLabel(window))
    , m_summaryTimer(new QTimer(this))
    , m_actor(savedActor())
{
    m_toggle->setObjectName(u"toggleWrites"_s);
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    connect(m_toggle, &QAction::triggered, this, [this] {
        if (m_unlocked) {
            lock();
        } else {
            m_toggle->setChecked(false); // checked once the dialog says so
            requestUnlock(m_window);
        }
    });
    m_indicator->setObjectName(u"writeLock"_s);
    m_indicator->setAutoRaise(true);
    m_indicator->setFocusPolicy(Qt::NoFocus); // Ctrl+Shift+U reaches it from the keyboard
    connect(m_indicator, &QToolButton::clicked, m_toggle, &QAction::trigger);
    m_summary->setObjectName(u"actionSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->hide();
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(std::chrono::minutes(1));
    connect(m_summaryTimer, &QTimer::timeout, m_summary, &QWidget::hide);
    connect(this, &ActionsController::batchFinished, this, [this](int, const actions::BatchReport &report) {
        const bool bad = report.count(audit::outcome::Failed) + report.count(audit::outcome::Unknown) +
                             report.count(actions::RefusedOutcome) >
                         0;
        m_summary->setText(summaryOf(report));
        m_summary->setToolTip(tr("The last actions you applied; every step is in the audit log (Ctrl+4)"));
        m_summary->setStyleSheet(bad ? u"QLabel { color: #8a1c1c; font-weight: bold; padding: 0 6px; }"_s
                                     : u"QLabel { color: #1d5e32; padding: 0 6px; }"_s);
        m_summary->show();
        m_summaryTimer->start();
    });
    if (m_engine) {
        connect(m_engine, &sync::SyncEngine::actionStarted, this, &ActionsController::engineStarted);
        connect(m_engine, &sync::SyncEngine::actionFinished, this, &ActionsController::engineFinished);
        connect(m_engine, &sync::SyncEngine::actionsFinished, this, &ActionsController::engineBatchFinished);
    }
    updateControls();
}

ActionsController::~ActionsController() = default;

QString ActionsController::unavailableReason() const
{
    return m_engine ? QString()
                    : tr("Nothing can be changed without a connected account: add keys in Connections "
                         "(Ctrl+,), or start with --demo.");
}

QString ActionsController::savedActor()
{
    const QString saved = QSettings().value(kActorKey).toString().trimmed();
    return saved.isEmpty() ? actions::defaultActor() : saved;
}

void ActionsController::requestUnlock(QWidget *parent, std::function<void()> onUnlocked)
{
    if (!m_engine)
        return;
    if (m_unlocked) {
        if (onUnlocked)
            onUnlocked();
        return;
    }
    auto *dialog = new UnlockDialog(m_actor, parent ? parent : m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, onUnlocked = std::move(onUnlocked)] {
        unlock(dialog->actor());
        if (onUnlocked)
            onUnlocked();
    });
    dialog->open();
}

void ActionsController::unlock(const QString &actor)
{
    if (!m_engine || actor.trimmed().isEmpty())
        return;
    m_actor = actor.trimmed();
    QSettings().setValue(kActorKey, m_actor);
    m_unlocked = true;
    m_engine->setWritesUnlocked(true);
    updateControls();
    Q_EMIT writesChanged(true, m_actor);
}

void ActionsController::lock()
{
    if (!m_unlocked)
        return;
    m_unlocked = false;
    if (m_engine)
        m_engine->setWritesUnlocked(false);
    updateControls();
    Q_EMIT writesChanged(false, m_actor);
}

void ActionsController::updateControls()
{
    const QSignalBlocker block(m_toggle);
    m_toggle->setEnabled(m_engine != nullptr);
    m_toggle->setChecked(m_unlocked);
    m_toggle->setText(m_unlocked ? tr("Lock writes (read-only again)") : tr("Unlock writes…"));
    m_indicator->setEnabled(m_engine != nullptr);
    if (!m_engine) {
        m_toggle->setToolTip(unavailableReason());
        m_indicator->setText(tr("Read-only"));
        m_indicator->setToolTip(unavailableReason());
        m_indicator->setStyleSheet({});
    } else if (m_unlocked) {
        m_toggle->setToolTip(tr("Go back to read-only: nothing can be changed until you unlock again"));
        m_indicator->setText(tr("Writes unlocked — %1").arg(m_actor));
        m_indicator->setToolTip(tr("Changes you apply are made in Circle and Kit as %1 and recorded in the "
                                   "audit log. Click (or Ctrl+Shift+U) to lock again.")
                                    .arg(m_actor));
        m_indicator->setStyleSheet(u"QToolButton { background: #fff2d9; color: #6b4a00; border: 1px solid "
                                   "#e0b252; border-radius: 4px; padding: 1px 8px; font-weight: bold; }"_s);
    } else {
        m_toggle->setToolTip(tr("Allow changes in Circle and Kit for this session (asks who you are)"));
        m_indicator->setText(tr("Read-only"));
        m_indicator->setToolTip(tr("Switchboard changes nothing until you unlock writes. Click (or "
                                   "Ctrl+Shift+U) to unlock for this session."));
        // A chip, not an emoji: a lock glyph is a box on desktops without an emoji font.
        m_indicator->setStyleSheet(u"QToolButton { color: #17365d; background: #e4eefb; border: 1px solid "
                                   "#9dbbe3; border-radius: 4px; padding: 1px 8px; }"_s);
    }
    m_indicator->setAccessibleName(m_indicator->text());
}

int ActionsController::run(const QList<actions::Action> &list, const QString &reason)
{
    Pending p;
    p.ticket = m_nextTicket++;
    p.actions = list;
    p.who = actions::Who{m_actor, reason.trimmed()};
    const int ticket = p.ticket;
    m_queue.push_back(std::move(p));
    sendNext();
    return ticket;
}

void ActionsController::sendNext()
{
    if (m_inFlight.ticket || m_queue.empty() || !m_engine)
        return;
    m_inFlight = std::move(m_queue.front());
    m_queue.pop_front();
    Q_EMIT batchSent(m_inFlight.ticket, m_inFlight.actions, m_inFlight.who);
    m_engine->runActions(m_inFlight.actions, m_inFlight.who);
}

void ActionsController::cancel(int ticket)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (it->ticket == ticket) {
            m_queue.erase(it);
            actions::BatchReport report;
            report.cancelled = true;
            Q_EMIT batchFinished(ticket, report);
            return;
        }
    }
    if (m_inFlight.ticket != ticket || m_inFlight.cancelRequested)
        return;
    m_inFlight.cancelRequested = true;
    // A batch waiting behind a sync on the sync thread has not reached the runner yet, and a cancel there
    // would drop it without an answer: ask once its first step has begun.
    if (m_inFlight.started && m_engine)
        m_engine->cancelActions();
}

void ActionsController::engineStarted(int index, int total, const actions::Action &action)
{
    if (!m_inFlight.ticket)
        return; // a batch someone else sent
    if (!m_inFlight.started) {
        m_inFlight.started = true;
        if (m_inFlight.cancelRequested && m_engine)
            m_engine->cancelActions();
    }
    Q_EMIT stepStarted(m_inFlight.ticket, index, total, action);
}

void ActionsController::engineFinished(const actions::ActionResult &result)
{
    if (m_inFlight.ticket)
        Q_EMIT stepFinished(m_inFlight.ticket, result);
}

void ActionsController::engineBatchFinished(const actions::BatchReport &report)
{
    if (!m_inFlight.ticket)
        return;
    const int ticket = m_inFlight.ticket;
    m_inFlight = Pending{};
    Q_EMIT batchFinished(ticket, report);
    sendNext();
}

QString ActionsController::summaryOf(const actions::BatchReport &report)
{
    const QLocale l;
    QStringList parts;
    const int ok = report.count(audit::outcome::Ok);
    const int noop = report.count(audit::outcome::Noop);
    const int failed = report.count(audit::outcome::Failed) + report.count(audit::outcome::Unknown);
    const int refused = report.count(actions::RefusedOutcome);
    if (ok)
        parts.append(tr("%1 applied").arg(l.toString(ok)));
    if (noop)
        parts.append(tr("%1 already done").arg(l.toString(noop)));
    if (failed)
        parts.append(tr("%1 failed").arg(l.toString(failed)));
    if (refused)
        parts.append(tr("%1 refused").arg(l.toString(refused)));
    QString text = parts.isEmpty() ? tr("Nothing was applied") : parts.join(u", "_s);
    if (report.cancelled)
        text += tr(" (cancelled: the remaining steps were not started)");
    if (failed || refused)
        text += tr(" — see the audit log (Ctrl+4)");
    return text;
}

} // namespace sb::ui
