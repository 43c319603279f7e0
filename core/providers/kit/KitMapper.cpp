#include "providers/kit/KitMapper.h"

#include "providers/Observation.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb::kit {

namespace {
QString stateKind(const QString &state)
{
    if (state == "bounced"_L1)
        return u"email_bounced"_s;
    if (state == "complained"_L1)
        return u"email_complained"_s;
    if (state == "cancelled"_L1)
        return u"unsubscribed"_s;
    if (state == "active"_L1)
        return u"resubscribed"_s;
    return u"subscriber_state"_s;
}

QString stateText(const QString &state)
{
    if (state == "bounced"_L1)
        return u"Kit email bounced"_s;
    if (state == "complained"_L1)
        return u"Marked Kit email as spam"_s;
    if (state == "cancelled"_L1)
        return u"Unsubscribed from Kit"_s;
    if (state == "active"_L1)
        return u"Active again in Kit"_s;
    return u"Kit subscriber is %1"_s.arg(state);
}
} // namespace

QString KitMapper::taggingId(const QString &tagId, const QString &subscriberId)
{
    return tagId + u':' + subscriberId;
}

void KitMapper::learn(const QString &rawKind, const QJsonObject &o)
{
    if (rawKind == kind::Tag)
        m_tagNames.insert(idText(o.value("id"_L1)), stringField(o, "name"_L1));
    else if (rawKind == kind::Sequence)
        m_sequenceNames.insert(idText(o.value("id"_L1)), stringField(o, "name"_L1));
}

QString KitMapper::tagName(const QString &tagId) const
{
    const QString name = m_tagNames.value(tagId);
    return name.isEmpty() ? u"#"_s + tagId : name;
}

namespace {
// The two ways a subscriber belongs to something in Kit, as stored: {tag_id, subscriber_id, tagged_at} and
// {sequence_id, subscriber_id, added_at}.
struct Belonging {
    QString rawKind, containerKind;
    QLatin1StringView idField, timeField;
    QString addedKind, removedKind, keyPrefix, removalPrefix;
};
const Belonging &belonging(const QString &containerKind)
{
    static const Belonging tag{kit::kind::Tagging, kit::kind::Tag,       "tag_id"_L1,  "tagged_at"_L1,
                               u"kit_tag_added"_s, u"kit_tag_removed"_s, u"tagging"_s, u"untagged"_s};
    static const Belonging sequence{kit::kind::Enrolment, kit::kind::Sequence, "sequence_id"_L1,
                                    "added_at"_L1,        u"sequence_added"_s, u"sequence_removed"_s,
                                    u"enrolment"_s,       u"unenrolled"_s};
    return containerKind == kit::kind::Sequence ? sequence : tag;
}
QString containerKindOfRecord(const QJsonObject &record)
{
    return record.contains("sequence_id"_L1) ? kit::kind::Sequence : kit::kind::Tag;
}
} // namespace

QString KitMapper::containerName(const QString &containerKind, const QString &id) const
{
    if (containerKind != kind::Sequence)
        return tagName(id);
    const QString name = m_sequenceNames.value(id);
    return name.isEmpty() ? u"#"_s + id : name;
}

QList<TimelineEvent> KitMapper::membershipRows(const QJsonObject &t, const QString &name) const
{
    const Belonging &b = belonging(containerKindOfRecord(t));
    const Millis at = parseTime(stringField(t, b.timeField));
    if (at == 0)
        return {};
    const QString container = stringField(t, b.idField);
    const QString sub = stringField(t, "subscriber_id"_L1);
    const QString shown = name.isEmpty() ? containerName(b.containerKind, container) : name;
    return {preciseRow(provider::Kit, at, b.addedKind,
                       u"%1:%2:%3:%4"_s.arg(b.keyPrefix, container, sub).arg(at),
                       b.containerKind == kind::Sequence ? u"Added to sequence %1 in Kit"_s.arg(shown)
                                                         : u"Tagged %1 in Kit"_s.arg(shown))};
}

QList<IngestItem> KitMapper::map(const QString &rawKind, const QJsonObject &r, Millis fetchedAt) const
{
    IngestItem item;
    if (rawKind == kObservationKind) {
        const Millis at = r.value("observed_at"_L1).toInteger();
        item.raw = rawRecord(provider::Kit, rawKind, stringField(r, "key"_L1), r, at, at);
        item.owner.identityId = stringField(r, "member_id"_L1);
        item.rows = observationRows(r);
        return {item};
    }
    if (rawKind == kind::Tagging || rawKind == kind::Enrolment) {
        // Stored taggings and enrolments (also what a rebuild reads).
        const Belonging &b = belonging(rawKind == kind::Enrolment ? kind::Sequence : kind::Tag);
        const QString container = stringField(r, b.idField);
        const QString sub = stringField(r, "subscriber_id"_L1);
        const Millis at = parseTime(stringField(r, b.timeField));
        item.raw = rawRecord(provider::Kit, rawKind, taggingId(container, sub), r, at, fetchedAt);
        item.owner.identityId = sub;
        item.membership = MembershipFact{b.containerKind, container, sub, at, u"active"_s};
        item.rows = membershipRows(r);
        return {item};
    }
    const QString id = idText(r.value("id"_L1));
    if (id.isEmpty())
        return {};
    const Millis created = parseTime(stringField(r, "created_at"_L1));
    item.raw = rawRecord(provider::Kit, rawKind, id, r, created, fetchedAt);
    if (rawKind == kind::Subscriber) {
        item.identity = IdentityFact{provider::Kit, id, stringField(r, "email_address"_L1),
                                     stringField(r, "first_name"_L1), created};
        if (created)
            item.rows.append(preciseRow(provider::Kit, created, u"subscribed"_s, u"subscriber:"_s + id,
                                        u"Subscribed to Kit"_s));
    }
    return {item};
}

