#include "CircleWrites.h"

#include "CircleJson.h"
#include "CircleWorld.h"
#include "JsonParams.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb::sandbox::circle {

namespace {

QString names(const QList<qint64> &ids, const NamedId *(CircleWorld::*find)(qint64) const,
              const CircleWorld &world)
{
    QStringList out;
    for (qint64 id : ids) {
        const NamedId *n = (world.*find)(id);
        out.append(n ? n->name : QString::number(id));
    }
    return out.join(u", ");
}

} // namespace

CircleWrites::CircleWrites(CircleWorld &world)
    : m_world(world)
{}

HttpResponse CircleWrites::changed(bool change, HttpResponse response)
{
    if (change)
        ++m_changes;
    return response;
}

std::optional<HttpResponse> CircleWrites::handle(const HttpRequest &request, const QStringList &segments,
                                                 qint64 now)
{
    const bool post = request.method == "POST";
    const bool del = request.method == "DELETE";
    const QString first = segments.value(0);
    enum class Write {
        CreateMember,
        DeactivateMember,
        AddGroupMember,
        RemoveGroupMember,
        AddSpaceMember,
        RemoveSpaceMember,
        Tag,
        Untag
    };
    const auto either = [post, del](Write onPost, Write onDelete) -> std::optional<Write> {
        if (post)
            return onPost;
        if (del)
            return onDelete;
        return std::nullopt;
    };
    std::optional<Write> write;
    if (segments.size() == 1 && first == u"community_members" && post)
        write = Write::CreateMember;
    else if (segments.size() == 2 && first == u"community_members" && del)
        write = Write::DeactivateMember;
    else if (segments.size() == 3 && first == u"access_groups" && segments.at(2) == u"community_members")
        write = either(Write::AddGroupMember, Write::RemoveGroupMember);
    else if (segments.size() == 1 && first == u"space_members")
        write = either(Write::AddSpaceMember, Write::RemoveSpaceMember);
    else if (segments.size() == 1 && first == u"tagged_members")
        write = either(Write::Tag, Write::Untag);
    if (!write)
        return std::nullopt;

    // UNSURE: Circle documents no answer to a body that is not JSON; a Rails app answers 400.
    const std::optional<JsonParams> params = JsonParams::read(request);
    if (!params)
        return circleError(400, u"The request body is not valid JSON."_s);
    switch (*write) {
    case Write::CreateMember:
        return createMember(*params, now);
    case Write::DeactivateMember:
        return deactivateMember(segments.at(1), now);
    case Write::AddGroupMember:
        return addAccessGroupMember(segments.at(1), *params, now);
    case Write::RemoveGroupMember:
        return removeAccessGroupMember(segments.at(1), *params, now);
    case Write::AddSpaceMember:
        return addSpaceMember(*params, now);
    case Write::RemoveSpaceMember:
        return removeSpaceMember(*params, now);
    case Write::Tag:
        return tagMember(*params, now);
    case Write::Untag:
        break;
    }
    return untagMember(*params, now);
}

HttpResponse CircleWrites::createMember(const JsonParams &p, qint64 now)
{
    const QString email = p.text(u"email"_s);
    if (!looksLikeAddress(email))
        return circleError(422, u"Invalid email address."_s);
    const auto spaceIds = p.ids(u"space_ids"_s);
    const auto spaceGroupIds = p.ids(u"space_group_ids"_s);
    const auto tagIds = p.ids(u"member_tag_ids"_s);
    if (!spaceIds || !spaceGroupIds || !tagIds)
        return circleError(
            422, u"Validation failed: space_ids, space_group_ids and member_tag_ids must be lists of ids."_s);
    // Nothing is made unless every id is known.
    for (qint64 id : *spaceIds) {
        if (!m_world.findSpace(id))
            return missingRecord(u"space"_s);
    }
    if (!spaceGroupIds->isEmpty()) // the world has no space groups
        return missingRecord(u"space group"_s);
    for (qint64 id : *tagIds) {
        if (!m_world.findMemberTag(id))
            return missingRecord(u"member tag"_s);
    }
    // UNSURE: the reference does not say what an address that is a member already gets.
    if (m_world.findByEmail(email))
        return circleError(422, u"Validation failed: Email has already been taken"_s);

    // Without skip_invitation the member is invited (inactive until it accepts), as the `invite` verb;
    // with it the member is added directly, as `join` (UNSURE).
    const bool added = p.flag(u"skip_invitation"_s);
    Member &m = m_world.createMember(email, p.text(u"name"_s), now, added);
    for (qint64 id : *spaceIds)
        m_world.grant(m, &Member::spaces, id, now);
    for (qint64 id : *tagIds)
        m_world.grant(m, &Member::memberTags, id, now);

    QString message = added ? u"This user has been added to the community"_s
                            : u"This user has been invited to the community"_s;
    if (!spaceIds->isEmpty())
        message += u" and has been added to following spaces: "_s +
                   names(*spaceIds, &CircleWorld::findSpace, m_world);
    message += u'.';
    HttpResponse r;
    r.status = 201;
    r.body = toBody(QJsonObject{{u"message"_s, message}, {u"community_member"_s, renderMember(m_world, m)}});
    return changed(true, r);
}

