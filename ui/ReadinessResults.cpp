#include "ReadinessResults.h"

#include "CheckDelegate.h"
#include "CheckFormatting.h"
#include "Formatting.h"
#include "Labels.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
constexpr int kIndexRole = Qt::UserRole; // the check's index in m_checks; -1 on an area's row

QLabel *sectionTitle(const QString &text, QWidget *parent, const QString &objectName)
{
    auto *l = heading(text, parent);
    l->setObjectName(objectName);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    l->setFont(f);
    return l;
}
} // namespace

ReadinessResults::ReadinessResults(QWidget *parent)
    : QWidget(parent)
    , m_fixHeading(sectionTitle(tr("Fix first"), this, u"readinessFixHeading"_s))
    , m_fix(new QListWidget(this))
    , m_nothingToFix(new QLabel(this))
    , m_all(new QTreeWidget(this))
    , m_detailStack(new QStackedWidget(this))
{
    m_fix->setObjectName(u"readinessFixList"_s);
    m_fix->setAccessibleName(tr("Fix first"));
    m_fix->setItemDelegate(new CheckDelegate(m_fix));
    m_fix->setResizeMode(QListView::Adjust); // rows re-wrap when the pane is resized
    m_fix->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_fix->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_fix->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fix->setAlternatingRowColors(true);
    m_nothingToFix->setObjectName(u"readinessNothingToFix"_s);
    m_nothingToFix->setText(tr("Nothing to fix: every check that ran is fine."));
    m_nothingToFix->setStyleSheet(u"color: #1d5e32; font-weight: bold; padding: 8px 0;"_s);
    m_nothingToFix->hide();

    m_all->setObjectName(u"readinessAllChecks"_s);
    m_all->setAccessibleName(tr("All checks"));
    m_all->setHeaderHidden(true);
    m_all->setColumnCount(1);
    m_all->setRootIsDecorated(true);
    m_all->setUniformRowHeights(true);
    m_all->setTextElideMode(Qt::ElideRight);
    m_all->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *lists = new QWidget(this);
    auto *column = new QVBoxLayout(lists);
    column->setContentsMargins(0, 0, 0, 0);
    auto *fixBox = new QWidget(lists);
    auto *fixColumn = new QVBoxLayout(fixBox);
    fixColumn->setContentsMargins(0, 0, 0, 0);
    fixColumn->addWidget(m_fixHeading);
    fixColumn->addWidget(m_fix, 1);
    fixColumn->addWidget(m_nothingToFix);
    auto *allBox = new QWidget(lists);
    auto *allColumn = new QVBoxLayout(allBox);
    allColumn->setContentsMargins(0, 0, 0, 0);
    allColumn->addWidget(sectionTitle(tr("All checks, by area"), allBox, u"readinessAllHeading"_s));
    allColumn->addWidget(m_all, 1);
    auto *vertical = new QSplitter(Qt::Vertical, lists);
    vertical->setChildrenCollapsible(false);
    vertical->addWidget(fixBox);
    vertical->addWidget(allBox);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    column->addWidget(vertical);

    auto *detail = new QWidget(this);
    buildDetail(detail);
    auto *split = new QSplitter(this);
    split->setChildrenCollapsible(false);
    split->addWidget(lists);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({560, 360});
    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(split);

    connect(m_fix, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem *item) { fixSelected(item); });
    connect(m_all, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { treeSelected(item); });
}

void ReadinessResults::buildDetail(QWidget *pane)
{
    auto *none = new QLabel(tr("Select a check to see what was found and how to fix it."), pane);
    none->setObjectName(u"readinessNoSelection"_s);
    none->setAlignment(Qt::AlignCenter);
    none->setWordWrap(true);
    none->setStyleSheet(u"color: #6b7280;"_s);

    auto *page = new QWidget(pane);
    m_dTitle = plainLabel(page, u"readinessDetailTitle"_s);
    QFont big = m_dTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_dTitle->setFont(big);
    m_dLevel = plainLabel(page, u"readinessDetailLevel"_s);
    m_dFixHeading = heading(tr("What to do"), page);
    m_dFix = plainLabel(page, u"readinessDetailFix"_s);
    m_dDetailHeading = heading(tr("What was found"), page);
    m_dDetail = plainLabel(page, u"readinessDetailText"_s);
    m_dFactsHeading = heading(tr("Facts"), page);
    m_dFacts = new QPlainTextEdit(page);
    m_dFacts->setObjectName(u"readinessDetailFacts"_s);
    m_dFacts->setReadOnly(true);
    m_dFacts->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_dFacts->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_dFacts->setMinimumHeight(120);
    auto *column = new QVBoxLayout(page);
    column->setContentsMargins(12, 8, 12, 8);
    for (QWidget *w : std::initializer_list<QWidget *>{m_dTitle, m_dLevel, m_dFixHeading, m_dFix,
                                                       m_dDetailHeading, m_dDetail, m_dFactsHeading})
        column->addWidget(w);
    column->addWidget(m_dFacts, 1);
    // Takes the room the facts leave when a check has none, so the lines above stay together at the top.
    column->addStretch(0);
    auto *scroll = new QScrollArea(pane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);

    m_detailStack->setParent(pane);
    m_detailStack->addWidget(none);
    m_detailStack->addWidget(scroll);
    auto *box = new QVBoxLayout(pane);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(m_detailStack);
}

