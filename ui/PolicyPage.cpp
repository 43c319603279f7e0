#include "PolicyPage.h"

#include "FindingFormatting.h"

#include "domain/Types.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace cat = reconcile::catalog;

// One of the four things an entry grants, with its own tick list.
struct PolicyPage::GrantList {
    QString provider;
    QString kind;
    QStringList reconcile::PolicyEntry::*ids;
    QTreeWidget *view = nullptr;
};

namespace {

// Who is changing the policy: the person logged in to this computer.
QString actorName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? u"switchboard"_s : user;
}

QFont smallFont(const QFont &base)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

QLabel *wrapped(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

QString entryKey(const reconcile::PolicyEntry &e)
{
    return e.price.isEmpty() ? e.product : e.price;
}

// Draws what is sold as its name with the Stripe id small beneath, so a long id never crowds the name.
class SoldAsDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString name = opt.text;
        const QString id = index.data(PolicyPage::IdRole).toString();
        opt.text.clear();
        const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background and selection
        const bool selected = opt.state & QStyle::State_Selected;
        const QRect r = opt.rect.adjusted(4, 2, -4, -2);
        const QFontMetrics fm(opt.font);
        const QFont small = smallFont(opt.font);
        const QFontMetrics sfm(small);
        painter->save();
        painter->setFont(opt.font);
        painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText)
                                 : opt.palette.color(QPalette::Text));
        if (const QVariant fg = index.data(Qt::ForegroundRole); fg.canConvert<QBrush>() && !selected)
            painter->setPen(fg.value<QBrush>().color());
        painter->drawText(QRect(r.left(), r.top(), r.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(name, Qt::ElideRight, r.width()));
        painter->setFont(small);
        painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText)
                                 : opt.palette.color(QPalette::PlaceholderText));
        painter->drawText(QRect(r.left(), r.top() + fm.height(), r.width(), sfm.height() + 2),
                          Qt::AlignLeft | Qt::AlignVCenter, sfm.elidedText(id, Qt::ElideMiddle, r.width()));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QFontMetrics fm(option.font);
        const QFontMetrics sfm(smallFont(option.font));
        const int width = std::max(fm.horizontalAdvance(index.data().toString()),
                                   sfm.horizontalAdvance(index.data(PolicyPage::IdRole).toString()));
        return {width + 12, fm.height() + sfm.height() + 10}; // room for the id's underscores
    }
};
} // namespace

