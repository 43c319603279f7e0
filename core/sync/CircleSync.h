// Circle: members of every status, access groups and spaces with their members, member tags and tagged
// members. Requests are the currency (a monthly quota): membership is listed per group and per space, never
// per member, in the largest pages Circle serves. A full run compares every complete listing with the cache
// (removals, deactivations); an incremental run reads the newest page of each listing and goes on only while
// a page holds something new (Circle lists newest first; the periodic full run is the safety net).
#pragma once

#include "common/Config.h"
#include "providers/circle/CircleMapper.h"
#include "sync/PolledSync.h"

#include <QSet>

namespace sb::sync {

class CircleSync : public PolledSync {
    Q_OBJECT
public:
    CircleSync(store::Store *store, net::ApiClient *client, CircleSettings settings,
               QObject *parent = nullptr);

    // Requests a run would cost with what the cache knows now (members, groups, spaces).
    qint64 estimatedRequests(bool full);

protected:
    QList<Step> plan(bool full) override;
    std::optional<net::Query> nextPage(const net::Query &query, const QJsonObject &page) const override;
    QString pageProblem(const net::Query &query, const QJsonObject &page) const override;
    Status prepare() override;
    QString refuseRun(bool full, bool automatic) override;
    Status learnNames() override;
    Status applyOne(const QString &rawKind, const QString &containerId, const QJsonObject &record,
                    Millis fetchedAt) override;
    IngestItem removalOf(const QString &containerKind, const QString &containerId,
                         const StoredMembership &membership, Millis observedAt) const override;

private:
    Step catalogStep(const QString &rawKind, const QString &path, net::Query query);
    Step membersStep(bool full);
    Step containerStep(const QString &rawKind, const QString &containerId, bool full);
    Step taggedMembersStep(bool full);
    void addContainerSteps(bool full);
    Result<bool> applyRecords(const QString &rawKind, const QJsonArray &records, Millis fetchedAt,
                              QSet<QString> *listed);
    Status compareContainer(const QString &containerKind, const QString &containerId,
                            const QList<StoredMembership> &stored, const QSet<QString> &listed);
    QString path(const QString &tail) const;
    // Offset pages shift when a row comes or goes while we page, so a row can be skipped and a comparison
    // would invent a removal: a listing whose count changed between its first and last page, or that saw
    // fewer records than the count, is not compared (the next full run is).
    bool listingComplete(const QString &what, qsizetype seen) const;

    CircleSettings m_settings;
    circle::CircleMapper m_mapper;
    QSet<QString> m_listed;                     // members seen by this run's member listing
    QHash<QString, QSet<QString>> m_listedTags; // member tag id -> members listed with it
    QSet<QString> m_taggedRows;                 // tagged-member row ids listed
};

} // namespace sb::sync
