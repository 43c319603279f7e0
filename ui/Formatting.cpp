#include "Formatting.h"

#include "common/Money.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
QString tr(const char *s) { return QCoreApplication::translate("sb::ui::Formatting", s); }
} // namespace

QString paymentStateText(const PaymentState &s)
{
    using K = PaymentState::Kind;
    QString text;
    switch (s.kind) {
    case K::None:
        return tr("No payments");
    case K::Active:
        text = tr("Active subscription");
        break;
    case K::Trialing:
        text = tr("Trial");
        break;
    case K::PastDue:
        text = tr("Payment failed — past due");
        break;
    case K::Canceled:
        text = tr("Subscription ended");
        break;
    case K::Paid:
        text = tr("Paid");
        break;
    case K::Refunded:
        text = tr("Refunded");
        break;
    case K::Disputed:
        text = tr("Dispute open");
        break;
    }
    if (!s.currency.isEmpty())
        text += tr(" · net paid %1").arg(formatMoney(s.paidTotal, s.currency));
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
        return tr("just now");
    if (s < 3600)
        return tr("%1 min ago").arg(s / 60);
    if (s < 86400)
        return tr("%1 h ago").arg(s / 3600);
    return tr("%1 days ago").arg(s / 86400);
}

} // namespace sb::ui
