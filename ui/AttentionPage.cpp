#include "AttentionPage.h"

#include "ActionPreviewDialog.h"
#include "ActionsController.h"
#include "EmptyState.h"
#include "FindingFormatting.h"
#include "FlowLayout.h"
#include "Formatting.h"
#include "Labels.h"
#include "ListTable.h"
#include "TimelineDelegate.h"
#include "audit/AuditLog.h"
#include "models/FindingsModel.h"
#include "models/TimelineModel.h"
#include "store/FindingsStore.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
using models::FindingsModel;

const QString kOpen = u"open"_s;
const QString kSnoozed = u"snoozed"_s;

// The severity cell as a tinted badge and high-severity summaries in bold, so the worst stands out when
// scanning; snoozed rows are greyed.
class FindingDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto severity = reconcile::Severity(index.data(FindingsModel::SeverityRole).toInt());
        const bool snoozed = index.data(FindingsModel::StatusRole).toString() == kSnoozed;
        if (snoozed)
            option->font.setItalic(true);
        if (option->state & QStyle::State_Selected)
            return;
        if (snoozed) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            return;
        }
        const SeverityColors c = severityColors(severity);
        if (index.column() == FindingsModel::SeverityColumn) {
            option->backgroundBrush = c.background;
            option->palette.setColor(QPalette::Text, c.text);
            option->font.setBold(true);
        } else if (index.column() == FindingsModel::SummaryColumn && severity == reconcile::Severity::High) {
            option->palette.setColor(QPalette::Text, c.text);
            option->font.setBold(true);
        }
    }
};

enum SnoozeChoice { OneDay, OneWeek, UntilDate };
} // namespace

