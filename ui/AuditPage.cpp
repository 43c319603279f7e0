#include "AuditPage.h"

#include "EmptyState.h"
#include "FindingFormatting.h"
#include "Formatting.h"
#include "Labels.h"
#include "ListTable.h"
#include "common/BidiText.h"
#include "identity/EmailNormalizer.h"
#include "models/AuditModel.h"
#include "store/Database.h"
#include "store/Queries.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <limits>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
using models::AuditModel;

const QDate kAnyDate(2000, 1, 1); // the date edits' minimum, shown as "any"

struct Tone {
    const char *background;
    const char *text;
};

Tone toneOf(const QString &result)
{
    if (result == audit::outcome::Ok)
        return {"#e3f4e8", "#1d5e32"};
    if (result == audit::outcome::Failed)
        return {"#fde4e4", "#8a1c1c"};
    if (result == audit::outcome::Unknown || result == audit::outcome::Pending)
        return {"#fff2d9", "#6b4a00"};
    return {"#eeeeee", "#3c3c3c"}; // noop and anything newer
}

// The outcome cell tinted by what became of the action, so a failure or an unknown outcome stands out when
// scanning; outcome entries (the second half of an action) are greyed, their intent carries the news.
class AuditDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (option->state & QStyle::State_Selected)
            return;
        const bool answer = index.data(AuditModel::IntentSeqRole).toLongLong() > 0;
        if (answer && index.column() != AuditModel::OutcomeColumn) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            return;
        }
        if (index.column() != AuditModel::OutcomeColumn)
            return;
        const QString result = index.data(AuditModel::ResultRole).toString();
        const Tone t = toneOf(result);
        option->backgroundBrush = QColor(QLatin1StringView(t.background));
        option->palette.setColor(QPalette::Text, QColor(QLatin1StringView(t.text)));
        if (result == audit::outcome::Failed || result == audit::outcome::Unknown)
            option->font.setBold(true);
    }
};

// A hash: one unbreakable token, so a read-only line (it scrolls, selects and copies whole) rather than a
// label that would clip it in a narrow pane.
QLineEdit *hashField(QWidget *parent, const QString &objectName)
{
    auto *l = new QLineEdit(parent);
    l->setObjectName(objectName);
    l->setReadOnly(true);
    l->setFrame(false);
    l->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    l->setStyleSheet(u"QLineEdit { background: transparent; }"_s);
    l->setMinimumWidth(40);
    return l;
}

QString longTime(Millis at)
{
    return QLocale().toString(fromMillis(at).toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
}

QFrame *bar(QWidget *parent, const QString &objectName, const QString &style)
{
    auto *f = new QFrame(parent);
    f->setObjectName(objectName);
    f->setStyleSheet(u"QFrame#%1 { %2 border-radius: 6px; }"_s.arg(objectName, style));
    f->hide();
    return f;
}
} // namespace