QList<IngestItem> KitMapper::mapMembership(const QString &containerKind, const QString &containerId,
                                           const QJsonObject &subscriber, Millis fetchedAt) const
{
    const QString sub = idText(subscriber.value("id"_L1));
    if (sub.isEmpty() || containerId.isEmpty())
        return {};
    const Belonging &b = belonging(containerKind);
    const QJsonObject record{{QString(b.idField), containerId},
                             {u"subscriber_id"_s, sub},
                             {QString(b.timeField), subscriber.value(b.timeField)},
                             {u"email_address"_s, subscriber.value("email_address"_L1)}};
    return map(b.rawKind, record, fetchedAt);
}

QList<IngestItem> KitMapper::subscriberChanges(const QJsonObject &previous, const QJsonObject &current,
                                               Millis observedAt) const
{
    const QString id = idText(current.value("id"_L1));
    const QString state = stringField(current, "state"_L1);
    QList<IngestItem> out;
    auto observe = [&](const QString &key, QJsonObject payload) {
        IngestItem item = observationItem(provider::Kit, key, id, observedAt, std::move(payload));
        item.rows = observationRows(QJsonDocument::fromJson(item.raw.json).object());
        out.append(item);
    };
    const QString stamp = QString::number(observedAt);
    if (previous.isEmpty()) {
        if (!state.isEmpty() && state != "active"_L1)
            observe(u"subscriber:%1:state-seen:%2"_s.arg(id, state),
                    {{u"change"_s, u"state_seen"_s}, {u"to"_s, state}});
        return out;
    }
    const QString before = stringField(previous, "state"_L1);
    if (before != state && !state.isEmpty())
        observe(u"subscriber:%1:state:%2:%3"_s.arg(id, state, stamp),
                {{u"change"_s, u"state"_s}, {u"from"_s, before}, {u"to"_s, state}});
    const QString oldEmail = stringField(previous, "email_address"_L1);
    const QString newEmail = stringField(current, "email_address"_L1);
    if (!oldEmail.isEmpty() && oldEmail != newEmail)
        observe(u"subscriber:%1:email:%2"_s.arg(id, stamp),
                {{u"change"_s, u"email_changed"_s}, {u"from"_s, oldEmail}, {u"to"_s, newEmail}});
    return out;
}

IngestItem KitMapper::removal(const QString &containerKind, const QString &containerId,
                              const StoredMembership &membership, Millis observedAt) const
{
    const Belonging &b = belonging(containerKind);
    IngestItem item =
        observationItem(provider::Kit, u"%1:%2:%3"_s.arg(b.removalPrefix, membership.rawId).arg(observedAt),
                        membership.memberId, observedAt,
                        {{u"change"_s, u"removed"_s},
                         {u"container_kind"_s, b.containerKind},
                         {u"container_id"_s, containerId},
                         {u"container_name"_s, containerName(b.containerKind, containerId)},
                         {u"record"_s, QJsonDocument::fromJson(membership.json).object()}});
    item.rows = observationRows(QJsonDocument::fromJson(item.raw.json).object());
    return item;
}

QList<TimelineEvent> KitMapper::observationRows(const QJsonObject &p) const
{
    const QString change = stringField(p, "change"_L1);
    const QString key = stringField(p, "key"_L1);
    const Millis at = p.value("observed_at"_L1).toInteger();
    const QString to = stringField(p, "to"_L1);
    if (change == "removed"_L1) {
        const QString containerKind =
            stringField(p, "container_kind"_L1).isEmpty() ? kind::Tag : stringField(p, "container_kind"_L1);
        const Belonging &b = belonging(containerKind);
        QList<TimelineEvent> rows =
            membershipRows(p.value("record"_L1).toObject(), stringField(p, "container_name"_L1));
        QString name = stringField(p, "container_name"_L1);
        if (name.isEmpty())
            name = containerName(containerKind, stringField(p, "container_id"_L1));
        rows.append(observedRow(provider::Kit, at, b.removedKind, key,
                                containerKind == kind::Sequence
                                    ? u"No longer in sequence %1 in Kit"_s.arg(name)
                                    : u"Tag %1 removed in Kit"_s.arg(name)));
        return rows;
    }
    if (change == "state_seen"_L1)
        return {observedRow(provider::Kit, at, stateKind(to), key,
                            stateText(to) + u" — already so at the first sync"_s)};
    if (change == "state"_L1)
        return {observedRow(provider::Kit, at, stateKind(to), key, stateText(to))};
    if (change == "email_changed"_L1)
        return {observedRow(provider::Kit, at, u"email_changed"_s, key,
                            u"Kit email changed from %1 to %2"_s.arg(stringField(p, "from"_L1), to))};
    return {};
}

} // namespace sb::kit
