// Internal to core/audit: the SQL shared by the log, its export and its verification.
#pragma once

#include "audit/AuditLog.h"

#include <QSqlQuery>
#include <QVariantList>

namespace sb::audit::detail {

// Every column of an entry, in the order readEntry() expects.
inline const QString kEntryColumns =
    QStringLiteral("seq, at, actor, actor_kind, action, target, reason, request_json, outcome, intent_seq,"
                   " subjects, prev_hash, hash");

// A WHERE clause (with its leading " WHERE", or empty) and its positional bind values.
struct Where {
    QString sql;
    QVariantList binds;
};
Where whereClause(const Filter &filter, qint64 beforeSeq);
void bind(QSqlQuery &q, const Where &where);

// An entry from a row selected with kEntryColumns.
Entry readEntry(const QSqlQuery &q);

// The filter as JSON (only the parts that are set) and back; an empty object is "everyone".
QJsonObject filterToJson(const Filter &filter);
Filter filterFromJson(const QJsonObject &json);

QByteArray compactJson(const QJsonObject &o);
QByteArray compactJson(const QJsonArray &a);

} // namespace sb::audit::detail