AuditPage::AuditPage(QSqlDatabase db, store::Queries *queries, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_queries(queries)
    , m_model(new AuditModel(db, this))
    , m_title(new QLabel(tr("Audit log"), this))
    , m_actor(new QComboBox(this))
    , m_action(new QComboBox(this))
    , m_person(new QLineEdit(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_clear(new QPushButton(tr("Clear filters"), this))
    , m_personLabel(new QLabel(this))
    , m_personDebounce(new QTimer(this))
    , m_exportButton(new QPushButton(tr("Export…"), this))
    , m_verifyButton(new QPushButton(tr("Verify…"), this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_footer(new QLabel(this))
{
    setObjectName(u"auditPage"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setObjectName(u"auditTitle"_s);

    m_exportButton->setObjectName(u"auditExport"_s);
    m_exportButton->setToolTip(tr("Save the entries that match the filters as CSV or JSON Lines, with their "
                                  "hashes and the chain head"));
    m_exportButton->setAutoDefault(false);
    m_verifyButton->setObjectName(u"auditVerify"_s);
    m_verifyButton->setToolTip(
        tr("Check that no entry was edited, deleted or reordered since it was written"));
    m_verifyButton->setAutoDefault(false);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addStretch(1);
    top->addWidget(m_verifyButton);
    top->addWidget(m_exportButton);

    // Filters.
    m_actor->setObjectName(u"auditActor"_s);
    m_actor->setAccessibleName(tr("Actor"));
    m_actor->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_action->setObjectName(u"auditAction"_s);
    m_action->setAccessibleName(tr("Action"));
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_person->setObjectName(u"auditPerson"_s);
    m_person->setPlaceholderText(tr("Person: email, name or account id"));
    m_person->setAccessibleName(tr("Person"));
    m_person->setClearButtonEnabled(true);
    m_person->setMinimumWidth(220);
    m_person->installEventFilter(this);
    m_personDebounce->setSingleShot(true);
    m_personDebounce->setInterval(300);
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setMinimumDate(kAnyDate);
        d->setSpecialValueText(tr("any"));
        d->setDate(kAnyDate);
        d->setDisplayFormat(u"yyyy-MM-dd"_s);
    }
    m_from->setObjectName(u"auditFrom"_s);
    m_from->setAccessibleName(tr("From date"));
    m_from->setToolTip(tr("Entries on or after this day (local time); “any” leaves it open"));
    m_to->setObjectName(u"auditTo"_s);
    m_to->setAccessibleName(tr("To date"));
    m_to->setToolTip(tr("Entries on or before this day (local time); “any” leaves it open"));
    m_clear->setObjectName(u"auditClearFilters"_s);
    m_clear->setAutoDefault(false);
    auto *filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(m_actor);
    filters->addWidget(m_action);
    filters->addWidget(m_person, 1);
    auto *fromLabel = new QLabel(tr("&From"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&to"), this);
    toLabel->setBuddy(m_to);
    filters->addWidget(fromLabel);
    filters->addWidget(m_from);
    filters->addWidget(toLabel);
    filters->addWidget(m_to);
    filters->addWidget(m_clear);
    m_personLabel->setObjectName(u"auditPersonNote"_s);
    m_personLabel->setTextFormat(Qt::PlainText);
    m_personLabel->setWordWrap(true);
    m_personLabel->setStyleSheet(u"color: #4a5563;"_s);
    m_personLabel->hide();

    // Verify: the head of an earlier export, optionally, to also catch a cut-off tail.
    m_verifyBar = bar(this, u"verifyBar"_s, u"background: #f3f6fa; border: 1px solid #c8d3e0;"_s);
    auto *verifyText = new QLabel(tr("Check every entry's hash and its link to the one before. To also catch "
                                     "entries cut off the end, paste the head hash of an earlier export:"),
                                  m_verifyBar);
    verifyText->setWordWrap(true);
    m_expectedHead = new QLineEdit(m_verifyBar);
    m_expectedHead->setObjectName(u"expectedHead"_s);
    m_expectedHead->setPlaceholderText(tr("Head hash (optional)"));
    m_expectedHead->setAccessibleName(tr("Head hash of an earlier export"));
    m_expectedHead->setClearButtonEnabled(true);
    m_expectedHead->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *verifyNow = new QPushButton(tr("Verify now"), m_verifyBar);
    verifyNow->setObjectName(u"verifyNow"_s);
    verifyNow->setAutoDefault(false);
    auto *verifyClose = new QPushButton(tr("Close"), m_verifyBar);
    verifyClose->setAutoDefault(false);
    auto *vb = new QGridLayout(m_verifyBar);
    vb->setContentsMargins(10, 6, 6, 6);
    vb->addWidget(verifyText, 0, 0, 1, 3);
    vb->addWidget(m_expectedHead, 1, 0);
    vb->addWidget(verifyNow, 1, 1);
    vb->addWidget(verifyClose, 1, 2);

    // A job in progress.
    m_jobBar = bar(this, u"jobBar"_s, u"background: #f3f6fa; border: 1px solid #c8d3e0;"_s);
    m_jobLabel = new QLabel(m_jobBar);
    m_jobLabel->setObjectName(u"jobLabel"_s);
    m_jobLabel->setTextFormat(Qt::PlainText);
    m_progress = new QProgressBar(m_jobBar);
    m_progress->setObjectName(u"jobProgress"_s);
    m_progress->setTextVisible(true);
    m_cancelJob = new QPushButton(tr("Cancel"), m_jobBar);
    m_cancelJob->setObjectName(u"cancelJob"_s);
    m_cancelJob->setAutoDefault(false);
    auto *jb = new QHBoxLayout(m_jobBar);
    jb->setContentsMargins(10, 6, 6, 6);
    jb->addWidget(m_jobLabel);
    jb->addWidget(m_progress, 1);
    jb->addWidget(m_cancelJob);

    // What the last job said.
    m_resultBar = bar(this, u"resultBar"_s, {});
    m_resultText = plainLabel(m_resultBar, u"jobResult"_s);
    m_showBad = new QPushButton(m_resultBar);
    m_showBad->setObjectName(u"showBadEntry"_s);
    m_showBad->setAutoDefault(false);
    m_copyHead = new QPushButton(tr("Copy head hash"), m_resultBar);
    m_copyHead->setObjectName(u"copyHead"_s);
    m_copyHead->setAutoDefault(false);
    m_copyHead->setToolTip(tr("Keep it: Verify with it later tells a cut-off log from one that grew"));
    auto *dismiss = new QPushButton(tr("Dismiss"), m_resultBar);
    dismiss->setAutoDefault(false);
    auto *rb = new QHBoxLayout(m_resultBar);
    rb->setContentsMargins(10, 6, 6, 6);
    rb->addWidget(m_resultText, 1);
    rb->addWidget(m_showBad, 0, Qt::AlignVCenter);
    rb->addWidget(m_copyHead, 0, Qt::AlignVCenter);
    rb->addWidget(dismiss, 0, Qt::AlignVCenter);

    // The list.
    m_table->setObjectName(u"auditEntries"_s);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new AuditDelegate(m_table));
    setUpListTable(m_table);
    QHeaderView *h = m_table->horizontalHeader();
    // Target and reason share what is left, so the whole row fits beside the search panel too.
    h->setSectionResizeMode(AuditModel::TargetColumn, QHeaderView::Stretch);
    h->setSectionResizeMode(AuditModel::ReasonColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    m_table->setColumnWidth(AuditModel::WhenColumn, fm.horizontalAdvance(u"2026-11-27 23:59:59"_s) + 16);
    m_table->setColumnWidth(AuditModel::ActorColumn, 120);
    m_table->setColumnWidth(AuditModel::ActionColumn,
                            fm.horizontalAdvance(u"Circle access group added"_s) + 16);
    // Wide enough for an outcome entry's "outcome unknown (for #123)".
    m_table->setColumnWidth(
        AuditModel::OutcomeColumn,
        fm.horizontalAdvance(models::auditOutcomeLabel(audit::outcome::Unknown) + u" (for #123)"_s) + 16);
    m_table->setAccessibleName(tr("Audit entries"));
    m_footer->setObjectName(u"auditFooter"_s);
    m_footer->setTextFormat(Qt::PlainText);
    m_footer->setStyleSheet(u"color: #5f6368;"_s);

    auto *details = new QWidget(this);
    buildDetails(details);
    auto *listBox = new QWidget(this);
    auto *lb = new QVBoxLayout(listBox);
    lb->setContentsMargins(0, 0, 0, 0);
    lb->setSpacing(2);
    lb->addWidget(m_table, 1);
    lb->addWidget(m_footer);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"auditSplit"_s);
    split->addWidget(listBox);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    m_listPage = split;

    // Nothing to show.
    auto *empty = new EmptyState(u"auditEmpty"_s, tr("Clear filters"), u"auditEmptyClear"_s, this);
    m_emptyPage = empty;
    m_emptyTitle = empty->title();
    m_emptyDetail = empty->detail();
    m_emptyClear = empty->button();

    auto *error = new EmptyState(u"auditError"_s, tr("Try again"), u"auditRetry"_s, this, EmptyState::Error);
    m_errorPage = error;
    m_errorText = error->title();
    auto *retry = error->button();

    m_stack->addWidget(m_listPage);
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_errorPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(filters);
    layout->addWidget(m_personLabel);
    layout->addWidget(m_verifyBar);
    layout->addWidget(m_jobBar);
    layout->addWidget(m_resultBar);
    layout->addWidget(m_stack, 1);

    connect(m_actor, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_from, &QDateEdit::dateChanged, this, &AuditPage::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &AuditPage::applyFilter);
    connect(m_person, &QLineEdit::textChanged, m_personDebounce, qOverload<>(&QTimer::start));
    connect(m_personDebounce, &QTimer::timeout, this, [this] {
        resolvePerson();
        applyFilter();
    });
    connect(m_person, &QLineEdit::returnPressed, this, [this] {
        m_personDebounce->stop();
        resolvePerson();
        applyFilter();
        focusList();
    });
    connect(m_clear, &QPushButton::clicked, this, &AuditPage::clearFilters);
    connect(m_emptyClear, &QPushButton::clicked, this, &AuditPage::clearFilters);
    connect(retry, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditPage::showDetails);
    connect(m_model, &AuditModel::loadingChanged, this, &AuditPage::updateFooter);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AuditPage::updateFooter);
    connect(m_model, &AuditModel::loadFailed, this, &AuditPage::updateState);
    connect(m_exportButton, &QPushButton::clicked, this, &AuditPage::exportWithDialog);
    connect(m_verifyButton, &QPushButton::clicked, this, [this] {
        m_verifyBar->show();
        m_expectedHead->setFocus();
    });
    connect(verifyNow, &QPushButton::clicked, this,
            [this] { startVerify(m_expectedHead->text().trimmed()); });
    connect(m_expectedHead, &QLineEdit::returnPressed, this,
            [this] { startVerify(m_expectedHead->text().trimmed()); });
    connect(verifyClose, &QPushButton::clicked, m_verifyBar, &QWidget::hide);
    connect(m_cancelJob, &QPushButton::clicked, this, &AuditPage::cancelJob);
    connect(dismiss, &QPushButton::clicked, m_resultBar, &QWidget::hide);
    connect(m_showBad, &QPushButton::clicked, this, [this] {
        if (m_badSeq && !selectEntry(m_badSeq)) {
            // Filtered out or not loaded yet: show everything up to it.
            clearFilters();
            audit::Filter f;
            f.maxSeq = m_badSeq;
            m_model->setFilter(f);
            afterReload(m_badSeq);
        }
    });
    connect(m_copyHead, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_lastHead);
        m_copyHead->setText(tr("Copied"));
        QTimer::singleShot(1500, m_copyHead, [this] { m_copyHead->setText(tr("Copy head hash")); });
    });

    fillFilterChoices();
    applyFilter();
}

AuditPage::~AuditPage()
{
    // A job's thread holds its own connection; it stops at the next row and is waited for, never terminated.
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

void AuditPage::buildDetails(QWidget *pane)
{
    m_detailStack = new QStackedWidget(pane);
    m_noSelection = new QLabel(tr("Select an entry to see it in full."), pane);
    m_noSelection->setAlignment(Qt::AlignCenter);
    m_noSelection->setWordWrap(true);

    auto *info = new QWidget(pane);
    info->setObjectName(u"auditDetail"_s);
    auto *v = new QVBoxLayout(info);
    v->setContentsMargins(4, 4, 8, 4);
    v->setSpacing(3);
    m_dBadge = plainLabel(info, u"auditBadge"_s);
    m_dBadge->setWordWrap(false);
    m_dTarget = plainLabel(info, u"auditTarget"_s);
    QFont big = m_dTarget->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_dTarget->setFont(big);

    auto *form = new QWidget(info);
    m_dForm = new QFormLayout(form);
    m_dForm->setContentsMargins(0, 0, 0, 0);
    m_dForm->setHorizontalSpacing(10);
    m_dForm->setVerticalSpacing(3);
    m_dForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_dForm->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_dForm->setLabelAlignment(Qt::AlignLeft);
    auto addRow = [&](const QString &label, QWidget *field) {
        auto *k = new QLabel(label, form);
        k->setTextFormat(Qt::PlainText);
        k->setStyleSheet(u"color: #5f6368;"_s);
        m_dForm->addRow(k, field);
    };
    m_dWhen = plainLabel(form, u"auditWhen"_s);
    m_dActor = plainLabel(form, u"auditActorDetail"_s);
    m_dAction = plainLabel(form, u"auditActionDetail"_s);
    m_dReason = plainLabel(form, u"auditReason"_s);
    m_dOutcome = plainLabel(form, u"auditOutcome"_s);
    m_dLinked = plainLabel(form, u"auditLinked"_s);
    m_showLinked = new QPushButton(form);
    m_showLinked->setObjectName(u"showLinked"_s);
    m_showLinked->setAutoDefault(false);
    auto *linkedRow = new QWidget(form);
    auto *lr = new QHBoxLayout(linkedRow);
    lr->setContentsMargins(0, 0, 0, 0);
    lr->addWidget(m_dLinked, 1);
    lr->addWidget(m_showLinked, 0, Qt::AlignTop);
    m_dSubjects = plainLabel(form, u"auditSubjects"_s);
    m_dPerson = plainLabel(form, u"auditPersonDetail"_s);
    m_openPerson = new QPushButton(tr("Open person"), form);
    m_openPerson->setObjectName(u"auditOpenPerson"_s);
    m_openPerson->setAutoDefault(false);
    auto *personRow = new QWidget(form);
    auto *pr = new QHBoxLayout(personRow);
    pr->setContentsMargins(0, 0, 0, 0);
    pr->addWidget(m_dPerson, 1);
    pr->addWidget(m_openPerson, 0, Qt::AlignTop);
    m_dPrev = hashField(form, u"auditPrevHash"_s);
    m_dHash = hashField(form, u"auditHash"_s);
    addRow(tr("When"), m_dWhen);
    addRow(tr("Actor"), m_dActor);
    addRow(tr("Action"), m_dAction);
    addRow(tr("Reason"), m_dReason);
    addRow(tr("Outcome"), m_dOutcome);
    addRow(tr("Linked"), linkedRow);
    addRow(tr("About"), m_dSubjects);
    addRow(tr("Person"), personRow);
    addRow(tr("Hash"), m_dHash);
    addRow(tr("Previous"), m_dPrev);

    v->addWidget(m_dBadge);
    v->addWidget(m_dTarget);
    v->addWidget(form);
    v->addStretch(1);

    auto *scroll = new QScrollArea(pane);
    scroll->setObjectName(u"auditDetailScroll"_s);
    scroll->setWidget(info);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // Right: what was asked, as recorded.
    auto *requestBox = new QWidget(pane);
    auto *r = new QVBoxLayout(requestBox);
    r->setContentsMargins(8, 4, 0, 0);
    r->addWidget(heading(tr("Request (as recorded)"), requestBox));
    m_dRequest = new QPlainTextEdit(requestBox);
    m_dRequest->setObjectName(u"auditRequest"_s);
    m_dRequest->setReadOnly(true);
    m_dRequest->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_dRequest->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_dRequest->setAccessibleName(tr("Request of the entry"));
    r->addWidget(m_dRequest, 1);

    auto *split = new QSplitter(Qt::Horizontal, pane);
    split->addWidget(scroll);
    split->addWidget(requestBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});
    split->setChildrenCollapsible(false);

    m_detailStack->addWidget(split);
    m_detailStack->addWidget(m_noSelection);
    auto *outer = new QVBoxLayout(pane);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_detailStack);

    connect(m_openPerson, &QPushButton::clicked, this, [this] {
        if (m_detailPerson)
            Q_EMIT personRequested(m_detailPerson);
    });
    connect(m_showLinked, &QPushButton::clicked, this, [this] {
        if (m_linkedSeq && !selectEntry(m_linkedSeq)) {
            // Hidden by the filters: show the entries around it.
            clearFilters();
            audit::Filter f;
            f.maxSeq = std::max(m_linkedSeq, currentSeq());
            m_model->setFilter(f);
            afterReload(m_linkedSeq);
        }
    });
}

QString AuditPage::actor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user;
}

void AuditPage::fillFilterChoices()
{
    audit::AuditLog log(m_db);
    const QSignalBlocker a(m_actor), b(m_action);
    const QString actorChosen = m_actor->currentData().toString();
    const QString actionChosen = m_action->currentData().toString();
    m_actor->clear();
    m_actor->addItem(tr("Any actor"), QString());
    if (auto actors = log.actors()) {
        for (const QString &name : actors.value())
            m_actor->addItem(name, name);
    }
    m_action->clear();
    m_action->addItem(tr("Any action"), QString());
    const QList<std::pair<QString, QString>> families = {{u"circle."_s, tr("Circle: every action")},
                                                         {u"kit."_s, tr("Kit: every action")},
                                                         {u"identity."_s, tr("Links between accounts")},
                                                         {u"finding."_s, tr("Findings: resolve, snooze")}};
    for (const auto &[prefix, label] : families)
        m_action->addItem(label, prefix);
    if (auto actions = log.actions(); actions && !actions.value().isEmpty()) {
        m_action->insertSeparator(m_action->count());
        for (const QString &action : actions.value())
            m_action->addItem(models::auditActionLabel(action), action);
    }
    // A choice that is no longer listed stays chosen: the filter says what the list shows.
    if (!actorChosen.isEmpty() && m_actor->findData(actorChosen) < 0)
        m_actor->addItem(actorChosen, actorChosen);
    if (!actionChosen.isEmpty() && m_action->findData(actionChosen) < 0)
        m_action->addItem(actionChosen, actionChosen);
    m_actor->setCurrentIndex(std::max(0, m_actor->findData(actorChosen)));
    m_action->setCurrentIndex(std::max(0, m_action->findData(actionChosen)));
}

void AuditPage::resolvePerson()
{
    const QString text = m_person->text().trimmed();
    m_personSubjects.clear();
    m_personNote.clear();
    if (text.isEmpty()) {
        m_personLabel->hide();
        return;
    }
    qint64 person = 0;
    QString others;
    if (auto id = m_queries->resolvePerson(text)) {
        person = id.value();
    } else if (!text.contains(u'@')) {
        // A name (or part of one): the best match, saying when there are others.
        if (auto hits = m_queries->search(text, 10); hits && !hits.value().isEmpty()) {
            QList<qint64> people;
            for (const SearchHit &h : hits.value()) {
                if (!people.contains(h.personId))
                    people.append(h.personId);
            }
            person = people.first();
            if (people.size() > 1)
                others = tr("%n other people also match; type an email to choose.", nullptr,
                            int(people.size() - 1));
        }
    }
    if (person) {
        auto subjects = models::personAuditSubjects(m_db, person);
        auto details = m_queries->person(person);
        if (subjects)
            m_personSubjects = subjects.value();
        QString who = tr("person %1").arg(person);
        if (details) {
            const Person &p = details.value().person;
            who = p.displayName.isEmpty()    ? p.primaryEmail
                  : p.primaryEmail.isEmpty() ? p.displayName
                                             : tr("%1 <%2>").arg(isolatedForDisplay(p.displayName),
                                                                 isolatedForDisplay(p.primaryEmail));
        }
        m_personNote = tr("Entries about %1: their accounts, addresses and findings.").arg(who);
        if (!others.isEmpty())
            m_personNote += u' ' + others;
    }
    if (m_personSubjects.isEmpty()) {
        // Nobody in the cache (any more): an address or a subject as written still finds its entries.
        const QString email = text.contains(u'@') ? normalizeEmail(text) : QString();
        m_personSubjects = {email.isEmpty() ? text : audit::emailSubject(email)};
        m_personNote =
            tr("No person in the cache matches “%1”; showing entries that name it exactly.").arg(text);
    }
    m_personLabel->setText(m_personNote);
    m_personLabel->show();
}

audit::Filter AuditPage::currentFilter() const
{
    audit::Filter f;
    f.actor = m_actor->currentData().toString();
    f.action = m_action->currentData().toString();
    f.subjects = m_personSubjects;
    if (m_from->date() > kAnyDate)
        f.since = toMillis(m_from->date().startOfDay());
    if (m_to->date() > kAnyDate)
        f.until = toMillis(m_to->date().addDays(1).startOfDay());
    return f;
}

bool AuditPage::isFiltered() const
{
    const audit::Filter &f = m_model->filter();
    return !f.actor.isEmpty() || !f.action.isEmpty() || !f.subjects.isEmpty() || f.since || f.until ||
           f.maxSeq > 0;
}

void AuditPage::applyFilter()
{
    const qint64 keep = currentSeq();
    m_model->setFilter(currentFilter());
    afterReload(keep);
}

void AuditPage::refresh()
{
    fillFilterChoices();
    const qint64 keep = currentSeq();
    if (m_model->filter().maxSeq > 0)
        m_model->setFilter(currentFilter()); // "show everything up to #N" ends with a refresh
    else
        m_model->refresh();
    afterReload(keep);
}

void AuditPage::afterReload(qint64 keepSeq)
{
    updateState();
    updateFooter();
    if (m_model->rowCount() == 0) {
        showDetails();
        return;
    }
    int row = keepSeq ? m_model->rowOf(keepSeq) : -1;
    if (row < 0)
        row = 0;
    const QModelIndex index = m_model->index(row, AuditModel::WhenColumn); // no sideways scroll
    const bool same = m_table->currentIndex() == index;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    if (same)
        showDetails();
}

void AuditPage::updateState()
{
    if (!m_model->lastError().isEmpty()) {
        m_errorText->setText(tr("The audit log could not be read: %1").arg(m_model->lastError()));
        m_stack->setCurrentWidget(m_model->rowCount() > 0 ? m_listPage : m_errorPage);
        updateFooter();
        return;
    }
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_listPage);
        return;
    }
    if (isFiltered()) {
        m_emptyTitle->setText(tr("No entries match these filters"));
        m_emptyDetail->setText(tr("Change or clear the filters to see the rest of the log."));
        m_emptyClear->show();
    } else {
        m_emptyTitle->setText(tr("No actions recorded yet"));
        m_emptyDetail->setText(tr(
            "Switchboard is read-only until you unlock writes. From then on, every change it makes in Circle "
            "or Kit, every link between accounts, snooze, resolved finding and export is recorded here: who "
            "did it, why, and what came of it, in a chain that shows any later edit."));
        m_emptyClear->hide();
    }
    m_stack->setCurrentWidget(m_emptyPage);
}

