// What the polled providers (Circle, Kit) share: reading their JSON, and the changes Switchboard saw by
// comparing snapshots. Circle and Kit keep no history of access or tags, so a
// removal or a state change exists only because a sync noticed it: it is stored as a raw object of kind
// "observation" (its JSON keeps everything the timeline row needs), so a rebuild derives the same row.
#pragma once

#include "domain/Types.h"

namespace sb {

inline const QString kObservationKind = QStringLiteral("observation");

// Circle's and Kit's ids are JSON numbers (Kit's beyond 32 bits); the cache keeps every external id as text.
QString idText(const QJsonValue &v);
// A string field, or an empty string when it is absent, null or not a string.
QString stringField(const QJsonObject &o, QLatin1StringView key);
// A record as the raw layer keeps it: its compact JSON, the provider's time and the moment it describes.
RawObject rawRecord(const QString &provider, const QString &kind, const QString &id,
                    const QJsonObject &record, Millis providerTime, Millis snapshotAt);

// The raw item of an observation owned by `memberId` (an identity of `provider`); the caller adds its rows.
// `key` names the change uniquely (it is both the raw id and the row's source key).
IngestItem observationItem(const QString &provider, const QString &key, const QString &memberId,
                           Millis observedAt, QJsonObject payload);

// An observed row: `at` is when the sync saw it, not when it happened.
TimelineEvent observedRow(const QString &provider, Millis at, const QString &kind, const QString &key,
                          const QString &summary);
TimelineEvent preciseRow(const QString &provider, Millis at, const QString &kind, const QString &key,
                         const QString &summary);

} // namespace sb
