#include "common/Time.h"

#include <QTimeZone>

namespace sb {

namespace {
Clock::Source &source()
{
    static Clock::Source s;
    return s;
}
} // namespace

QString isoUtc(Millis ms)
{
    return fromMillis(ms).toString(Qt::ISODateWithMs);
}

Millis parseTime(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return 0;
    QDateTime d = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!d.isValid() && t.endsWith(QLatin1StringView(" UTC"))) {
        d = QDateTime::fromString(t.chopped(4), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        d.setTimeSpec(Qt::UTC);
    }
    if (!d.isValid())
        return 0;
    // ISO text without an offset is taken as UTC, never as this computer's local time.
    if (d.timeSpec() == Qt::LocalTime)
        d.setTimeSpec(Qt::UTC);
    return d.toMSecsSinceEpoch();
}

Millis Clock::now()
{
    const auto &s = source();
    return s ? s() : QDateTime::currentMSecsSinceEpoch();
}

void Clock::setSource(Source s)
{
    source() = std::move(s);
}

} // namespace sb