void AuditPage::updateFooter()
{
    const QLocale l;
    const int n = m_model->rowCount();
    if (!m_model->lastError().isEmpty() && n > 0)
        m_footer->setText(tr("%1 entries shown; the next ones could not be read: %2")
                              .arg(l.toString(n), m_model->lastError()));
    else if (m_model->isLoadingMore())
        m_footer->setText(tr("%1 entries shown, newest first · loading more…").arg(l.toString(n)));
    else if (!m_model->isComplete())
        m_footer->setText(tr("%1 entries shown, newest first · more load as you scroll").arg(l.toString(n)));
    else
        m_footer->setText(n == 1 ? tr("1 entry")
                                 : tr("All %1 entries shown, newest first").arg(l.toString(n)));
}

void AuditPage::showDetails()
{
    const QModelIndex index = m_table->currentIndex();
    const audit::Entry *e = index.isValid() ? m_model->entryAt(index.row()) : nullptr;
    m_linkedSeq = 0;
    m_detailPerson = 0;
    if (!e) {
        m_detailStack->setCurrentWidget(m_noSelection);
        return;
    }
    m_detailStack->setCurrentIndex(0);
    const QString result = m_model->resultOf(*e);
    const Tone t = toneOf(result);
    m_dBadge->setText(tr("#%1 · %2 · %3")
                          .arg(QString::number(e->seq), models::auditActionLabel(e->action),
                               models::auditOutcomeLabel(result).toUpper()));
    m_dBadge->setStyleSheet(
        u"QLabel { background: %1; color: %2; border-radius: 4px; padding: 2px 8px;"
        " font-weight: bold; }"_s.arg(QLatin1StringView(t.background), QLatin1StringView(t.text)));
    m_dTarget->setText(e->target.isEmpty() ? models::auditActionLabel(e->action) : e->target);
    m_dWhen->setText(tr("%1 (%2)").arg(longTime(e->at), relativeTime(e->at, Clock::now())));
    m_dActor->setText(tr("%1 (%2)").arg(e->actor, models::actorKindLabel(e->actorKind)));
    m_dAction->setText(tr("%1 — %2").arg(models::auditActionLabel(e->action), e->action));
    m_dReason->setText(e->reason.isEmpty() ? tr("No reason given.") : e->reason);

    QString outcomeText = models::auditOutcomeLabel(e->outcome);
    const QString message = e->request.value("message"_L1).toString();
    if (!message.isEmpty())
        outcomeText = tr("%1: %2").arg(outcomeText, message);
    m_linkedSeq = m_model->linkedSeq(*e);
    audit::AuditLog log(m_db);
    if (e->intentSeq > 0) {
        // The second half of an action: what it answers.
        auto intent = log.entry(e->intentSeq);
        if (intent && intent.value())
            m_dLinked->setText(tr("Answers intent #%1, written %2: %3")
                                   .arg(QString::number(e->intentSeq), longTime(intent.value()->at),
                                        models::auditActionLabel(intent.value()->action)));
        else
            m_dLinked->setText(tr("Answers intent #%1, which is not in the log.").arg(e->intentSeq));
        m_showLinked->setText(tr("Show #%1").arg(e->intentSeq));
    } else if (e->outcome == audit::outcome::Pending) {
        auto answer = log.outcomeOf(e->seq);
        if (answer && answer.value()) {
            const audit::Entry &o = *answer.value();
            m_linkedSeq = o.seq;
            QString line =
                tr("Outcome %1, written %2 as #%3")
                    .arg(models::auditOutcomeLabel(o.outcome), longTime(o.at), QString::number(o.seq));
            if (const QString m = o.request.value("message"_L1).toString(); !m.isEmpty())
                line += u'\n' + m;
            m_dLinked->setText(line);
            outcomeText = tr("intent; outcome: %1").arg(models::auditOutcomeLabel(o.outcome));
        } else {
            m_dLinked->setText(tr("No outcome written yet. If Switchboard stopped in between, the next start "
                                  "records “outcome unknown”."));
            outcomeText = tr("intent; no outcome yet");
        }
        m_showLinked->setText(tr("Show #%1").arg(m_linkedSeq));
    } else {
        m_dLinked->setText(tr("None: a single entry."));
    }
    m_showLinked->setVisible(m_linkedSeq > 0);
    m_dOutcome->setText(outcomeText);
    m_dSubjects->setText(e->subjects.isEmpty() ? tr("Nothing named.") : e->subjects.join(u'\n'));

    if (auto person = models::personOfSubjects(m_db, e->subjects); person && person.value() > 0) {
        m_detailPerson = person.value();
        auto details = m_queries->person(m_detailPerson);
        const Person p = details ? details.value().person : Person{};
        m_dPerson->setText(
            !details                  ? tr("person %1").arg(m_detailPerson)
            : p.displayName.isEmpty() ? p.primaryEmail
            : p.primaryEmail.isEmpty()
                ? p.displayName
                : tr("%1 <%2>").arg(isolatedForDisplay(p.displayName), isolatedForDisplay(p.primaryEmail)));
    } else {
        m_dPerson->setText(tr("Not about a person in the cache."));
    }
    m_openPerson->setVisible(m_detailPerson > 0);
    m_dRequest->setPlainText(e->request.isEmpty() ? tr("No request recorded.")
                                                  : index.data(AuditModel::RequestJsonRole).toString());
    m_dHash->setText(e->hash);
    m_dHash->setCursorPosition(0);
    m_dPrev->setText(e->prevHash);
    m_dPrev->setCursorPosition(0);
}

