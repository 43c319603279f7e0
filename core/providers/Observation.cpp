#include "providers/Observation.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb {

QString idText(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toInteger());
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
    return RawObject{provider,     kind,      id, QJsonDocument(record).toJson(QJsonDocument::Compact),
                     providerTime, snapshotAt};
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
