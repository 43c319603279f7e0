// Colours timeline rows by what they mean, so failures and money going back stand out when scanning.
#pragma once

#include <QJsonObject>
#include <QStyledItemDelegate>

namespace sb::ui {

class TimelineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    enum class Tone { Neutral, Good, Warning, Bad };
    // `detail`: the row's detail (Switchboard's own rows are toned by their outcome: a failed action red, one
    // whose outcome is unknown or still pending amber).
    static Tone toneOf(const QString &kind, const QJsonObject &detail = {});

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace sb::ui