AttentionPage::AttentionPage(store::FindingsStore *findings, store::Queries *queries, QWidget *parent)
    : QWidget(parent)
    , m_findings(findings)
    , m_queries(queries)
    , m_model(new FindingsModel(findings, this))
    , m_timelineModel(new models::TimelineModel(queries, this))
    , m_title(new QLabel(this))
    , m_text(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_snoozed(new QCheckBox(tr("Include snoozed"), this))
    , m_chipBox(new QWidget(this))
    , m_chips(new QButtonGroup(this))
    , m_checkError(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_textDebounce(new QTimer(this))
{
    setObjectName(u"attentionPage"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setObjectName(u"attentionTitle"_s);
    m_title->setText(tr("Needs attention"));

    m_text->setObjectName(u"attentionFilter"_s);
    m_text->setPlaceholderText(tr("Filter by person, email or text"));
    m_text->setAccessibleName(tr("Filter findings"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(200);
    m_severity->setObjectName(u"severityFilter"_s);
    m_severity->setAccessibleName(tr("Severity"));
    m_severity->addItem(tr("Any severity"), 0);
    m_severity->addItem(tr("High only"), int(reconcile::Severity::High));
    m_severity->addItem(tr("Medium and high"), int(reconcile::Severity::Medium));
    m_snoozed->setObjectName(u"includeSnoozed"_s);
    m_snoozed->setToolTip(tr("Also list findings someone snoozed"));
    m_textDebounce->setSingleShot(true);
    m_textDebounce->setInterval(250);

    m_fixAllButton = new QPushButton(tr("Fix all shown…"), this);
    m_fixAllButton->setObjectName(u"fixAll"_s);
    m_fixAllButton->setAutoDefault(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addStretch(1);
    top->addWidget(m_text);
    top->addWidget(m_severity);
    top->addWidget(m_snoozed);
    top->addWidget(m_fixAllButton);

    m_chipLayout = new FlowLayout(m_chipBox, 4);
    m_chips->setExclusive(true);
    // Chips look like chips, and the chosen one is unmistakable.
    m_chipBox->setStyleSheet(u"QToolButton { border: 1px solid #b8c2cc; border-radius: 10px; padding: 2px "
                             u"10px; background: #fafafa; }"
                             " QToolButton:hover { background: #eef2f7; }"
                             " QToolButton:checked { background: #1f4e8c; border-color: #1f4e8c; color: "
                             "white; font-weight: bold; }"
                             " QToolButton:focus { border-color: #1f4e8c; }"_s);

    m_checkError->setObjectName(u"checkError"_s);
    m_checkError->setTextFormat(Qt::PlainText);
    m_checkError->setWordWrap(true);
    m_checkError->setStyleSheet(
        u"QLabel { background: #fde4e4; color: #8a1c1c; border-radius: 4px; padding: 4px 8px; }"_s);
    m_checkError->hide();

    // The list.
    m_table->setObjectName(u"findings"_s);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new FindingDelegate(m_table));
    setUpListTable(m_table);
    QHeaderView *h = m_table->horizontalHeader();
    h->setSectionResizeMode(FindingsModel::SummaryColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(FindingsModel::SeverityColumn, 74);
    m_table->setColumnWidth(FindingsModel::RuleColumn, 170);
    m_table->setColumnWidth(FindingsModel::PersonColumn, 230);
    m_table->setColumnWidth(FindingsModel::SinceColumn, 60);
    m_table->setColumnHidden(FindingsModel::FirstSeenColumn, true); // in the details pane
    m_table->setAccessibleName(tr("Findings"));

    // The details pane beside the list: the explanation on the left, the person's timeline on the right.
    auto *details = new QWidget(this);
    buildDetails(details);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"attentionSplit"_s);
    split->addWidget(m_table);
    split->addWidget(details);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    m_listPage = split;

    // Nothing to show: nothing found, nothing matches, or still checking.
    auto *empty = new EmptyState(u"attentionEmpty"_s, tr("Clear filters"), u"clearFilters"_s, this);
    m_emptyPage = empty;
    m_emptyTitle = empty->title();
    m_emptyDetail = empty->detail();
    m_clearFilters = empty->button();

    auto *error =
        new EmptyState(u"attentionError"_s, tr("Try again"), u"attentionRetry"_s, this, EmptyState::Error);
    m_errorPage = error;
    m_errorText = error->title();
    auto *retry = error->button();

    m_stack->addWidget(m_listPage);
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_errorPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_chipBox);
    layout->addWidget(m_checkError);
    layout->addWidget(m_stack, 1);

    connect(m_text, &QLineEdit::textChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_textDebounce, &QTimer::timeout, this, &AttentionPage::applyFilter);
    connect(m_text, &QLineEdit::returnPressed, this, [this] {
        m_textDebounce->stop();
        applyFilter();
        focusList();
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, &AttentionPage::applyFilter);
    connect(m_snoozed, &QCheckBox::toggled, this, &AttentionPage::applyFilter);
    connect(m_chips, &QButtonGroup::buttonClicked, this,
            [this](QAbstractButton *b) { setRuleFilter(b->property("rule").toString()); });
    connect(m_clearFilters, &QPushButton::clicked, this, [this] {
        const QSignalBlocker a(m_text), b(m_severity), c(m_snoozed);
        m_text->clear();
        m_severity->setCurrentIndex(0);
        m_snoozed->setChecked(false);
        setRuleFilter({});
    });
    connect(retry, &QPushButton::clicked, this, &AttentionPage::refresh);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AttentionPage::updateState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AttentionPage::showDetails);
    // Enter (and a double click) opens the person.
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const qint64 person = index.data(FindingsModel::PersonIdRole).toLongLong();
        if (person)
            Q_EMIT personRequested(person);
    });

    m_text->installEventFilter(this);
    m_reason->installEventFilter(this);

    store::FindingFilter initial;
    initial.statuses = {kOpen};
    m_model->setFilter(initial);
    updateCounts();
    afterReload(0, 0);
}

void AttentionPage::buildDetails(QWidget *pane)
{
    pane->setObjectName(u"findingDetails"_s);
    m_detailStack = new QStackedWidget(pane);
    m_noSelection = new QLabel(tr("Select a finding to see why it was raised and how to fix it."), pane);
    m_noSelection->setAlignment(Qt::AlignCenter);
    m_noSelection->setWordWrap(true);

    // Left: what is wrong, why, the facts, the fix, and Snooze.
    auto *info = new QWidget(pane);
    auto *v = new QVBoxLayout(info);
    v->setContentsMargins(4, 4, 8, 4);
    v->setSpacing(3);
    m_dBadge = plainLabel(info, u"detailBadge"_s);
    m_dBadge->setWordWrap(false);
    m_dSummary = plainLabel(info, u"detailSummary"_s);
    QFont big = m_dSummary->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_dSummary->setFont(big);
    m_dPerson = plainLabel(info, u"detailPerson"_s);
    m_openPerson = new QPushButton(tr("Open person"), info);
    m_openPerson->setObjectName(u"openPerson"_s);
    m_openPerson->setToolTip(tr("Show this person's page (Enter in the list)"));
    m_openPerson->setAutoDefault(false);
    auto *personRow = new QHBoxLayout;
    personRow->addWidget(m_dPerson, 1);
    personRow->addWidget(m_openPerson, 0, Qt::AlignTop);
    m_dWhy = plainLabel(info, u"detailWhy"_s);
    m_dFactsBox = new QWidget(info);
    m_dFacts = new QFormLayout(m_dFactsBox);
    m_dFacts->setContentsMargins(0, 0, 0, 0);
    m_dFacts->setHorizontalSpacing(10);
    m_dFacts->setVerticalSpacing(2);
    m_dFacts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_dFacts->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_dFacts->setLabelAlignment(Qt::AlignLeft);
    m_dFix = plainLabel(info, u"detailFix"_s);
    m_dFixNote = plainLabel(info, u"detailFixNote"_s);
    QFont italic = m_dFixNote->font();
    italic.setItalic(true);
    m_dFixNote->setFont(italic);
    m_dFixNote->setStyleSheet(u"color: #5f6368;"_s);
    m_dFixNote->setText(writeAccessNote());
    m_fixButton = new QPushButton(tr("Fix…"), info);
    m_fixButton->setObjectName(u"fixFinding"_s);
    m_fixButton->setAutoDefault(false);
    auto *fixRow = new QHBoxLayout;
    fixRow->addWidget(m_dFixNote, 1);
    fixRow->addWidget(m_fixButton, 0, Qt::AlignTop);
    m_dSeen = plainLabel(info, u"detailSeen"_s);
    m_dStatus = plainLabel(info, u"detailStatus"_s);

    // Snooze: for how long, and why (required: it is recorded with who did it).
    m_snoozeFor = new QComboBox(info);
    m_snoozeFor->setObjectName(u"snoozeFor"_s);
    m_snoozeFor->setAccessibleName(tr("Snooze for"));
    m_snoozeFor->addItem(tr("1 day"), OneDay);
    m_snoozeFor->addItem(tr("1 week"), OneWeek);
    m_snoozeFor->addItem(tr("Until a date…"), UntilDate);
    m_snoozeUntil = new QDateEdit(info);
    m_snoozeUntil->setObjectName(u"snoozeUntil"_s);
    m_snoozeUntil->setAccessibleName(tr("Snooze until"));
    m_snoozeUntil->setCalendarPopup(true);
    m_snoozeUntil->hide();
    m_reason = new QLineEdit(info);
    m_reason->setObjectName(u"snoozeReason"_s);
    m_reason->setPlaceholderText(tr("Reason (required)"));
    m_reason->setAccessibleName(tr("Reason for snoozing"));
    m_snoozeButton = new QPushButton(tr("Snooze"), info);
    m_snoozeButton->setObjectName(u"snooze"_s);
    m_snoozeButton->setAutoDefault(false);
    m_snoozeButton->setToolTip(tr("Hide this finding until then; it comes back if it is still true"));
    m_unsnoozeButton = new QPushButton(tr("Unsnooze"), info);
    m_unsnoozeButton->setObjectName(u"unsnooze"_s);
    m_unsnoozeButton->setAutoDefault(false);
    m_resolveButton = new QPushButton(tr("Resolve…"), info);
    m_resolveButton->setObjectName(u"resolveFinding"_s);
    m_resolveButton->setAutoDefault(false);
    m_actionMessage = plainLabel(info, u"actionMessage"_s);
    m_actionMessage->hide();
    auto *snoozeRow = new QHBoxLayout;
    snoozeRow->setSpacing(4);
    snoozeRow->addWidget(m_snoozeFor);
    snoozeRow->addWidget(m_snoozeUntil);
    snoozeRow->addWidget(m_reason, 1);
    snoozeRow->addWidget(m_snoozeButton);
    snoozeRow->addWidget(m_unsnoozeButton);
    snoozeRow->addWidget(m_resolveButton);

    v->addWidget(m_dBadge);
    v->addWidget(m_dSummary);
    v->addLayout(personRow);
    v->addWidget(heading(tr("Why"), info));
    v->addWidget(m_dWhy);
    // What to do comes before the evidence: the facts are there to check it.
    v->addWidget(heading(tr("Fix plan (dry run)"), info));
    v->addWidget(m_dFix);
    v->addLayout(fixRow);
    v->addWidget(heading(tr("Facts"), info));
    v->addWidget(m_dFactsBox);
    v->addWidget(m_dSeen);
    v->addWidget(m_dStatus);
    v->addLayout(snoozeRow);
    v->addWidget(m_actionMessage);
    v->addStretch(1);

    auto *scroll = new QScrollArea(pane);
    scroll->setObjectName(u"detailScroll"_s);
    scroll->setWidget(info);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // Right: the person's timeline, as their page shows it.
    auto *timelineBox = new QWidget(pane);
    auto *t = new QVBoxLayout(timelineBox);
    t->setContentsMargins(8, 4, 0, 0);
    m_timelineTitle = heading(tr("Timeline"), timelineBox);
    m_timelineTitle->setStyleSheet({});
    m_timeline = new QTableView(timelineBox);
    m_timeline->setObjectName(u"findingTimeline"_s);
    m_timeline->setModel(m_timelineModel);
    m_timeline->setItemDelegate(new TimelineDelegate(m_timeline));
    m_timeline->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timeline->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeline->setWordWrap(false);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->verticalHeader()->hide();
    m_timeline->verticalHeader()->setDefaultSectionSize(m_timeline->fontMetrics().height() + 8);
    m_timeline->horizontalHeader()->setSectionResizeMode(models::TimelineModel::WhatColumn,
                                                         QHeaderView::Stretch);
    m_timeline->horizontalHeader()->setHighlightSections(false);
    // Narrower than the person page's: the kind of row says which system it came from.
    m_timeline->setColumnHidden(models::TimelineModel::SystemColumn, true);
    m_timeline->setColumnWidth(models::TimelineModel::TimeColumn, 118);
    m_timeline->setColumnWidth(models::TimelineModel::AmountColumn, 76);
    m_timeline->setAccessibleName(tr("The person's timeline"));
    m_timelineStack = new QStackedWidget(timelineBox);
    auto *noTimeline = new QLabel(tr("This finding is not about one person."), timelineBox);
    noTimeline->setAlignment(Qt::AlignCenter);
    noTimeline->setWordWrap(true);
    m_timelineStack->addWidget(m_timeline);
    m_timelineStack->addWidget(noTimeline);
    t->addWidget(m_timelineTitle);
    t->addWidget(m_timelineStack, 1);

    auto *split = new QSplitter(Qt::Horizontal, pane);
    split->addWidget(scroll);
    split->addWidget(timelineBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({500, 500}); // halves, whatever the explanation's own size asks for
    split->setChildrenCollapsible(false);

    m_detailStack->addWidget(split);
    m_detailStack->addWidget(m_noSelection);
    auto *outer = new QVBoxLayout(pane);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_detailStack);

    connect(m_openPerson, &QPushButton::clicked, this, [this] {
        if (const store::StoredFinding *s = current(); s && s->finding.personId)
            Q_EMIT personRequested(s->finding.personId);
    });
    connect(m_snoozeFor, &QComboBox::currentIndexChanged, this, [this] {
        const bool until = m_snoozeFor->currentData().toInt() == UntilDate;
        m_snoozeUntil->setVisible(until);
        if (until) {
            const QDate tomorrow = QDate::currentDate().addDays(1);
            m_snoozeUntil->setMinimumDate(tomorrow);
            if (m_snoozeUntil->date() < tomorrow)
                m_snoozeUntil->setDate(QDate::currentDate().addDays(14));
        }
    });
    connect(m_reason, &QLineEdit::textChanged, this, &AttentionPage::updateActionButtons);
    connect(m_reason, &QLineEdit::returnPressed, this, [this] {
        if (m_snoozeButton->isVisible() && m_snoozeButton->isEnabled())
            snooze();
        else if (m_unsnoozeButton->isVisible() && m_unsnoozeButton->isEnabled())
            unsnooze();
    });
    connect(m_snoozeButton, &QPushButton::clicked, this, &AttentionPage::snooze);
    connect(m_unsnoozeButton, &QPushButton::clicked, this, &AttentionPage::unsnooze);
    connect(m_fixButton, &QPushButton::clicked, this, &AttentionPage::openFix);
    connect(m_resolveButton, &QPushButton::clicked, this, &AttentionPage::openResolve);
    connect(m_fixAllButton, &QPushButton::clicked, this, &AttentionPage::openFixAll);
    // Ctrl+Enter: the selected finding's fix, from the list or the details.
    for (const QKeySequence &k :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *s = new QShortcut(k, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, &AttentionPage::openFix);
    }
    m_snoozeButton->setEnabled(false);
    m_unsnoozeButton->setEnabled(false);
    updateActionButtons();
}

void AttentionPage::refresh()
{
    const qint64 keep = currentFindingId();
    const int keepRow = m_table->currentIndex().row();
    updateCounts();
    m_model->reload();
    afterReload(keep, keepRow);
}

void AttentionPage::setChecking(bool checking)
{
    m_checking = checking;
    updateState();
}

void AttentionPage::setLastChecked(Millis at)
{
    m_lastChecked = at;
    updateState();
}

void AttentionPage::setCheckError(const QString &error)
{
    m_checkError->setText(
        error.isEmpty()
            ? QString()
            : tr("The last check for disagreements failed: %1. The list may be out of date.").arg(error));
    m_checkError->setVisible(!error.isEmpty());
}

void AttentionPage::updateCounts()
{
    QHash<QString, int> counts;
    if (m_findings) {
        auto c = m_findings->openCounts();
        if (c)
            counts = c.value();
    }
    int open = 0;
    for (int n : std::as_const(counts))
        open += n;
    int high = 0;
    if (m_findings && open > 0) {
        if (auto highs = m_findings->openCount(reconcile::Severity::High))
            high = highs.value();
    }
    const bool changed = open != m_open || high != m_high;
    m_open = open;
    m_high = high;
    m_title->setText(open ? tr("Needs attention (%1)").arg(QLocale().toString(open)) : tr("Needs attention"));
    updateChips(counts);
    if (changed)
        Q_EMIT countsChanged(open, high);
}

void AttentionPage::updateChips(const QHash<QString, int> &counts)
{
    // One chip per rule that has open findings (and the chosen one, even at zero), in the rules' order.
    const QLocale l;
    int total = 0;
    for (int n : counts)
        total += n;
    QStringList rules{QString()};
    for (const QString &r : reconcile::rule::all()) {
        if (counts.value(r) > 0 || r == m_rule)
            rules.append(r);
    }
    for (const QString &r : counts.keys()) {
        if (!rules.contains(r) && counts.value(r) > 0)
            rules.append(r); // a rule this version does not list
    }
    for (auto it = m_chipByRule.begin(); it != m_chipByRule.end();) {
        if (!rules.contains(it.key())) {
            m_chips->removeButton(it.value());
            delete it.value();
            it = m_chipByRule.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &r : std::as_const(rules)) {
        QAbstractButton *b = m_chipByRule.value(r);
        if (!b) {
            auto *chip = new QToolButton(m_chipBox);
            chip->setObjectName(r.isEmpty() ? u"chip:all"_s : u"chip:"_s + r);
            chip->setCheckable(true);
            chip->setFocusPolicy(Qt::StrongFocus);
            chip->setProperty("rule", r);
            chip->setToolButtonStyle(Qt::ToolButtonTextOnly);
            m_chips->addButton(chip);
            m_chipByRule.insert(r, chip);
            b = chip;
        }
        const int n = r.isEmpty() ? total : counts.value(r);
        const QString label = r.isEmpty() ? tr("All") : models::ruleLabel(r);
        b->setText(tr("%1  %2").arg(label, l.toString(n)));
        b->setToolTip(r.isEmpty() ? tr("Show findings of every kind")
                                  : tr("Show only “%1” (%2 open)").arg(label, l.toString(n)));
        b->setAccessibleName(tr("%1, %2 open").arg(label, l.toString(n)));
        b->setChecked(r == m_rule);
    }
    // Lay the chips out again in the rules' order (taking an item out of a layout leaves its widget alone).
    while (QLayoutItem *item = m_chipLayout->takeAt(0))
        delete item;
    for (const QString &r : std::as_const(rules))
        m_chipLayout->addWidget(m_chipByRule.value(r));
    m_chipLayout->invalidate();
    m_chipBox->setVisible(total > 0 || !m_rule.isEmpty());
}

void AttentionPage::setRuleFilter(const QString &rule)
{
    m_rule = rule;
    if (QAbstractButton *b = m_chipByRule.value(rule))
        b->setChecked(true);
    applyFilter();
}

void AttentionPage::applyFilter()
{
    store::FindingFilter f;
    if (!m_rule.isEmpty())
        f.rules = {m_rule};
    if (const int s = m_severity->currentData().toInt(); s > 0)
        f.minSeverity = reconcile::Severity(s);
    f.statuses = m_snoozed->isChecked() ? QStringList{kOpen, kSnoozed} : QStringList{kOpen};
    f.text = m_text->text().trimmed();
    const qint64 keep = currentFindingId();
    updateCounts();
    m_model->setFilter(f);
    afterReload(keep, 0);
}

void AttentionPage::afterReload(qint64 keepId, int keepRow)
{
    updateState();
    if (m_model->rowCount() == 0) {
        showDetails();
        return;
    }
    int row = keepId ? m_model->rowOf(keepId) : -1;
    if (row < 0)
        row = std::clamp(keepRow, 0, m_model->rowCount() - 1); // the one that took its place
    const QModelIndex index = m_model->index(row, FindingsModel::SummaryColumn);
    // Selecting another row shows it (currentRowChanged); the same row is shown again here, since the finding
    // itself may have changed (last seen, snooze).
    const bool same = m_table->currentIndex() == index;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    if (same)
        showDetails();
}

void AttentionPage::updateState()
{
    if (!m_model->lastError().isEmpty()) {
        m_errorText->setText(tr("The findings could not be read: %1").arg(m_model->lastError()));
        m_stack->setCurrentWidget(m_errorPage);
        return;
    }
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_listPage);
        return;
    }
    const store::FindingFilter &f = m_model->filter();
    const bool filtered =
        !f.rules.isEmpty() || f.minSeverity.has_value() || !f.text.isEmpty() || f.statuses.size() > 1;
    if (filtered && m_open > 0) {
        m_emptyTitle->setText(tr("No findings match these filters"));
        m_emptyDetail->setText(
            tr("%1 open findings are hidden by the filters.").arg(QLocale().toString(m_open)));
        m_clearFilters->show();
    } else if (filtered) {
        m_emptyTitle->setText(tr("No findings match these filters"));
        m_emptyDetail->clear();
        m_clearFilters->show();
    } else if (m_checking) {
        m_emptyTitle->setText(tr("Checking for disagreements…"));
        m_emptyDetail->setText(tr("Stripe, Circle and Kit are being compared; findings appear here."));
        m_clearFilters->hide();
    } else {
        m_emptyTitle->setText(tr("Nothing needs attention"));
        m_emptyDetail->setText(
            m_lastChecked ? tr("Stripe, Circle and Kit agreed at the last check (%1, %2).")
                                .arg(localTime(m_lastChecked), relativeTime(m_lastChecked, Clock::now()))
                          : tr("Stripe, Circle and Kit are compared after every sync (F5 syncs now)."));
        m_clearFilters->hide();
    }
    m_stack->setCurrentWidget(m_emptyPage);
}

const store::StoredFinding *AttentionPage::current() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? m_model->findingAt(index.row()) : nullptr;
}

