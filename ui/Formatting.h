// Words and badges for domain states, shared by the pages.
#pragma once

#include "domain/Types.h"

#include <QString>

namespace sb::ui {

QString paymentStateText(const PaymentState &state);
// "good", "warn" or "bad": which badge style a payment state gets.
QString paymentStateTone(const PaymentState &state);
QString relativeTime(Millis at, Millis now);

// One line on where a person stands in Circle or Kit, without the system's name: "Active member · groups:
// Pro members · spaces: General · tags: VIP", "Not a subscriber", "Bounced · tags: newsletter".
QString systemStatusText(const SystemStatus &status);
// A timeline row kind in words ("payment_failed" -> "Payment failed"), for filters.
QString kindLabel(const QString &kind);
// Why two people may be one human, in words (SamePersonCandidate::reason).
QString candidateReasonText(const QString &reason);
// Tooltips guess whether text is markup; this one is always shown as the plain text it is.
QString plainToolTip(const QString &text);

} // namespace sb::ui
