// Maps Circle Admin API v2 JSON (members, access groups, spaces, member tags and their membership rows)
// into raw objects, identities, memberships and timeline rows; and turns what changed between two
// snapshots into observations. Pure: no network, no SQL.
#pragma once

#include "domain/Types.h"
#include "providers/Observation.h"

#include <QHash>
#include <QJsonObject>

namespace sb::circle {

// Raw kinds. Membership kinds are also the container kinds of the membership projection's rows.
namespace kind {
inline const QString Member = QStringLiteral("member");
inline const QString AccessGroup = QStringLiteral("access_group");
inline const QString Space = QStringLiteral("space");
inline const QString MemberTag = QStringLiteral("member_tag");
inline const QString AccessGroupMember = QStringLiteral("access_group_member");
inline const QString SpaceMember = QStringLiteral("space_member");
inline const QString TaggedMember = QStringLiteral("tagged_member");
} // namespace kind

class CircleMapper {
public:
    // Names for timeline rows ("Added to access group Pro members"), from catalog objects.
    void learn(const QString &rawKind, const QJsonObject &object);
    QString containerName(const QString &containerKind, const QString &id) const;

    // One record as listed, fetched at `fetchedAt`, of a raw kind above (or an observation, for a rebuild).
    QList<IngestItem> map(const QString &rawKind, const QJsonObject &record, Millis fetchedAt) const;

    // What changed between the stored snapshot of a member (empty when first seen) and a fresh one.
    QList<IngestItem> memberChanges(const QJsonObject &previous, const QJsonObject &current,
                                    Millis observedAt) const;
    // A space membership whose status changed (active <-> inactive).
    QList<IngestItem> spaceMemberChanges(const QJsonObject &previous, const QJsonObject &current,
                                         Millis observedAt) const;
    // A membership a full listing no longer shows.
    IngestItem removal(const QString &containerKind, const QString &containerId,
                       const StoredMembership &membership, Millis observedAt) const;
    // A member a full listing (status=all) no longer shows: deleted from the community.
    IngestItem memberGone(const QJsonObject &previous, Millis observedAt) const;

    // The container a membership raw kind belongs to.
    static QString containerKindOf(const QString &rawKind);

private:
    // `name`: the container's name when known from elsewhere (an observation keeps it, the catalog may not).
    QList<TimelineEvent> membershipRows(const QString &rawKind, const QJsonObject &record,
                                        const QString &name = {}) const;
    QList<TimelineEvent> observationRows(const QJsonObject &payload) const;

    QHash<QString, QString> m_names; // "<kind>:<id>" -> name
};

} // namespace sb::circle