qint64 AttentionPage::currentFindingId() const
{
    const store::StoredFinding *s = current();
    return s ? s->id : 0;
}

bool AttentionPage::selectFinding(qint64 findingId)
{
    const int row = m_model->rowOf(findingId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, FindingsModel::SummaryColumn);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void AttentionPage::focusList()
{
    m_table->setFocus(Qt::ShortcutFocusReason);
    if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
        selectFinding(m_model->findingAt(0)->id);
}

bool AttentionPage::isShowingList() const
{
    return m_stack->currentWidget() == m_listPage;
}

void AttentionPage::showDetails()
{
    const store::StoredFinding *s = current();
    const qint64 shownBefore = m_detailStack->property("findingId").toLongLong();
    if (!s) {
        m_detailStack->setProperty("findingId", 0);
        m_detailStack->setCurrentWidget(m_noSelection);
        m_timelineModel->setPerson(0);
        updateActionButtons();
        return;
    }
    const reconcile::Finding &f = s->finding;
    const bool another = s->id != shownBefore;
    m_detailStack->setProperty("findingId", s->id);
    m_detailStack->setCurrentIndex(0);
    const SeverityColors c = severityColors(f.severity);
    const QString age = models::shortAge(f.since ? f.since : s->firstSeen, Clock::now());
    m_dBadge->setText(
        age.isEmpty()
            ? tr("%1 · %2").arg(models::severityLabel(f.severity).toUpper(), models::ruleLabel(f.rule))
            : tr("%1 · %2 · for %3")
                  .arg(models::severityLabel(f.severity).toUpper(), models::ruleLabel(f.rule), age));
    m_dBadge->setStyleSheet(
        u"QLabel { background: %1; color: %2; border-left: 4px solid %3; border-radius: 4px;"
        " padding: 2px 8px; font-weight: bold; }"_s.arg(c.background.name(), c.text.name(), c.accent.name()));
    m_dSummary->setText(models::withLocalTimes(f.summary));
    QStringList who;
    if (!s->personName.isEmpty())
        who.append(s->personName);
    for (const QString &e : f.emails) {
        if (!who.contains(e))
            who.append(e);
    }
    m_dPerson->setText(who.isEmpty() ? tr("Not about one person") : who.join(u" · "_s));
    m_openPerson->setVisible(f.personId != 0);
    m_dWhy->setText(f.why.isEmpty() ? tr("No explanation recorded.") : models::withLocalTimes(f.why));

    while (m_dFacts->rowCount() > 0)
        m_dFacts->removeRow(0);
    const auto rows = factRows(f.facts);
    for (const auto &[label, value] : rows) {
        auto *k = new QLabel(label, m_dFactsBox);
        k->setTextFormat(Qt::PlainText);
        k->setStyleSheet(u"color: #5f6368;"_s);
        auto *val = plainLabel(m_dFactsBox, {});
        val->setText(value);
        m_dFacts->addRow(k, val);
    }
    if (rows.isEmpty())
        m_dFacts->addRow(new QLabel(tr("None recorded."), m_dFactsBox));

    m_dFix->setText(f.fix.isEmpty() ? tr("No fix proposed: this needs a person's judgement.")
                                    : fixPlanText(f.fix));
    m_dFixNote->setVisible(!f.fix.isEmpty());
    QString seen = tr("First seen %1 · last seen %2").arg(localTime(s->firstSeen), localTime(s->lastSeen));
    if (f.since)
        seen = tr("Began %1").arg(localTime(f.since)) + u'\n' + seen;
    m_dSeen->setText(seen);

    const bool snoozed = s->status == kSnoozed;
    if (snoozed) {
        QString line = tr("Snoozed until %1").arg(localTime(s->snoozedUntil));
        if (!s->statusActor.isEmpty())
            line += tr(" by %1").arg(s->statusActor);
        if (!s->statusReason.isEmpty())
            line += tr(": %1").arg(s->statusReason);
        m_dStatus->setText(line);
    } else {
        m_dStatus->clear();
    }
    m_dStatus->setVisible(snoozed);
    m_snoozeFor->setVisible(!snoozed);
    m_snoozeUntil->setVisible(!snoozed && m_snoozeFor->currentData().toInt() == UntilDate);
    m_snoozeButton->setVisible(!snoozed);
    m_unsnoozeButton->setVisible(snoozed);
    if (another) {
        m_reason->clear();
        m_actionMessage->hide();
    }
    m_reason->setPlaceholderText(snoozed ? tr("Reason for unsnoozing (required)") : tr("Reason (required)"));
    updateActionButtons();

    if (f.personId) {
        m_timelineTitle->setText(tr("Timeline of %1").arg(who.value(0)));
        if (another || m_timelineModel->personId() != f.personId)
            m_timelineModel->setPerson(f.personId);
        else
            m_timelineModel->reload();
        m_timelineStack->setCurrentWidget(m_timeline);
    } else {
        m_timelineTitle->setText(tr("Timeline"));
        m_timelineModel->setPerson(0);
        m_timelineStack->setCurrentIndex(1);
    }
}

bool AttentionPage::eventFilter(QObject *watched, QEvent *event)
{
    // A line edit takes Ctrl+K for "delete to the end of the line"; here it stays "find a person", as
    // everywhere else in the window.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_K))
            return true; // not accepted: the window's shortcut runs
    }
    return QWidget::eventFilter(watched, event);
}

