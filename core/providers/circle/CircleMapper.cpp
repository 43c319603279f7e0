#include "providers/circle/CircleMapper.h"

#include "providers/Observation.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb::circle {

namespace {
Millis timeOf(const QJsonObject &o, QLatin1StringView key)
{
    return parseTime(stringField(o, key));
}

QString memberName(const QJsonObject &m)
{
    QString name = stringField(m, "name"_L1).trimmed();
    if (name.isEmpty())
        name = QString(stringField(m, "first_name"_L1) + u' ' + stringField(m, "last_name"_L1)).trimmed();
    return name;
}

QString noun(const QString &containerKind)
{
    if (containerKind == kind::AccessGroup)
        return u"access group"_s;
    if (containerKind == kind::Space)
        return u"space"_s;
    return u"member tag"_s;
}

} // namespace

QString CircleMapper::containerKindOf(const QString &rawKind)
{
    if (rawKind == kind::AccessGroupMember)
        return kind::AccessGroup;
    if (rawKind == kind::SpaceMember)
        return kind::Space;
    if (rawKind == kind::TaggedMember)
        return kind::MemberTag;
    return {};
}

void CircleMapper::learn(const QString &rawKind, const QJsonObject &object)
{
    if (rawKind == kind::AccessGroup || rawKind == kind::Space || rawKind == kind::MemberTag)
        m_names.insert(rawKind + u':' + idText(object.value("id"_L1)), stringField(object, "name"_L1));
}

QString CircleMapper::containerName(const QString &containerKind, const QString &id) const
{
    const QString name = m_names.value(containerKind + u':' + id);
    return name.isEmpty() ? u"#"_s + id : name;
}

QList<TimelineEvent> CircleMapper::membershipRows(const QString &rawKind, const QJsonObject &r,
                                                  const QString &name) const
{
    const QString id = idText(r.value("id"_L1));
    const Millis at = timeOf(r, "created_at"_L1);
    if (at == 0)
        return {};
    if (rawKind == kind::AccessGroupMember) {
        const QString group =
            name.isEmpty() ? containerName(kind::AccessGroup, idText(r.value("access_group_id"_L1))) : name;
        return {preciseRow(provider::Circle, at, u"access_granted"_s, u"agm:"_s + id,
                           u"Added to access group %1"_s.arg(group))};
    }
    if (rawKind == kind::SpaceMember) {
        const QString space =
            name.isEmpty() ? containerName(kind::Space, idText(r.value("space_id"_L1))) : name;
        return {preciseRow(provider::Circle, at, u"space_joined"_s, u"spm:"_s + id,
                           u"Added to space %1"_s.arg(space))};
    }
    QString tag = name.isEmpty() ? stringField(r, "member_tag_name"_L1) : name;
    if (tag.isEmpty())
        tag = containerName(kind::MemberTag, idText(r.value("member_tag_id"_L1)));
    return {preciseRow(provider::Circle, at, u"circle_tag_added"_s, u"tgm:"_s + id,
                       u"Tagged %1 in Circle"_s.arg(tag))};
}