bool AuditPage::selectEntry(qint64 seq)
{
    const int row = m_model->rowOf(seq);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, AuditModel::WhenColumn); // no sideways scroll
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

qint64 AuditPage::currentSeq() const
{
    const QModelIndex index = m_table->currentIndex();
    const audit::Entry *e = index.isValid() ? m_model->entryAt(index.row()) : nullptr;
    return e ? e->seq : 0;
}

void AuditPage::focusList()
{
    m_table->setFocus(Qt::ShortcutFocusReason);
    if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
        selectEntry(m_model->entryAt(0)->seq);
}

void AuditPage::setActorFilter(const QString &actor)
{
    if (m_actor->findData(actor) < 0)
        m_actor->addItem(actor, actor);
    m_actor->setCurrentIndex(m_actor->findData(actor));
    applyFilter();
}

void AuditPage::setActionFilter(const QString &action)
{
    if (m_action->findData(action) < 0)
        m_action->addItem(action, action);
    m_action->setCurrentIndex(m_action->findData(action));
    applyFilter();
}

void AuditPage::setPersonFilter(const QString &text)
{
    {
        const QSignalBlocker block(m_person);
        m_person->setText(text);
    }
    m_personDebounce->stop();
    resolvePerson();
    applyFilter();
}

void AuditPage::setDateRange(std::optional<QDate> from, std::optional<QDate> to)
{
    {
        const QSignalBlocker a(m_from), b(m_to);
        m_from->setDate(from.value_or(kAnyDate));
        m_to->setDate(to.value_or(kAnyDate));
    }
    applyFilter();
}

