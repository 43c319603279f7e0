#include "providers/Observation.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb {

QString idText(const QJsonValue &v)
{
    if (v.isDouble()) {
        // Only a whole number is an id: 1.5, 1e300 or 2^64 would all read as 0 (toInteger's default) and
        // so merge unrelated records under one id. They get none, and the mapper skips them.
        const qint64 i = v.toInteger();
        if (double(i) != v.toDouble())
            return {};
        return QString::number(i);
    }
    return v.isString() ? v.toString() : QString();
}

QString stringField(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

RawObject rawRecord(const QString &provider, const QString &kind, const QString &id,
                    const QJsonObject &record, Millis providerTime, Millis snapshotAt)
{
    return RawObject{provider,     kind,       id,    QJsonDocument(record).toJson(QJsonDocument::Compact),
                     providerTime, snapshotAt, record};
}

IngestItem observationItem(const QString &provider, const QString &key, const QString &memberId,
                           Millis observedAt, QJsonObject payload)
{
    payload.insert(u"key"_s, key);
    payload.insert(u"member_id"_s, memberId);
    payload.insert(u"observed_at"_s, observedAt);
    IngestItem item;
    item.raw.provider = provider;
    item.raw.kind = kObservationKind;
    item.raw.externalId = key;
    item.raw.json = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    item.raw.providerTime = observedAt;
    item.raw.snapshotAt = observedAt;
    item.owner.identityId = memberId;
    return item;
}

TimelineEvent preciseRow(const QString &provider, Millis at, const QString &kind, const QString &key,
                         const QString &summary)
{
    TimelineEvent e;
    e.at = at;
    e.provider = provider;
    e.kind = kind;
    e.sourceKey = key;
    e.summary = summary;
    return e;
}

TimelineEvent observedRow(const QString &provider, Millis at, const QString &kind, const QString &key,
                          const QString &summary)
{
    TimelineEvent e = preciseRow(provider, at, kind, key, summary);
    e.observed = true;
    return e;
}

} // namespace sb
