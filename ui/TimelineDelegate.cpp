#include "TimelineDelegate.h"

#include "models/TimelineModel.h"

using namespace Qt::StringLiterals;

namespace sb::ui {

TimelineDelegate::Tone TimelineDelegate::toneOf(const QString &kind)
{
    if (kind == "payment_failed"_L1 || kind.startsWith("dispute_"_L1) || kind == "subscription_past_due"_L1 ||
        kind == "subscription_unpaid"_L1 || kind == "invoice_uncollectible"_L1)
        return kind == "dispute_won"_L1 ? Tone::Good : Tone::Bad;
    if (kind == "refund"_L1 || kind == "subscription_ended"_L1 ||
        kind == "subscription_cancel_scheduled"_L1 || kind == "customer_deleted"_L1)
        return Tone::Warning;
    if (kind == "payment_succeeded"_L1 || kind == "subscription_recovered"_L1)
        return Tone::Good;
    return Tone::Neutral;
}

void TimelineDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (option->state & QStyle::State_Selected)
        return;
    if (index.column() == models::TimelineModel::TimeColumn &&
        index.data(models::TimelineModel::ObservedRole).toBool()) {
        // Only when a sync saw it, not when it happened: say so in the type, not just in the tooltip.
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        return;
    }
    const Tone tone = toneOf(index.data(models::TimelineModel::KindRole).toString());
    if (index.column() != models::TimelineModel::WhatColumn &&
        index.column() != models::TimelineModel::AmountColumn)
        return;
    switch (tone) {
    case Tone::Bad:
        option->palette.setColor(QPalette::Text, QColor(0xa3, 0x1b, 0x1b));
        option->font.setBold(true);
        break;
    case Tone::Warning:
        option->palette.setColor(QPalette::Text, QColor(0x8a, 0x5a, 0x00));
        break;
    case Tone::Good:
        option->palette.setColor(QPalette::Text, QColor(0x1d, 0x5e, 0x32));
        break;
    case Tone::Neutral:
        break;
    }
}

} // namespace sb::ui
