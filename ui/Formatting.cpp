#include "Formatting.h"

#include "common/Money.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
struct Formatting {
    Q_DECLARE_TR_FUNCTIONS(Formatting)
};
} // namespace

QString paymentStateText(const PaymentState &s)
{
    using K = PaymentState::Kind;
    QString text;
    switch (s.kind) {
    case K::None:
        return Formatting::tr("No payments");
    case K::Active:
        text = Formatting::tr("Active subscription");
        break;
    case K::Trialing:
        text = Formatting::tr("Trial");
        break;
    case K::PastDue:
        text = Formatting::tr("Payment failed — past due");
        break;
    case K::Canceled:
        text = Formatting::tr("Subscription ended");
        break;
    case K::Paid:
        text = Formatting::tr("Paid");
        break;
    case K::Refunded:
        text = Formatting::tr("Refunded");
        break;
    case K::Disputed:
        text = Formatting::tr("Dispute open");
        break;
    }
    if (!s.currency.isEmpty())
        text += Formatting::tr(" · %1 net").arg(formatMoney(s.paidTotal, s.currency));
    return text;
}

QString paymentStateTone(const PaymentState &s)
{
    using K = PaymentState::Kind;
    switch (s.kind) {
    case K::Active:
    case K::Trialing:
    case K::Paid:
        return u"good"_s;
    case K::PastDue:
    case K::Disputed:
        return u"bad"_s;
    default:
        return u"warn"_s;
    }
}

QString relativeTime(Millis at, Millis now)
{
    const qint64 s = (now - at) / 1000;
    if (s < 60)
        return Formatting::tr("just now");
    if (s < 3600)
        return Formatting::tr("%1 min ago").arg(s / 60);
    if (s < 86400)
        return Formatting::tr("%1 h ago").arg(s / 3600);
    return Formatting::tr("%1 days ago").arg(s / 86400);
}

namespace {
QString circleHeadline(const SystemStatus &s)
{
    if (s.state == "active"_L1)
        return Formatting::tr("Active member");
    if (s.state == "inactive"_L1)
        return Formatting::tr("Deactivated (inactive)");
    return s.state;
}

QString kitHeadline(const SystemStatus &s)
{
    if (s.state == "active"_L1)
        return Formatting::tr("Active");
    if (s.state == "cancelled"_L1)
        return Formatting::tr("Unsubscribed (cancelled)");
    if (s.state == "bounced"_L1)
        return Formatting::tr("Bounced");
    if (s.state == "complained"_L1)
        return Formatting::tr("Marked the email as spam (complained)");
    if (s.state == "inactive"_L1)
        return Formatting::tr("Inactive");
    return s.state;
}
} // namespace

QString systemStatusText(const SystemStatus &s)
{
    const bool circle = s.provider == provider::Circle;
    if (!s.present) {
        if (s.state == "deleted"_L1)
            return Formatting::tr("Deleted");
        return circle ? Formatting::tr("Not a member") : Formatting::tr("Not a subscriber");
    }
    QStringList parts{circle ? circleHeadline(s) : kitHeadline(s)};
    if (circle) {
        // Which access group someone is in is what paying buys, so its absence is said out loud.
        parts.append(s.groups.isEmpty() ? Formatting::tr("no access group")
                                        : Formatting::tr("groups: %1").arg(s.groups.join(u", "_s)));
        if (!s.spaces.isEmpty())
            parts.append(Formatting::tr("spaces: %1").arg(s.spaces.join(u", "_s)));
    }
    if (!s.tags.isEmpty())
        parts.append(Formatting::tr("tags: %1").arg(s.tags.join(u", "_s)));
    if (!s.sequences.isEmpty())
        parts.append(Formatting::tr("sequences: %1").arg(s.sequences.join(u", "_s)));
    return parts.join(u" · "_s);
}

