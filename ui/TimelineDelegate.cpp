#include "TimelineDelegate.h"

#include "models/TimelineModel.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace sb::ui {

TimelineDelegate::Tone TimelineDelegate::toneOf(const QString &kind, const QJsonObject &detail)
{
    // Switchboard's own actions: only what went wrong or is in doubt stands out.
    if (kind == models::AuditRowKind) {
        const QString outcome = detail.value("outcome"_L1).toString();
        if (outcome == "failed"_L1)
            return Tone::Bad;
        if (outcome == "unknown"_L1 || outcome == "pending"_L1)
            return Tone::Warning;
        return Tone::Neutral;
    }
    // Stripe
    if (kind == "payment_failed"_L1 || kind.startsWith("dispute_"_L1) || kind == "subscription_past_due"_L1 ||
        kind == "subscription_unpaid"_L1 || kind == "invoice_uncollectible"_L1)
        return kind == "dispute_won"_L1 ? Tone::Good : Tone::Bad;
    if (kind == "refund"_L1 || kind == "subscription_ended"_L1 ||
        kind == "subscription_cancel_scheduled"_L1 || kind == "customer_deleted"_L1)
        return Tone::Warning;
    if (kind == "payment_succeeded"_L1 || kind == "subscription_recovered"_L1)
        return Tone::Good;

    // Circle and Kit: access and email given are good, taken away a warning, and gone or bouncing bad.
    static const QSet<QString> good = {u"member_created"_s, u"member_joined"_s, u"member_reactivated"_s,
                                       u"access_granted"_s, u"subscribed"_s,    u"resubscribed"_s,
                                       u"kit_tag_added"_s,  u"sequence_added"_s};
    static const QSet<QString> warning = {u"member_deactivated"_s, u"access_removed"_s,     u"space_left"_s,
                                          u"space_inactive"_s,     u"circle_tag_removed"_s, u"unsubscribed"_s,
                                          u"kit_tag_removed"_s,    u"sequence_removed"_s};
    static const QSet<QString> bad = {u"member_deleted"_s, u"email_bounced"_s, u"email_complained"_s};
    if (good.contains(kind))
        return Tone::Good;
    if (warning.contains(kind))
        return Tone::Warning;
    if (bad.contains(kind))
        return Tone::Bad;
    return Tone::Neutral; // space_joined, circle_tag_added, email_changed, ...
}

void TimelineDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // Only when a sync saw it, not when it happened: say so in the type of the whole row, not just in the
    // tooltip, so it reads as "noticed then" even when selected.
    const bool observed = index.data(models::TimelineModel::ObservedRole).toBool();
    if (observed)
        option->font.setItalic(true);
    if (option->state & QStyle::State_Selected)
        return;
    if (observed && index.column() == models::TimelineModel::TimeColumn) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        return;
    }
    if (index.column() != models::TimelineModel::WhatColumn &&
        index.column() != models::TimelineModel::AmountColumn)
        return;
    switch (toneOf(index.data(models::TimelineModel::KindRole).toString(),
                   index.data(models::TimelineModel::DetailRole).toJsonObject())) {
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
