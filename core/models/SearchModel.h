// Search results as you type: a bounded, indexed query per keystroke (cheap enough for the GUI thread).
#pragma once

#include "domain/Types.h"
#include "store/Queries.h"

#include <QAbstractListModel>

namespace sb::models {

class SearchModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PersonIdRole = Qt::UserRole + 1,
        NameRole,
        EmailRole,
        MatchedOnRole,
        MatchedValueRole,
        SystemsRole,     // QStringList of providers that know the person (stripe, circle, kit)
        SystemsTextRole, // the same for people: "Stripe · Circle · Kit"
    };

    explicit SearchModel(store::Queries *queries, QObject *parent = nullptr);

    void setQuery(const QString &query);
    QString query() const { return m_query; }
    QString lastError() const { return m_error; }
    void refresh() { setQuery(m_query); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void searched(const QString &query, int hits, const QString &error);

private:
    store::Queries *m_queries;
    QString m_query;
    QString m_error;
    QList<SearchHit> m_hits;
};

} // namespace sb::models
