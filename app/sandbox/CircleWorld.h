// Turns the Circle journeys of a world into Circle community members (their state at now), ready for the
// Admin API v2 emulation: each member's access groups, spaces and tags, with the record ids Circle gives
// them. The API's writes change the same members, through the same steps the journey verbs take.
#pragma once

#include "World.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <vector>

namespace sb::sandbox::circle {

// One membership row (access group member, space member, tagged member): its own id and when it was made.
struct Grant {
    qint64 id = 0;
    qint64 at = 0; // unix seconds, sandbox time
};

struct Member {
    qint64 id = 0;
    qint64 userId = 0;
    QString publicUid;
    QString email;
    QString name;
    qint64 created = 0; // unix seconds, sandbox time
    qint64 updated = 0;
    qint64 lastSeen = 0;           // 0 = null
    qint64 acceptedInvitation = 0; // 0 = null: invited, never joined
    qint64 profileConfirmed = 0;   // 0 = null
    bool active = false;
    QMap<qint64, Grant> accessGroups; // access group id -> its row
    QMap<qint64, Grant> spaces;       // space id -> its row
    QMap<qint64, Grant> memberTags;   // member tag id -> its row (only API writes tag members)

    // Deactivated (joined once, inactive now), as opposed to invited and not joined yet.
    bool deactivated() const { return !active && acceptedInvitation != 0; }
};

class CircleWorld {
public:
    // Membership rows (access group, space and tag memberships) share one sequence, in the order they were
    // made.
    static constexpr qint64 FirstGrantId = 91000001;

    // Rebuilds the members from `world`; every world time is shifted by `offset` seconds. Entries are applied
    // in time order across people, so member ids grow with created_at.
    void materialise(const World &world, qint64 offset);

    // Applies one more entry for the person with this address at `at` (sandbox time).
    void applyLive(const QString &email, const QString &name, const JourneyEntry &entry, qint64 at);

    // In creation (and id) order.
    const std::vector<Member> &members() const { return m_members; }
    const Member *findMember(qint64 id) const;
    const Member *findByEmail(const QString &email) const; // exact address
    const NamedId *findAccessGroup(qint64 id) const;
    const NamedId *findSpace(qint64 id) const;
    const NamedId *findMemberTag(qint64 id) const;

    const QList<NamedId> &accessGroups() const { return m_accessGroups; }
    const QList<NamedId> &spaces() const { return m_spaces; }
    const QList<NamedId> &memberTags() const { return m_memberTags; }

    // For the API's writes, at sandbox time `at`. Pointers stay valid until the next member is created.
    Member *member(qint64 id);
    Member *memberByEmail(const QString &email); // exact address
    // A new member for an address no member has: invited (inactive, no accepted invitation), or joined.
    Member &createMember(const QString &email, const QString &name, qint64 at, bool joined);
    // Adds a row to one of a member's memberships (&Member::accessGroups, spaces or memberTags) with the next
    // row id; false, and nothing changes, when the row is there already.
    bool grant(Member &m, QMap<qint64, Grant> Member::*which, qint64 key, qint64 at);
    // Removes the row; false when there was none.
    bool revoke(Member &m, QMap<qint64, Grant> Member::*which, qint64 key, qint64 at);
    // Makes the member inactive (the `deactivate` verb); false when it was inactive already.
    bool deactivate(Member &m, qint64 at);

private:
    void apply(const QString &personEmail, const QString &personName, const JourneyEntry &e, qint64 at);
    Member *memberFor(const QString &email, const QString &name, qint64 at, bool *created);
    static void join(Member &m, qint64 at);

    QList<NamedId> m_accessGroups;
    QList<NamedId> m_spaces;
    QList<NamedId> m_memberTags;
    std::vector<Member> m_members;
    QHash<QString, int> m_byEmail;
    qint64 m_nextGrantId = FirstGrantId;
};

} // namespace sb::sandbox::circle
