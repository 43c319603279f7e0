#include "sync/ReconcilePass.h"

#include "reconcile/Reconciler.h"
#include "store/FactsLoader.h"
#include "store/Queries.h"
#include "sync/SyncTypes.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace {

QList<reconcile::SyncHealth> syncHealth(QSqlDatabase db, const Config &config)
{
    QList<reconcile::SyncHealth> out;
    store::Queries queries(db);
    const std::pair<QString, qint64> providers[] = {
        {provider::Stripe, kStripeInterval / 1000},
        {provider::Circle, qint64(config.circle.intervalMinutes) * 60},
        {provider::Kit, qint64(config.kit.intervalMinutes) * 60},
    };
    for (const auto &[provider, interval] : providers) {
        auto summary = queries.syncSummary(provider);
        if (!summary)
            continue;
        reconcile::SyncHealth h;
        h.provider = provider;
        h.intervalSeconds = interval;
        h.lastOkAt = summary->lastOkAt.value_or(0);
        h.lastError = summary->lastError;
        // A provider counts as connected once a sync of it has been attempted.
        h.connected = summary->lastOkAt.has_value() || !summary->lastError.isEmpty();
        out.append(h);
    }
    return out;
}

} // namespace

Result<ReconcilePassResult> runReconcilePass(QSqlDatabase db, const Config &config, Millis now,
                                             const QList<qint64> &people, bool everyone)
{
    QElapsedTimer timer;
    timer.start();
    auto settings = reconcile::ReconcileSettings::fromConfig(config.findings);
    if (!settings)
        return settings.error();
    auto policy = reconcile::loadPolicy(db);
    if (!policy)
        return policy.error();
    auto catalog = reconcile::loadCatalog(db);
    if (!catalog)
        return catalog.error();
    store::FactsLoader loader(db);
    auto facts = everyone ? loader.loadAll() : loader.load(people);
    if (!facts)
        return facts.error();

    const QList<reconcile::SyncHealth> health = syncHealth(db, config);
    reconcile::ReconcileSettings rules = settings.value();
    rules.knownProviders.clear();
    for (const reconcile::SyncHealth &h : health) {
        if (h.lastOkAt)
            rules.knownProviders.insert(h.provider);
    }
    ReconcilePassResult out;
    out.hasPolicy = policy->has_value();
    const reconcile::Reconciler reconciler(policy->has_value() ? policy->value().policy : reconcile::Policy{},
                                           std::move(catalog.value()), std::move(rules));
    reconcile::ReconcileResult result;
    for (const reconcile::PersonFacts &f : std::as_const(facts.value()))
        result.merge(reconciler.person(f, now));
    result.merge(reconciler.syncs(health, now));
    out.people = int(facts->size());
    out.nextDue = result.nextDue;

    store::ReconcileScope scope;
    scope.everyone = everyone;
    scope.people = people;
    scope.syncs = true;
    auto delta = store::FindingsStore(db).apply(result, scope, now);
    if (!delta)
        return delta.error();
    out.delta = std::move(delta.value());
    out.elapsedMs = timer.elapsed();
    return out;
}

Result<Millis> nextReconcileDue(QSqlDatabase db, Millis lastNextDue)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT min(snoozed_until) FROM findings WHERE status = 'snoozed'"_s) || !q.next())
        return Error{ErrorKind::Io, u"cannot read snoozes: "_s + q.lastError().text()};
    const Millis snooze = q.value(0).isNull() ? 0 : q.value(0).toLongLong();
    if (!snooze)
        return lastNextDue;
    return lastNextDue ? std::min(snooze, lastNextDue) : snooze;
}

} // namespace sb::sync
