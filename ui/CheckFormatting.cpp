#include "CheckFormatting.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
// The translation context of the words below (free functions have no class to take it from).
struct CheckFormatting {
    Q_DECLARE_TR_FUNCTIONS(CheckFormatting)
};
} // namespace

QString levelText(doctor::Level level)
{
    switch (level) {
    case doctor::Level::Fail:
        return CheckFormatting::tr("Fix");
    case doctor::Level::Warn:
        return CheckFormatting::tr("Warning");
    case doctor::Level::Ok:
        return CheckFormatting::tr("OK");
    case doctor::Level::Skipped:
        return CheckFormatting::tr("Not checked");
    }
    return {};
}

QColor levelColor(doctor::Level level)
{
    switch (level) {
    case doctor::Level::Fail:
        return QColor(0xb0, 0x00, 0x20);
    case doctor::Level::Warn:
        return QColor(0x9a, 0x5b, 0x00);
    case doctor::Level::Ok:
        return QColor(0x1d, 0x5e, 0x32);
    case doctor::Level::Skipped:
        break;
    }
    return QColor(0x6b, 0x72, 0x80);
}

QIcon levelIcon(doctor::Level level)
{
    QIcon icon;
    for (const int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(level == doctor::Level::Warn ? QColor(0xe0, 0x9a, 0x00) : levelColor(level));
        p.drawEllipse(QRectF(0.5, 0.5, size - 1.0, size - 1.0));
        QPen pen(Qt::white, size / 8.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        const qreal a = size * 0.3, b = size * 0.7, mid = size / 2.0;
        switch (level) {
        case doctor::Level::Fail:
            p.drawLine(QPointF(a, a), QPointF(b, b));
            p.drawLine(QPointF(a, b), QPointF(b, a));
            break;
        case doctor::Level::Warn:
            p.drawLine(QPointF(mid, size * 0.22), QPointF(mid, size * 0.58));
            p.drawPoint(QPointF(mid, size * 0.76));
            break;
        case doctor::Level::Ok:
            p.drawPolyline(QList<QPointF>{{size * 0.27, mid}, {size * 0.44, size * 0.68}, {size * 0.74, a}});
            break;
        case doctor::Level::Skipped:
            p.drawLine(QPointF(a, mid), QPointF(b, mid));
            break;
        }
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString areaTitle(const QString &area)
{
    if (area == "stripe_webhooks"_L1)
        return CheckFormatting::tr("Stripe webhook endpoints");
    if (area == "webhook_probe"_L1)
        return CheckFormatting::tr("Your webhook URL");
    if (area == "email_auth"_L1)
        return CheckFormatting::tr("Email authentication");
    if (area == "page_probe"_L1)
        return CheckFormatting::tr("Checkout and login pages");
    if (area == "journeys"_L1)
        return CheckFormatting::tr("Recent buyers' journeys");
    if (area == "receiver"_L1)
        return CheckFormatting::tr("Live events in Switchboard");
    return area; // a newer check's area: its code is better than nothing
}

QStringList areaOrder()
{
    return {u"stripe_webhooks"_s, u"webhook_probe"_s, u"journeys"_s,
            u"email_auth"_s,      u"page_probe"_s,    u"receiver"_s};
}

QString factsText(const QJsonObject &facts)
{
    QStringList lines;
    for (auto it = facts.constBegin(); it != facts.constEnd(); ++it) {
        const QJsonValue v = it.value();
        QString value;
        if (v.isObject())
            value = u'\n' + QString::fromUtf8(QJsonDocument(v.toObject()).toJson()).trimmed();
        else if (v.isArray())
            value = u'\n' + QString::fromUtf8(QJsonDocument(v.toArray()).toJson()).trimmed();
        else if (v.isBool())
            value = v.toBool() ? u"true"_s : u"false"_s;
        else if (v.isDouble())
            value = QString::number(v.toDouble(), 'g', 15);
        else if (v.isNull())
            value = u"null"_s;
        else
            value = v.toString();
        lines.append(it.key() + u": "_s + value);
    }
    return lines.join(u'\n');
}

} // namespace sb::ui
