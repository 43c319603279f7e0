#include "reconcile/Catalog.h"

#include "common/Money.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::reconcile {

namespace {

QString idText(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toInteger());
    if (v.isObject())
        return v.toObject().value("id"_L1).toString();
    return v.toString();
}

QString readableKind(const QString &kind)
{
    QString k = kind;
    return k.replace(u'_', u' ');
}
} // namespace

QString catalog::key(const QString &provider, const QString &kind, const QString &id)
{
    return provider + u'/' + kind + u'/' + id;
}

void Catalog::add(CatalogItem item)
{
    const QString key = catalog::key(item.provider, item.kind, item.id);
    if (const auto it = m_index.constFind(key); it != m_index.cend()) {
        m_items[*it] = std::move(item);
        return;
    }
    m_index.insert(key, m_items.size());
    m_items.append(std::move(item));
}

QList<CatalogItem> Catalog::items(const QString &provider, const QString &kind) const
{
    QList<CatalogItem> out;
    for (const CatalogItem &i : m_items) {
        if (i.provider == provider && i.kind == kind)
            out.append(i);
    }
    std::sort(out.begin(), out.end(), [](const CatalogItem &a, const CatalogItem &b) {
        const int c = QString::localeAwareCompare(a.name, b.name);
        return c != 0 ? c < 0 : a.id < b.id;
    });
    return out;
}

const CatalogItem *Catalog::find(const QString &provider, const QString &kind, const QString &id) const
{
    const auto it = m_index.constFind(catalog::key(provider, kind, id));
    return it == m_index.cend() ? nullptr : &m_items[*it];
}

QString Catalog::nameOf(const QString &provider, const QString &kind, const QString &id) const
{
    if (const CatalogItem *i = find(provider, kind, id); i && !i->name.isEmpty())
        return i->name;
    return readableKind(kind) + u' ' + id;
}

QString Catalog::productOf(const QString &price) const
{
    const CatalogItem *i = find(u"stripe"_s, catalog::Price, price);
    return i ? i->product : QString();
}

Result<Catalog> loadCatalog(QSqlDatabase db)
{
    // Raw kinds as the three syncs store them.
    struct Source {
        const char *provider, *rawKind;
        const QString &kind;
    };
    const Source sources[] = {
        {"stripe", "product", catalog::Product},
        {"stripe", "price", catalog::Price},
        {"circle", "access_group", catalog::AccessGroup},
        {"circle", "space", catalog::Space},
        {"kit", "tag", catalog::Tag},
        {"kit", "sequence", catalog::Sequence},
    };
    Catalog out;
    QHash<QString, QString> productNames;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(u"SELECT external_id, json FROM raw_objects WHERE provider = ? AND kind = ?"_s))
        return Error{ErrorKind::Io, q.lastError().text()};
    for (const Source &s : sources) {
        q.bindValue(0, QString::fromLatin1(s.provider));
        q.bindValue(1, QString::fromLatin1(s.rawKind));
        if (!q.exec())
            return Error{ErrorKind::Io, q.lastError().text()};
        while (q.next()) {
            const QJsonObject o = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
            CatalogItem item;
            item.provider = QString::fromLatin1(s.provider);
            item.kind = s.kind;
            item.id = q.value(0).toString();
            item.name = o.value("name"_L1).toString();
            if (o.contains("active"_L1))
                item.active = o.value("active"_L1).toBool(true);
            if (s.kind == catalog::Product) {
                productNames.insert(item.id, item.name);
            } else if (s.kind == catalog::Price) {
                item.product = idText(o.value("product"_L1));
                const QString nickname = o.value("nickname"_L1).toString();
                item.name = !nickname.isEmpty() ? nickname : productNames.value(item.product);
                const QJsonObject recurring = o.value("recurring"_L1).toObject();
                const QString amount =
                    formatMoney(o.value("unit_amount"_L1).toInteger(), o.value("currency"_L1).toString());
                item.detail = recurring.isEmpty()
                                  ? amount
                                  : amount + u" / "_s + recurring.value("interval"_L1).toString();
            }
            out.add(std::move(item));
        }
    }
    return out;
}

} // namespace sb::reconcile
