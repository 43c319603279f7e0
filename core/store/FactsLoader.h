// Reads what the reconciler needs from the cache: per person, their accounts with their state, their Stripe
// history (charges tied to what they paid for, subscriptions with their failed renewal, disputes, one-time
// purchases with their line items), comps, current memberships and look-alike people. Bulk reads, one pass
// per kind, so a full reconcile of 100k people is a handful of scans.
#pragma once

#include "common/Result.h"
#include "reconcile/Facts.h"

#include <QSqlDatabase>

namespace sb::store {

class FactsLoader {
public:
    explicit FactsLoader(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    // Everyone who has an account anywhere, ordered by person id.
    Result<QList<reconcile::PersonFacts>> loadAll();
    // Just these people (an incremental pass), ordered by person id; unknown ids are skipped.
    Result<QList<reconcile::PersonFacts>> load(const QList<qint64> &people);

private:
    Result<QList<reconcile::PersonFacts>> loadWhere(const QList<qint64> *people);
    QSqlDatabase m_db;
};

} // namespace sb::store
