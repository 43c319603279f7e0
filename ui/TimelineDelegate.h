// Colours timeline rows by what they mean, so failures and money going back stand out when scanning.
#pragma once

#include <QStyledItemDelegate>

namespace sb::ui {

class TimelineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    enum class Tone { Neutral, Good, Warning, Bad };
    static Tone toneOf(const QString &kind);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace sb::ui
