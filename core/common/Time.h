// Time conventions: stored as UTC unix milliseconds (INTEGER), shown in local time. An injectable clock.
#pragma once

#include <QDateTime>
#include <functional>

namespace sb {

using Millis = qint64;

inline Millis toMillis(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}
inline QDateTime fromMillis(Millis ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}
// Seconds from a provider (a JSON number) as milliseconds. A time outside years 0001–9999 is not a time
// but hostile or broken input: it maps to 0 ("no time", as parseTime does) instead of overflowing, so
// sums and comparisons of stored times stay far inside qint64.
inline constexpr qint64 kMaxTimeSeconds = 253402300799; // 9999-12-31T23:59:59Z
inline Millis secondsToMillis(qint64 s)
{
    if (s > kMaxTimeSeconds || s < -62135596800) // before 0001-01-01T00:00:00Z
        return 0;
    return s * 1000;
}
QString isoUtc(Millis ms);
// An ISO 8601 time ("2026-11-20T12:00:00.000Z", "2026-11-20T12:00:00+01:00") or Circle's
// "2026-11-20 12:00:00 UTC", as UTC milliseconds; 0 when the text is empty or not a time.
Millis parseTime(const QString &text);

// A clock that tests can replace; production uses the system clock.
class Clock {
public:
    using Source = std::function<Millis()>;
    static Millis now();
    static void setSource(Source source); // nullptr restores the system clock
};

} // namespace sb
