// Draws one launch-readiness check as a "fix first" row: the level's icon, the title in the level's colour
// and, under it, what to do in plain words, wrapped to the list's width (a fix is a sentence or two; cutting
// it off would hide the part that says how).
#pragma once

#include <QStyledItemDelegate>

namespace sb::ui {

class CheckDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum Role {
        FixRole = Qt::UserRole + 1, // QString: what to do
        LevelColorRole,             // QColor: the title's colour
    };
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct Layout {
        QRect icon;
        QRect title;
        QRect fix;
        int height = 0;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index, int left, int width) const;
};

} // namespace sb::ui
