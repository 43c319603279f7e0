// The write side of the cache, used by one thread (the sync thread) through its own connection.
#pragma once

#include "common/Result.h"
#include "domain/Types.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <memory>

namespace sb::store {

struct SyncState {
    QString cursor;
    std::optional<Millis> lastOkAt;
    QString lastError;
    qint64 requestsSpent = 0;
};

class Store {
public:
    explicit Store(QSqlDatabase db);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    Status begin();
    Status commit();
    void rollback();

    // Upserts the raw object, links its owner, and upserts its timeline rows. Idempotent: ingesting the same
    // item again changes nothing. Returns the owner's person id, or 0 when it has none yet.
    Result<qint64> ingest(const IngestItem &item);
    bool hasRaw(const QString &provider, const QString &kind, const QString &externalId);
    qint64 rowsWritten() const { return m_rowsWritten; }
    // The people whose data changed since the last call (ingested for, merged into or away): what an
    // incremental reconcile pass looks at.
    QList<qint64> takeTouchedPeople();
    // Gives people back (a pass that failed), so the next pass looks at them.
    void touchPeople(const QList<qint64> &people);
    // Forgets cached ids; call when another writer may have changed people (a rebuild).
    void clearCaches() { m_identityCache.clear(); }

    Result<SyncState> syncState(const QString &provider, const QString &stream);
    Status saveSyncState(const QString &provider, const QString &stream, const SyncState &state);
    Status clearSyncStates(const QString &provider);

    // Every raw object of one kind (used to warm the mapper's catalog of product names).
    Result<QList<QByteArray>> rawJson(const QString &provider, const QString &kind);
    // One raw object's JSON (empty when absent): the previous snapshot a fresh one is compared with.
    Result<QByteArray> rawJsonOf(const QString &provider, const QString &kind, const QString &externalId);
    // The external ids of every raw object of one kind.
    Result<QSet<QString>> rawIds(const QString &provider, const QString &kind);

    Status deleteRaw(const QString &provider, const QString &kind, const QString &externalId);

    // Stripe events waiting to be applied, kept on disk in listing order (stripe_event_queue), per run:
    // `run` is a token of the caller's run. Clearing a run's queue also drops any run's rows older than a day
    // (a process that died before applying them).
    Status clearEventQueue(const QString &run);
    Status queueEvents(const QString &run, const QJsonArray &events);
    // Up to `limit` of the run's queued events listed before `beforeSeq` (0: from the last listed), the
    // latest listed first — oldest first when the listing was newest first. With each one's queue position.
    Result<QList<std::pair<qint64, QJsonObject>>> queuedEvents(const QString &run, qint64 beforeSeq,
                                                               int limit);

    // One member's membership of one container, when there is one.
    Result<std::optional<StoredMembership>> membership(const QString &provider, const QString &containerKind,
                                                       const QString &containerId, const QString &memberId);
    // The memberships of one container (an access group, a space, a tag), with their raw JSON.
    Result<QList<StoredMembership>> memberships(const QString &provider, const QString &containerKind,
                                                const QString &containerId);
    // The member ids of every container of one kind, by container.
    Result<QHash<QString, QList<StoredMembership>>> membershipsOfKind(const QString &provider,
                                                                      const QString &containerKind);
    // A membership that a full listing no longer shows: its projection row and its raw object go (the
    // observation that records the removal is ingested by the caller in the same transaction).
    Status removeMembership(const QString &provider, const QString &containerKind, const QString &containerId,
                            const StoredMembership &membership);

    QSqlDatabase db() const { return m_db; }

private:
    Result<qint64> personForIdentity(const IdentityFact &fact);
    Result<qint64> personForOwner(const QString &provider, const OwnerHint &owner, Millis at);
    Result<qint64> findPersonByEmail(const QString &emailNorm);
    Result<qint64> createPerson(const QString &name, const QString &email, const QString &emailNorm,
                                Millis at);
    Status addSearchKeys(qint64 personId, const QString &email, const QString &name);
    Status rememberEmail(const IdentityFact &fact, const QString &emailNorm);
    Status adoptName(qint64 person, const IdentityFact &fact);
    Result<qint64> decidedPerson(const IdentityFact &fact);
    Status upsertMembership(const IngestItem &item, const QVariant &person);
    Status mergePerson(qint64 from, qint64 into);
    QSqlQuery &prepared(int slot, const QString &sql);
    void finishStatements();

    QSqlDatabase m_db;
    std::vector<std::unique_ptr<QSqlQuery>> m_queries;
    QHash<QString, qint64> m_identityCache; // "provider\x1fexternal_id" -> person id
    qint64 m_rowsWritten = 0;
    QSet<qint64> m_touched;
};

} // namespace sb::store
