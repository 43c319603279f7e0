#include "FindingFormatting.h"

#include "common/Money.h"
#include "common/Time.h"
#include "models/FindingsModel.h"
#include "models/TimelineModel.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
struct FindingFormatting {
    Q_DECLARE_TR_FUNCTIONS(FindingFormatting)
};

// Fact keys the reconciler uses, in words; any other key is made readable from its name.
const char *knownLabel(const QString &key)
{
    static const QHash<QString, const char *> labels = {
        {u"entitlement"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Paid for")},
        {u"circle_access_group"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Access group")},
        {u"circle_space"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Space")},
        {u"circle_member"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Circle member")},
        {u"circle_members"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Circle members")},
        {u"kit_tag"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Kit tag")},
        {u"kit_subscriber"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Kit subscriber")},
        {u"kit_subscribers"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Kit subscribers")},
        {u"membership"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Membership")},
        {u"memberships"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Memberships")},
        {u"payments"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Payments")},
        {u"subscription"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Subscription")},
        {u"dispute"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Dispute")},
        {u"other"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Other person")},
        {u"sync"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Sync")},
        {u"email"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Email")},
        {u"emails"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Emails")},
        {u"name"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Name")},
        {u"id"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Id")},
        {u"price"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Price")},
        {u"product"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Product")},
        {u"product_id"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Product id")},
        {u"amount"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Amount")},
        {u"at"_s, QT_TRANSLATE_NOOP("FindingFormatting", "At")},
        {u"since"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Since")},
        {u"until"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Until")},
        {u"grace_until"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Grace until")},
        {u"end_reason"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Ended because")},
        {u"source"_s, QT_TRANSLATE_NOOP("FindingFormatting", "From")},
        {u"source_id"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Paid by")},
        {u"charge"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Charge")},
        {u"payment_intent"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Payment")},
        {u"invoice"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Invoice")},
        {u"failed_at"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Failed at")},
        {u"attempts"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Attempts")},
        {u"member_id"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Circle member")},
        {u"container"_s, QT_TRANSLATE_NOOP("FindingFormatting", "In")},
        {u"container_id"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Where (id)")},
        {u"kind"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Kind")},
        {u"person_id"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Person")},
        {u"provider"_s, QT_TRANSLATE_NOOP("FindingFormatting", "System")},
        {u"status"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Status")},
        {u"state"_s, QT_TRANSLATE_NOOP("FindingFormatting", "State")},
        {u"reason"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Reason")},
        {u"due_by"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Respond by")},
        {u"created_at"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Created")},
        {u"last_ok_at"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Last good sync")},
        {u"last_error"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Last error")},
        {u"interval_seconds"_s, QT_TRANSLATE_NOOP("FindingFormatting", "Interval (seconds)")},
    };
    return labels.value(key);
}

QString keyLabel(const QString &key)
{
    if (const char *label = knownLabel(key))
        return FindingFormatting::tr(label);
    QString words = key;
    words.replace(u'_', u' ');
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

// Times are ISO 8601 text or UTC milliseconds under keys that say so ("at", "since", "…_at", "due_by", …).
bool isTimeKey(const QString &key)
{
    return key == "at"_L1 || key == "since"_L1 || key == "until"_L1 || key.endsWith("_at"_L1) ||
           key == "due_by"_L1 || key.endsWith("_since"_L1) || key.endsWith("_until"_L1);
}

bool isMoneyKey(const QString &key)
{
    return key == "amount"_L1 || key.endsWith("_amount"_L1) || key == "refunded"_L1;
}

QString objectText(const QJsonObject &o, const QString &separator);

// The keys of an object in reading order: what it is and where it stands first, ids and the rest after.
QStringList orderedKeys(const QJsonObject &o)
{
    static const QStringList first = {u"entitlement"_s, u"name"_s,       u"product"_s,  u"container"_s,
                                      u"email"_s,       u"state"_s,      u"status"_s,   u"amount"_s,
                                      u"reason"_s,      u"at"_s,         u"since"_s,    u"until"_s,
                                      u"grace_until"_s, u"end_reason"_s, u"due_by"_s,   u"failed_at"_s,
                                      u"attempts"_s,    u"source"_s,     u"source_id"_s};
    QStringList keys = o.keys();
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const qsizetype ia = first.indexOf(a), ib = first.indexOf(b);
        return (ia < 0 ? first.size() : ia) < (ib < 0 ? first.size() : ib);
    });
    return keys;
}

QString valueText(const QString &key, const QJsonValue &v, const QJsonObject &siblings)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? FindingFormatting::tr("yes") : FindingFormatting::tr("no");
    case QJsonValue::Double: {
        const qint64 n = v.toInteger();
        if (isTimeKey(key))
            return n > 0 ? localTime(n) : FindingFormatting::tr("never");
        if (isMoneyKey(key) && siblings.contains(u"currency"_s))
            return formatMoney(n, siblings.value(u"currency"_s).toString());
        return QLocale().toString(v.toDouble(), 'g', 15);
    }
    case QJsonValue::String: {
        const QString text = v.toString();
        if (isTimeKey(key)) {
            if (text.isEmpty())
                return FindingFormatting::tr("never");
            if (const Millis at = parseTime(text))
                return localTime(at);
        }
        if (key == "provider"_L1)
            return models::providerLabel(text);
        return text;
    }
    case QJsonValue::Array: {
        // A list of things, one per line; a list of plain values on one line.
        const QJsonArray items = v.toArray();
        QStringList parts;
        bool objects = false;
        for (const QJsonValue &item : items) {
            objects = objects || item.isObject();
            parts.append(item.isObject() ? objectText(item.toObject(), u"; "_s)
                                         : valueText(key, item, siblings));
        }
        parts.removeAll(QString());
        return parts.join(objects ? u"\n"_s : u", "_s);
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        // {id, name}: the name, with the id to look it up by.
        if (o.size() == 2 && o.contains(u"id"_s) && o.contains(u"name"_s))
            return FindingFormatting::tr("%1 (%2)").arg(valueText(u"name"_s, o.value(u"name"_s), o),
                                                        valueText(u"id"_s, o.value(u"id"_s), o));
        return objectText(o, u"\n"_s);
    }
    case QJsonValue::Null:
        return FindingFormatting::tr("none");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

// A nested object as "Label: value" parts; empty values left out, the currency shown with its amount.
QString objectText(const QJsonObject &o, const QString &separator)
{
    QStringList parts;
    for (const QString &key : orderedKeys(o)) {
        const QJsonValue v = o.value(key);
        if (key == "currency"_L1 && o.contains(u"amount"_s))
            continue;
        if (v.isNull() || (v.isString() && v.toString().isEmpty()))
            continue;
        const QString value = valueText(key, v, o);
        if (!value.isEmpty())
            parts.append(FindingFormatting::tr("%1: %2").arg(keyLabel(key), value));
    }
    return parts.join(separator);
}
} // namespace

SeverityColors severityColors(reconcile::Severity severity)
{
    switch (severity) {
    case reconcile::Severity::High:
        return {QColor(0xfd, 0xe4, 0xe4), QColor(0x8a, 0x1c, 0x1c), QColor(0xc6, 0x28, 0x28)};
    case reconcile::Severity::Medium:
        return {QColor(0xff, 0xf2, 0xd9), QColor(0x6b, 0x4a, 0x00), QColor(0xe0, 0x9a, 0x1a)};
    case reconcile::Severity::Low:
        break;
    }
    return {QColor(0xe8, 0xee, 0xf6), QColor(0x2c, 0x3e, 0x57), QColor(0x6b, 0x85, 0xa8)};
}

QList<std::pair<QString, QString>> factRows(const QJsonObject &facts)
{
    QList<std::pair<QString, QString>> rows;
    for (const QString &key : orderedKeys(facts)) {
        if (key == "currency"_L1 && facts.contains(u"amount"_s))
            continue; // shown with the amount
        const QString value = valueText(key, facts.value(key), facts);
        if (!value.isEmpty()) // a null is kept: "Circle member: none" is a fact
            rows.append({keyLabel(key), value});
    }
    return rows;
}

QString fixPlanText(const QList<reconcile::FixStep> &steps)
{
    QStringList lines;
    for (qsizetype i = 0; i < steps.size(); ++i)
        lines.append(u"%1. %2"_s.arg(i + 1).arg(models::withLocalTimes(steps.at(i).description)));
    return lines.join(u'\n');
}

QString writeAccessNote()
{
    return FindingFormatting::tr(
        "Fix… on the attention page shows every remote call before anything changes; "
        "applying needs writes unlocked (Ctrl+Shift+U).");
}

QString localTime(Millis at)
{
    return QLocale().toString(fromMillis(at).toLocalTime(), u"yyyy-MM-dd HH:mm"_s);
}

} // namespace sb::ui