void AuditPage::clearFilters()
{
    {
        const QSignalBlocker a(m_actor), b(m_action), c(m_person), d(m_from), e(m_to);
        m_actor->setCurrentIndex(0);
        m_action->setCurrentIndex(0);
        m_person->clear();
        m_from->setDate(kAnyDate);
        m_to->setDate(kAnyDate);
    }
    m_personDebounce->stop();
    resolvePerson();
    applyFilter();
}

QString AuditPage::personNote() const
{
    return m_personNote;
}

bool AuditPage::isShowingList() const
{
    return m_stack->currentWidget() == m_listPage;
}

QString AuditPage::emptyText() const
{
    return m_emptyTitle->text() + u'\n' + m_emptyDetail->text();
}

QString AuditPage::footerText() const
{
    return m_footer->text();
}

QString AuditPage::jobMessage() const
{
    return m_resultBar->isVisibleTo(this) ? m_resultText->text() : QString();
}

QString AuditPage::detailText() const
{
    if (m_detailStack->currentWidget() == m_noSelection)
        return m_noSelection->text();
    QStringList lines{m_dBadge->text(), m_dTarget->text()};
    for (int r = 0; r < m_dForm->rowCount(); ++r) {
        auto *label = qobject_cast<QLabel *>(m_dForm->itemAt(r, QFormLayout::LabelRole)->widget());
        QWidget *field = m_dForm->itemAt(r, QFormLayout::FieldRole)->widget();
        QString value;
        if (auto *l = qobject_cast<QLabel *>(field))
            value = l->text();
        else if (auto *line = qobject_cast<QLineEdit *>(field))
            value = line->text();
        else if (auto *inner = field->findChild<QLabel *>())
            value = inner->text();
        lines.append(tr("%1: %2").arg(label ? label->text() : QString(), value));
    }
    lines.append(m_dRequest->toPlainText());
    return lines.join(u'\n');
}