void AttentionPage::setActions(ActionsController *actions)
{
    m_actions = actions;
    if (m_actions) {
        connect(m_actions, &ActionsController::writesChanged, this, &AttentionPage::updateActionButtons);
        // After a batch the sync thread re-read the people and reconciled them; a finding decision (snooze,
        // resolve) touches no person, so the page reads again itself.
        connect(m_actions, &ActionsController::batchFinished, this,
                [this](int ticket, const actions::BatchReport &report) {
                    refresh();
                    if (ticket != m_decisionTicket)
                        return;
                    m_decisionTicket = 0;
                    const actions::ActionResult r = report.results.value(0);
                    const bool ok = r.outcome == audit::outcome::Ok || r.outcome == audit::outcome::Noop;
                    if (!ok)
                        setActionMessage(r.message.isEmpty() ? ActionsController::summaryOf(report)
                                                             : tr("Not done: %1").arg(r.message),
                                         true);
                    else
                        setActionMessage(m_actionMessage->property("pendingText").toString(), false);
                    updateActionButtons();
                });
    }
    updateActionButtons();
}

void AttentionPage::updateActionButtons()
{
    const store::StoredFinding *s = current();
    const bool available = m_actions && m_actions->isAvailable();
    const QString unavailable =
        !m_actions ? tr("Actions are not available here") : m_actions->unavailableReason();
    const bool unlocked = available && m_actions->writesUnlocked();
    const bool hasFix =
        s && std::any_of(s->finding.fix.cbegin(), s->finding.fix.cend(),
                         [](const reconcile::FixStep &f) { return f.action != actions::name::Manual; });
    m_fixButton->setEnabled(available && s && !s->finding.fix.isEmpty());
    m_fixButton->setToolTip(!available ? unavailable
                            : !hasFix  ? tr("Every step is done by hand: the preview lists them")
                                      : tr("Preview the exact calls, then apply with a reason (Ctrl+Enter)"));
    m_fixAllButton->setEnabled(available && m_model->rowCount() > 0);
    m_fixAllButton->setToolTip(available ? tr("Preview the fix plans of every finding the filters show, then "
                                              "apply them in one go")
                                         : unavailable);
    m_resolveButton->setEnabled(available && s);
    m_resolveButton->setToolTip(available
                                    ? tr("Mark as handled by you: it leaves the queue (a new one is raised "
                                         "if the disagreement comes back)")
                                    : unavailable);
    const bool hasReason = !m_reason->text().trimmed().isEmpty();
    const bool busy = m_decisionTicket != 0;
    m_snoozeButton->setEnabled(available && hasReason && !busy);
    m_unsnoozeButton->setEnabled(available && hasReason && !busy);
    const QString snoozeTip = !available ? unavailable
                              : unlocked
                                  ? tr("Hide this finding until then; it comes back if it is still true")
                                  : tr("Hide this finding until then (asks to unlock writes first: the "
                                       "snooze is recorded in the audit log)");
    m_snoozeButton->setToolTip(snoozeTip);
    m_dFixNote->setText(!available ? unavailable
                        : unlocked ? tr("Fix… shows every remote call before anything is changed.")
                                   : tr("Read-only: Fix… shows every remote call; applying needs writes "
                                        "unlocked (Ctrl+Shift+U)."));
}