HttpResponse CircleWrites::deactivateMember(const QString &id, qint64 now)
{
    bool ok = false;
    const qint64 memberId = id.toLongLong(&ok);
    Member *m = ok ? m_world.member(memberId) : nullptr;
    if (!m)
        return missingRecord(u"community member"_s);
    // A member that is inactive already (deactivated, or invited and not joined) stays as it is (UNSURE).
    return changed(m_world.deactivate(*m, now),
                   circleMessage(200, u"The community member has been removed from the community."_s));
}

// The list a membership write changes: the record (`record` in a 404) and the member the body's `emailKey`
// names, and `row`, the 404 for removing a member the list lacks.
struct CircleWrites::Membership {
    QMap<qint64, Grant> Member::*list;
    QString record;
    QString emailKey;
    QString row;
};

Member *CircleWrites::memberFor(const NamedId *record, const Membership &of, const JsonParams &p,
                                HttpResponse *error)
{
    if (!record) {
        *error = missingRecord(of.record);
        return nullptr;
    }
    Member *m = m_world.memberByEmail(p.text(of.emailKey));
    if (!m)
        *error = missingRecord(u"user"_s);
    return m;
}

HttpResponse CircleWrites::grantTo(const NamedId *record, const Membership &of, const JsonParams &p,
                                   int createdStatus, const QString &message, qint64 now)
{
    HttpResponse error;
    Member *m = memberFor(record, of, p, &error);
    if (!m)
        return error;
    // A member already in the list gets no new row (and keeps its created_at), answered 200.
    const bool granted = m_world.grant(*m, of.list, record->id, now);
    return changed(granted, circleMessage(granted ? createdStatus : 200, message));
}

HttpResponse CircleWrites::revokeFrom(const NamedId *record, const Membership &of, const JsonParams &p,
                                      const QString &message, qint64 now)
{
    HttpResponse error;
    Member *m = memberFor(record, of, p, &error);
    if (!m)
        return error;
    if (!m_world.revoke(*m, of.list, record->id, now))
        return missingRecord(of.row);
    return changed(true, circleMessage(200, message));
}

namespace {

const CircleWrites::Membership &accessGroupsOf()
{
    static const CircleWrites::Membership m{&Member::accessGroups, u"access group"_s, u"email"_s,
                                            u"access group community member"_s};
    return m;
}

const CircleWrites::Membership &spacesOf()
{
    static const CircleWrites::Membership m{&Member::spaces, u"space"_s, u"email"_s, u"space member"_s};
    return m;
}

// UNSURE: the reference documents only the tag's 404; an unknown address is Circle's "user" 404 here.
const CircleWrites::Membership &memberTagsOf()
{
    static const CircleWrites::Membership m{&Member::memberTags, u"member tag"_s, u"user_email"_s,
                                            u"tagged member"_s};
    return m;
}

} // namespace

HttpResponse CircleWrites::addAccessGroupMember(const QString &groupId, const JsonParams &p, qint64 now)
{
    const NamedId *group = m_world.findAccessGroup(JsonParams::idOf(groupId));
    // UNSURE: the reference documents only the 201; a member already in the group gets 200 and no new row.
    return grantTo(group, accessGroupsOf(), p, 201,
                   group ? u"Member has been added to '"_s + group->name + u"' access group."_s : QString(),
                   now);
}

HttpResponse CircleWrites::removeAccessGroupMember(const QString &groupId, const JsonParams &p, qint64 now)
{
    const NamedId *group = m_world.findAccessGroup(JsonParams::idOf(groupId));
    return revokeFrom(group, accessGroupsOf(), p,
                      group ? u"Member removed from '"_s + group->name + u"' access group."_s : QString(),
                      now);
}

HttpResponse CircleWrites::addSpaceMember(const JsonParams &p, qint64 now)
{
    // The reference answers 200 either way; a member already in the space gets no new row.
    return grantTo(m_world.findSpace(p.id(u"space_id"_s)), spacesOf(), p, 200, u"User added to space"_s, now);
}

HttpResponse CircleWrites::removeSpaceMember(const JsonParams &p, qint64 now)
{
    return revokeFrom(m_world.findSpace(p.id(u"space_id"_s)), spacesOf(), p, u"Member removed from space"_s,
                      now);
}

HttpResponse CircleWrites::tagMember(const JsonParams &p, qint64 now)
{
    // UNSURE: a member tagged already gets 200 and keeps its row (and its created_at).
    return grantTo(m_world.findMemberTag(p.id(u"member_tag_id"_s)), memberTagsOf(), p, 201,
                   u"Person tagged successfully!"_s, now);
}

HttpResponse CircleWrites::untagMember(const JsonParams &p, qint64 now)
{
    // UNSURE: the reference does not say what removing a tag the member does not have answers.
    return revokeFrom(m_world.findMemberTag(p.id(u"member_tag_id"_s)), memberTagsOf(), p,
                      u"Tag has been removed"_s, now);
}

} // namespace sb::sandbox::circle
