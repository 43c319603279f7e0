#include "CircleApi.h"

#include "CircleWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox::circle {

namespace {

constexpr qint64 CommunityId = 74001;
constexpr int DefaultPerPage = 10;
constexpr int MaxPerPage = 100; // Circle documents no maximum; 100 is what the console asks for

QByteArray toBody(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Circle's error body: {"success":false,"message":…,"error_details":{}}.
HttpResponse circleError(int status, const QString &message)
{
    HttpResponse r;
    r.status = status;
    r.body = toBody(
        QJsonObject{{u"success"_s, false}, {u"message"_s, message}, {u"error_details"_s, QJsonObject()}});
    return r;
}

// Circle's timestamps carry milliseconds: "2024-09-03T16:20:19.814Z"; null when unset.
QJsonValue timeOrNull(qint64 seconds)
{
    if (seconds == 0)
        return QJsonValue::Null;
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

QString queryValue(const HttpRequest &request, QStringView key)
{
    QString v;
    for (const auto &[k, value] : request.query) {
        if (k == key)
            v = value;
    }
    return v;
}

// page from 1; per_page defaults to 10 and is clamped to [1, 100]. Anything unreadable takes the default.
struct PageRequest {
    int page = 1;
    int perPage = DefaultPerPage;
};

PageRequest readPage(const HttpRequest &request)
{
    PageRequest p;
    bool ok = false;
    const int page = queryValue(request, u"page").toInt(&ok);
    if (ok && page >= 1)
        p.page = page;
    const int perPage = queryValue(request, u"per_page").toInt(&ok);
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

} // namespace

CircleApi::CircleApi(const CircleWorld &world)
    : m_world(world)
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
    Q_UNUSED(now); // for the time-dependent endpoints to come
    ++m_requests;
    if (!authorised(request)) // the same answer for a missing, malformed or wrong token: nothing echoed
        return circleError(401, u"The API token is invalid."_s);

    QStringList segments = request.path.mid(QStringView(u"/api/admin/v2").size()).split(u'/');
    segments.removeAll(QString());
    if (request.method == "GET" && segments == QStringList{u"community_members"_s})
        return listMembers(request);
    return circleError(404, u"Oops! Missing record. Please try again later."_s);
}

HttpResponse CircleApi::listMembers(const HttpRequest &request)
{
    const QString status = queryValue(request, u"status");
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
            records.append(renderMember(*it));
        ++count;
    }
    HttpResponse r;
    r.body = toBody(envelope(page, count, records));
    return r;
}

QJsonObject CircleApi::renderMember(const Member &m) const
{
    const qsizetype space = m.name.indexOf(u' ');
    const QString first = space < 0 ? m.name : m.name.left(space);
    const QJsonValue last = space < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(m.name.mid(space + 1));
    QJsonArray tags;
    for (auto it = m.memberTags.cbegin(); it != m.memberTags.cend(); ++it) {
        const auto &known = m_world.memberTags();
        const auto named =
            std::find_if(known.cbegin(), known.cend(), [&it](const NamedId &n) { return n.id == it.key(); });
        tags.append(
            QJsonObject{{u"id"_s, it.key()}, {u"name"_s, named == known.cend() ? QString() : named->name}});
    }
    const QJsonValue accepted = m.acceptedInvitation == 0
                                    ? QJsonValue(QJsonValue::Null)
                                    : QJsonValue(QDateTime::fromSecsSinceEpoch(m.acceptedInvitation, Qt::UTC)
                                                     .toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s));
    return QJsonObject{
        {u"id"_s, m.id},
        {u"first_name"_s, first},
        {u"last_name"_s, last},
        {u"headline"_s, QJsonValue::Null},
        {u"created_at"_s, timeOrNull(m.created)},
        {u"updated_at"_s, timeOrNull(m.updated)},
        {u"community_id"_s, CommunityId},
        {u"last_seen_at"_s, timeOrNull(m.lastSeen)},
        {u"profile_confirmed_at"_s, timeOrNull(m.profileConfirmed)},
        {u"profile_url"_s, QString(u"https://community.sandbox.test/u/"_s + m.publicUid)},
        {u"public_uid"_s, m.publicUid},
        {u"profile_fields"_s, QJsonArray()},
        {u"flattened_profile_fields"_s, QJsonObject()},
        {u"avatar_url"_s, QJsonValue::Null},
        {u"user_id"_s, m.userId},
        {u"name"_s, m.name},
        {u"email"_s, m.email},
        {u"accepted_invitation"_s, accepted},
        {u"active"_s, m.active},
        {u"sso_provider_user_id"_s, QJsonValue::Null},
        {u"member_tags"_s, tags},
        {u"posts_count"_s, 0},
        {u"comments_count"_s, 0},
        {u"gamification_stats"_s, QJsonObject{{u"community_member_id"_s, m.id},
                                              {u"total_points"_s, 0},
                                              {u"current_level"_s, 1},
                                              {u"current_level_name"_s, u"Level 1"_s},
                                              {u"points_to_next_level"_s, 50},
                                              {u"level_progress"_s, 0}}},
        {u"activity_score"_s, QJsonObject()},
    };
}

} // namespace sb::sandbox::circle
