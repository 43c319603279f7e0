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
// An entry as text, the way a row or an export file holds it (request and subjects as their JSON text).
struct RawEntry {
    qint64 seq = 0;
    qint64 at = 0;
    qint64 intentSeq = 0;
    QString actor, actorKind, action, target, reason, outcome, prevHash;
    QByteArray request, subjects;
};
// Its canonical JSON built without parsing: the bytes canonicalJson() gives for the parsed entry when the
// request and subjects text are in the compact, sorted form append stores (otherwise different bytes).
QByteArray canonicalJsonOf(const RawEntry &entry);
QString hashOf(const RawEntry &entry);

// The canonical JSON of a row selected with kEntryColumns, built from its text without parsing (equal to
// canonicalJson(readEntry(q)) for rows append wrote), and whether the row's hash matches its content (the
// fast bytes first, the parsed entry when they differ).
QByteArray canonicalJsonOfRow(const QSqlQuery &q);
// A JSON string as QJsonDocument's compact form writes it, appended to `out`.
void appendJsonString(QByteArray &out, const QString &s);
bool rowHashMatches(const QSqlQuery &q);

// The filter as JSON (only the parts that are set) and back; an empty object is "everyone".
QJsonObject filterToJson(const Filter &filter);
Filter filterFromJson(const QJsonObject &json);

QByteArray compactJson(const QJsonObject &o);
QByteArray compactJson(const QJsonArray &a);

} // namespace sb::audit::detail
