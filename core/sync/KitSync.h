// Kit: subscribers of every state, tags and each tag's subscribers (with tagged_at), sequences and each
// sequence's subscribers (with added_at). A full run lists everything and compares each complete list with
// the cache, because listings by time miss removals; an incremental run asks only for subscribers updated,
// tags added and enrolments made since the last run started.
#pragma once

#include "common/Config.h"
#include "providers/kit/KitMapper.h"
#include "sync/PolledSync.h"

#include <QSet>

namespace sb::sync {

class KitSync : public PolledSync {
    Q_OBJECT
public:
    KitSync(store::Store *store, net::ApiClient *client, KitSettings settings, QObject *parent = nullptr);

protected:
    QList<Step> plan(bool full) override;
    std::optional<net::Query> nextPage(const net::Query &query, const QJsonObject &page) const override;
    QString pageProblem(const net::Query &query, const QJsonObject &page) const override;
    Status prepare() override;
    Status learnNames() override { return prepare(); }
    Status applyOne(const QString &rawKind, const QString &containerId, const QJsonObject &record,
                    Millis fetchedAt) override;
    IngestItem removalOf(const QString &containerKind, const QString &containerId,
                         const StoredMembership &membership, Millis observedAt) const override;

private:
    Step catalogStep(const QString &rawKind, const QString &path, const QString &recordsKey);
    Step subscribersStep(bool full);
    Step containerStep(const QString &containerKind, const QString &containerId, bool full);
    QString since() const;
    Status applySubscriber(const QJsonObject &record, Millis fetchedAt);
    Status applyMembership(const QString &containerKind, const QString &containerId,
                           const QJsonObject &record, Millis fetchedAt);

    KitSettings m_settings;
    kit::KitMapper m_mapper;
};

} // namespace sb::sync
