// The part of a raw object the reconciler reads (store/FactsLoader), kept beside the object at ingest in the
// raw_facts table (with the object's owner): a full reconcile pass then reads a few hundred bytes per object
// in key order instead of the provider's whole document (a Stripe charge is ~3 KB). The projection keeps the
// object's own keys and nesting. The loader reads only raw_facts: a kind it reads must have a projection here
// (tst_store pins the list), and whatever it starts to read of an object must be kept here too
// (tst_reconcileworld compares the facts loaded from projections with those loaded from whole objects).
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace sb::store {

// Whether objects of this provider and kind have a projection (the kinds FactsLoader reads).
bool hasFactsProjection(const QString &provider, const QString &kind);
// The compact JSON of the projection; empty when the kind has none.
QByteArray factsProjection(const QString &provider, const QString &kind, const QJsonObject &object);
// Writes the projection of every raw object that has none (a cache from before schema v5), inside the
// caller's transaction.
Status backfillFacts(QSqlDatabase &db);

} // namespace sb::store