QList<IngestItem> CircleMapper::map(const QString &rawKind, const QJsonObject &r, Millis fetchedAt) const
{
    if (rawKind == kObservationKind) {
        IngestItem item;
        item.raw = rawRecord(provider::Circle, rawKind, stringField(r, "key"_L1), r,
                             r.value("observed_at"_L1).toInteger(), r.value("observed_at"_L1).toInteger());
        item.owner.identityId = stringField(r, "member_id"_L1);
        item.rows = observationRows(r);
        if (stringField(r, "change"_L1) == "member_gone"_L1) {
            // The member object is gone from the raw layer: the observation keeps who it was and the rows it
            // had, so a rebuild hangs them on the same person.
            const auto member = map(kind::Member, r.value("record"_L1).toObject(), item.raw.snapshotAt);
            if (!member.isEmpty()) {
                item.identity = member.first().identity;
                item.rows = member.first().rows + item.rows;
            }
        }
        return {item};
    }
    const QString id = idText(r.value("id"_L1));
    if (id.isEmpty())
        return {};
    const Millis created = timeOf(r, "created_at"_L1);
    IngestItem item;
    item.raw = rawRecord(provider::Circle, rawKind, id, r, created, fetchedAt);
    if (rawKind == kind::Member) {
        item.identity =
            IdentityFact{provider::Circle, id, stringField(r, "email"_L1), memberName(r), created};
        if (created)
            item.rows.append(preciseRow(provider::Circle, created, u"member_created"_s, u"member:"_s + id,
                                        r.value("active"_L1).toBool() ||
                                                !stringField(r, "accepted_invitation"_L1).isEmpty()
                                            ? u"Became a Circle member"_s
                                            : u"Invited to Circle"_s));
        // Accepting an invitation later than the account was made is its own moment.
        const Millis accepted = timeOf(r, "accepted_invitation"_L1);
        if (accepted && created && accepted - created > 60 * 1000)
            item.rows.append(preciseRow(provider::Circle, accepted, u"member_joined"_s,
                                        u"member:"_s + id + u":joined"_s,
                                        u"Accepted the Circle invitation"_s));
        return {item};
    }
    const QString containerKind = containerKindOf(rawKind);
    if (containerKind.isEmpty())
        return {item}; // catalog objects: raw only
    MembershipFact m;
    m.containerKind = containerKind;
    m.since = created;
    if (rawKind == kind::AccessGroupMember) {
        m.containerId = idText(r.value("access_group_id"_L1));
    } else if (rawKind == kind::SpaceMember) {
        m.containerId = idText(r.value("space_id"_L1));
        m.status = stringField(r, "status"_L1).isEmpty() ? u"active"_s : stringField(r, "status"_L1);
    } else {
        m.containerId = idText(r.value("member_tag_id"_L1));
    }
    m.memberId = idText(r.value("community_member_id"_L1));
    if (m.memberId.isEmpty() || m.containerId.isEmpty())
        return {item};
    item.owner.identityId = m.memberId;
    item.membership = m;
    item.rows = membershipRows(rawKind, r);
    return {item};
}

QList<IngestItem> CircleMapper::memberChanges(const QJsonObject &previous, const QJsonObject &current,
                                              Millis observedAt) const
{
    const QString id = idText(current.value("id"_L1));
    const bool active = current.value("active"_L1).toBool();
    QList<IngestItem> out;
    auto observe = [&](const QString &key, QJsonObject payload) {
        IngestItem item = observationItem(provider::Circle, key, id, observedAt, std::move(payload));
        item.rows = observationRows(QJsonDocument::fromJson(item.raw.json).object());
        out.append(item);
    };
    const QString stamp = QString::number(observedAt);
    if (previous.isEmpty()) {
        // First sight of a member who is already inactive: when it happened is unknown, that it is so is not.
        if (!active && !stringField(current, "accepted_invitation"_L1).isEmpty())
            observe(u"member:%1:inactive-seen"_s.arg(id), {{u"change"_s, u"member_inactive_seen"_s}});
        return out;
    }
    if (previous.value("active"_L1).toBool() != active)
        observe(u"member:%1:active:%2:%3"_s.arg(id, active ? u"1"_s : u"0"_s, stamp),
                {{u"change"_s, u"member_active"_s}, {u"active"_s, active}});
    const QString before = stringField(previous, "email"_L1);
    const QString after = stringField(current, "email"_L1);
    if (!before.isEmpty() && before != after)
        observe(u"member:%1:email:%2"_s.arg(id, stamp),
                {{u"change"_s, u"email_changed"_s}, {u"from"_s, before}, {u"to"_s, after}});
    return out;
}

QList<IngestItem> CircleMapper::spaceMemberChanges(const QJsonObject &previous, const QJsonObject &current,
                                                   Millis observedAt) const
{
    const QString before = stringField(previous, "status"_L1);
    const QString after = stringField(current, "status"_L1);
    if (previous.isEmpty() || before == after)
        return {};
    const QString memberId = idText(current.value("community_member_id"_L1));
    const QString rowId = idText(current.value("id"_L1));
    IngestItem item = observationItem(
        provider::Circle, u"spm:%1:status:%2:%3"_s.arg(rowId, after).arg(observedAt), memberId, observedAt,
        {{u"change"_s, u"space_status"_s},
         {u"container_id"_s, idText(current.value("space_id"_L1))},
         {u"from"_s, before},
         {u"to"_s, after}});
    item.rows = observationRows(QJsonDocument::fromJson(item.raw.json).object());
    return {item};
}

