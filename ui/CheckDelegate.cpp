#include "CheckDelegate.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>

namespace sb::ui {

namespace {
constexpr int kPad = 6;
constexpr int kIcon = 18;
constexpr int kGap = 8;

QFont titleFont(const QStyleOptionViewItem &option)
{
    QFont f = option.font;
    f.setBold(true);
    return f;
}
} // namespace

CheckDelegate::Layout CheckDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index,
                                            int left, int width) const
{
    Layout l;
    const int textLeft = left + kPad + kIcon + kGap;
    const int textWidth = std::max(80, width - (textLeft - left) - kPad);
    const QFontMetrics titleMetrics(titleFont(option));
    const QString title = index.data(Qt::DisplayRole).toString();
    const QString fix = index.data(FixRole).toString();
    const int flags = Qt::TextWordWrap;
    const QRect titleBox = titleMetrics.boundingRect(QRect(0, 0, textWidth, 100000), flags, title);
    l.icon = QRect(left + kPad, kPad + (titleMetrics.height() - kIcon) / 2, kIcon, kIcon);
    l.title = QRect(textLeft, kPad, textWidth, titleBox.height());
    int bottom = l.title.bottom() + 1;
    if (!fix.isEmpty()) {
        const QFontMetrics fixMetrics(option.font);
        const QRect fixBox = fixMetrics.boundingRect(QRect(0, 0, textWidth, 100000), flags, fix);
        l.fix = QRect(textLeft, bottom + 2, textWidth, fixBox.height());
        bottom = l.fix.bottom() + 1;
    }
    l.height = bottom + kPad;
    return l;
}

QSize CheckDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The view's width decides the wrapping (the option's rect is not set when a list asks for sizes).
    int width = opt.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(opt.widget))
        width = view->viewport()->width();
    if (width <= 0)
        width = 400;
    return {width, layout(opt, index, 0, width).height};
}

void CheckDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const Layout l = layout(opt, index, opt.rect.left(), opt.rect.width());
    const QPoint origin(0, opt.rect.top());
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        opt.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    painter->save();
    opt.icon.paint(painter, l.icon.translated(origin));
    const QColor level = index.data(LevelColorRole).value<QColor>();
    painter->setFont(titleFont(opt));
    painter->setPen(selected || !level.isValid()
                        ? opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text)
                        : level);
    painter->drawText(l.title.translated(origin), Qt::TextWordWrap, opt.text);
    const QString fix = index.data(FixRole).toString();
    if (!fix.isEmpty()) {
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(l.fix.translated(origin), Qt::TextWordWrap, fix);
    }
    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.rect = opt.rect.adjusted(1, 1, -1, -1);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

} // namespace sb::ui
