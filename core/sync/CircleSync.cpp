#include "sync/CircleSync.h"

#include "common/Log.h"
#include "providers/circle/CircleClient.h"

#include <QJsonDocument>
#include <cmath>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace ck = circle::kind;

CircleSync::CircleSync(store::Store *store, net::ApiClient *client, CircleSettings settings, QObject *parent)
    : PolledSync(provider::Circle, store, client, settings.fullEveryHours, parent)
    , m_settings(std::move(settings))
{}

QString CircleSync::path(const QString &tail) const
{
    return QString(circle::kApiPrefix) + tail;
}

Status CircleSync::prepare()
{
    m_listed.clear();
    m_listedTags.clear();
    m_taggedRows.clear();
    return learnNames();
}

Status CircleSync::learnNames()
{
    m_mapper = circle::CircleMapper{};
    return learnCatalogs({ck::AccessGroup, ck::Space, ck::MemberTag},
                         [this](const QString &kind, const QJsonObject &o) { m_mapper.learn(kind, o); });
}

Status CircleSync::applyOne(const QString &rawKind, const QString &containerId, const QJsonObject &record,
                            Millis fetchedAt)
{
    Q_UNUSED(containerId); // a Circle membership row names its container
    auto applied = applyRecords(rawKind, QJsonArray{record}, fetchedAt, nullptr);
    return applied ? Status() : Status(applied.error());
}

IngestItem CircleSync::removalOf(const QString &containerKind, const QString &containerId,
                                 const StoredMembership &membership, Millis observedAt) const
{
    return m_mapper.removal(containerKind, containerId, membership, observedAt);
}

qint64 CircleSync::estimatedRequests(bool full)
{
    auto count = [this](const QString &kind) -> qint64 {
        auto ids = store()->rawIds(provider::Circle, kind);
        return ids ? ids.value().size() : 0;
    };
    const qint64 containers = count(ck::AccessGroup) + count(ck::Space);
    if (!full)
        return 2 + containers;
    const qint64 page = std::max(1, m_settings.pageSize);
    auto pages = [page](qint64 n) {
        return std::max<qint64>(1, (n + page - 1) / page);
    };
    // Catalogs, the member list, each group's and space's own list (as large as the cache knows it), tags.
    qint64 cost = 3 + pages(count(ck::Member)) + pages(count(ck::TaggedMember));
    for (const QString &kind : {ck::AccessGroup, ck::Space}) {
        auto ids = store()->rawIds(provider::Circle, kind);
        auto held = store()->membershipsOfKind(provider::Circle, kind);
        if (!ids || !held)
            continue;
        for (const QString &id : ids.value())
            cost += pages(held.value().value(id).size());
    }
    return cost;
}

QString CircleSync::refuseRun(bool full, bool automatic)
{
    if (m_settings.monthlyQuota <= 0)
        return {};
    const qint64 quota = m_settings.monthlyQuota;
    const qint64 spent = requestsThisMonth();
    const qint64 cost = estimatedRequests(full);
    if (spent + cost > quota)
        return u"Circle's monthly request quota would be exceeded (%1 of %2 spent, this sync needs about "
               u"%3): "
               "Circle is not synced until next month. Raise circle/monthly_quota if your plan allows more."_s
                   .arg(spent)
                   .arg(quota)
                   .arg(cost);
    if (!automatic)
        return {};
    // Automatic runs spread the quota over the month: at most the share of the month gone so far, plus a
    // day's worth, so the quota lasts to the end of the month whatever the interval is set to.
    const QDateTime now = fromMillis(Clock::now());
    const QDateTime monthStart(QDate(now.date().year(), now.date().month(), 1), QTime(0, 0), Qt::UTC);
    const double monthMs = double(monthStart.msecsTo(monthStart.addMonths(1)));
    const double elapsed = double(monthStart.msecsTo(now)) / monthMs;
    const double allowance = double(quota) * elapsed + double(quota) / 30.0;
    if (double(spent + cost) <= allowance)
        return {};
    return u"Circle waits to spare its monthly quota: %1 of %2 requests spent with %3 % of the month gone. "
           "Sync now (F5) still syncs."_s.arg(spent)
               .arg(quota)
               .arg(int(elapsed * 100));
}

bool CircleSync::listingComplete(const QString &what, qsizetype seen) const
{
    const qint64 count = lastPage().value("count"_L1).toInteger(-1);
    const qint64 countAtStart = firstPage().value("count"_L1).toInteger(-1);
    if (count < 0 || (seen >= count && count == countAtStart))
        return true;
    qCWarning(lcSync) << "Circle's" << what << "changed while it was paged (" << countAtStart << "->" << count
                      << "records," << seen << "seen): not compared this time";
    return false;
}

