#include "common/Money.h"

#include <QStringList>
#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

int currencyDecimals(const QString &currency)
{
    static const QStringList zero = {u"bif"_s, u"clp"_s, u"djf"_s, u"gnf"_s, u"jpy"_s, u"kmf"_s, u"krw"_s, u"mga"_s,
                                     u"pyg"_s, u"rwf"_s, u"ugx"_s, u"vnd"_s, u"vuv"_s, u"xaf"_s, u"xof"_s, u"xpf"_s};
    static const QStringList three = {u"bhd"_s, u"jod"_s, u"kwd"_s, u"omr"_s, u"tnd"_s};
    const QString c = currency.toLower();
    if (zero.contains(c))
        return 0;
    if (three.contains(c))
        return 3;
    return 2;
}

QString formatMoney(qint64 minorUnits, const QString &currency, const QLocale &locale)
{
    const int decimals = currencyDecimals(currency);
    const double value = double(minorUnits) / std::pow(10.0, decimals);
    const QString code = currency.toUpper();
    QString symbol = code;
    // The locale's own symbol when the currency is the locale's, the ISO code otherwise (no "$" ambiguity).
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == code)
        symbol = locale.currencySymbol(QLocale::CurrencySymbol);
    return locale.toCurrencyString(value, symbol, decimals);
}

} // namespace sb