bool AuditPage::eventFilter(QObject *watched, QEvent *event)
{
    // A line edit takes Ctrl+K for "delete to the end of the line"; here it stays "find a person".
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_K))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

// ---- Export and verification ----

void AuditPage::exportWithDialog()
{
    if (isBusy())
        return;
    const QString suggested = u"switchboard-audit-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate));
    audit::ExportFormat format = audit::ExportFormat::Csv;
    QString path;
    if (m_chooseFile) {
        path = m_chooseFile(suggested, &format);
    } else {
        const QString csv = tr("CSV, for spreadsheets (*.csv)");
        const QString jsonl = tr("JSON Lines, for scripts (*.jsonl)");
        QString chosenFilter = csv;
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        path = QFileDialog::getSaveFileName(this, tr("Export the audit log"), dir + u'/' + suggested,
                                            csv + u";;"_s + jsonl, &chosenFilter);
        if (chosenFilter == jsonl || path.endsWith(".jsonl"_L1, Qt::CaseInsensitive)) {
            format = audit::ExportFormat::JsonLines;
            if (path.endsWith(".csv"_L1, Qt::CaseInsensitive))
                path = path.left(path.size() - 4) + u".jsonl"_s;
        }
    }
    if (path.isEmpty())
        return;
    startExport(path, format);
}

