// Words and badges for domain states, shared by the pages.
#pragma once

#include "domain/Types.h"

#include <QString>

namespace sb::ui {

QString paymentStateText(const PaymentState &state);
// "good", "warn" or "bad": which badge style a payment state gets.
QString paymentStateTone(const PaymentState &state);
QString relativeTime(Millis at, Millis now);

} // namespace sb::ui
