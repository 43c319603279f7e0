// Money is stored in minor units with its currency and shown with the user's locale.
#pragma once

#include <QLocale>
#include <QString>

namespace sb {

// Number of decimal places of a currency's minor unit (Stripe's zero- and three-decimal currencies).
int currencyDecimals(const QString &currency);
QString formatMoney(qint64 minorUnits, const QString &currency, const QLocale &locale = QLocale());

} // namespace sb
