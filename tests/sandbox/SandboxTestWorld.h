// Small hand-written worlds for the sandbox tests: a fixed catalog and helpers for times relative to "now".
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace sb::sandbox::testing {

inline constexpr qint64 Minute = 60;
inline constexpr qint64 Hour = 3600;
inline constexpr qint64 Day = 86400;

inline qint64 worldNow()
{
    return QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC).toSecsSinceEpoch();
}

// An ISO time `seconds` before the world's now.
inline QString ago(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(worldNow() - seconds, Qt::UTC).toString(Qt::ISODate);
}

inline QJsonObject entry(qint64 secondsAgo, const QString &verb, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("at"), ago(secondsAgo));
    fields.insert(QStringLiteral("do"), verb);
    return fields;
}

inline QJsonObject person(const QString &email, const QJsonArray &stripe, const QJsonArray &circle = {},
                          const QJsonArray &kit = {})
{
    QJsonObject p{{QStringLiteral("email"), email}, {QStringLiteral("name"), QStringLiteral("Test Person")}};
    if (!stripe.isEmpty())
        p.insert(QStringLiteral("stripe"), stripe);
    if (!circle.isEmpty())
        p.insert(QStringLiteral("circle"), circle);
    if (!kit.isEmpty())
        p.insert(QStringLiteral("kit"), kit);
    return p;
}

inline QJsonObject world(const QJsonArray &people)
{
    const auto product = [](const char *prod, const char *price, const char *name, const char *mode,
                            int amount, const char *interval) {
        QJsonObject o{{QStringLiteral("product"), QLatin1StringView(prod)},
                      {QStringLiteral("price"), QLatin1StringView(price)},
                      {QStringLiteral("name"), QLatin1StringView(name)},
                      {QStringLiteral("mode"), QLatin1StringView(mode)},
                      {QStringLiteral("amount"), amount},
                      {QStringLiteral("currency"), QStringLiteral("usd")}};
        if (interval)
            o.insert(QStringLiteral("interval"), QLatin1StringView(interval));
        return o;
    };
    const QJsonObject catalog{
        {QStringLiteral("products"),
         QJsonArray{product("prod_pro", "price_pro_monthly", "Pro", "subscription", 4900, "month"),
                    product("prod_pro", "price_pro_yearly", "Pro", "subscription", 49000, "year"),
                    product("prod_course", "price_course", "Course", "payment", 29900, nullptr)}},
        {QStringLiteral("circle"),
         QJsonObject{{QStringLiteral("access_groups"),
                      QJsonArray{QJsonObject{{QStringLiteral("id"), 101},
                                             {QStringLiteral("name"), QStringLiteral("Pro")}}}},
                     {QStringLiteral("spaces"),
                      QJsonArray{QJsonObject{{QStringLiteral("id"), 201},
                                             {QStringLiteral("name"), QStringLiteral("Lounge")}}}}}},
        {QStringLiteral("kit"),
         QJsonObject{{QStringLiteral("tags"),
                      QJsonArray{QJsonObject{{QStringLiteral("id"), 501},
                                             {QStringLiteral("name"), QStringLiteral("pro")}}}}}}};
    return QJsonObject{{QStringLiteral("version"), 1},
                       {QStringLiteral("now"), ago(0)},
                       {QStringLiteral("catalog"), catalog},
                       {QStringLiteral("policy"),
                        QJsonArray{QJsonObject{{QStringLiteral("price"), QStringLiteral("price_pro_monthly")},
                                               {QStringLiteral("circle_access_groups"), QJsonArray{101}},
                                               {QStringLiteral("kit_tags"), QJsonArray{501}}}}},
                       {QStringLiteral("people"), people}};
}

} // namespace sb::sandbox::testing