PolicyPage::PolicyPage(QSqlDatabase db, QWidget *parent)
    : QWidget(parent)
    , m_db(std::move(db))
    , m_version(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_emptyState(new QWidget(this))
    , m_editorState(new QWidget(this))
    , m_entries(new QTreeWidget(this))
    , m_entryBox(new QGroupBox(this))
    , m_soldAs(new QComboBox(this))
    , m_remove(new QPushButton(tr("Remove entry…"), this))
    , m_reason(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_unsaved(new QLabel(this))
    , m_message(new QLabel(this))
{
    setObjectName(u"policyPage"_s);
    auto *title = new QLabel(tr("Policy"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    title->setFont(f);
    auto *back = new QPushButton(tr("Back"), this);
    back->setObjectName(u"policyBack"_s);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(title, 1);
    titleRow->addWidget(back);

    auto *intro = wrapped(tr("What each Stripe price or product gives the people who buy it: Circle access "
                             "groups and spaces, Kit tags and onboarding sequences. Switchboard checks "
                             "everyone's access against this and reports each difference."),
                          this);
    m_version->setObjectName(u"policyVersion"_s);
    m_version->setWordWrap(true);
    m_version->setTextFormat(Qt::PlainText);
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Empty state: what a policy is, and the two ways to start one.
    {
        auto *heading = new QLabel(tr("No policy yet"), m_emptyState);
        QFont hf = heading->font();
        hf.setPointSizeF(hf.pointSizeF() * 1.25);
        hf.setBold(true);
        heading->setFont(hf);
        auto *text = wrapped(
            tr("A policy says what a purchase gives. For example: whoever pays for “Inner Circle (monthly)” "
               "gets the Circle access group “Inner Circle members”, the Kit tag “member” and the “Member "
               "onboarding” sequence.\n\nWithout a policy Switchboard can show each person's history, but it "
               "cannot tell who should have access, so it finds no missing or unpaid access."),
            m_emptyState);
        auto *import = new QPushButton(tr("Import from file…"), m_emptyState);
        import->setObjectName(u"emptyImport"_s);
        auto *add = new QPushButton(tr("Add entry"), m_emptyState);
        add->setObjectName(u"emptyAdd"_s);
        add->setDefault(true);
        auto *hint = wrapped(tr("A file is a world file with a \"policy\" array, or the array itself, for "
                                "example: [{\"price\": \"price_…\", \"circle_access_groups\": [101], "
                                "\"kit_tags\": [501], \"kit_sequences\": [601]}]"),
                             m_emptyState);
        hint->setFont(smallFont(hint->font()));
        hint->setStyleSheet(u"color: palette(placeholder-text);"_s);
        auto *buttons = new QHBoxLayout;
        buttons->addWidget(add);
        buttons->addWidget(import);
        buttons->addStretch(1);
        auto *v = new QVBoxLayout(m_emptyState);
        v->setContentsMargins(0, 24, 0, 0);
        v->addWidget(heading);
        v->addWidget(text);
        v->addSpacing(8);
        v->addLayout(buttons);
        v->addSpacing(8);
        v->addWidget(hint);
        v->addStretch(1);
        connect(import, &QPushButton::clicked, this, &PolicyPage::chooseFile);
        connect(add, &QPushButton::clicked, this, &PolicyPage::addEntry);
    }

    buildEditor(m_editorState);
    m_stack->addWidget(m_emptyState);
    m_stack->addWidget(m_editorState);

    // Saving: a reason is part of every version.
    m_reason->setObjectName(u"policyReason"_s);
    m_reason->setPlaceholderText(tr("Why this change? (required, kept with the version)"));
    m_reason->setAccessibleName(tr("Reason for the change"));
    m_reason->setClearButtonEnabled(true);
    m_save->setObjectName(u"policySave"_s);
    m_save->setToolTip(tr("Save a new version of the policy (Ctrl+S)"));
    m_revert->setObjectName(u"policyRevert"_s);
    m_revert->setToolTip(tr("Drop the unsaved changes and show the saved policy again"));
    m_unsaved->setObjectName(u"policyUnsaved"_s);
    m_unsaved->setText(tr("Unsaved changes"));
    m_unsaved->setStyleSheet(u"QLabel { color: #6b4a00; font-weight: bold; }"_s);
    m_message->setObjectName(u"policyMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Out of sight while there is nothing to save and no policy: the empty state has its own buttons.
    m_saveBar = new QWidget(this);
    auto *saveRow = new QHBoxLayout(m_saveBar);
    saveRow->setContentsMargins(0, 0, 0, 0);
    auto *reasonLabel = new QLabel(tr("&Reason:"), m_saveBar);
    reasonLabel->setBuddy(m_reason);
    saveRow->addWidget(reasonLabel);
    saveRow->addWidget(m_reason, 1);
    saveRow->addWidget(m_unsaved);
    saveRow->addWidget(m_revert);
    saveRow->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(titleRow);
    layout->addWidget(intro);
    layout->addWidget(m_version);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_saveBar);

    auto *saveShortcut = new QAction(this);
    saveShortcut->setShortcut(QKeySequence::Save);
    saveShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(saveShortcut);
    connect(saveShortcut, &QAction::triggered, this, [this] {
        if (isDirty())
            save();
    });
    connect(back, &QPushButton::clicked, this, &PolicyPage::backRequested);
    connect(m_save, &QPushButton::clicked, this, &PolicyPage::save);
    connect(m_reason, &QLineEdit::returnPressed, this, [this] {
        if (isDirty())
            save();
    });
    connect(m_revert, &QPushButton::clicked, this, &PolicyPage::revert);
}

void PolicyPage::showEvent(QShowEvent *event)
{
    // Read on first sight, not at start-up: the window opens without touching the policy.
    if (!m_loaded)
        reload();
    QWidget::showEvent(event);
}

void PolicyPage::buildEditor(QWidget *host)
{
    auto *add = new QPushButton(tr("Add entry"), host);
    add->setObjectName(u"policyAdd"_s);
    add->setToolTip(tr("Add what another price or product grants (Ctrl+N)"));
    add->setShortcut(QKeySequence::New);
    auto *import = new QPushButton(tr("Import from file…"), host);
    import->setObjectName(u"policyImport"_s);
    import->setToolTip(tr("Replace the working copy with a world file's policy or a policy array (Ctrl+O)"));
    import->setShortcut(QKeySequence::Open);
    auto *actions = new QHBoxLayout;
    actions->addWidget(add);
    actions->addWidget(import);
    actions->addStretch(1);

    m_entries->setObjectName(u"policyEntries"_s);
    m_entries->setAccessibleName(tr("Policy entries"));
    m_entries->setRootIsDecorated(false);
    m_entries->setUniformRowHeights(false);
    m_entries->setAlternatingRowColors(true);
    m_entries->setHeaderLabels({tr("Sold as"), tr("Circle access groups"), tr("Circle spaces"),
                                tr("Kit tags"), tr("Kit sequences")});
    m_entries->setItemDelegateForColumn(SoldAsColumn, new SoldAsDelegate(m_entries));
    // One name per line and each column as wide as its longest name: nothing is cut off; a long policy
    // scrolls sideways rather than hide a grant.
    m_entries->setWordWrap(false);
    m_entries->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_entries->header()->setStretchLastSection(true);
    auto *del = new QAction(m_entries);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    m_entries->addAction(del);
    connect(del, &QAction::triggered, this, &PolicyPage::removeEntry);

    // The chosen entry: what is sold, and ticks for what it grants.
    m_entryBox->setObjectName(u"policyEntry"_s);
    m_soldAs->setObjectName(u"policySoldAs"_s);
    m_soldAs->setAccessibleName(tr("Price or product"));
    m_soldAs->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_soldAs->setMinimumContentsLength(40);
    m_remove->setObjectName(u"policyRemove"_s);
    m_remove->setToolTip(tr("Remove this entry from the policy (Delete in the list)"));
    auto *soldAsRow = new QHBoxLayout;
    soldAsRow->addWidget(new QLabel(tr("Sold as:"), m_entryBox));
    soldAsRow->addWidget(m_soldAs, 1);
    soldAsRow->addWidget(m_remove);

    const QList<std::tuple<QString, QString, QStringList reconcile::PolicyEntry::*, QString>> lists = {
        {provider::Circle, cat::AccessGroup, &reconcile::PolicyEntry::circleAccessGroups,
         tr("Circle access groups")},
        {provider::Circle, cat::Space, &reconcile::PolicyEntry::circleSpaces, tr("Circle spaces")},
        {provider::Kit, cat::Tag, &reconcile::PolicyEntry::kitTags, tr("Kit tags")},
        {provider::Kit, cat::Sequence, &reconcile::PolicyEntry::kitSequences, tr("Kit sequences")},
    };
    auto *grantsRow = new QHBoxLayout;
    for (const auto &[providerName, kind, member, heading] : lists) {
        auto *g = new GrantList{providerName, kind, member, new QTreeWidget(m_entryBox)};
        g->view->setObjectName(u"grants:"_s + kind);
        g->view->setAccessibleName(heading);
        g->view->setRootIsDecorated(false);
        g->view->setHeaderHidden(true);
        g->view->setColumnCount(2);
        g->view->header()->setStretchLastSection(false);
        g->view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
        g->view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
        connect(g->view, &QTreeWidget::itemChanged, this,
                [this](QTreeWidgetItem *item) { onGrantToggled(item); });
        m_grants.append(g);
        auto *column = new QVBoxLayout;
        auto *label = new QLabel(heading, m_entryBox);
        label->setBuddy(g->view);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        column->addWidget(label);
        column->addWidget(g->view, 1);
        grantsRow->addLayout(column, 1);
    }
    auto *entryLayout = new QVBoxLayout(m_entryBox);
    entryLayout->addLayout(soldAsRow);
    entryLayout->addLayout(grantsRow, 1);

    auto *split = new QSplitter(Qt::Vertical, host);
    split->addWidget(m_entries);
    split->addWidget(m_entryBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    auto *v = new QVBoxLayout(host);
    v->setContentsMargins(0, 0, 0, 0);
    v->addLayout(actions);
    v->addWidget(split, 1);

    connect(add, &QPushButton::clicked, this, &PolicyPage::addEntry);
    connect(import, &QPushButton::clicked, this, &PolicyPage::chooseFile);
    connect(m_remove, &QPushButton::clicked, this, &PolicyPage::removeEntry);
    connect(m_entries, &QTreeWidget::currentItemChanged, this, [this] { showEntry(currentEntry()); });
    connect(m_soldAs, &QComboBox::activated, this, &PolicyPage::onSoldAsChosen);
}

void PolicyPage::reload()
{
    m_loaded = true;
    auto catalog = reconcile::loadCatalog(m_db);
    m_catalog = catalog ? catalog.value() : reconcile::Catalog{};
    auto version = reconcile::loadPolicy(m_db);
    m_readable = version.ok();
    m_hasVersion = version && version.value();
    m_saved = version && version.value() ? version.value()->policy : reconcile::Policy{};
    m_edited = m_saved;
    if (!version) {
        m_version->setText(tr("The saved policy could not be read: %1").arg(version.error().message));
        m_version->setStyleSheet(u"color: #a31b1b;"_s);
    } else if (!version.value()) {
        m_version->setText(tr("No policy saved yet."));
        m_version->setStyleSheet({});
    } else {
        const reconcile::PolicyVersion &v = *version.value();
        m_version->setText(tr("Saved %1 by %2. Reason: %3").arg(localTime(v.at), v.actor, v.reason));
        m_version->setStyleSheet({});
    }
    m_message->clear();
    if (!catalog)
        showMessage(
            tr("The catalog could not be read, so names are missing: %1").arg(catalog.error().message), true);
    else if (m_catalog.isEmpty())
        showMessage(
            tr("Nothing synced yet: sync first (F5) to choose from your Stripe prices and your Circle "
               "and Kit groups, spaces, tags and sequences."),
            false);
    showPolicy();
}

void PolicyPage::refresh()
{
    if (isDirty()) {
        if (auto catalog = reconcile::loadCatalog(m_db))
            m_catalog = catalog.value();
        showPolicy();
        return;
    }
    const QString message = m_message->text();
    const QString style = m_message->styleSheet();
    reload();
    if (!message.isEmpty() && m_message->text().isEmpty()) {
        m_message->setText(message); // a sync is no reason to forget what the last save said
        m_message->setStyleSheet(style);
    }
}

bool PolicyPage::isDirty() const
{
    return m_edited.toJson() != m_saved.toJson();
}

QString PolicyPage::messageText() const
{
    return m_message->text();
}

QString PolicyPage::versionText() const
{
    return m_version->text();
}

void PolicyPage::showPolicy()
{
    m_stack->setCurrentWidget(m_edited.isEmpty() ? m_emptyState : m_editorState);
    // "No policy saved yet" says what the empty state's heading says already.
    m_version->setVisible(m_hasVersion || !m_edited.isEmpty() || !m_readable);
    fillEntries();
    updateButtons();
}

QString PolicyPage::entryTitle(const reconcile::PolicyEntry &e) const
{
    if (!e.price.isEmpty()) {
        const reconcile::CatalogItem *price = m_catalog.find(provider::Stripe, cat::Price, e.price);
        if (!price)
            return tr("price %1 (not in Stripe)").arg(e.price);
        const QString name = price->name.isEmpty() ? e.price : price->name;
        return price->detail.isEmpty() ? name : tr("%1 · %2").arg(name, price->detail);
    }
    const reconcile::CatalogItem *product = m_catalog.find(provider::Stripe, cat::Product, e.product);
    if (!product)
        return tr("product %1 (not in Stripe)").arg(e.product);
    return tr("%1 · any price").arg(product->name.isEmpty() ? e.product : product->name);
}

QString PolicyPage::grantName(const QString &kind, const QString &id) const
{
    const bool circle = kind == cat::AccessGroup || kind == cat::Space;
    const reconcile::CatalogItem *item = m_catalog.find(circle ? provider::Circle : provider::Kit, kind, id);
    if (item && !item->name.isEmpty())
        return item->name;
    // Never silently dropped: an id the catalog does not know is shown as what it is.
    if (kind == cat::AccessGroup)
        return tr("access group %1 (not in Circle)").arg(id);
    if (kind == cat::Space)
        return tr("space %1 (not in Circle)").arg(id);
    if (kind == cat::Tag)
        return tr("tag %1 (not in Kit)").arg(id);
    return tr("sequence %1 (not in Kit)").arg(id);
}

void PolicyPage::fillEntries()
{
    const int keep = currentEntry();
    const QSignalBlocker block(m_entries);
    m_entries->clear();
    for (const reconcile::PolicyEntry &e : std::as_const(m_edited.entries)) {
        auto *item = new QTreeWidgetItem(m_entries);
        item->setText(SoldAsColumn, entryTitle(e));
        item->setData(SoldAsColumn, IdRole, entryKey(e));
        const bool known = e.price.isEmpty() ? m_catalog.find(provider::Stripe, cat::Product, e.product)
                                             : m_catalog.find(provider::Stripe, cat::Price, e.price);
        if (!known)
            item->setForeground(SoldAsColumn, QColor(u"#8a1c1c"_s));
        describeEntry(item, e);
    }
    if (m_entries->topLevelItemCount() > 0)
        m_entries->setCurrentItem(
            m_entries->topLevelItem(std::clamp(keep, 0, m_entries->topLevelItemCount() - 1)));
    showEntry(currentEntry());
}

void PolicyPage::describeEntry(QTreeWidgetItem *row, const reconcile::PolicyEntry &e) const
{
    const std::pair<int, std::pair<const QStringList *, QString>> columns[] = {
        {AccessGroupsColumn, {&e.circleAccessGroups, cat::AccessGroup}},
        {SpacesColumn, {&e.circleSpaces, cat::Space}},
        {TagsColumn, {&e.kitTags, cat::Tag}},
        {SequencesColumn, {&e.kitSequences, cat::Sequence}},
    };
    bool nothing = true;
    for (const auto &[column, what] : columns) {
        QStringList names;
        for (const QString &id : *what.first)
            names.append(grantName(what.second, id));
        nothing &= names.isEmpty();
        row->setText(column, names.isEmpty() ? u"—"_s : names.join(u'\n'));
        row->setForeground(column, palette().text());
        row->setToolTip(column, names.join(u'\n'));
    }
    // Import refuses an entry that grants nothing, so saving would too: say so where it is.
    if (nothing) {
        row->setText(AccessGroupsColumn, tr("⚠ grants nothing yet: tick what it gives below"));
        row->setForeground(AccessGroupsColumn, QColor(u"#8a1c1c"_s));
    }
    row->setToolTip(SoldAsColumn, tr("%1\n%2").arg(entryTitle(e), entryKey(e)));
}

int PolicyPage::currentEntry() const
{
    return m_entries->currentItem() ? m_entries->indexOfTopLevelItem(m_entries->currentItem()) : -1;
}

void PolicyPage::showEntry(int index)
{
    const bool valid = index >= 0 && index < m_edited.entries.size();
    m_entryBox->setEnabled(valid && m_readable);
    const reconcile::PolicyEntry entry = valid ? m_edited.entries.at(index) : reconcile::PolicyEntry{};
    m_entryBox->setTitle(valid ? tr("What “%1” grants").arg(entryTitle(entry)) : tr("No entry chosen"));
    fillSoldAs(entry, index);
    for (GrantList *g : std::as_const(m_grants))
        fillGrantList(*g, entry.*(g->ids));
}

void PolicyPage::fillSoldAs(const reconcile::PolicyEntry &entry, int index)
{
    m_filling = true;
    m_soldAs->clear();
    // What other entries cover already cannot be chosen again: one entry per price or product.
    QSet<QString> taken;
    for (qsizetype i = 0; i < m_edited.entries.size(); ++i) {
        if (i != index)
            taken.insert(entryKey(m_edited.entries.at(i)));
    }
    auto addChoice = [&](const QString &text, const QString &kind, const QString &id, const QString &tip) {
        m_soldAs->addItem(text, QStringList{kind, id});
        const int row = m_soldAs->count() - 1;
        m_soldAs->setItemData(row, tip, Qt::ToolTipRole);
        if (taken.contains(id)) {
            if (auto *model = qobject_cast<QStandardItemModel *>(m_soldAs->model()))
                model->item(row)->setEnabled(false);
            m_soldAs->setItemData(row, tr("%1 already has an entry").arg(text), Qt::ToolTipRole);
        }
    };
    for (const reconcile::CatalogItem &price : m_catalog.items(provider::Stripe, cat::Price)) {
        QString text = price.name.isEmpty() ? price.id : price.name;
        if (!price.detail.isEmpty())
            text = tr("%1 · %2").arg(text, price.detail);
        if (!price.active)
            text = tr("%1 (archived)").arg(text);
        addChoice(tr("%1 — %2").arg(text, price.id), cat::Price, price.id, tr("This price only"));
    }
    const auto products = m_catalog.items(provider::Stripe, cat::Product);
    if (!products.isEmpty() && m_soldAs->count() > 0)
        m_soldAs->insertSeparator(m_soldAs->count());
    for (const reconcile::CatalogItem &product : products)
        addChoice(
            tr("%1 · any price — %2").arg(product.name.isEmpty() ? product.id : product.name, product.id),
            cat::Product, product.id, tr("Every price of this product"));
    const QString key = entryKey(entry);
    int current = -1;
    for (int i = 0; i < m_soldAs->count(); ++i) {
        const QStringList choice = m_soldAs->itemData(i).toStringList();
        if (choice.value(1) == key && !key.isEmpty())
            current = i;
    }
    if (current < 0 && !key.isEmpty()) {
        // Not in the catalog: still shown, and still chosen.
        m_soldAs->insertItem(0, entryTitle(entry),
                             QStringList{entry.price.isEmpty() ? cat::Product : cat::Price, key});
        current = 0;
    }
    m_soldAs->setCurrentIndex(current);
    m_filling = false;
}

void PolicyPage::fillGrantList(GrantList &list, const QStringList &chosen)
{
    m_filling = true;
    list.view->clear();
    const QFont small = smallFont(list.view->font());
    auto add = [&](const QString &id, const QString &name, bool known, bool inactive) {
        auto *item = new QTreeWidgetItem(list.view);
        item->setText(0, inactive ? tr("%1 (archived)").arg(name) : name);
        item->setText(1, known ? id : QString()); // an unknown one says its id in its name already
        item->setData(0, IdRole, id);
        item->setFont(1, small);
        item->setForeground(1, palette().placeholderText());
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(0, chosen.contains(id) ? Qt::Checked : Qt::Unchecked);
        if (!known) {
            item->setForeground(0, QColor(u"#8a1c1c"_s));
            item->setToolTip(0,
                             tr("The policy names this id, but the last sync did not find it. Untick it to "
                                "drop it from the policy."));
        }
    };
    // Unknown ids first, so they are seen.
    for (const QString &id : chosen) {
        if (!m_catalog.find(list.provider, list.kind, id))
            add(id, grantName(list.kind, id), false, false);
    }
    for (const reconcile::CatalogItem &i : m_catalog.items(list.provider, list.kind))
        add(i.id, i.name.isEmpty() ? grantName(list.kind, i.id) : i.name, true, !i.active);
    if (list.view->topLevelItemCount() == 0) {
        auto *none = new QTreeWidgetItem(list.view);
        none->setText(0, list.provider == provider::Circle ? tr("None synced from Circle")
                                                           : tr("None synced from Kit"));
        none->setFlags(Qt::NoItemFlags);
    }
    m_filling = false;
}

void PolicyPage::onGrantToggled(QTreeWidgetItem *item)
{
    const int index = currentEntry();
    if (m_filling || index < 0 || index >= m_edited.entries.size())
        return;
    const QString id = item->data(0, IdRole).toString();
    for (GrantList *g : std::as_const(m_grants)) {
        if (g->view != item->treeWidget())
            continue;
        QStringList &ids = m_edited.entries[index].*(g->ids);
        if (item->checkState(0) == Qt::Checked && !ids.contains(id))
            ids.append(id);
        else if (item->checkState(0) != Qt::Checked)
            ids.removeAll(id);
    }
    // The list row says what the entry grants now; the tick lists keep their scroll position.
    const QSignalBlocker block(m_entries);
    describeEntry(m_entries->topLevelItem(index), m_edited.entries.at(index));
    updateButtons();
}

void PolicyPage::onSoldAsChosen(int comboIndex)
{
    const int index = currentEntry();
    if (m_filling || index < 0 || index >= m_edited.entries.size())
        return;
    const QStringList choice = m_soldAs->itemData(comboIndex).toStringList();
    if (choice.size() != 2)
        return;
    reconcile::PolicyEntry &e = m_edited.entries[index];
    e.price = choice.at(0) == cat::Price ? choice.at(1) : QString();
    e.product = choice.at(0) == cat::Product ? choice.at(1) : QString();
    fillEntries();
    updateButtons();
}

void PolicyPage::addEntry()
{
    if (!m_readable)
        return;
    QSet<QString> taken;
    for (const reconcile::PolicyEntry &e : std::as_const(m_edited.entries))
        taken.insert(entryKey(e));
    reconcile::PolicyEntry entry;
    for (const reconcile::CatalogItem &price : m_catalog.items(provider::Stripe, cat::Price)) {
        if (!taken.contains(price.id) && price.active) {
            entry.price = price.id;
            break;
        }
    }
    if (entry.price.isEmpty()) {
        for (const reconcile::CatalogItem &product : m_catalog.items(provider::Stripe, cat::Product)) {
            if (!taken.contains(product.id)) {
                entry.product = product.id;
                break;
            }
        }
    }
    if (entry.price.isEmpty() && entry.product.isEmpty()) {
        showMessage(m_catalog.items(provider::Stripe, cat::Price).isEmpty()
                        ? tr("There are no Stripe prices to choose from yet: sync first (F5), or import a "
                             "policy file.")
                        : tr("Every price and product has an entry already."),
                    true);
        return;
    }
    m_edited.entries.append(entry);
    showPolicy();
    m_entries->setCurrentItem(m_entries->topLevelItem(m_entries->topLevelItemCount() - 1));
    m_soldAs->setFocus(Qt::OtherFocusReason);
    showMessage(tr("Choose what is sold, tick what it grants, then save with a reason."), false);
}

void PolicyPage::removeEntry()
{
    const int index = currentEntry();
    if (index < 0 || index >= m_edited.entries.size())
        return;
    const QString title = entryTitle(m_edited.entries.at(index));
    if (QMessageBox::question(this, tr("Remove entry"),
                              tr("Remove the entry for “%1”? Nothing changes until you save.").arg(title)) !=
        QMessageBox::Yes)
        return;
    m_edited.entries.removeAt(index);
    showPolicy();
    showMessage(tr("Removed “%1”. Save with a reason to make it so.").arg(title), false);
}

void PolicyPage::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a policy"), {},
                                                      tr("JSON files (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

bool PolicyPage::importFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("%1 cannot be read: %2").arg(name, file.errorString()), true);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull()) {
        showMessage(tr("%1 is not JSON: %2 (at character %3)")
                        .arg(name, parseError.errorString())
                        .arg(parseError.offset),
                    true);
        return false;
    }
    auto policy =
        reconcile::Policy::fromJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    if (!policy) {
        showMessage(tr("%1 was not imported: %2").arg(name, policy.error().message), true);
        return false;
    }
    if (isDirty() &&
        QMessageBox::question(this, tr("Import a policy"),
                              tr("Replace your unsaved changes with the policy in %1?").arg(name)) !=
            QMessageBox::Yes)
        return false;
    m_edited = policy.value();
    showPolicy();
    if (m_reason->text().trimmed().isEmpty())
        m_reason->setText(tr("Imported from %1").arg(name));
    showMessage(
        isDirty()
            ? tr("Read %1 entries from %2. Check them, then save.").arg(m_edited.entries.size()).arg(name)
            : tr("%1 holds the policy as saved already: nothing to save.").arg(name),
        false);
    return true;
}

bool PolicyPage::save()
{
    if (!isDirty()) {
        showMessage(tr("Nothing to save: the policy is as saved."), false);
        return false;
    }
    const QString reason = m_reason->text().trimmed();
    if (reason.isEmpty()) {
        showMessage(
            tr("Not saved: say why you are changing the policy. The reason is kept with this version."),
            true);
        m_reason->setFocus(Qt::OtherFocusReason);
        return false;
    }
    auto saved = reconcile::changePolicy(m_db, m_edited, actorName(), reason);
    if (!saved) {
        // The validator names entries by position ("policy[2]: …"); the page names them as the list does.
        QString message = saved.error().message;
        static const QRegularExpression position(u"^policy\\[(\\d+)\\]: "_s);
        if (const auto m = position.match(message); m.hasMatch()) {
            const int i = m.captured(1).toInt();
            if (i >= 0 && i < m_edited.entries.size()) {
                message =
                    tr("“%1”: %2").arg(entryTitle(m_edited.entries.at(i)), message.mid(m.capturedLength()));
                m_entries->setCurrentItem(m_entries->topLevelItem(i));
            }
        }
        showMessage(tr("Not saved: %1").arg(message), true);
        return false;
    }
    reload();
    m_reason->clear();
    showMessage(tr("Saved. Findings are checked against this version from now on."), false);
    Q_EMIT policyChanged();
    return true;
}

void PolicyPage::revert()
{
    m_edited = m_saved;
    showPolicy();
    showMessage(tr("Back to the saved policy."), false);
}

bool PolicyPage::confirmLeave()
{
    if (!isDirty())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved policy changes"),
                    tr("The policy has changes that are not saved yet."), QMessageBox::NoButton, this);
    box.setInformativeText(m_reason->text().trimmed().isEmpty()
                               ? tr("To save them, type a reason first.")
                               : tr("Save them with the reason “%1”?").arg(m_reason->text().trimmed()));
    box.setStandardButtons(QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.button(QMessageBox::Cancel)->setText(tr("Stay here"));
    switch (box.exec()) {
    case QMessageBox::Save:
        return save(); // without a reason this says so and stays
    case QMessageBox::Discard:
        revert();
        m_message->clear();
        return true;
    default:
        return false;
    }
}

void PolicyPage::updateButtons()
{
    const bool dirty = isDirty();
    m_save->setEnabled(dirty && m_readable);
    m_revert->setEnabled(dirty);
    m_unsaved->setVisible(dirty);
    m_saveBar->setVisible(dirty || !m_edited.isEmpty());
    m_remove->setEnabled(currentEntry() >= 0);
}

void PolicyPage::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: #a31b1b;"_s : u"color: #1d5e32;"_s);
}

} // namespace sb::ui