bool AuditPage::startExport(const QString &path, audit::ExportFormat format)
{
    const QString who = actor();
    if (who.isEmpty()) {
        showJobMessage(tr("Cannot tell who you are (USER is not set), so the export cannot be recorded."),
                       false);
        return false;
    }
    audit::ExportRequest request;
    request.format = format;
    request.filter = m_model->filter();
    request.filter.maxSeq = 0; // the export takes its own head
    request.actor = who;
    request.actorKind = audit::ActorKind::Human;
    request.destination = QFileInfo(path).fileName();
    const QString fileName = request.destination;
    return runJob(tr("Exporting to %1…").arg(fileName),
                  [request, path, fileName](QSqlDatabase db, const std::atomic_bool &cancel,
                                            const std::function<void(qint64, qint64)> &progress) {
                      JobResult r;
                      audit::AuditLog log(db);
                      auto total = log.count(request.filter);
                      const qint64 expected = total ? total.value() + 1 : 0; // and the export's own entry
                      progress(0, expected);
                      QSaveFile file(path);
                      if (!file.open(QIODevice::WriteOnly)) {
                          r.message = tr("Could not write %1: %2").arg(fileName, file.errorString());
                          return r;
                      }
                      QElapsedTimer sinceReport;
                      sinceReport.start();
                      auto summary = audit::exportLog(db, request, &file, [&](qint64 rows) {
                          if (sinceReport.elapsed() >= 100) {
                              progress(rows, std::max(expected, rows));
                              sinceReport.restart();
                          }
                          return !cancel.load();
                      });
                      if (cancel.load()) {
                          file.cancelWriting();
                          r.cancelled = true;
                          r.message =
                              tr("Export cancelled; no file was written. The attempt stays in the log.");
                          return r;
                      }
                      if (!summary) {
                          file.cancelWriting();
                          r.message = tr("The export failed: %1").arg(summary.error().message);
                          return r;
                      }
                      if (!file.commit()) {
                          r.message = tr("Could not write %1: %2").arg(fileName, file.errorString());
                          return r;
                      }
                      const QLocale l;
                      r.ok = true;
                      r.headHash = summary.value().headHash;
                      r.message =
                          tr("Exported %1 entries to %2. Its chain head is #%3, hash %4: keep it to check "
                             "the log later (Verify…).")
                              .arg(l.toString(summary.value().rows), fileName,
                                   QString::number(summary.value().headSeq), summary.value().headHash);
                      return r;
                  });
}