std::optional<net::Query> CircleSync::nextPage(const net::Query &query, const QJsonObject &page) const
{
    return circle::nextPage(query, page);
}

QString CircleSync::pageProblem(const net::Query &query, const QJsonObject &page) const
{
    return circle::pageProblem(query, page);
}

Result<bool> CircleSync::applyRecords(const QString &rawKind, const QJsonArray &records, Millis fetchedAt,
                                      QSet<QString> *listed)
{
    bool anyNew = false;
    for (const QJsonValue &v : records) {
        const QJsonObject r = v.toObject();
        const QString id = idText(r.value("id"_L1));
        if (id.isEmpty()) {
            qCWarning(lcSync) << "Circle sent a" << rawKind << "record without an id; skipped";
            continue;
        }
        auto previous = store()->rawJsonOf(provider::Circle, rawKind, id);
        if (!previous)
            return previous.error();
        const QJsonObject before = QJsonDocument::fromJson(previous.value()).object();
        anyNew = anyNew || previous.value().isEmpty();
        QList<IngestItem> items = m_mapper.map(rawKind, r, fetchedAt);
        if (rawKind == ck::Member)
            items += m_mapper.memberChanges(before, r, fetchedAt);
        else if (rawKind == ck::SpaceMember)
            items += m_mapper.spaceMemberChanges(before, r, fetchedAt);
        for (const IngestItem &item : std::as_const(items)) {
            const QString containerKind = circle::CircleMapper::containerKindOf(rawKind);
            const QString containerId = item.membership ? item.membership->containerId : QString();
            Status s = ingestMembership(*store(), item, [&](const StoredMembership &ended) {
                return m_mapper.removal(containerKind, containerId, ended, fetchedAt);
            });
            if (!s)
                return s.error();
        }
        if (listed)
            listed->insert(rawKind == ck::Member ? id : idText(r.value("community_member_id"_L1)));
        if (rawKind == ck::TaggedMember) {
            m_taggedRows.insert(id);
            m_listedTags[idText(r.value("member_tag_id"_L1))].insert(
                idText(r.value("community_member_id"_L1)));
        }
    }
    return anyNew;
}

PolledSync::Step CircleSync::catalogStep(const QString &rawKind, const QString &tail, net::Query query)
{
    query.append({u"per_page"_s, QString::number(m_settings.pageSize)});
    query.append({u"page"_s, u"1"_s});
    Step step;
    step.stream = rawKind + u"s"_s;
    step.path = path(tail);
    step.query = query;
    step.recordsKey = u"records"_s;
    return PolledSync::catalogStep(step, rawKind,
                                   {[this, rawKind](const QJsonObject &r, Millis fetchedAt) {
                                        m_mapper.learn(rawKind, r);
                                        return m_mapper.map(rawKind, r, fetchedAt);
                                    },
                                    [this, rawKind](const QString &id, const StoredMembership &m, Millis at) {
                                        return m_mapper.removal(rawKind, id, m, at);
                                    },
                                    [this, rawKind](qsizetype listed) {
                                        return listingComplete(rawKind, listed);
                                    }});
}

PolledSync::Step CircleSync::membersStep(bool full)
{
    Step step;
    step.stream = u"members"_s;
    step.path = path(u"/community_members"_s);
    step.query = {
        {u"status"_s, u"all"_s}, {u"per_page"_s, QString::number(m_settings.pageSize)}, {u"page"_s, u"1"_s}};
    step.recordsKey = u"records"_s;
    step.apply = [this, full](const QJsonArray &records, Millis fetchedAt) -> Result<bool> {
        auto anyNew = applyRecords(ck::Member, records, fetchedAt, &m_listed);
        return anyNew ? Result<bool>(full || anyNew.value()) : anyNew;
    };
    step.complete = [this, full]() -> Status {
        if (full && listingComplete(u"members"_s, m_listed.size())) {
            // Listed with status=all, a member that is missing was deleted from the community.
            auto known = store()->rawIds(provider::Circle, ck::Member);
            if (!known)
                return known.error();
            const Millis now = Clock::now();
            for (const QString &id : known.value()) {
                if (m_listed.contains(id))
                    continue;
                auto json = store()->rawJsonOf(provider::Circle, ck::Member, id);
                if (!json)
                    return json.error();
                if (Status s =
                        ingestAll({m_mapper.memberGone(QJsonDocument::fromJson(json.value()).object(), now)});
                    !s)
                    return s;
                if (Status s = store()->deleteRaw(provider::Circle, ck::Member, id); !s)
                    return s;
            }
        }
        addContainerSteps(full);
        return {};
    };
    return step;
}