QString kindLabel(const QString &kind)
{
    static const QHash<QString, const char *> labels = {
        // Stripe
        {u"customer_created"_s, QT_TRANSLATE_NOOP("Formatting", "Customer created")},
        {u"customer_deleted"_s, QT_TRANSLATE_NOOP("Formatting", "Customer deleted")},
        {u"payment_succeeded"_s, QT_TRANSLATE_NOOP("Formatting", "Payment succeeded")},
        {u"payment_failed"_s, QT_TRANSLATE_NOOP("Formatting", "Payment failed")},
        {u"refund"_s, QT_TRANSLATE_NOOP("Formatting", "Refund")},
        {u"dispute_opened"_s, QT_TRANSLATE_NOOP("Formatting", "Dispute opened")},
        {u"dispute_won"_s, QT_TRANSLATE_NOOP("Formatting", "Dispute won")},
        {u"dispute_lost"_s, QT_TRANSLATE_NOOP("Formatting", "Dispute lost")},
        {u"subscription_created"_s, QT_TRANSLATE_NOOP("Formatting", "Subscription started")},
        {u"subscription_cancel_scheduled"_s, QT_TRANSLATE_NOOP("Formatting", "Cancellation scheduled")},
        {u"subscription_ended"_s, QT_TRANSLATE_NOOP("Formatting", "Subscription ended")},
        {u"subscription_past_due"_s, QT_TRANSLATE_NOOP("Formatting", "Subscription past due")},
        {u"subscription_unpaid"_s, QT_TRANSLATE_NOOP("Formatting", "Subscription unpaid")},
        {u"subscription_paused"_s, QT_TRANSLATE_NOOP("Formatting", "Subscription paused")},
        {u"subscription_recovered"_s, QT_TRANSLATE_NOOP("Formatting", "Subscription recovered")},
        {u"invoice_uncollectible"_s, QT_TRANSLATE_NOOP("Formatting", "Invoice uncollectible")},
        {u"invoice_void"_s, QT_TRANSLATE_NOOP("Formatting", "Invoice voided")},
        {u"checkout_completed"_s, QT_TRANSLATE_NOOP("Formatting", "Checkout completed")},
        {u"email_changed"_s, QT_TRANSLATE_NOOP("Formatting", "Email changed")},
        // Circle
        {u"member_created"_s, QT_TRANSLATE_NOOP("Formatting", "Became a member")},
        {u"member_joined"_s, QT_TRANSLATE_NOOP("Formatting", "Accepted the invitation")},
        {u"member_reactivated"_s, QT_TRANSLATE_NOOP("Formatting", "Member reactivated")},
        {u"member_deactivated"_s, QT_TRANSLATE_NOOP("Formatting", "Member deactivated")},
        {u"member_deleted"_s, QT_TRANSLATE_NOOP("Formatting", "Member deleted")},
        {u"access_granted"_s, QT_TRANSLATE_NOOP("Formatting", "Added to access group")},
        {u"access_removed"_s, QT_TRANSLATE_NOOP("Formatting", "Removed from access group")},
        {u"space_joined"_s, QT_TRANSLATE_NOOP("Formatting", "Joined space")},
        {u"space_left"_s, QT_TRANSLATE_NOOP("Formatting", "Left space")},
        {u"space_inactive"_s, QT_TRANSLATE_NOOP("Formatting", "Space membership inactive")},
        {u"circle_tag_added"_s, QT_TRANSLATE_NOOP("Formatting", "Circle tag added")},
        {u"circle_tag_removed"_s, QT_TRANSLATE_NOOP("Formatting", "Circle tag removed")},
        // Kit
        {u"subscribed"_s, QT_TRANSLATE_NOOP("Formatting", "Subscribed")},
        {u"resubscribed"_s, QT_TRANSLATE_NOOP("Formatting", "Resubscribed")},
        {u"unsubscribed"_s, QT_TRANSLATE_NOOP("Formatting", "Unsubscribed")},
        {u"email_bounced"_s, QT_TRANSLATE_NOOP("Formatting", "Email bounced")},
        {u"email_complained"_s, QT_TRANSLATE_NOOP("Formatting", "Marked as spam")},
        {u"kit_tag_added"_s, QT_TRANSLATE_NOOP("Formatting", "Kit tag added")},
        {u"kit_tag_removed"_s, QT_TRANSLATE_NOOP("Formatting", "Kit tag removed")},
        {u"sequence_added"_s, QT_TRANSLATE_NOOP("Formatting", "Added to a Kit sequence")},
        {u"sequence_removed"_s, QT_TRANSLATE_NOOP("Formatting", "Left a Kit sequence")},
        {u"subscriber_state"_s, QT_TRANSLATE_NOOP("Formatting", "Subscriber state changed")},
    };
    if (const char *label = labels.value(kind))
        return Formatting::tr(label);
    // A kind this version does not know yet: still readable.
    QString words = kind;
    words.replace(u'_', u' ');
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

QString candidateReasonText(const QString &reason)
{
    if (reason == "loose_email"_L1)
        return Formatting::tr("address differs only by +suffix or dots");
    if (reason == "previous_email"_L1)
        return Formatting::tr("an address one of them used to have");
    return reason;
}

QString plainToolTip(const QString &text)
{
    // <qt> makes the tooltip rich text for sure, and the escaped text inside it then reads as itself.
    return u"<qt>"_s + text.toHtmlEscaped().replace(u'\n', u"<br>"_s) + u"</qt>"_s;
}

} // namespace sb::ui
