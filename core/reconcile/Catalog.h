// The names of what can be sold and granted: Stripe prices and products, Circle access groups and spaces, Kit
// tags and sequences, as the last sync saw them. The policy editor offers them; fix plans and findings name
// things with them. A plain value: loading it from the cache is the store's business (loadCatalog).
#pragma once

#include "common/Result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace sb::reconcile {

namespace catalog {
// Item kinds: the provider's own words for them.
inline const QString Price = QStringLiteral("price");
inline const QString Product = QStringLiteral("product");
inline const QString AccessGroup = QStringLiteral("access_group");
inline const QString Space = QStringLiteral("space");
inline const QString Tag = QStringLiteral("tag");
inline const QString Sequence = QStringLiteral("sequence");
// "provider/kind/id": one item's key in lookups.
QString key(const QString &provider, const QString &kind, const QString &id);
} // namespace catalog

struct CatalogItem {
    QString provider; // stripe | circle | kit
    QString kind;     // one of catalog::…
    QString id;
    QString name;
    QString product;    // a price's product id
    QString detail;     // a price: "$49.00 / month" or "$299.00 once"
    bool active = true; // a Stripe price or product switched off, a Circle group archived
};

class Catalog {
public:
    void add(CatalogItem item);
    // The items of one kind, sorted by name.
    QList<CatalogItem> items(const QString &provider, const QString &kind) const;
    const CatalogItem *find(const QString &provider, const QString &kind, const QString &id) const;
    // "Pro members" for a known item, else a readable stand-in ("access group 101").
    QString nameOf(const QString &provider, const QString &kind, const QString &id) const;
    // A price's product, when known.
    QString productOf(const QString &price) const;
    bool isEmpty() const { return m_items.isEmpty(); }

private:
    QList<CatalogItem> m_items;
    QHash<QString, qsizetype> m_index; // "provider/kind/id" -> position
};

// The catalog as the cache holds it (raw objects of the catalog kinds).
Result<Catalog> loadCatalog(QSqlDatabase db);

} // namespace sb::reconcile
