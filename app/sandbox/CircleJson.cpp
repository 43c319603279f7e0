#include "CircleJson.h"

#include "CircleWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb::sandbox::circle {

namespace {
const QString MissingRecord = QStringLiteral("Oops! Missing record. Please try again later.");
} // namespace

QByteArray toBody(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpResponse circleError(int status, const QString &message)
{
    HttpResponse r;
    r.status = status;
    r.body = toBody(
        QJsonObject{{u"success"_s, false}, {u"message"_s, message}, {u"error_details"_s, QJsonObject()}});
    return r;
}

HttpResponse notFound()
{
    return circleError(404, MissingRecord);
}

HttpResponse missingRecord(const QString &what)
{
    HttpResponse r;
    r.status = 404;
    r.body = toBody(QJsonObject{
        {u"success"_s, false},
        {u"message"_s, MissingRecord},
        {u"error_details"_s, QJsonObject{{u"message"_s, QString(u"Missing record: "_s + what)}}}});
    return r;
}

HttpResponse circleMessage(int status, const QString &message)
{
    HttpResponse r;
    r.status = status;
    r.body = toBody(QJsonObject{{u"message"_s, message}});
    return r;
}

QJsonValue timeOrNull(qint64 seconds)
{
    if (seconds == 0)
        return QJsonValue::Null;
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

QJsonValue firstName(const QString &name)
{
    const qsizetype space = name.indexOf(u' ');
    return space < 0 ? name : name.left(space);
}

QJsonValue lastName(const QString &name)
{
    const qsizetype space = name.indexOf(u' ');
    return space < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(name.mid(space + 1));
}

QJsonObject renderMember(const CircleWorld &world, const Member &m)
{
    QJsonArray tags;
    for (auto it = m.memberTags.cbegin(); it != m.memberTags.cend(); ++it) {
        const NamedId *named = world.findMemberTag(it.key());
        tags.append(QJsonObject{{u"id"_s, it.key()}, {u"name"_s, named ? named->name : QString()}});
    }
    const QJsonValue accepted = m.acceptedInvitation == 0
                                    ? QJsonValue(QJsonValue::Null)
                                    : QJsonValue(QDateTime::fromSecsSinceEpoch(m.acceptedInvitation, Qt::UTC)
                                                     .toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s));
    return QJsonObject{
        {u"id"_s, m.id},
        {u"first_name"_s, firstName(m.name)},
        {u"last_name"_s, lastName(m.name)},
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