Status CircleSync::compareContainer(const QString &containerKind, const QString &containerId,
                                    const QList<StoredMembership> &stored, const QSet<QString> &listed)
{
    const Millis now = Clock::now();
    for (const StoredMembership &m : stored) {
        if (listed.contains(m.memberId))
            continue;
        if (Status s = ingestAll({m_mapper.removal(containerKind, containerId, m, now)}); !s)
            return s;
        if (Status s = store()->removeMembership(provider::Circle, containerKind, containerId, m); !s)
            return s;
    }
    return {};
}

PolledSync::Step CircleSync::containerStep(const QString &rawKind, const QString &containerId, bool full)
{
    const QString containerKind = circle::CircleMapper::containerKindOf(rawKind);
    auto listed = std::make_shared<QSet<QString>>();
    Step step;
    step.stream = m_mapper.containerName(containerKind, containerId);
    step.recordsKey = u"records"_s;
    if (rawKind == ck::AccessGroupMember) {
        step.path = path(u"/access_groups/%1/community_members"_s.arg(containerId));
    } else {
        step.path = path(u"/space_members"_s);
        step.query = {{u"space_id"_s, containerId}, {u"status"_s, u"all"_s}};
    }
    step.query.append({u"per_page"_s, QString::number(m_settings.pageSize)});
    step.query.append({u"page"_s, u"1"_s});
    step.apply = [this, rawKind, listed, full](const QJsonArray &records, Millis fetchedAt) -> Result<bool> {
        auto anyNew = applyRecords(rawKind, records, fetchedAt, listed.get());
        return anyNew ? Result<bool>(full || anyNew.value()) : anyNew;
    };
    if (full) {
        step.complete = [this, containerKind, containerId, listed]() -> Status {
            if (!listingComplete(containerKind + u' ' + containerId, listed->size()))
                return {};
            auto stored = store()->memberships(provider::Circle, containerKind, containerId);
            if (!stored)
                return stored.error();
            return compareContainer(containerKind, containerId, stored.value(), *listed);
        };
    }
    return step;
}

PolledSync::Step CircleSync::taggedMembersStep(bool full)
{
    Step step;
    step.stream = u"tagged members"_s;
    step.path = path(u"/tagged_members"_s);
    step.query = {{u"per_page"_s, QString::number(m_settings.pageSize)}, {u"page"_s, u"1"_s}};
    step.recordsKey = u"records"_s;
    step.apply = [this, full](const QJsonArray &records, Millis fetchedAt) -> Result<bool> {
        auto anyNew = applyRecords(ck::TaggedMember, records, fetchedAt, nullptr);
        return anyNew ? Result<bool>(full || anyNew.value()) : anyNew;
    };
    if (full) {
        step.complete = [this]() -> Status {
            if (!listingComplete(u"tagged members"_s, m_taggedRows.size()))
                return {};
            auto stored = store()->membershipsOfKind(provider::Circle, ck::MemberTag);
            if (!stored)
                return stored.error();
            for (auto it = stored.value().cbegin(); it != stored.value().cend(); ++it) {
                if (Status s =
                        compareContainer(ck::MemberTag, it.key(), it.value(), m_listedTags.value(it.key()));
                    !s)
                    return s;
            }
            return {};
        };
    }
    return step;
}

void CircleSync::addContainerSteps(bool full)
{
    for (const auto &[rawKind, catalogKind] :
         {std::pair{ck::AccessGroupMember, ck::AccessGroup}, std::pair{ck::SpaceMember, ck::Space}}) {
        auto ids = store()->rawIds(provider::Circle, catalogKind);
        QStringList sorted = ids ? QStringList(ids.value().cbegin(), ids.value().cend()) : QStringList();
        std::sort(sorted.begin(), sorted.end());
        for (const QString &id : std::as_const(sorted))
            addStep(containerStep(rawKind, id, full));
    }
    addStep(taggedMembersStep(full));
}

QList<PolledSync::Step> CircleSync::plan(bool full)
{
    QList<Step> steps;
    if (full) {
        steps.append(catalogStep(ck::AccessGroup, u"/access_groups"_s, {{u"status"_s, u"all"_s}}));
        steps.append(catalogStep(ck::Space, u"/spaces"_s, {}));
        steps.append(catalogStep(ck::MemberTag, u"/member_tags"_s, {}));
    }
    steps.append(membersStep(full));
    return steps;
}

} // namespace sb::sync
