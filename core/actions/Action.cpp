#include "actions/Action.h"

#include "providers/circle/CircleClient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace sb::actions {

namespace {

QString withQuery(const QString &path, const QList<std::pair<QString, QString>> &items)
{
    QUrlQuery q;
    for (const auto &[k, v] : items)
        q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    return path + u'?' + q.toString(QUrl::FullyEncoded);
}

const QString kCheck = u"first: is it done already?"_s;
const QString kConfirm = u"after: confirm the change"_s;

// Kit finds a subscriber by address when the plan has no id yet.
QList<PlannedCall> kitSubscriberLookup(const Action &a)
{
    if (!paramText(a.params, u"subscriber_id"_s).isEmpty())
        return {};
    return {{u"GET"_s,
             withQuery(u"/v4/subscribers"_s,
                       {{u"email_address"_s, paramText(a.params, u"email"_s)}, {u"status"_s, u"all"_s}}),
             u"first: find the subscriber by address"_s}};
}

QString kitSubscriberRef(const Action &a)
{
    const QString id = paramText(a.params, u"subscriber_id"_s);
    return id.isEmpty() ? u"{subscriber}"_s : id;
}

} // namespace

QString idText(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toInteger()) : v.toString().trimmed();
}

QString paramText(const QJsonObject &params, const QString &key)
{
    return idText(params.value(key));
}

QString circlePath(const QString &tail)
{
    return QString(circle::kApiPrefix) + tail;
}

Action Action::fromFixStep(const reconcile::FixStep &step, qint64 findingId, const QString &findingKey)
{
    Action a;
    a.name = step.action;
    a.params = step.params;
    a.description = step.description;
    a.findingId = findingId;
    a.findingKey = findingKey;
    return a;
}

QString Action::key() const
{
    // QJsonObject keeps its keys sorted, so the compact form is canonical.
    const QByteArray canonical = name.toUtf8() + '\x1f' +
                                 QJsonDocument(params).toJson(QJsonDocument::Compact) + '\x1f' +
                                 findingKey.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

QString defaultActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return user.trimmed();
}

QString providerOf(const QString &actionName)
{
    if (actionName == name::Manual)
        return u"manual"_s;
    const QString head = actionName.section(u'.', 0, 0);
    if (head == "circle"_L1 || head == "kit"_L1)
        return head;
    return u"local"_s;
}

bool isRemote(const QString &actionName)
{
    const QString p = providerOf(actionName);
    return p == "circle"_L1 || p == "kit"_L1;
}

bool isKnown(const QString &actionName)
{
    static const QStringList all{name::CircleInvite,
                                 name::CircleAddAccessGroup,
                                 name::CircleRemoveAccessGroup,
                                 name::CircleAddSpace,
                                 name::CircleRemoveSpace,
                                 name::CircleDeactivate,
                                 name::KitAddSubscriber,
                                 name::KitAddTag,
                                 name::KitRemoveTag,
                                 name::KitAddToSequence,
                                 name::KitUnsubscribe,
                                 name::IdentityLink,
                                 name::IdentityUnlink,
                                 name::CompGrant,
                                 name::CompRevoke,
                                 name::NoteAdd,
                                 name::FindingResolve,
                                 name::FindingSnooze,
                                 name::FindingUnsnooze,
                                 name::Manual};
    return all.contains(actionName);
}

