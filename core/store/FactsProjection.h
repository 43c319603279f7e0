// The part of a raw object the reconciler reads (store/FactsLoader), kept beside the object at ingest in
// raw_objects.facts: a full reconcile pass then parses a few hundred bytes per object instead of the
// provider's whole document (a Stripe charge is ~3 KB). The projection keeps the object's own keys and
// nesting, so the loader reads it or, for rows written before it existed (NULL), the full JSON the same way.
// Whatever the loader starts to read must be added here too (tst_store pins the two as equal).
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