void ReadinessResults::setReport(const doctor::Report &report)
{
    m_checks = report.ordered();
    const QSignalBlocker blockFix(m_fix);
    const QSignalBlocker blockAll(m_all);
    m_fix->clear();
    m_all->clear();
    for (int i = 0; i < m_checks.size(); ++i) {
        const doctor::Check &c = m_checks.at(i);
        if (c.level != doctor::Level::Fail && c.level != doctor::Level::Warn)
            continue; // ordered(): the fails and warnings come first, in Report::toFix() order
        auto *item = new QListWidgetItem(levelIcon(c.level), c.title, m_fix);
        item->setData(kIndexRole, i);
        item->setData(CheckDelegate::FixRole, c.fix);
        item->setData(CheckDelegate::LevelColorRole, levelColor(c.level));
        item->setData(Qt::AccessibleTextRole,
                      QString(levelText(c.level) + u": "_s + c.title + u". "_s + c.fix));
    }
    const bool nothing = m_fix->count() == 0;
    m_fix->setVisible(!nothing);
    m_nothingToFix->setVisible(nothing);

    QStringList areas = areaOrder();
    for (const doctor::Check &c : std::as_const(m_checks)) {
        if (!areas.contains(c.area))
            areas.append(c.area);
    }
    for (const QString &area : std::as_const(areas)) {
        QTreeWidgetItem *group = nullptr;
        doctor::Level worst = doctor::Level::Skipped;
        int count = 0;
        for (int i = 0; i < m_checks.size(); ++i) {
            const doctor::Check &c = m_checks.at(i);
            if (c.area != area)
                continue;
            if (!group) {
                group = new QTreeWidgetItem(m_all);
                group->setData(0, kIndexRole, -1);
                group->setFlags(Qt::ItemIsEnabled); // a heading: selecting it would show nothing
                QFont bold = m_all->font();
                bold.setBold(true);
                group->setFont(0, bold);
                worst = c.level; // ordered(): the first of an area is its worst
            }
            ++count;
            auto *item = new QTreeWidgetItem(group, {c.title});
            item->setIcon(0, levelIcon(c.level));
            item->setData(0, kIndexRole, i);
            item->setToolTip(0, plainToolTip(c.fix.isEmpty() ? c.title : c.title + u"\n\n"_s + c.fix));
            if (c.level == doctor::Level::Skipped)
                item->setForeground(0, levelColor(c.level));
        }
        if (group) {
            group->setText(0, tr("%1 (%2)").arg(areaTitle(area)).arg(count));
            group->setIcon(0, levelIcon(worst));
        }
    }
    m_all->expandAll();
    showCheck(-1);
}

void ReadinessResults::fixSelected(QListWidgetItem *item)
{
    if (!item)
        return;
    const QSignalBlocker block(m_all);
    m_all->setCurrentItem(nullptr);
    m_all->clearSelection();
    showCheck(item->data(kIndexRole).toInt());
}

void ReadinessResults::treeSelected(QTreeWidgetItem *item)
{
    const int index = item ? item->data(0, kIndexRole).toInt() : -1;
    if (index < 0)
        return;
    const QSignalBlocker block(m_fix);
    m_fix->setCurrentItem(nullptr);
    m_fix->clearSelection();
    showCheck(index);
}

void ReadinessResults::showCheck(int index)
{
    if (index < 0 || index >= m_checks.size()) {
        m_detailStack->setCurrentIndex(0);
        return;
    }
    const doctor::Check &c = m_checks.at(index);
    m_dTitle->setText(c.title);
    m_dTitle->setStyleSheet(u"color: %1;"_s.arg(levelColor(c.level).name()));
    m_dLevel->setText(tr("%1 · %2").arg(levelText(c.level), areaTitle(c.area)));
    m_dFix->setText(c.fix);
    m_dFixHeading->setVisible(!c.fix.isEmpty());
    m_dFix->setVisible(!c.fix.isEmpty());
    m_dDetail->setText(c.detail);
    m_dDetailHeading->setVisible(!c.detail.isEmpty());
    m_dDetail->setVisible(!c.detail.isEmpty());
    m_dFacts->setPlainText(factsText(c.facts));
    m_dFactsHeading->setVisible(!c.facts.isEmpty());
    m_dFacts->setVisible(!c.facts.isEmpty());
    m_detailStack->setCurrentIndex(1);
}

bool ReadinessResults::selectCheck(const QString &area, const QString &id)
{
    for (int row = 0; row < m_fix->count(); ++row) {
        const doctor::Check &c = m_checks.at(m_fix->item(row)->data(kIndexRole).toInt());
        if (c.area == area && c.id == id) {
            m_fix->setCurrentRow(row);
            return true;
        }
    }
    for (int g = 0; g < m_all->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_all->topLevelItem(g);
        for (int k = 0; k < group->childCount(); ++k) {
            const doctor::Check &c = m_checks.at(group->child(k)->data(0, kIndexRole).toInt());
            if (c.area == area && c.id == id) {
                m_all->setCurrentItem(group->child(k));
                return true;
            }
        }
    }
    return false;
}

void ReadinessResults::focusList()
{
    if (m_fix->count() > 0) {
        // Selected before the focus arrives: a focused list with no selection makes its first row current
        // without selecting it, and the row would not look chosen.
        if (m_fix->selectedItems().isEmpty())
            m_fix->setCurrentRow(0);
        m_fix->setFocus();
    } else {
        m_all->setFocus();
    }
}

QStringList ReadinessResults::fixTitles() const
{
    QStringList out;
    for (int row = 0; row < m_fix->count(); ++row)
        out.append(m_fix->item(row)->text());
    return out;
}

QString ReadinessResults::detailText() const
{
    if (m_detailStack->currentIndex() == 0)
        return {};
    QStringList parts{m_dTitle->text(), m_dLevel->text()};
    for (const QString &s : {m_dFix->text(), m_dDetail->text(), m_dFacts->toPlainText()}) {
        if (!s.isEmpty())
            parts.append(s);
    }
    return parts.join(u'\n');
}

} // namespace sb::ui