QList<PlannedCall> plannedCalls(const Action &a)
{
    const QString email = paramText(a.params, u"email"_s);
    const QString n = a.name;
    if (n == name::CircleAddAccessGroup || n == name::CircleRemoveAccessGroup) {
        const QString group = paramText(a.params, u"access_group_id"_s);
        const bool add = n == name::CircleAddAccessGroup;
        const QString check =
            withQuery(circlePath(u"/access_groups/%1/community_member"_s.arg(group)), {{u"email"_s, email}});
        return {{u"GET"_s, check, kCheck},
                add ? PlannedCall{u"POST"_s, circlePath(u"/access_groups/%1/community_members"_s.arg(group)),
                                  u"only if not in the group: body {\"email\"}"_s}
                    : PlannedCall{u"DELETE"_s,
                                  withQuery(circlePath(u"/access_groups/%1/community_members"_s.arg(group)),
                                            {{u"email"_s, email}}),
                                  u"only if in the group"_s},
                {u"GET"_s, check, kConfirm}};
    }
    if (n == name::CircleAddSpace || n == name::CircleRemoveSpace) {
        const QString space = paramText(a.params, u"space_id"_s);
        const bool add = n == name::CircleAddSpace;
        const QString check =
            withQuery(circlePath(u"/space_member"_s), {{u"email"_s, email}, {u"space_id"_s, space}});
        return {{u"GET"_s, check, kCheck},
                add ? PlannedCall{u"POST"_s, circlePath(u"/space_members"_s),
                                  u"only if not in the space: body {\"email\", \"space_id\"}"_s}
                    : PlannedCall{u"DELETE"_s,
                                  withQuery(circlePath(u"/space_members"_s),
                                            {{u"email"_s, email}, {u"space_id"_s, space}}),
                                  u"only if in the space"_s},
                {u"GET"_s, check, kConfirm}};
    }
    if (n == name::CircleInvite) {
        QList<PlannedCall> calls{
            {u"GET"_s, withQuery(circlePath(u"/community_members/search"_s), {{u"email"_s, email}}), kCheck},
            {u"POST"_s, circlePath(u"/community_members"_s),
             u"only if no member (or invitation) has the address: body {\"email\", \"name\"}"_s}};
        for (const QJsonValue &g : a.params.value(u"access_groups"_s).toArray()) {
            const QString group = idText(g);
            calls.append({u"GET"_s,
                          withQuery(circlePath(u"/access_groups/%1/community_member"_s.arg(group)),
                                    {{u"email"_s, email}}),
                          u"then: is the member in access group %1?"_s.arg(group)});
            calls.append({u"POST"_s, circlePath(u"/access_groups/%1/community_members"_s.arg(group)),
                          u"only if not: body {\"email\"}"_s});
        }
        for (const QJsonValue &sp : a.params.value(u"spaces"_s).toArray()) {
            const QString space = idText(sp);
            calls.append(
                {u"GET"_s,
                 withQuery(circlePath(u"/space_member"_s), {{u"email"_s, email}, {u"space_id"_s, space}}),
                 u"then: is the member in space %1?"_s.arg(space)});
            calls.append({u"POST"_s, circlePath(u"/space_members"_s),
                          u"only if not: body {\"email\", \"space_id\"}"_s});
        }
        return calls;
    }
    if (n == name::CircleDeactivate) {
        const QString id = paramText(a.params, u"member_id"_s);
        return {{u"GET"_s, circlePath(u"/community_members/%1"_s.arg(id)), kCheck},
                {u"DELETE"_s, circlePath(u"/community_members/%1"_s.arg(id)), u"only if still active"_s},
                {u"GET"_s, circlePath(u"/community_members/%1"_s.arg(id)), kConfirm}};
    }
    if (n == name::KitAddSubscriber) {
        return {
            {u"GET"_s,
             withQuery(u"/v4/subscribers"_s, {{u"email_address"_s, email}, {u"status"_s, u"all"_s}}), kCheck},
            {u"POST"_s, u"/v4/subscribers"_s,
             u"only if Kit has no subscriber with the address: body {\"email_address\", \"first_name\"}"_s}};
    }
    if (n == name::KitAddTag || n == name::KitRemoveTag) {
        const QString tag = paramText(a.params, u"tag_id"_s);
        const QString sub = kitSubscriberRef(a);
        QList<PlannedCall> calls = kitSubscriberLookup(a);
        calls.append({u"GET"_s, u"/v4/subscribers/%1/tags"_s.arg(sub), kCheck});
        if (n == name::KitAddTag) {
            calls.append(
                {u"POST"_s, u"/v4/tags/%1/subscribers/%2"_s.arg(tag, sub), u"only if not tagged: body {}"_s});
            // Tagged already (perhaps by a run that stopped before it heard the answer): the subscriber is
            // read so the cache can record the tag. A lookup by address has read it already.
            if (!paramText(a.params, u"subscriber_id"_s).isEmpty())
                calls.append({u"GET"_s, u"/v4/subscribers/%1"_s.arg(sub),
                              u"only if tagged already: to record it in the cache"_s});
        } else
            calls.append({u"DELETE"_s, u"/v4/tags/%1/subscribers/%2"_s.arg(tag, sub), u"only if tagged"_s});
        return calls;
    }
    if (n == name::KitAddToSequence) {
        // Kit cannot tell whether one subscriber is in a sequence without listing it all; its add answers
        // 200 (already in) or 201 (added), which is the check.
        QList<PlannedCall> calls = kitSubscriberLookup(a);
        calls.append({u"POST"_s,
                      u"/v4/sequences/%1/subscribers/%2"_s.arg(paramText(a.params, u"sequence_id"_s),
                                                               kitSubscriberRef(a)),
                      u"body {}: 200 means already in the sequence, 201 added"_s});
        return calls;
    }
    if (n == name::KitUnsubscribe) {
        const QString sub = kitSubscriberRef(a);
        QList<PlannedCall> calls = kitSubscriberLookup(a);
        calls.append({u"GET"_s, u"/v4/subscribers/%1"_s.arg(sub), kCheck});
        calls.append(
            {u"POST"_s, u"/v4/subscribers/%1/unsubscribe"_s.arg(sub), u"only if not cancelled yet"_s});
        return calls;
    }
    return {};
}

