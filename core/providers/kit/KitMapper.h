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
inline const QString Tagging = QStringLiteral("tagging");     // one subscriber carrying one tag
inline const QString Enrolment = QStringLiteral("enrolment"); // one subscriber in one sequence
} // namespace kind

class KitMapper {
public:
    void learn(const QString &rawKind, const QJsonObject &object);
    QString tagName(const QString &tagId) const;

    // A record as listed: a subscriber, a tag, a sequence, or an observation (for a rebuild).
    QList<IngestItem> map(const QString &rawKind, const QJsonObject &record, Millis fetchedAt) const;
    // A subscriber as listed by GET /tags/{id}/subscribers (with tagged_at) or GET
    // /sequences/{id}/subscribers (with added_at): the tagging or the enrolment. containerKind: "tag" or
    // "sequence".
    QList<IngestItem> mapMembership(const QString &containerKind, const QString &containerId,
                                    const QJsonObject &subscriber, Millis fetchedAt) const;
    QList<IngestItem> mapTagging(const QString &tagId, const QJsonObject &subscriber, Millis fetchedAt) const
    {
        return mapMembership(kind::Tag, tagId, subscriber, fetchedAt);
    }
    // What changed between the stored snapshot of a subscriber (empty when first seen) and a fresh one.
    QList<IngestItem> subscriberChanges(const QJsonObject &previous, const QJsonObject &current,
                                        Millis observedAt) const;
    // A tag (or sequence) a full listing of its subscribers no longer shows on this subscriber.
    IngestItem removal(const QString &containerKind, const QString &containerId,
                       const StoredMembership &membership, Millis observedAt) const;
    QString containerName(const QString &containerKind, const QString &id) const;

    static QString taggingId(const QString &tagId, const QString &subscriberId);

private:
    QList<TimelineEvent> membershipRows(const QJsonObject &record, const QString &name = {}) const;
    QList<TimelineEvent> observationRows(const QJsonObject &payload) const;

    QHash<QString, QString> m_tagNames;
    QHash<QString, QString> m_sequenceNames;
};

} // namespace sb::kit