bool AuditPage::startVerify(const QString &expectedHead)
{
    return runJob(tr("Verifying the audit log…"), [expectedHead](
                                                      QSqlDatabase db, const std::atomic_bool &,
                                                      const std::function<void(qint64, qint64)> &progress) {
        progress(0, 0);
        const audit::VerifyReport v = audit::verifyDatabase(db, expectedHead);
        JobResult r;
        r.ok = v.ok;
        r.badSeq = v.firstBadSeq;
        const QLocale l;
        if (v.ok) {
            r.message = v.entries == 0
                            ? tr("Verified: the audit log is empty, and nothing is missing.")
                            : tr("Verified: all %1 entries are intact and in order, up to #%2 (hash %3).")
                                  .arg(l.toString(v.entries), QString::number(v.headSeq), v.headHash);
            if (!expectedHead.isEmpty())
                r.message += u' ' + tr("The earlier head is still in the chain.");
        } else {
            QString what = v.message.trimmed();
            if (!what.isEmpty() && !what.endsWith(u'.'))
                what += u'.';
            if (what.isEmpty())
                what =
                    v.firstBadSeq
                        ? tr("entry #%1 does not verify (%2).").arg(QString::number(v.firstBadSeq), v.problem)
                        : tr("the log does not verify (%1).").arg(v.problem);
            r.message = tr("Verification FAILED: %1 Entries before it were checked and are intact; "
                           "treat everything from there on as untrusted.")
                            .arg(what);
        }
        return r;
    });
}

bool AuditPage::runJob(const QString &label, Work work)
{
    if (m_thread)
        return false;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_resultBar->hide();
    m_verifyBar->hide();
    m_jobLabel->setText(label);
    m_progress->setRange(0, 0);
    m_cancelJob->setEnabled(true);
    m_jobBar->show();
    m_exportButton->setEnabled(false);
    m_verifyButton->setEnabled(false);

    // The worker opens its own connection to the same file, named for its thread, and closes it before it
    // reports: SQLite in WAL mode lets it read (and append the export's entry) while the window reads.
    const QString path = m_db.databaseName();
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    m_thread = QThread::create([this, path, cancel, work] {
        JobResult result;
        {
            auto conn = store::Connection::open(path, u"audit-job"_s);
            if (!conn) {
                result.message = tr("The cache could not be opened: %1").arg(conn.error().message);
            } else {
                result = work(conn.value()->db(), *cancel, [this](qint64 done, qint64 total) {
                    QMetaObject::invokeMethod(
                        this, [this, done, total] { jobProgress(done, total); }, Qt::QueuedConnection);
                });
            }
        }
        QMetaObject::invokeMethod(
            this, [this, result] { jobDone(result); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(u"audit-job"_s);
    m_thread->start();
    return true;
}

void AuditPage::jobProgress(qint64 done, qint64 total)
{
    if (!m_thread)
        return;
    if (total <= 0) {
        m_progress->setRange(0, 0);
        return;
    }
    // QProgressBar counts in int: scale very large logs.
    const int scale =
        total > std::numeric_limits<int>::max() ? int(total / std::numeric_limits<int>::max()) + 1 : 1;
    m_progress->setRange(0, int(total / scale));
    m_progress->setValue(int(std::min(done, total) / scale));
    m_progress->setFormat(tr("%1 of %2").arg(QLocale().toString(done), QLocale().toString(total)));
}

void AuditPage::cancelJob()
{
    if (!m_thread)
        return;
    m_cancel->store(true);
    m_cancelJob->setEnabled(false);
    m_jobLabel->setText(tr("Cancelling…"));
}

void AuditPage::jobDone(const JobResult &result)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_jobBar->hide();
    m_exportButton->setEnabled(true);
    m_verifyButton->setEnabled(true);
    showJobMessage(result.message, result.ok, result.badSeq, result.headHash);
    if (!result.headHash.isEmpty())
        m_lastHead = result.headHash;
    m_jobOk = result.ok;
    refresh(); // an export added its own entry
    Q_EMIT jobFinished(result.ok);
}

void AuditPage::showJobMessage(const QString &text, bool ok, qint64 badSeq, const QString &head)
{
    m_jobOk = ok;
    m_badSeq = badSeq;
    m_resultText->setText(text);
    m_resultBar->setStyleSheet(ok ? u"QFrame#resultBar { background: #e3f4e8; border-radius: 6px; }"
                                    " QLabel { color: #1d5e32; }"_s
                                  : u"QFrame#resultBar { background: #fde4e4; border-radius: 6px; }"
                                    " QLabel { color: #8a1c1c; font-weight: bold; }"_s);
    m_showBad->setText(tr("Show entry #%1").arg(badSeq));
    m_showBad->setVisible(badSeq > 0);
    m_copyHead->setVisible(!head.isEmpty());
    if (!head.isEmpty())
        m_lastHead = head;
    m_resultBar->show();
}

} // namespace sb::ui
