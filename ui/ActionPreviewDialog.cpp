#include "ActionPreviewDialog.h"

#include "ActionsController.h"
#include "audit/AuditLog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
// Two columns, so the outcome stays in sight beside the longest path: a step's row says how it went, a call's
// row (grey) when it is made.
enum Column { StepColumn, OutcomeColumn, WhenColumn = OutcomeColumn };

const QColor kGrey(u"#5f6368"_s);
const QColor kGood(u"#1d5e32"_s);
const QColor kBad(u"#8a1c1c"_s);
const QColor kWarn(u"#6b4a00"_s);

bool isStripeStep(const actions::Action &a)
{
    for (const char *k : {"charge", "payment_intent", "dispute", "refund"}) {
        if (a.params.contains(QLatin1StringView(k)))
            return true;
    }
    return a.description.contains("Stripe"_L1);
}

QString describe(const actions::Action &a)
{
    if (!a.description.isEmpty())
        return a.description;
    return a.name; // a plan without words still says what it does
}

QString localNote(const actions::Action &a)
{
    if (a.name == actions::name::IdentityLink)
        return ActionPreviewDialog::tr(
            "Local change: Switchboard treats the accounts as one person (no remote "
            "call; Stripe, Circle and Kit are not touched)");
    if (a.name == actions::name::IdentityUnlink)
        return ActionPreviewDialog::tr("Local change: Switchboard treats the account as a person of its own "
                                       "(no remote call)");
    if (a.name == actions::name::CompGrant || a.name == actions::name::CompRevoke)
        return ActionPreviewDialog::tr("Local change: recorded in Switchboard only (Stripe is not written)");
    if (a.name == actions::name::NoteAdd)
        return ActionPreviewDialog::tr("Local change: the note is kept in the audit log (your reason is the "
                                       "note)");
    return ActionPreviewDialog::tr("Local change in Switchboard (no remote call)");
}

QString outcomeText(const actions::ActionResult &r)
{
    if (r.outcome == audit::outcome::Ok)
        return ActionPreviewDialog::tr("✓ applied");
    if (r.outcome == audit::outcome::Noop)
        return r.message.isEmpty() ? ActionPreviewDialog::tr("already done")
                                   : ActionPreviewDialog::tr("already done: %1").arg(r.message);
    if (r.outcome == actions::RefusedOutcome)
        return ActionPreviewDialog::tr("refused: %1").arg(r.message);
    if (r.outcome == audit::outcome::Unknown)
        return ActionPreviewDialog::tr("outcome unknown: %1").arg(r.message);
    return r.message.isEmpty() ? ActionPreviewDialog::tr("✗ failed")
                               : ActionPreviewDialog::tr("✗ failed: %1").arg(r.message);
}
} // namespace

