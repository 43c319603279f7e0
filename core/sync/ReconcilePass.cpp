#include "sync/ReconcilePass.h"

#include "reconcile/Reconciler.h"
#include "store/FactsLoader.h"
#include "store/Queries.h"
#include "sync/SyncTypes.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

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
                                             const QList<qint64> &people, bool everyone, int slice)
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
    // Everyone is read and reconciled a slice of people at a time: only the findings of the whole pass stay
    // in memory, not every person's facts (over 1 GB at 100k people).
    QList<QList<qint64>> slices;
    if (everyone) {
        QSqlQuery ids(db);
        ids.setForwardOnly(true);
        if (!ids.exec(u"SELECT id FROM people ORDER BY id"_s))
            return Error{ErrorKind::Io, u"cannot read people: "_s + ids.lastError().text()};
        while (ids.next()) {
            if (slices.isEmpty() || slices.last().size() >= std::max(1, slice))
                slices.append(QList<qint64>());
            slices.last().append(ids.value(0).toLongLong());
        }
    } else {
        slices.append(people);
    }

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
    store::FactsLoader loader(db);
    for (const QList<qint64> &ids : std::as_const(slices)) {
        auto facts = loader.load(ids);
        if (!facts)
            return facts.error();
        for (const reconcile::PersonFacts &f : std::as_const(facts.value()))
            result.merge(reconciler.person(f, now));
        out.people += int(facts->size());
    }
    result.merge(reconciler.syncs(health, now));
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
