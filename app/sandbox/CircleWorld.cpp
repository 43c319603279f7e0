#include "CircleWorld.h"

#include "Random.h"

#include <algorithm>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;

namespace sb::sandbox::circle {

namespace {

// Circle's ids are plain integers; these bases keep member and user ids apart and realistic in size.
constexpr qint64 FirstMemberId = 40000001;
constexpr qint64 FirstUserId = 70000001;

QString publicUidFor(qint64 id)
{
    return QString::number(SplitMix64::mix(static_cast<quint64>(id)) & 0xFFFFFFFFULL, 16)
        .rightJustified(8, u'0');
}

} // namespace

void CircleWorld::materialise(const World &world, qint64 offset)
{
    m_accessGroups = world.circleAccessGroups;
    m_spaces = world.circleSpaces;
    m_memberTags = world.circleMemberTags;
    m_members.clear();
    m_byEmail.clear();
    m_nextGrantId = FirstGrantId;

    forEachInTimeOrder(world, Provider::Circle,
                       [this, offset](const Person &person, const JourneyEntry &entry) {
                           apply(person.email, person.name, entry, entry.at + offset);
                       });
}

void CircleWorld::applyLive(const QString &email, const QString &name, const JourneyEntry &entry, qint64 at)
{
    apply(email, name, entry, at);
}

const Member *CircleWorld::findMember(qint64 id) const
{
    const qint64 n = id - FirstMemberId;
    if (n < 0 || n >= static_cast<qint64>(m_members.size()))
        return nullptr;
    return &m_members[static_cast<size_t>(n)];
}

const Member *CircleWorld::findByEmail(const QString &email) const
{
    const auto it = m_byEmail.constFind(email);
    return it == m_byEmail.cend() ? nullptr : &m_members[static_cast<size_t>(*it)];
}

namespace {
const NamedId *findNamed(const QList<NamedId> &list, qint64 id)
{
    const auto it = std::find_if(list.cbegin(), list.cend(), [id](const NamedId &n) { return n.id == id; });
    return it == list.cend() ? nullptr : &*it;
}
} // namespace

const NamedId *CircleWorld::findAccessGroup(qint64 id) const
{
    return findNamed(m_accessGroups, id);
}

const NamedId *CircleWorld::findSpace(qint64 id) const
{
    return findNamed(m_spaces, id);
}

const NamedId *CircleWorld::findMemberTag(qint64 id) const
{
    return findNamed(m_memberTags, id);
}

Member *CircleWorld::member(qint64 id)
{
    return const_cast<Member *>(std::as_const(*this).findMember(id));
}

Member *CircleWorld::memberByEmail(const QString &email)
{
    return const_cast<Member *>(std::as_const(*this).findByEmail(email));
}

Member &CircleWorld::createMember(const QString &email, const QString &name, qint64 at, bool joined)
{
    const int n = static_cast<int>(m_members.size());
    Member m;
    m.id = FirstMemberId + n;
    m.userId = FirstUserId + n;
    m.publicUid = publicUidFor(m.id);
    m.email = email;
    m.name = name.trimmed().isEmpty() ? email.section(u'@', 0, 0) : name.trimmed();
    m.created = at;
    m.updated = at;
    if (joined)
        join(m, at);
    m_members.push_back(std::move(m));
    m_byEmail.insert(email, n);
    return m_members.back();
}

Member *CircleWorld::memberFor(const QString &email, const QString &name, qint64 at, bool *created)
{
    const auto it = m_byEmail.constFind(email);
    *created = it == m_byEmail.cend();
    if (!*created)
        return &m_members[static_cast<size_t>(*it)];
    return &createMember(email, name, at, false);
}

void CircleWorld::join(Member &m, qint64 at)
{
    if (m.acceptedInvitation == 0)
        m.acceptedInvitation = at;
    if (m.profileConfirmed == 0)
        m.profileConfirmed = at;
    m.active = true;
    m.lastSeen = at;
}

bool CircleWorld::grant(Member &m, QMap<qint64, Grant> Member::*which, qint64 key, qint64 at)
{
    QMap<qint64, Grant> &rows = m.*which;
    if (rows.contains(key))
        return false;
    rows.insert(key, Grant{m_nextGrantId++, at});
    m.updated = at;
    return true;
}

bool CircleWorld::revoke(Member &m, QMap<qint64, Grant> Member::*which, qint64 key, qint64 at)
{
    if ((m.*which).remove(key) == 0)
        return false;
    m.updated = at;
    return true;
}

bool CircleWorld::deactivate(Member &m, qint64 at)
{
    if (!m.active)
        return false;
    m.active = false;
    m.updated = at;
    return true;
}

void CircleWorld::apply(const QString &personEmail, const QString &personName, const JourneyEntry &e,
                        qint64 at)
{
    // An entry's own address is another member (a duplicate, a typo, a case variant): Circle matches exactly.
    const QString email = e.email.isEmpty() ? personEmail : e.email;
    const QString &v = e.verb;
    const bool removes = v == u"remove_access_group" || v == u"remove_space" || v == u"deactivate";
    Member *m = nullptr;
    bool created = false;
    if (removes) {
        const auto it = m_byEmail.constFind(email);
        if (it == m_byEmail.cend())
            return; // nothing to take away from someone who was never a member
        m = &m_members[static_cast<size_t>(*it)];
    } else {
        m = memberFor(email, personName, at, &created);
    }
    m->updated = at;

    // A world may grant access to someone who never joined explicitly: the grant makes them a member, since
    // the journey is the whole truth.
    const bool joins = v == u"join" || (created && (v == u"add_access_group" || v == u"add_space"));
    if (joins)
        join(*m, at);
    if (v == u"deactivate")
        m->active = false;
    if (m->active)
        m->lastSeen = at;

    for (qint64 group : e.accessGroups) {
        if (v == u"remove_access_group")
            revoke(*m, &Member::accessGroups, group, at);
        else
            grant(*m, &Member::accessGroups, group, at);
    }
    for (qint64 space : e.spaces) {
        if (v == u"remove_space")
            revoke(*m, &Member::spaces, space, at);
        else
            grant(*m, &Member::spaces, space, at);
    }
}

} // namespace sb::sandbox::circle
