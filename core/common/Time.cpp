#include "common/Time.h"

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
