#include "models/SearchModel.h"

#include "common/BidiText.h"
#include "models/TimelineModel.h"

using namespace Qt::StringLiterals;

namespace sb::models {

SearchModel::SearchModel(store::Queries *queries, QObject *parent)
    : QAbstractListModel(parent)
    , m_queries(queries)
{}

void SearchModel::setQuery(const QString &query)
{
    m_query = query;
    auto result = m_queries->search(query, 50);
    beginResetModel();
    if (result) {
        m_hits = result.value();
        m_error.clear();
    } else {
        m_hits.clear();
        m_error = result.error().message;
    }
    endResetModel();
    Q_EMIT searched(m_query, int(m_hits.size()), m_error);
}

int SearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant SearchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size())
        return {};
    const SearchHit &h = m_hits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (h.displayName.isEmpty() || h.displayName == h.primaryEmail)
            return h.primaryEmail.isEmpty() ? tr("(unnamed person %1)").arg(h.personId) : h.primaryEmail;
        // Isolated: a name with a right-to-left override must not carry the email along with it.
        return u"%1 — %2"_s.arg(isolatedForDisplay(h.displayName), isolatedForDisplay(h.primaryEmail));
    case Qt::ToolTipRole: {
        // Views show a tooltip that looks like markup as markup: provider text is escaped and the tooltip
        // made rich text on purpose, so a name like "<img src=…>" reads as written.
        const QString text = h.matchedOn == "id"_L1 ? tr("Matched id %1").arg(h.matchedValue)
                                                    : tr("Matched %1").arg(h.matchedValue);
        return QString(u"<span>"_s + text.toHtmlEscaped() + u"</span>"_s);
    }
    case PersonIdRole:
        return h.personId;
    case NameRole:
        return h.displayName;
    case EmailRole:
        return h.primaryEmail;
    case MatchedOnRole:
        return h.matchedOn;
    case MatchedValueRole:
        return h.matchedValue;
    case SystemsRole:
        return h.systems;
    case Qt::AccessibleDescriptionRole:
    case SystemsTextRole: {
        // In the order money flows (pay, get access, get email), not the store's alphabetical one.
        QStringList labels;
        for (const QString &p : {provider::Stripe, provider::Circle, provider::Kit}) {
            if (h.systems.contains(p))
                labels.append(providerLabel(p));
        }
        for (const QString &p : h.systems) {
            if (p != provider::Stripe && p != provider::Circle && p != provider::Kit)
                labels.append(providerLabel(p));
        }
        return labels.join(u" · "_s);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"}, {PersonIdRole, "personId"},      {NameRole, "name"},
            {EmailRole, "email"},         {MatchedOnRole, "matchedOn"},    {MatchedValueRole, "matchedValue"},
            {SystemsRole, "systems"},     {SystemsTextRole, "systemsText"}};
}

} // namespace sb::models
