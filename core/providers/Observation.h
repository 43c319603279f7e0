// Changes Switchboard saw by comparing snapshots. Circle and Kit keep no history of access or tags, so a
// removal or a state change exists only because a sync noticed it: it is stored as a raw object of kind
// "observation" (its JSON keeps everything the timeline row needs), so a rebuild derives the same row.
#pragma once

#include "domain/Types.h"

namespace sb {

inline const QString kObservationKind = QStringLiteral("observation");

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
