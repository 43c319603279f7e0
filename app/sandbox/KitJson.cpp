#include "KitJson.h"

#include "KitWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb::sandbox::kit {

QByteArray toBody(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpResponse kitError(int status, const QString &message)
{
    HttpResponse r;
    r.status = status;
    r.body = toBody(QJsonObject{{u"errors"_s, QJsonArray{message}}});
    return r;
}

HttpResponse notFound()
{
    return kitError(404, u"Not Found"_s);
}

QString kitTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

std::optional<qint64> readTime(const QString &text)
{
    if (text.isEmpty())
        return 0;
    // QDate's ISO parser reads the date part of a longer time too: only a bare date is a date.
    const QDate date = text.size() == 10 ? QDate::fromString(text, Qt::ISODate) : QDate();
    if (date.isValid())
        return QDateTime(date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toSecsSinceEpoch();
}

const QStringList &subscriberStates()
{
    static const QStringList list = {u"active"_s, u"inactive"_s, u"bounced"_s, u"complained"_s,
                                     u"cancelled"_s};
    return list;
}

QJsonObject renderSubscriber(const Subscriber &s)
{
    return QJsonObject{{u"id"_s, s.id},
                       {u"first_name"_s, s.firstName.isEmpty() ? QJsonValue(QJsonValue::Null) : s.firstName},
                       {u"email_address"_s, s.email},
                       {u"state"_s, s.state},
                       {u"created_at"_s, kitTime(s.created)},
                       {u"fields"_s, QJsonObject()}};
}

} // namespace sb::sandbox::kit
