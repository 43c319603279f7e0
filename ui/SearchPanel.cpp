#include "SearchPanel.h"

#include "models/SearchModel.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
// A hit in two lines: who it is, and underneath in small type which systems know them ("Stripe · Kit").
class SearchHitDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString who = opt.text;
        const QString systems = index.data(models::SearchModel::SystemsTextRole).toString();
        opt.text.clear();
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus
        const QRect r =
            style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(4, 0, -4, 0);
        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette::ColorGroup group =
            opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        const QFontMetrics fm(opt.font);
        const QFont small = smallFont(opt.font);
        const QFontMetrics smallFm(small);
        const int top = r.top() + (r.height() - fm.height() - smallFm.height()) / 2;

        painter->save();
        // Plain drawText: names come from outside and are never read as markup.
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(QRect(r.left(), top, r.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(who, Qt::ElideRight, r.width()));
        painter->setFont(small);
        painter->setPen(
            opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        painter->drawText(QRect(r.left(), top + fm.height(), r.width(), smallFm.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          smallFm.elidedText(systems, Qt::ElideRight, r.width()));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(QFontMetrics(option.font).height() + QFontMetrics(smallFont(option.font)).height() +
                       8);
        return size;
    }

private:
    static QFont smallFont(QFont font)
    {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * 0.85);
        else
            font.setPixelSize(std::max(8, font.pixelSize() * 85 / 100));
        return font;
    }
};
} // namespace

SearchPanel::SearchPanel(models::SearchModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_field(new QLineEdit(this))
    , m_results(new QListView(this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_debounce(new QTimer(this))
{
    m_field->setObjectName(u"searchField"_s);
    m_field->setPlaceholderText(tr("Search email, name or any id  (Ctrl+K)"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("Search people"));
    m_field->installEventFilter(this);

    m_results->setObjectName(u"searchResults"_s);
    m_results->setModel(m_model);
    m_results->setItemDelegate(new SearchHitDelegate(m_results));
    m_results->setUniformItemSizes(true);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setAccessibleName(tr("Search results"));

    m_message->setObjectName(u"searchMessage"_s);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_message->setMargin(8);
    m_message->setTextFormat(Qt::PlainText);

    m_stack->addWidget(m_message);
    m_stack->addWidget(m_results);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field);
    layout->addWidget(m_stack, 1);

    // A short debounce: results as you type without a query per keystroke of a fast typist.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &SearchPanel::runSearch);
    connect(m_field, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        runSearch();
        const QModelIndex current = m_results->currentIndex();
        activate(current.isValid() ? current : m_model->index(0, 0));
    });
    connect(m_results, &QListView::activated, this, &SearchPanel::activate);
    connect(m_results, &QListView::clicked, this, &SearchPanel::activate);
    updateState();
}

void SearchPanel::focusSearch()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPanel::setCacheEmpty(bool empty)
{
    m_cacheEmpty = empty;
    updateState();
}

void SearchPanel::setCanSync(bool canSync)
{
    m_canSync = canSync;
    updateState();
}

void SearchPanel::search(const QString &text)
{
    m_field->setText(text);
    m_debounce->stop();
    runSearch();
}

bool SearchPanel::openFirstResult()
{
    if (m_model->rowCount() == 0)
        return false;
    activate(m_model->index(0, 0));
    return true;
}

void SearchPanel::runSearch()
{
    m_model->setQuery(m_field->text());
    if (m_model->rowCount() > 0)
        m_results->setCurrentIndex(m_model->index(0, 0));
    updateState();
}

void SearchPanel::updateState()
{
    const QString q = m_field->text().trimmed();
    if (!m_model->lastError().isEmpty()) {
        m_message->setText(tr("Search failed: %1").arg(m_model->lastError()));
        m_stack->setCurrentWidget(m_message);
    } else if (m_cacheEmpty) {
        m_message->setText(
            m_canSync ? tr("The cache is empty. Press Sync now (F5) to pull your Stripe data; people "
                           "appear here as soon as they are synced.")
                      : tr("The cache is empty. Connect Stripe in Connections (Ctrl+,), or explore "
                           "the demo community."));
        m_stack->setCurrentWidget(m_message);
    } else if (q.isEmpty()) {
        m_message->setText(
            tr("Type an email, a name, a Stripe id (cus_, ch_, pi_, in_, sub_, cs_, evt_, re_, du_), a "
               "Circle member id or a Kit subscriber id to find a person."));
        m_stack->setCurrentWidget(m_message);
    } else if (m_model->rowCount() == 0) {
        m_message->setText(
            tr("Nobody matches \"%1\". Try part of the email or the last name.").arg(q.left(80)));
        m_stack->setCurrentWidget(m_message);
    } else {
        m_stack->setCurrentWidget(m_results);
    }
}

void SearchPanel::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    Q_EMIT personActivated(index.data(models::SearchModel::PersonIdRole).toLongLong());
}

bool SearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down in the search field walk the results without leaving the field.
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int rows = m_model->rowCount();
            if (rows == 0)
                return true;
            int row = m_results->currentIndex().isValid() ? m_results->currentIndex().row() : -1;
            row = key->key() == Qt::Key_Down ? std::min(rows - 1, row + 1) : std::max(0, row - 1);
            m_results->setCurrentIndex(m_model->index(row, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sb::ui
