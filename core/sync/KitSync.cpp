#include "sync/KitSync.h"

#include "common/Log.h"
#include "providers/kit/KitClient.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace kk = kit::kind;

namespace {
// Listings by time overlap the previous run by this much, so a change at its edge is not missed.
constexpr Millis kOverlap = 5 * 60 * 1000;
} // namespace

KitSync::KitSync(store::Store *store, net::ApiClient *client, KitSettings settings, QObject *parent)
    : PolledSync(provider::Kit, store, client, settings.fullEveryHours, parent)
    , m_settings(std::move(settings))
{}

Status KitSync::prepare()
{
    m_mapper = kit::KitMapper{};
    return learnCatalogs({kk::Tag, kk::Sequence},
                         [this](const QString &kind, const QJsonObject &o) { m_mapper.learn(kind, o); });
}

std::optional<net::Query> KitSync::nextPage(const net::Query &query, const QJsonObject &page) const
{
    return kit::nextPage(query, page);
}

QString KitSync::pageProblem(const net::Query &query, const QJsonObject &page) const
{
    return kit::pageProblem(query, page);
}

QString KitSync::since() const
{
    // Kit compares with its own clock: the last run's start in Kit's time, so a clock that is off loses
    // nothing.
    const Millis from = lastRunStart().value_or(0) + client()->serverClockOffset() - kOverlap;
    return fromMillis(std::max<Millis>(0, from)).toString(Qt::ISODate);
}

PolledSync::Step KitSync::catalogStep(const QString &rawKind, const QString &path, const QString &recordsKey)
{
    Step step;
    step.stream = recordsKey;
    step.path = path;
    step.query = {{u"per_page"_s, QString::number(m_settings.pageSize)}};
    step.recordsKey = recordsKey;
    return PolledSync::catalogStep(step, rawKind,
                                   {[this, rawKind](const QJsonObject &r, Millis fetchedAt) {
                                        m_mapper.learn(rawKind, r);
                                        return m_mapper.map(rawKind, r, fetchedAt);
                                    },
                                    [this, rawKind](const QString &id, const StoredMembership &m, Millis at) {
                                        return m_mapper.removal(rawKind, id, m, at);
                                    },
                                    {}});
}

Status KitSync::applySubscriber(const QJsonObject &r, Millis fetchedAt)
{
    const QString id = idText(r.value("id"_L1));
    if (id.isEmpty())
        return {};
    auto previous = store()->rawJsonOf(provider::Kit, kk::Subscriber, id);
    if (!previous)
        return previous.error();
    QList<IngestItem> items = m_mapper.map(kk::Subscriber, r, fetchedAt);
    items += m_mapper.subscriberChanges(QJsonDocument::fromJson(previous.value()).object(), r, fetchedAt);
    return ingestAll(items);
}

Status KitSync::applyMembership(const QString &containerKind, const QString &containerId,
                                const QJsonObject &r, Millis fetchedAt)
{
    for (const IngestItem &item : m_mapper.mapMembership(containerKind, containerId, r, fetchedAt)) {
        Status s = ingestMembership(*store(), item, [&](const StoredMembership &ended) {
            return m_mapper.removal(containerKind, containerId, ended, fetchedAt);
        });
        if (!s)
            return s;
    }
    return {};
}

Status KitSync::applyOne(const QString &rawKind, const QString &containerId, const QJsonObject &record,
                         Millis fetchedAt)
{
    if (rawKind == kk::Subscriber)
        return applySubscriber(record, fetchedAt);
    return applyMembership(rawKind, containerId, record, fetchedAt);
}

IngestItem KitSync::removalOf(const QString &containerKind, const QString &containerId,
                              const StoredMembership &membership, Millis observedAt) const
{
    return m_mapper.removal(containerKind, containerId, membership, observedAt);
}

PolledSync::Step KitSync::subscribersStep(bool full)
{
    Step step;
    step.stream = u"subscribers"_s;
    step.path = u"/v4/subscribers"_s;
    // Kit lists only active subscribers unless asked for all: cancelled and bounced people would look absent.
    step.query = {{u"status"_s, u"all"_s}, {u"per_page"_s, QString::number(m_settings.pageSize)}};
    if (!full)
        step.query.append({u"updated_after"_s, since()});
    step.recordsKey = u"subscribers"_s;
    step.apply = [this](const QJsonArray &records, Millis fetchedAt) -> Result<bool> {
        for (const QJsonValue &v : records) {
            if (Status s = applySubscriber(v.toObject(), fetchedAt); !s)
                return s.error();
        }
        return true;
    };
    step.complete = [this, full]() -> Status {
        // Then who carries each tag and who is in each sequence, one listing per tag and per sequence.
        for (const QString &kind : {kk::Tag, kk::Sequence}) {
            auto ids = store()->rawIds(provider::Kit, kind);
            if (!ids)
                return ids.error();
            QStringList sorted(ids.value().cbegin(), ids.value().cend());
            std::sort(sorted.begin(), sorted.end());
            for (const QString &id : std::as_const(sorted))
                addStep(containerStep(kind, id, full));
        }
        return {};
    };
    return step;
}

PolledSync::Step KitSync::containerStep(const QString &containerKind, const QString &containerId, bool full)
{
    const bool tag = containerKind == kk::Tag;
    auto listed = std::make_shared<QSet<QString>>();
    Step step;
    step.stream = m_mapper.containerName(containerKind, containerId);
    step.path = (tag ? u"/v4/tags/%1/subscribers"_s : u"/v4/sequences/%1/subscribers"_s).arg(containerId);
    step.query = {{u"status"_s, u"all"_s}, {u"per_page"_s, QString::number(m_settings.pageSize)}};
    if (!full)
        step.query.append({tag ? u"tagged_after"_s : u"added_after"_s, since()});
    step.recordsKey = u"subscribers"_s;
    step.apply = [this, containerKind, containerId, listed](const QJsonArray &records,
                                                            Millis fetchedAt) -> Result<bool> {
        for (const QJsonValue &v : records) {
            const QJsonObject r = v.toObject();
            listed->insert(idText(r.value("id"_L1)));
            if (Status s = applyMembership(containerKind, containerId, r, fetchedAt); !s)
                return s.error();
        }
        return true;
    };
    if (full) {
        // Listings by time miss removals: the complete list is compared with the cache.
        step.complete = [this, containerKind, containerId, listed]() -> Status {
            auto stored = store()->memberships(provider::Kit, containerKind, containerId);
            if (!stored)
                return stored.error();
            const Millis now = Clock::now();
            for (const StoredMembership &m : stored.value()) {
                if (listed->contains(m.memberId))
                    continue;
                if (Status s = ingestAll({m_mapper.removal(containerKind, containerId, m, now)}); !s)
                    return s;
                if (Status s = store()->removeMembership(provider::Kit, containerKind, containerId, m); !s)
                    return s;
            }
            return {};
        };
    }
    return step;
}

QList<PolledSync::Step> KitSync::plan(bool full)
{
    QList<Step> steps;
    if (full) {
        steps.append(catalogStep(kk::Tag, u"/v4/tags"_s, u"tags"_s));
        steps.append(catalogStep(kk::Sequence, u"/v4/sequences"_s, u"sequences"_s));
    }
    steps.append(subscribersStep(full));
    return steps;
}

} // namespace sb::sync