ActionPreviewDialog *AttentionPage::preview(const QString &title, const QList<ActionGroup> &groups,
                                            bool findings)
{
    if (!m_actions || !m_actions->isAvailable() || groups.isEmpty())
        return nullptr;
    auto *dialog = new ActionPreviewDialog(
        m_actions, title, groups,
        findings ? ActionPreviewDialog::Kind::Findings : ActionPreviewDialog::Kind::Steps, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    Q_EMIT previewOpened(dialog);
    return dialog;
}

namespace {
ActionGroup fixGroup(const store::StoredFinding &s)
{
    ActionGroup g;
    const QString who = s.personName.isEmpty() ? s.finding.emails.value(0) : s.personName;
    const QString summary = models::withLocalTimes(s.finding.summary);
    g.title = who.isEmpty() ? summary : AttentionPage::tr("%1 — %2").arg(who, summary);
    for (const reconcile::FixStep &step : s.finding.fix)
        g.actions.append(actions::Action::fromFixStep(step, s.id, s.finding.key));
    return g;
}
} // namespace

ActionPreviewDialog *AttentionPage::openFix()
{
    const store::StoredFinding *s = current();
    if (!s || s->finding.fix.isEmpty())
        return nullptr;
    return preview(tr("Fix: %1").arg(models::withLocalTimes(s->finding.summary)), {fixGroup(*s)}, true);
}

ActionPreviewDialog *AttentionPage::openFixAll()
{
    if (!m_findings)
        return nullptr;
    // Every finding the filters list, not only the rows paged in so far.
    store::FindingFilter f = m_model->filter();
    f.offset = 0;
    f.limit = 10000;
    auto listed = m_findings->list(f);
    if (!listed) {
        setActionMessage(tr("The findings could not be read: %1").arg(listed.error().message), true);
        return nullptr;
    }
    QList<ActionGroup> groups;
    for (const store::StoredFinding &s : listed.value()) {
        if (!s.finding.fix.isEmpty())
            groups.append(fixGroup(s));
    }
    if (groups.isEmpty()) {
        setActionMessage(tr("None of the findings shown has a fix plan."), false);
        return nullptr;
    }
    return preview(tr("Fix all shown"), groups, true);
}

ActionPreviewDialog *AttentionPage::openResolve()
{
    const store::StoredFinding *s = current();
    if (!s)
        return nullptr;
    actions::Action a;
    a.name = actions::name::FindingResolve;
    a.params = QJsonObject{{u"finding_id"_s, s->id}};
    a.findingId = s->id;
    a.findingKey = s->finding.key;
    a.description = tr("Mark “%1” as resolved by you").arg(models::withLocalTimes(s->finding.summary));
    ActionGroup g{fixGroup(*s).title, {a}};
    ActionPreviewDialog *dialog = preview(tr("Resolve finding"), {g}, false);
    if (dialog)
        dialog->setReason(m_reason->text().trimmed());
    return dialog;
}

void AttentionPage::decide(const actions::Action &action, const QString &done)
{
    if (!m_actions || !m_actions->isAvailable())
        return;
    if (!m_actions->writesUnlocked()) {
        // Unlocking asks who acts; the decision goes on once it is confirmed.
        m_actions->requestUnlock(window(), [this, guard = QPointer<AttentionPage>(this), action, done] {
            if (guard)
                decide(action, done);
        });
        return;
    }
    m_actionMessage->setProperty("pendingText", done);
    setActionMessage(tr("Recording…"), false);
    m_decisionTicket = m_actions->run({action}, m_reason->text().trimmed());
    updateActionButtons();
}

void AttentionPage::snooze()
{
    const store::StoredFinding *s = current();
    const QString reason = m_reason->text().trimmed();
    if (!s)
        return;
    if (reason.isEmpty()) {
        setActionMessage(tr("Say why you snooze it: the reason is kept with your name."), true);
        m_reason->setFocus();
        return;
    }
    // From the console's clock (tests set it); a date means from the start of that day, local time.
    Millis untilMs = Clock::now();
    switch (m_snoozeFor->currentData().toInt()) {
    case OneDay:
        untilMs += 24 * 3600 * 1000LL;
        break;
    case OneWeek:
        untilMs += 7 * 24 * 3600 * 1000LL;
        break;
    case UntilDate:
        untilMs = toMillis(m_snoozeUntil->date().startOfDay());
        break;
    }
    actions::Action a;
    a.name = actions::name::FindingSnooze;
    a.params = QJsonObject{{u"finding_id"_s, s->id}, {u"until"_s, untilMs}};
    a.findingId = s->id;
    a.findingKey = s->finding.key;
    a.description = tr("Snooze until %1").arg(localTime(untilMs));
    decide(a, tr("Snoozed until %1: %2").arg(localTime(untilMs), models::withLocalTimes(s->finding.summary)));
}

void AttentionPage::unsnooze()
{
    const store::StoredFinding *s = current();
    const QString reason = m_reason->text().trimmed();
    if (!s)
        return;
    if (reason.isEmpty()) {
        setActionMessage(tr("Say why you unsnooze it: the reason is kept with your name."), true);
        m_reason->setFocus();
        return;
    }
    actions::Action a;
    a.name = actions::name::FindingUnsnooze;
    a.params = QJsonObject{{u"finding_id"_s, s->id}};
    a.findingId = s->id;
    a.findingKey = s->finding.key;
    a.description = tr("Unsnooze");
    decide(a, tr("Back in the queue."));
}

void AttentionPage::setActionMessage(const QString &text, bool error)
{
    m_actionMessage->setText(text);
    m_actionMessage->setStyleSheet(error ? u"color: #b00020;"_s : u"color: #1d5e32;"_s);
    m_actionMessage->show();
}

QString AttentionPage::detailText() const
{
    if (m_detailStack->currentWidget() == m_noSelection)
        return m_noSelection->text();
    QStringList lines{m_dBadge->text(), m_dSummary->text(), m_dPerson->text(), m_dWhy->text()};
    for (int r = 0; r < m_dFacts->rowCount(); ++r) {
        auto *label = qobject_cast<QLabel *>(m_dFacts->itemAt(r, QFormLayout::LabelRole)
                                                 ? m_dFacts->itemAt(r, QFormLayout::LabelRole)->widget()
                                                 : nullptr);
        auto *field = qobject_cast<QLabel *>(m_dFacts->itemAt(r, QFormLayout::FieldRole)
                                                 ? m_dFacts->itemAt(r, QFormLayout::FieldRole)->widget()
                                                 : nullptr);
        if (label && field)
            lines.append(tr("%1: %2").arg(label->text(), field->text()));
        else if (auto *span = m_dFacts->itemAt(r, QFormLayout::SpanningRole); span && span->widget())
            lines.append(qobject_cast<QLabel *>(span->widget())->text());
    }
    lines << m_dFix->text();
    if (m_dFixNote->isVisibleTo(this))
        lines << m_dFixNote->text();
    lines << m_dSeen->text();
    if (m_dStatus->isVisibleTo(this))
        lines << m_dStatus->text();
    if (m_actionMessage->isVisibleTo(this))
        lines << m_actionMessage->text();
    return lines.join(u'\n');
}

QString AttentionPage::emptyText() const
{
    return m_emptyTitle->text() + u'\n' + m_emptyDetail->text();
}

} // namespace sb::ui
