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
inline Millis secondsToMillis(qint64 s)
{
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
