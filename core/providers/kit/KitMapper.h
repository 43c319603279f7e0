// Maps Kit API v4 JSON (subscribers, tags, the subscribers of each tag with tagged_at, sequences) into raw
// objects, identities, memberships and timeline rows; and turns what changed between two snapshots into
// observations. Pure: no network, no SQL.
#pragma once

#include "domain/Types.h"
#include "providers/Observation.h"

#include <QHash>
#include <QJsonObject>

namespace sb::kit {

namespace kind {
inline const QString Subscriber = QStringLiteral("subscriber");
inline const QString Tag = QStringLiteral("tag");
inline const QString Sequence = QStringLiteral("sequence");
inline const QString Tagging = QStringLiteral("tagging"); // one subscriber carrying one tag
} // namespace kind

class KitMapper {
public:
    void learn(const QString &rawKind, const QJsonObject &object);
    QString tagName(const QString &tagId) const;

    // A record as listed: a subscriber, a tag, a sequence, or an observation (for a rebuild).
    QList<IngestItem> map(const QString &rawKind, const QJsonObject &record, Millis fetchedAt) const;
    // A subscriber as listed by GET /tags/{tagId}/subscribers (with tagged_at): the tagging.
    QList<IngestItem> mapTagging(const QString &tagId, const QJsonObject &subscriber, Millis fetchedAt) const;
    // What changed between the stored snapshot of a subscriber (empty when first seen) and a fresh one.
    QList<IngestItem> subscriberChanges(const QJsonObject &previous, const QJsonObject &current,
                                        Millis observedAt) const;
    // A tag a full listing of the tag's subscribers no longer shows on this subscriber.
    IngestItem removal(const QString &tagId, const StoredMembership &membership, Millis observedAt) const;

    static QString taggingId(const QString &tagId, const QString &subscriberId);

private:
    QList<TimelineEvent> taggingRows(const QJsonObject &tagging, const QString &name = {}) const;
    QList<TimelineEvent> observationRows(const QJsonObject &payload) const;

    QHash<QString, QString> m_tagNames;
    QHash<QString, QString> m_sequenceNames;
};

} // namespace sb::kit
