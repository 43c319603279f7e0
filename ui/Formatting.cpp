#include "Formatting.h"

#include "common/Money.h"

#include <QCoreApplication>

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

} // namespace sb::ui