IngestItem CircleMapper::removal(const QString &containerKind, const QString &containerId,
                                 const StoredMembership &membership, Millis observedAt) const
{
    IngestItem item = observationItem(
        provider::Circle, u"removed:%1:%2:%3"_s.arg(membership.rawKind, membership.rawId).arg(observedAt),
        membership.memberId, observedAt,
        {{u"change"_s, u"removed"_s},
         {u"container_kind"_s, containerKind},
         {u"container_id"_s, containerId},
         {u"container_name"_s, containerName(containerKind, containerId)},
         {u"record_kind"_s, membership.rawKind},
         {u"record"_s, QJsonDocument::fromJson(membership.json).object()}});
    item.rows = observationRows(QJsonDocument::fromJson(item.raw.json).object());
    return item;
}

IngestItem CircleMapper::memberGone(const QJsonObject &previous, Millis observedAt) const
{
    const QString id = idText(previous.value("id"_L1));
    const IngestItem item =
        observationItem(provider::Circle, u"member:%1:gone:%2"_s.arg(id).arg(observedAt), id, observedAt,
                        {{u"change"_s, u"member_gone"_s}, {u"record"_s, previous}});
    return map(kObservationKind, QJsonDocument::fromJson(item.raw.json).object(), observedAt).first();
}

QList<TimelineEvent> CircleMapper::observationRows(const QJsonObject &p) const
{
    const QString change = stringField(p, "change"_L1);
    const QString key = stringField(p, "key"_L1);
    const Millis at = p.value("observed_at"_L1).toInteger();
    if (change == "removed"_L1) {
        const QString containerKind = stringField(p, "container_kind"_L1);
        QString name = stringField(p, "container_name"_L1);
        if (name.isEmpty())
            name = containerName(containerKind, stringField(p, "container_id"_L1));
        // The row of the membership that ended stays in the timeline, also after a rebuild.
        QList<TimelineEvent> rows =
            membershipRows(stringField(p, "record_kind"_L1), p.value("record"_L1).toObject(),
                           stringField(p, "container_name"_L1));
        const QString rowKind = containerKind == kind::AccessGroup ? u"access_removed"_s
                                : containerKind == kind::Space     ? u"space_left"_s
                                                                   : u"circle_tag_removed"_s;
        rows.append(observedRow(provider::Circle, at, rowKind, key,
                                u"No longer in %1 %2"_s.arg(noun(containerKind), name)));
        return rows;
    }
    if (change == "member_active"_L1) {
        const bool active = p.value("active"_L1).toBool();
        return {observedRow(provider::Circle, at, active ? u"member_reactivated"_s : u"member_deactivated"_s,
                            key, active ? u"Reactivated in Circle"_s : u"Deactivated in Circle"_s)};
    }
    if (change == "member_inactive_seen"_L1)
        return {observedRow(provider::Circle, at, u"member_deactivated"_s, key,
                            u"Inactive in Circle — already so at the first sync"_s)};
    if (change == "member_gone"_L1)
        return {
            observedRow(provider::Circle, at, u"member_deleted"_s, key, u"No longer in Circle (deleted)"_s)};
    if (change == "email_changed"_L1)
        return {observedRow(
            provider::Circle, at, u"email_changed"_s, key,
            u"Circle email changed from %1 to %2"_s.arg(stringField(p, "from"_L1), stringField(p, "to"_L1)))};
    if (change == "space_status"_L1) {
        const QString to = stringField(p, "to"_L1);
        return {observedRow(provider::Circle, at,
                            to == "inactive"_L1 ? u"space_inactive"_s : u"space_joined"_s, key,
                            u"Space %1 membership is now %2"_s.arg(
                                containerName(kind::Space, stringField(p, "container_id"_L1)), to))};
    }
    return {};
}

} // namespace sb::circle
