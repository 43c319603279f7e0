// The triage queue: every open finding, most severe and oldest first, filtered by rule (chips with counts),
// severity and text; the selected one explained beside the list (why, facts, the fix plan as a dry run, the
// person's timeline) with Fix…, Snooze, Unsnooze and Resolve…, all of them audited actions. "Fix all shown…"
// previews every listed finding's plan. Enter opens the person; Ctrl+Enter previews the fix.
#pragma once

#include "actions/Action.h"
#include "common/Time.h"

#include <QHash>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace sb::store {
class FindingsStore;
class Queries;
struct StoredFinding;
} // namespace sb::store
namespace sb::models {
class FindingsModel;
class TimelineModel;
} // namespace sb::models

namespace sb::ui {

class ActionPreviewDialog;
class ActionsController;
class FlowLayout;
struct ActionGroup;

class AttentionPage : public QWidget {
    Q_OBJECT
public:
    AttentionPage(store::FindingsStore *findings, store::Queries *queries, QWidget *parent = nullptr);

    // Reads the counts and the list again; the selected finding stays selected while it is still listed.
    void refresh();
    // A reconcile pass is under way: an empty list says "checking" rather than "nothing".
    void setChecking(bool checking);
    // When the last reconcile pass ran (0: not known), for the empty state.
    void setLastChecked(Millis at);
    // The last pass failed (empty: it did not): said above the list until the next one succeeds.
    void setCheckError(const QString &error);

    void focusList();
    bool selectFinding(qint64 findingId);
    qint64 currentFindingId() const;
    // Shows only this rule's findings (empty: every rule), as clicking its chip does.
    void setRuleFilter(const QString &rule);
    QString ruleFilter() const { return m_rule; }

    int openCount() const { return m_open; }
    int highCount() const { return m_high; }
    QTableView *findingsView() const { return m_table; }
    models::FindingsModel *model() const { return m_model; }
    models::TimelineModel *timelineModel() const { return m_timelineModel; }
    // What the selected finding's pane says, for tests and screen readers.
    QString detailText() const;
    // What the page says when the list is empty ("Nothing needs attention …").
    QString emptyText() const;
    bool isShowingList() const;

    // Fixing, resolving and snoozing go through the window's actions (unlocked writes, a reason, the audit
    // log). Without them (no connected account) the buttons say why they are disabled.
    void setActions(ActionsController *actions);
    // The preview of the selected finding's fix plan (Ctrl+Enter), of every finding the filters list, and of
    // resolving the selected finding; null when there is nothing to preview.
    ActionPreviewDialog *openFix();
    ActionPreviewDialog *openFixAll();
    ActionPreviewDialog *openResolve();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void personRequested(qint64 personId);
    // Open findings (all rules) and how many of them are high severity.
    void countsChanged(int open, int high);
    void previewOpened(sb::ui::ActionPreviewDialog *dialog);

private:
    void buildDetails(QWidget *pane);
    void updateCounts();
    void updateChips(const QHash<QString, int> &counts);
    void applyFilter();
    void afterReload(qint64 keepId, int keepRow);
    void updateState();
    void showDetails();
    void snooze();
    void unsnooze();
    // Sends a finding decision (snooze, unsnooze) with the reason typed beside it; unlocks first if needed.
    void decide(const actions::Action &action, const QString &done);
    void updateActionButtons();
    ActionPreviewDialog *preview(const QString &title, const QList<ActionGroup> &groups, bool findings);
    void setActionMessage(const QString &text, bool error);
    const store::StoredFinding *current() const;

    store::FindingsStore *m_findings;
    store::Queries *m_queries;
    models::FindingsModel *m_model;
    models::TimelineModel *m_timelineModel;
    QString m_rule;
    int m_open = 0;
    int m_high = 0;
    bool m_checking = false;
    Millis m_lastChecked = 0;

    QLabel *m_title;
    QLineEdit *m_text;
    QComboBox *m_severity;
    QCheckBox *m_snoozed;
    QWidget *m_chipBox;
    FlowLayout *m_chipLayout;
    QButtonGroup *m_chips;
    QHash<QString, QAbstractButton *> m_chipByRule;
    QLabel *m_checkError;
    QStackedWidget *m_stack;
    QWidget *m_listPage;
    QTableView *m_table;
    QWidget *m_emptyPage;
    QLabel *m_emptyTitle;
    QLabel *m_emptyDetail;
    QPushButton *m_clearFilters;
    QWidget *m_errorPage;
    QLabel *m_errorText;
    QTimer *m_textDebounce;

    // The details pane.
    QStackedWidget *m_detailStack;
    QLabel *m_noSelection;
    QLabel *m_dSummary;
    QLabel *m_dBadge;
    QLabel *m_dPerson;
    QPushButton *m_openPerson;
    QLabel *m_dWhy;
    QFormLayout *m_dFacts;
    QWidget *m_dFactsBox;
    QLabel *m_dFix;
    QLabel *m_dFixNote;
    QLabel *m_dSeen;
    QLabel *m_dStatus;
    QComboBox *m_snoozeFor;
    QDateEdit *m_snoozeUntil;
    QLineEdit *m_reason;
    QPushButton *m_snoozeButton;
    QPushButton *m_unsnoozeButton;
    QLabel *m_actionMessage;
    QPushButton *m_fixButton;
    QPushButton *m_fixAllButton;
    QPushButton *m_resolveButton;
    ActionsController *m_actions = nullptr;
    int m_decisionTicket = 0; // a snooze or unsnooze under way
    QLabel *m_timelineTitle;
    QStackedWidget *m_timelineStack;
    QTableView *m_timeline;
};

} // namespace sb::ui