ActionPreviewDialog::ActionPreviewDialog(ActionsController *controller, const QString &title,
                                         const QList<ActionGroup> &groups, Kind kind, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_kind(kind)
    , m_summary(new QLabel(this))
    , m_notice(new QFrame(this))
    , m_noticeText(new QLabel(m_notice))
    , m_steps(new QTreeWidget(this))
    , m_extras(new QVBoxLayout)
    , m_actor(new QLabel(this))
    , m_reason(new QPlainTextEdit(this))
    , m_reasonLabel(new QLabel(tr("&Reason (required, kept in the audit log with your name):"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"actionPreview"_s);
    setWindowTitle(title);
    setSizeGripEnabled(true);

    QFont bold = m_summary->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_summary->setObjectName(u"previewSummary"_s);
    m_summary->setFont(bold);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    auto *explain = new QLabel(tr("Each change first re-reads the provider: nothing is written where it is "
                                  "already so, and a second apply changes nothing."),
                               this);
    explain->setWordWrap(true);
    explain->setStyleSheet(u"color: #5f6368;"_s);

    m_notice->setObjectName(u"previewNotice"_s);
    m_notice->setStyleSheet(u"QFrame#previewNotice { background: #fff2d9; border: 1px solid #e0b252; "
                            "border-radius: 6px; } QLabel { color: #6b4a00; }"_s);
    m_noticeText->setObjectName(u"previewNoticeText"_s);
    m_noticeText->setWordWrap(true);
    m_noticeText->setTextFormat(Qt::PlainText);
    auto *noticeLayout = new QHBoxLayout(m_notice);
    noticeLayout->setContentsMargins(10, 6, 10, 6);
    noticeLayout->addWidget(m_noticeText, 1);

    // The steps: a group per finding (or person), each step with the calls it may make under it.
    m_steps->setObjectName(u"previewSteps"_s);
    m_steps->setColumnCount(2);
    m_steps->setHeaderLabels(
        {tr("Step, and the remote calls it may make"), tr("Outcome · when a call is made")});
    m_steps->setRootIsDecorated(true);
    m_steps->setUniformRowHeights(false);
    m_steps->setWordWrap(false);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setFocusPolicy(Qt::StrongFocus);
    m_steps->setAccessibleName(tr("Steps"));
    m_steps->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const bool grouped = kind == Kind::Findings || groups.size() > 1;
    m_groups = int(groups.size());
    for (const ActionGroup &g : groups) {
        QTreeWidgetItem *parentItem = nullptr;
        if (grouped) {
            parentItem = new QTreeWidgetItem(m_steps);
            parentItem->setText(StepColumn, g.title);
            parentItem->setToolTip(StepColumn, g.title);
            QFont f = parentItem->font(StepColumn);
            f.setBold(true);
            parentItem->setFont(StepColumn, f);
            parentItem->setFirstColumnSpanned(true);
        }
        if (g.actions.isEmpty()) {
            auto *none = parentItem ? new QTreeWidgetItem(parentItem) : new QTreeWidgetItem(m_steps);
            none->setText(StepColumn, tr("No fix proposed: this needs a person's judgement."));
            none->setForeground(StepColumn, kGrey);
        }
        for (const actions::Action &a : g.actions) {
            auto *step = parentItem ? new QTreeWidgetItem(parentItem) : new QTreeWidgetItem(m_steps);
            step->setToolTip(StepColumn, describe(a));
            if (a.name == actions::name::Manual) {
                ++m_manual;
                step->setText(StepColumn, isStripeStep(a)
                                              ? tr("Do this yourself in Stripe: %1").arg(describe(a))
                                              : tr("Do this yourself: %1").arg(describe(a)));
                step->setText(OutcomeColumn, tr("not sent"));
                QFont f = step->font(StepColumn);
                f.setItalic(true);
                step->setFont(StepColumn, f);
                step->setForeground(StepColumn, kWarn);
                step->setForeground(OutcomeColumn, kGrey);
                continue;
            }
            step->setText(StepColumn, describe(a));
            if (const Status valid = actions::validate(a); !valid) {
                ++m_invalid;
                step->setText(OutcomeColumn, tr("cannot be sent: %1").arg(valid.error().message));
                step->setForeground(OutcomeColumn, kBad);
                continue;
            }
            m_sendable.append(a);
            m_sendableItems.append(step);
            step->setText(OutcomeColumn, tr("not applied yet"));
            step->setForeground(OutcomeColumn, kGrey);
            const QList<actions::PlannedCall> calls = actions::plannedCalls(a);
            if (calls.isEmpty()) {
                ++m_local;
                auto *note = new QTreeWidgetItem(step);
                note->setText(StepColumn, localNote(a));
                note->setForeground(StepColumn, kGrey);
                note->setFirstColumnSpanned(true);
            }
            for (const actions::PlannedCall &c : calls) {
                ++m_remoteCalls;
                auto *call = new QTreeWidgetItem(step);
                const QString line = u"%1 %2"_s.arg(c.method, -6).arg(c.path);
                call->setText(StepColumn, line);
                call->setFont(StepColumn, mono);
                call->setToolTip(StepColumn, u"%1 %2"_s.arg(c.method, c.path));
                call->setText(WhenColumn, c.when);
                call->setToolTip(WhenColumn, c.when);
                call->setForeground(WhenColumn, kGrey);
            }
        }
    }
    m_steps->expandAll();
    // The exact calls are the point: never elide a path. Wide plans scroll sideways instead.
    m_steps->header()->setStretchLastSection(false);
    m_steps->resizeColumnToContents(StepColumn);
    m_steps->setColumnWidth(StepColumn, m_steps->columnWidth(StepColumn) + 16);
    m_steps->header()->setStretchLastSection(true);

    m_actor->setObjectName(u"previewActor"_s);
    m_actor->setTextFormat(Qt::PlainText);
    m_reason->setObjectName(u"previewReason"_s);
    m_reason->setTabChangesFocus(true);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why? For example: “ticket 4411, paid but could not log in”"));
    m_reason->setFixedHeight(m_reason->fontMetrics().lineSpacing() * 3 + 12);
    m_reasonLabel->setBuddy(m_reason);

    m_progress->setObjectName(u"previewProgress"_s);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_status->setObjectName(u"previewStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(u"previewApply"_s);
    m_unlock = buttons->addButton(tr("Unlock writes…"), QDialogButtonBox::ActionRole);
    m_unlock->setObjectName(u"previewUnlock"_s);
    m_cancel = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(u"previewCancel"_s);
    for (QPushButton *b : {m_apply, m_unlock, m_cancel})
        b->setAutoDefault(false);
    connect(m_apply, &QPushButton::clicked, this, &ActionPreviewDialog::apply);
    connect(m_unlock, &QPushButton::clicked, this, [this] { m_controller->requestUnlock(this); });
    connect(m_cancel, &QPushButton::clicked, this, &ActionPreviewDialog::reject);
    // Ctrl+Enter applies from the reason field, as the attention page's Ctrl+Enter opened this dialog.
    for (const QKeySequence &k :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *s = new QShortcut(k, this);
        connect(s, &QShortcut::activated, this, [this] {
            if (m_apply->isVisible() && m_apply->isEnabled())
                apply();
        });
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(explain);
    layout->addWidget(m_notice);
    layout->addWidget(m_steps, 1);
    layout->addLayout(m_extras);
    layout->addWidget(m_actor);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_reason, &QPlainTextEdit::textChanged, this, &ActionPreviewDialog::updateState);
    connect(m_controller, &ActionsController::writesChanged, this, &ActionPreviewDialog::updateState);
    connect(m_controller, &ActionsController::stepStarted, this, &ActionPreviewDialog::stepStarted);
    connect(m_controller, &ActionsController::stepFinished, this, &ActionPreviewDialog::stepFinished);
    connect(m_controller, &ActionsController::batchFinished, this, &ActionPreviewDialog::batchFinished);

    // Plain English plurals: the German catalogue translates each form.
    const QLocale l;
    auto counted = [&l](int n, const QString &one, const QString &many) {
        return n == 1 ? one : many.arg(l.toString(n));
    };
    QStringList counts;
    if (m_kind == Kind::Findings)
        counts.append(counted(m_groups, tr("1 finding"), tr("%1 findings")));
    else
        counts.append(counted(int(m_sendable.size()) + m_manual + m_invalid, tr("1 step"), tr("%1 steps")));
    counts.append(counted(m_remoteCalls, tr("1 remote call"), tr("%1 remote calls")));
    if (m_local)
        counts.append(counted(m_local, tr("1 local change"), tr("%1 local changes")));
    if (m_manual)
        counts.append(counted(m_manual, tr("1 manual step skipped"), tr("%1 manual steps skipped")));
    if (m_invalid)
        counts.append(
            counted(m_invalid, tr("1 step that cannot be sent"), tr("%1 steps that cannot be sent")));
    m_summary->setText(counts.join(u", "_s));
    // How much one click does, on the button itself.
    if (m_sendable.size() > 1)
        m_apply->setText(tr("Apply %1 steps").arg(l.toString(int(m_sendable.size()))));
    // Wide enough for the calls (up to the screen), tall enough for a short plan without a sea of white.
    int rows = 0;
    for (QTreeWidgetItemIterator it(m_steps); *it; ++it)
        ++rows;
    const int wanted = m_steps->columnWidth(StepColumn) + 360 + 60;
    const QRect screen = parent ? parent->screen()->availableGeometry() : QRect(0, 0, 1400, 900);
    const int rowHeight = m_steps->fontMetrics().height() + 4;
    resize(std::clamp(wanted, 760, std::max(760, screen.width() - 80)),
           std::clamp(340 + rows * rowHeight, 440, std::max(440, screen.height() - 120)));
    updateState();
    m_reason->setFocus();
}

void ActionPreviewDialog::addExtraWidget(QWidget *widget)
{
    m_extras->addWidget(widget);
    m_extraWidgets.append(widget);
}

void ActionPreviewDialog::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

void ActionPreviewDialog::setReasonPlaceholder(const QString &text)
{
    m_reason->setPlaceholderText(text);
}

void ActionPreviewDialog::updateState()
{
    const bool started = m_ticket != 0;
    const bool available = m_controller->isAvailable();
    const bool unlocked = m_controller->writesUnlocked();
    QString notice;
    if (!available)
        notice = m_controller->unavailableReason();
    else if (!unlocked && !started)
        notice = tr("Read-only: Switchboard changes nothing until you unlock writes for this session. "
                    "Unlocking asks who you are; then Apply sends the steps above.");
    else if (m_sendable.isEmpty() && !started)
        notice = m_manual ? tr("Nothing to send: every step is done by hand, outside Switchboard.")
                          : tr("Nothing to send.");
    m_noticeText->setText(notice);
    m_notice->setVisible(!notice.isEmpty());

    m_actor->setText(unlocked ? tr("Acting as %1").arg(m_controller->actor())
                              : tr("Acting as %1 (once unlocked)").arg(m_controller->actor()));
    const bool hasReason = !m_reason->toPlainText().trimmed().isEmpty();
    m_reason->setReadOnly(started);
    m_apply->setVisible(!started && (unlocked || !available));
    m_apply->setEnabled(available && unlocked && hasReason && !m_sendable.isEmpty());
    m_apply->setToolTip(!hasReason ? tr("Say why first: the reason is kept in the audit log") : QString());
    m_apply->setDefault(m_apply->isEnabled());
    m_unlock->setVisible(available && !unlocked && !started);
    m_unlock->setDefault(m_unlock->isVisible());
    if (m_done) {
        m_cancel->setText(tr("Close"));
        m_cancel->setEnabled(true);
    } else if (started) {
        m_cancel->setText(tr("Cancel remaining steps"));
    } else {
        m_cancel->setText(tr("Cancel"));
    }
}

void ActionPreviewDialog::apply()
{
    if (m_ticket || !m_controller->writesUnlocked() || m_sendable.isEmpty())
        return;
    const QString reason = m_reason->toPlainText().trimmed();
    if (reason.isEmpty()) {
        m_reason->setFocus();
        return;
    }
    QList<actions::Action> list = m_sendable;
    if (m_beforeApply)
        m_beforeApply(list, reason);
    m_progress->setRange(0, int(list.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("Step %v of %m"));
    m_progress->show();
    m_status->setText(m_controller->isBusy() ? tr("Waiting for the actions before these to finish…")
                                             : tr("Starting… (after a sync under way, if any)"));
    m_status->setStyleSheet({});
    m_status->show();
    for (QWidget *w : std::as_const(m_extraWidgets))
        w->setEnabled(false);
    m_sentKeys.clear();
    for (const actions::Action &a : std::as_const(list))
        m_sentKeys.append(a.key());
    m_ticket = m_controller->run(list, reason);
    updateState();
}

void ActionPreviewDialog::reject()
{
    if (m_ticket && !m_done) {
        m_controller->cancel(m_ticket);
        m_cancel->setEnabled(false);
        m_status->setText(tr("Cancelling: the step under way finishes, the rest are not started…"));
        return;
    }
    QDialog::reject();
}

void ActionPreviewDialog::stepStarted(int ticket, int index, int total, const actions::Action &action)
{
    if (ticket != m_ticket)
        return;
    m_progress->setRange(0, total);
    m_status->setText(tr("Step %1 of %2: %3").arg(index + 1).arg(total).arg(describe(action)));
    if (index >= 0 && index < m_sendableItems.size()) {
        QTreeWidgetItem *item = m_sendableItems.at(index);
        item->setText(OutcomeColumn, tr("applying…"));
        item->setForeground(OutcomeColumn, kWarn);
        m_steps->scrollToItem(item);
    }
}

void ActionPreviewDialog::stepFinished(int ticket, const actions::ActionResult &result)
{
    if (ticket != m_ticket)
        return;
    // Results arrive in the order sent; a step dropped as a double click has no result of its own.
    const QString key = result.action.key();
    for (qsizetype i = m_finishedSteps; i < m_sentKeys.size(); ++i) {
        if (m_sentKeys.at(i) == key) {
            setOutcome(m_sendableItems.at(i), result);
            m_finishedSteps = int(i) + 1;
            break;
        }
    }
    m_progress->setValue(m_progress->value() + 1);
}

void ActionPreviewDialog::setOutcome(QTreeWidgetItem *item, const actions::ActionResult &result)
{
    item->setText(OutcomeColumn, outcomeText(result));
    // The mark also at the start of the step, in sight when a long path pushes the outcome to the right.
    const QString mark = result.outcome == audit::outcome::Ok     ? u"✓ "_s
                         : result.outcome == audit::outcome::Noop ? u"= "_s
                                                                  : u"✗ "_s;
    item->setText(StepColumn, mark + item->toolTip(StepColumn));
    QStringList tip{outcomeText(result)};
    if (!result.calls.isEmpty())
        tip.append(tr("Calls made:\n%1").arg(result.calls.join(u'\n')));
    item->setToolTip(OutcomeColumn, tip.join(u"\n\n"_s));
    const QColor c = result.outcome == audit::outcome::Ok     ? kGood
                     : result.outcome == audit::outcome::Noop ? kGrey
                                                              : kBad;
    item->setForeground(OutcomeColumn, c);
    QFont f = item->font(OutcomeColumn);
    f.setBold(result.outcome != audit::outcome::Noop);
    item->setFont(OutcomeColumn, f);
}

void ActionPreviewDialog::batchFinished(int ticket, const actions::BatchReport &report)
{
    if (ticket != m_ticket)
        return;
    m_done = true;
    for (qsizetype i = m_finishedSteps; i < m_sendableItems.size(); ++i) {
        m_sendableItems.at(i)->setText(OutcomeColumn, report.cancelled ? tr("not started (cancelled)")
                                                                       : tr("not sent (already asked)"));
        m_sendableItems.at(i)->setForeground(OutcomeColumn, kGrey);
    }
    m_progress->setValue(m_progress->maximum());
    const bool bad = report.count(audit::outcome::Failed) + report.count(actions::RefusedOutcome) +
                         report.count(audit::outcome::Unknown) >
                     0;
    m_status->setText(ActionsController::summaryOf(report));
    m_status->setStyleSheet(bad ? u"color: #8a1c1c; font-weight: bold;"_s
                                : u"color: #1d5e32; font-weight: bold;"_s);
    updateState();
    m_cancel->setFocus();
    Q_EMIT batchDone(report);
}

QString ActionPreviewDialog::summaryText() const
{
    return m_summary->text();
}

QString ActionPreviewDialog::noticeText() const
{
    return m_notice->isVisibleTo(this) || !m_noticeText->text().isEmpty() ? m_noticeText->text() : QString();
}

QString ActionPreviewDialog::statusText() const
{
    return m_status->text();
}

QString ActionPreviewDialog::previewText() const
{
    QStringList lines;
    std::function<void(QTreeWidgetItem *, int)> walk = [&](QTreeWidgetItem *item, int depth) {
        QStringList cells;
        for (int c = 0; c < item->columnCount(); ++c) {
            if (!item->text(c).isEmpty())
                cells.append(item->text(c));
        }
        lines.append(QString(depth * 2, u' ') + cells.join(u" | "_s));
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i), depth + 1);
    };
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i)
        walk(m_steps->topLevelItem(i), 0);
    return lines.join(u'\n');
}

} // namespace sb::ui
