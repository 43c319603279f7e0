#include "common/Money.h"

#include <QStringList>
#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

int currencyDecimals(const QString &currency)
{
    static const QStringList zero = {u"bif"_s, u"clp"_s, u"djf"_s, u"gnf"_s, u"jpy"_s, u"kmf"_s,
                                     u"krw"_s, u"mga"_s, u"pyg"_s, u"rwf"_s, u"ugx"_s, u"vnd"_s,
                                     u"vuv"_s, u"xaf"_s, u"xof"_s, u"xpf"_s};
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
    // The C locale (no LANG, as in CI and containers) formats money poorly; English (US) is the sane
    // fallback.
    const QLocale l =
        locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : locale;
    const int decimals = currencyDecimals(currency);
    const double value = double(minorUnits) / std::pow(10.0, decimals);
    const QString code = currency.toUpper();
    // The locale's own symbol for the locale's currency ("$" in the US), the ISO code for any other, so "$"
    // never stands for two currencies at once.
    if (l.currencySymbol(QLocale::CurrencyIsoCode) == code)
        return l.toCurrencyString(value, l.currencySymbol(QLocale::CurrencySymbol), decimals);
    return code + QChar(0x00A0) + l.toString(value, 'f', decimals);
}

} // namespace sb
