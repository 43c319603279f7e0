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

// A clock that tests can replace; production uses the system clock.
class Clock {
public:
    using Source = std::function<Millis()>;
    static Millis now();
    static void setSource(Source source); // nullptr restores the system clock
};

} // namespace sb
