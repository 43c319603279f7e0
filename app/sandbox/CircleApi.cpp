#include "CircleApi.h"

#include "CircleJson.h"
#include "CircleWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace sb::sandbox::circle {

namespace {

constexpr int DefaultPerPage = 10;
constexpr int MaxPerPage = 100; // Circle documents no maximum; 100 is what the console asks for

// page from 1; per_page defaults to 10 and is clamped to [1, 100]. Anything unreadable takes the default.
struct PageRequest {
    int page = 1;
    int perPage = DefaultPerPage;
};

PageRequest readPage(const HttpRequest &request)
{
    PageRequest p;
    bool ok = false;
    const int page = request.queryValue(u"page").toInt(&ok);
    if (ok && page >= 1)
        p.page = page;
    const int perPage = request.queryValue(u"per_page").toInt(&ok);
    if (ok)
        p.perPage = std::clamp(perPage, 1, MaxPerPage);
    return p;
}

// The envelope every Circle list comes in. count is the number of records across all pages and page_count
// the number of pages (the reference's examples disagree with each other; clients should follow
// has_next_page).
QJsonObject envelope(const PageRequest &p, qint64 count, const QJsonArray &records)
{
    const qint64 pages = (count + p.perPage - 1) / p.perPage;
    return QJsonObject{{u"page"_s, p.page}, {u"per_page"_s, p.perPage}, {u"has_next_page"_s, p.page < pages},
                       {u"count"_s, count}, {u"page_count"_s, pages},   {u"records"_s, records}};
}

// The short member object nested in a space member.
QJsonObject renderMemberSummary(const Member &m)
{
    return QJsonObject{{u"name"_s, m.name},
                       {u"first_name"_s, firstName(m.name)},
                       {u"last_name"_s, lastName(m.name)},
                       {u"headline"_s, QJsonValue::Null},
                       {u"community_id"_s, CommunityId},
                       {u"profile_url"_s, QString(u"https://community.sandbox.test/u/"_s + m.publicUid)},
                       {u"public_uid"_s, m.publicUid},
                       {u"avatar_url"_s, QJsonValue::Null},
                       {u"email"_s, m.email}};
}

// One page of `items` (already in list order) rendered by `render`.
template <typename T, typename Render>
HttpResponse pageOf(const PageRequest &p, const std::vector<T> &items, Render render)
{
    const qint64 skip = static_cast<qint64>(p.page - 1) * p.perPage;
    QJsonArray records;
    for (qint64 i = skip; i < static_cast<qint64>(items.size()) && records.size() < p.perPage; ++i)
        records.append(render(items[static_cast<size_t>(i)]));
    HttpResponse r;
    r.body = toBody(envelope(p, static_cast<qint64>(items.size()), records));
    return r;
}

// A path id: digits only, else 0 (which no record has).
qint64 pathId(const QString &segment)
{
    bool ok = false;
    const qint64 id = segment.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

QString slugOf(const QString &name)
{
    QString slug;
    for (const QChar c : name.toLower()) {
        if (c.isLetterOrNumber())
            slug.append(c);
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug.append(u'-');
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug;
}

} // namespace

CircleApi::CircleApi(CircleWorld &world)
    : m_world(world)
    , m_writes(world)
{}

bool CircleApi::setScheme(const QString &scheme)
{
    if (scheme.compare(u"any", Qt::CaseInsensitive) == 0)
        m_scheme = Scheme::Any;
    else if (scheme.compare(u"token", Qt::CaseInsensitive) == 0)
        m_scheme = Scheme::Token;
    else if (scheme.compare(u"bearer", Qt::CaseInsensitive) == 0)
        m_scheme = Scheme::Bearer;
    else
        return false;
    return true;
}

bool CircleApi::authorised(const HttpRequest &request) const
{
    const QString auth = QString::fromUtf8(request.header("Authorization")).trimmed();
    const qsizetype space = auth.indexOf(u' ');
    if (space <= 0 || m_token.isEmpty())
        return false;
    const QStringView scheme = QStringView(auth).left(space);
    const bool token = scheme.compare(u"Token", Qt::CaseInsensitive) == 0;
    const bool bearer = scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0;
    const bool schemeOk = m_scheme == Scheme::Token    ? token
                          : m_scheme == Scheme::Bearer ? bearer
                                                       : token || bearer;
    return schemeOk && QStringView(auth).mid(space + 1).trimmed() == m_token;
}

HttpResponse CircleApi::handle(const HttpRequest &request, qint64 now)
{
    ++m_requests;
    // Circle throttles per IP before looking at the token.
    if (!m_rate.admit())
        return circleError(429, u"Too many requests. Please try again later."_s);
    if (const std::optional<int> fault = m_faults.take()) {
        if (*fault == 429)
            return circleError(429, u"Too many requests. Please try again later."_s);
        if (*fault >= 500)
            return circleError(*fault, u"Something went wrong. Please try again later."_s);
        return circleError(*fault, u"The request failed (sandbox fault injection)."_s);
    }
    if (!authorised(request)) // the same answer for a missing, malformed or wrong token: nothing echoed
        return circleError(401, u"The API token is invalid."_s);

    QStringList segments = request.path.mid(QStringView(u"/api/admin/v2").size()).split(u'/');
    segments.removeAll(QString());
    if (request.method == "GET")
        return route(request, segments);
    if (auto written = m_writes.handle(request, segments, now))
        return *written;
    return notFound();
}

HttpResponse CircleApi::route(const HttpRequest &request, const QStringList &segments)
{
    const QString first = segments.value(0);
    if (segments.size() == 1) {
        if (first == u"community_members")
            return listMembers(request);
        if (first == u"access_groups")
            return listAccessGroups(request);
        if (first == u"spaces")
            return listSpaces(request);
        if (first == u"space_members")
            return listSpaceMembers(request);
        if (first == u"space_member")
            return showSpaceMember(request);
        if (first == u"member_tags")
            return listMemberTags(request);
        if (first == u"tagged_members")
            return listTaggedMembers(request);
    } else if (segments.size() == 2 && first == u"community_members") {
        if (segments.at(1) == u"search")
            return searchMember(request);
        return showMember(segments.at(1));
    } else if (segments.size() == 3 && first == u"community_members" && segments.at(2) == u"access_groups") {
        return listMemberAccessGroups(request, segments.at(1));
    } else if (segments.size() == 3 && first == u"access_groups") {
        if (segments.at(2) == u"community_members")
            return listAccessGroupMembers(request, segments.at(1));
        if (segments.at(2) == u"community_member")
            return showAccessGroupMember(request, segments.at(1));
    }
    return notFound();
}

HttpResponse CircleApi::listMembers(const HttpRequest &request)
{
    const QString status = request.queryValue(u"status");
    if (!status.isEmpty() && status != u"active" && status != u"inactive" && status != u"all")
        return circleError(422, u"Invalid status. It must be one of: active, inactive, all."_s);
    const PageRequest page = readPage(request);
    const auto wanted = [&status](const Member &m) {
        if (status == u"all")
            return true;
        return status == u"inactive" ? !m.active : m.active;
    };

    // Newest first, as the reference's example lists them.
    const std::vector<Member> &members = m_world.members();
    const qint64 skip = static_cast<qint64>(page.page - 1) * page.perPage;
    qint64 count = 0;
    QJsonArray records;
    for (auto it = members.crbegin(); it != members.crend(); ++it) {
        if (!wanted(*it))
            continue;
        if (count >= skip && records.size() < page.perPage)
            records.append(renderMember(m_world, *it));
        ++count;
    }
    HttpResponse r;
    r.body = toBody(envelope(page, count, records));
    return r;
}

// A single member comes bare; a missing one is Circle's 404 body.
HttpResponse CircleApi::memberOrMissing(const Member *m) const
{
    if (!m)
        return missingRecord(u"community member"_s);
    HttpResponse r;
    r.body = toBody(renderMember(m_world, *m));
    return r;
}

HttpResponse CircleApi::searchMember(const HttpRequest &request)
{
    // Circle matches the address exactly, as members are made (a case variant is another member).
    return memberOrMissing(m_world.findByEmail(request.queryValue(u"email").trimmed()));
}

HttpResponse CircleApi::showMember(const QString &id)
{
    return memberOrMissing(m_world.findMember(pathId(id)));
}

HttpResponse CircleApi::listAccessGroups(const HttpRequest &request)
{
    // The world's access groups are all active: "archived" lists none.
    const QString status = request.queryValue(u"status");
    if (!status.isEmpty() && status != u"active" && status != u"archived" && status != u"all")
        return circleError(400, u"Invalid status. Valid statuses are: active, archived, all"_s);
    std::vector<NamedId> groups;
    if (status != u"archived") {
        groups.assign(m_world.accessGroups().cbegin(), m_world.accessGroups().cend());
        // Newest first, as the reference's example lists them; catalog ids stand in for creation order.
        std::sort(groups.begin(), groups.end(),
                  [](const NamedId &a, const NamedId &b) { return a.id > b.id; });
    }
    return pageOf(readPage(request), groups, [](const NamedId &g) {
        return QJsonObject{{u"id"_s, g.id},
                           {u"name"_s, g.name},
                           {u"description"_s, QString()},
                           {u"status"_s, u"active"_s},
                           {u"community_id"_s, CommunityId},
                           {u"created_at"_s, timeOrNull(CatalogCreated)},
                           {u"updated_at"_s, timeOrNull(CatalogCreated)}};
    });
}

namespace {
struct Row {
    const Member *member;
    qint64 key; // access group, space or tag id
    Grant grant;
};

// Every row of `which` (a member's access groups, spaces or tags) for `key` (0 = any), newest first.
template <typename Which, typename Keep>
std::vector<Row> rowsOf(const std::vector<Member> &members, qint64 key, Which which, Keep keep)
{
    std::vector<Row> rows;
    for (const Member &m : members) {
        if (!keep(m))
            continue;
        const QMap<qint64, Grant> &grants = which(m);
        for (auto it = grants.cbegin(); it != grants.cend(); ++it) {
            if (key == 0 || it.key() == key)
                rows.push_back({&m, it.key(), it.value()});
        }
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.grant.id > b.grant.id; });
    return rows;
}

// A deactivated member has left the community, and its access groups with it (the rows come back if it joins
// again); an invited member already holds the groups it was invited to.
bool holdsAccess(const Member &m)
{
    return !m.deactivated();
}

// A space membership row as GET /space_members lists it and GET /space_member shows it.
QJsonObject spaceMemberRow(const Row &row)
{
    const Member &m = *row.member;
    const QJsonObject member = renderMemberSummary(m);
    return QJsonObject{{u"id"_s, row.grant.id},
                       {u"user_id"_s, m.userId},
                       {u"space_id"_s, row.key},
                       {u"notification_type"_s, u"never"_s},
                       {u"posts_read_count"_s, 0},
                       {u"in_app_notification_setting"_s, u"never"_s},
                       {u"community_member_id"_s, m.id},
                       {u"moderator"_s, false},
                       {u"mobile_notification_setting"_s, u"never"_s},
                       {u"access_type"_s, u"invite"_s},
                       {u"status"_s, m.active ? u"active"_s : u"inactive"_s},
                       {u"created_at"_s, timeOrNull(row.grant.at)},
                       {u"updated_at"_s, timeOrNull(row.grant.at)},
                       {u"community_member"_s, member}};
}

QJsonObject accessGroupRow(const Row &row)
{
    return QJsonObject{{u"id"_s, row.grant.id},
                       {u"access_group_id"_s, row.key},
                       {u"community_member_id"_s, row.member->id},
                       {u"community_id"_s, CommunityId},
                       {u"created_at"_s, timeOrNull(row.grant.at)},
                       {u"updated_at"_s, timeOrNull(row.grant.at)}};
}
} // namespace

HttpResponse CircleApi::listAccessGroupMembers(const HttpRequest &request, const QString &groupId)
{
    const NamedId *group = m_world.findAccessGroup(pathId(groupId));
    if (!group)
        return missingRecord(u"access group"_s);
    const auto rows = rowsOf(
        m_world.members(), group->id,
        [](const Member &m) -> const QMap<qint64, Grant> & { return m.accessGroups; }, holdsAccess);
    return pageOf(readPage(request), rows, accessGroupRow);
}

HttpResponse CircleApi::showAccessGroupMember(const HttpRequest &request, const QString &groupId)
{
    const NamedId *group = m_world.findAccessGroup(pathId(groupId));
    if (!group)
        return missingRecord(u"access group"_s);
    const Member *m = m_world.findByEmail(request.queryValue(u"email").trimmed());
    if (!m)
        return missingRecord(u"user"_s);
    const auto it = m->accessGroups.constFind(group->id);
    if (it == m->accessGroups.cend() || !holdsAccess(*m))
        return missingRecord(u"access group community member"_s);
    HttpResponse r;
    r.body = toBody(accessGroupRow(Row{m, group->id, *it}));
    return r;
}

HttpResponse CircleApi::listMemberAccessGroups(const HttpRequest &request, const QString &id)
{
    const Member *m = m_world.findMember(pathId(id));
    if (!m)
        return missingRecord(u"community member"_s);
    // The groups the access-group member lists show it in, highest id first as the group list; the
    // reference's example objects carry no description.
    std::vector<NamedId> groups;
    if (holdsAccess(*m)) {
        for (auto it = m->accessGroups.cbegin(); it != m->accessGroups.cend(); ++it) {
            if (const NamedId *g = m_world.findAccessGroup(it.key()))
                groups.push_back(*g);
        }
    }
    std::sort(groups.begin(), groups.end(), [](const NamedId &a, const NamedId &b) { return a.id > b.id; });
    return pageOf(readPage(request), groups, [](const NamedId &g) {
        return QJsonObject{{u"id"_s, g.id},
                           {u"name"_s, g.name},
                           {u"status"_s, u"active"_s},
                           {u"community_id"_s, CommunityId},
                           {u"created_at"_s, timeOrNull(CatalogCreated)},
                           {u"updated_at"_s, timeOrNull(CatalogCreated)}};
    });
}

HttpResponse CircleApi::listSpaces(const HttpRequest &request)
{
    const std::vector<NamedId> spaces(m_world.spaces().cbegin(), m_world.spaces().cend());
    return pageOf(readPage(request), spaces, [](const NamedId &s) {
        const QString slug = slugOf(s.name).isEmpty() ? QString::number(s.id) : slugOf(s.name);
        return QJsonObject{{u"id"_s, s.id},
                           {u"name"_s, s.name},
                           {u"slug"_s, slug},
                           {u"cover_image_url"_s, QJsonValue::Null},
                           {u"cover_image_visible"_s, false},
                           {u"cover_image_display_style"_s, u"normal"_s},
                           {u"thumbnail_image_url"_s, QJsonValue::Null},
                           {u"community_id"_s, CommunityId},
                           {u"is_private"_s, false},
                           {u"is_hidden_from_non_members"_s, false},
                           {u"is_hidden"_s, false},
                           {u"emoji"_s, QJsonValue::Null},
                           {u"custom_emoji_url"_s, QJsonValue::Null},
                           {u"custom_emoji_dark_url"_s, QJsonValue::Null},
                           {u"hide_post_settings"_s, false},
                           {u"display_view"_s, u"posts"_s},
                           {u"is_post_disabled"_s, false},
                           {u"space_type"_s, u"basic"_s},
                           {u"host"_s, u"https://community.sandbox.test"_s},
                           {u"post_ids"_s, QJsonArray()},
                           {u"url"_s, QString(u"https://community.sandbox.test/c/"_s + slug)}};
    });
}

HttpResponse CircleApi::showSpaceMember(const HttpRequest &request)
{
    const NamedId *space = m_world.findSpace(pathId(request.queryValue(u"space_id")));
    if (!space)
        return missingRecord(u"space"_s);
    const Member *m = m_world.findByEmail(request.queryValue(u"email").trimmed());
    if (!m)
        return missingRecord(u"user"_s);
    const auto it = m->spaces.constFind(space->id);
    if (it == m->spaces.cend())
        return missingRecord(u"space member"_s);
    HttpResponse r;
    r.body = toBody(spaceMemberRow(Row{m, space->id, *it}));
    return r;
}

HttpResponse CircleApi::listSpaceMembers(const HttpRequest &request)
{
    const NamedId *space = m_world.findSpace(pathId(request.queryValue(u"space_id")));
    if (!space)
        return missingRecord(u"space"_s);
    // All space members by default; a deactivated (or not yet joined) member's rows are "inactive".
    const QString status = request.queryValue(u"status");
    if (!status.isEmpty() && status != u"active" && status != u"inactive" && status != u"all")
        return circleError(422, u"Invalid status. It must be one of: active, inactive, all."_s);
    const auto rows = rowsOf(
        m_world.members(), space->id, [](const Member &m) -> const QMap<qint64, Grant> & { return m.spaces; },
        [&status](const Member &m) {
            return status.isEmpty() || status == u"all" || (status == u"active") == m.active;
        });
    return pageOf(readPage(request), rows, spaceMemberRow);
}

HttpResponse CircleApi::listMemberTags(const HttpRequest &request)
{
    const auto rows = rowsOf(
        m_world.members(), 0, [](const Member &m) -> const QMap<qint64, Grant> & { return m.memberTags; },
        [](const Member &) { return true; });
    const std::vector<NamedId> tags(m_world.memberTags().cbegin(), m_world.memberTags().cend());
    return pageOf(readPage(request), tags, [&rows](const NamedId &t) {
        const auto tagged =
            std::count_if(rows.cbegin(), rows.cend(), [&t](const Row &r) { return r.key == t.id; });
        return QJsonObject{
            {u"id"_s, t.id},
            {u"created_at"_s, timeOrNull(CatalogCreated)},
            {u"updated_at"_s, timeOrNull(CatalogCreated)},
            {u"name"_s, t.name},
            {u"is_public"_s, true},
            {u"is_background_enabled"_s, false},
            {u"tagged_members_count"_s, static_cast<qint64>(tagged)},
            {u"color"_s, u"#4b5563"_s},
            {u"display_format"_s, u"label"_s},
            {u"emoji"_s, QJsonValue::Null},
            {u"custom_emoji_url"_s, QJsonValue::Null},
            {u"custom_emoji_dark_url"_s, QJsonValue::Null},
            {u"display_locations"_s,
             QJsonObject{{u"post_bio"_s, false}, {u"profile_page"_s, true}, {u"member_directory"_s, true}}}};
    });
}

HttpResponse CircleApi::listTaggedMembers(const HttpRequest &request)
{
    const auto rows = rowsOf(
        m_world.members(), 0, [](const Member &m) -> const QMap<qint64, Grant> & { return m.memberTags; },
        [](const Member &) { return true; });
    return pageOf(readPage(request), rows, [this](const Row &row) {
        const NamedId *tag = m_world.findMemberTag(row.key);
        return QJsonObject{{u"id"_s, row.grant.id},
                           {u"member_tag_id"_s, row.key},
                           {u"member_tag_name"_s, tag ? tag->name : QString()},
                           {u"member_tag_emoji"_s, QJsonValue::Null},
                           {u"user_id"_s, row.member->userId},
                           {u"user_email"_s, row.member->email},
                           {u"lead_id"_s, QJsonValue::Null},
                           {u"lead_email"_s, QJsonValue::Null},
                           {u"community_member_id"_s, row.member->id},
                           {u"contact_id"_s, row.member->id},
                           {u"created_at"_s, timeOrNull(row.grant.at)},
                           {u"updated_at"_s, timeOrNull(row.grant.at)}};
    });
}

} // namespace sb::sandbox::circle