Status validate(const Action &a)
{
    if (!isKnown(a.name))
        return Status::failure(ErrorKind::Usage, u"unknown action \"%1\""_s.arg(a.name));
    // Ids go into URL paths: digits only, so no value can reach another endpoint.
    for (const char *key :
         {"access_group_id", "space_id", "tag_id", "sequence_id", "member_id", "subscriber_id"}) {
        const QString id = paramText(a.params, QString::fromLatin1(key));
        const bool digits =
            std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
        if (!digits)
            return Status::failure(ErrorKind::Usage, u"%1 must be a number, not \"%2\""_s.arg(
                                                         QLatin1StringView(key), id.left(40)));
    }
    for (const char *key : {"access_groups", "spaces"}) {
        for (const QJsonValue &v : a.params.value(QString::fromLatin1(key)).toArray()) {
            const QString id = idText(v);
            if (id.isEmpty() ||
                !std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
                return Status::failure(ErrorKind::Usage,
                                       u"%1 must hold numbers"_s.arg(QLatin1StringView(key)));
        }
    }
    auto need = [&a](std::initializer_list<const char *> keys) -> Status {
        QStringList missing;
        for (const char *k : keys) {
            if (paramText(a.params, QString::fromLatin1(k)).isEmpty())
                missing.append(QString::fromLatin1(k));
        }
        if (!missing.isEmpty())
            return Status::failure(ErrorKind::Usage, u"%1 needs %2"_s.arg(a.name, missing.join(u", "_s)));
        return {};
    };
    const QString n = a.name;
    if (n == name::CircleAddAccessGroup || n == name::CircleRemoveAccessGroup)
        return need({"email", "access_group_id"});
    if (n == name::CircleAddSpace || n == name::CircleRemoveSpace)
        return need({"email", "space_id"});
    if (n == name::CircleInvite || n == name::KitAddSubscriber)
        return need({"email"});
    if (n == name::CircleDeactivate)
        return need({"member_id"});
    if (n == name::KitAddTag || n == name::KitRemoveTag) {
        if (paramText(a.params, u"subscriber_id"_s).isEmpty())
            return need({"email", "tag_id"});
        return need({"tag_id"});
    }
    if (n == name::KitAddToSequence) {
        if (paramText(a.params, u"subscriber_id"_s).isEmpty())
            return need({"email", "sequence_id"});
        return need({"sequence_id"});
    }
    if (n == name::KitUnsubscribe) {
        if (paramText(a.params, u"subscriber_id"_s).isEmpty())
            return need({"email"});
        return {};
    }
    if (n == name::IdentityLink)
        return need({"anchor", "other_anchor"});
    if (n == name::IdentityUnlink)
        return need({"provider", "external_id"});
    if (n == name::CompGrant)
        return need({"email", "product_key"});
    if (n == name::CompRevoke)
        return need({"comp_id"});
    if (n == name::NoteAdd)
        return need({"email"});
    if (n == name::FindingResolve || n == name::FindingUnsnooze)
        return need({"finding_id"});
    if (n == name::FindingSnooze)
        return need({"finding_id", "until"});
    if (n == name::Manual)
        return Status::failure(ErrorKind::Usage, u"a manual step is done outside Switchboard"_s);
    return {};
}

} // namespace sb::actions
