#include "audit/AuditExport.h"

#include "audit/AuditSql.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::audit {

using detail::compactJson;
using store::sqlError;

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    if (name == "csv"_L1)
        return ExportFormat::Csv;
    if (name == "jsonl"_L1)
        return ExportFormat::JsonLines;
    return std::nullopt;
}

QString exportFormatName(ExportFormat format)
{
    return format == ExportFormat::Csv ? u"csv"_s : u"jsonl"_s;
}

const QStringList &csvColumns()
{
    static const QStringList columns = {u"seq"_s,          u"at"_s,      u"at_utc"_s,     u"actor"_s,
                                        u"actor_kind"_s,   u"action"_s,  u"target"_s,     u"reason"_s,
                                        u"request_json"_s, u"outcome"_s, u"intent_seq"_s, u"subjects"_s,
                                        u"prev_hash"_s,    u"hash"_s};
    return columns;
}

namespace {

bool formulaSign(QChar c)
{
    // With the full-width forms, which some spreadsheets (and input methods) take for the ASCII ones.
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == QChar(0xff1d) || c == QChar(0xff0b) ||
           c == QChar(0xff0d) || c == QChar(0xff20);
}

// Whether a spreadsheet could read the cell as a formula: it begins with a sign, or with blanks or
// invisible characters (a space, U+200B, U+FEFF, a bidi control) before one — some importers trim those,
// and a reader would not see them anyway.
bool looksLikeFormula(const QString &v)
{
    for (const QChar c : v) {
        if (c.isSpace() || c.category() == QChar::Other_Format)
            continue;
        return formulaSign(c);
    }
    return false;
}

} // namespace

QString csvCell(const QString &value)
{
    QString v = value;
    if (!v.isEmpty()) {
        const QChar c = v.front();
        if (c == u'\t' || c == u'\r' || c == u'\n' || c == u'\'' || looksLikeFormula(v))
            v.prepend(u'\'');
    }
    const bool quote = v.contains(u',') || v.contains(u'"') || v.contains(u'\r') || v.contains(u'\n');
    if (!quote)
        return v;
    v.replace(u"\""_s, u"\"\""_s);
    return u'"' + v + u'"';
}

namespace {

QByteArray csvRow(const QStringList &cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            line += u',';
        line += csvCell(cells.at(i));
    }
    line += u"\r\n"_s;
    return line.toUtf8();
}

// The cells of a row selected with kEntryColumns. request_json and subjects are written as stored (append
// stores them compact and sorted, the form the hash covers), so the file verifies without re-encoding.
QStringList csvCellsOfRow(const QSqlQuery &q)
{
    const qint64 at = q.value(1).toLongLong();
    return {q.value(0).toString(),  QString::number(at),   isoUtc(at),
            q.value(2).toString(),  q.value(3).toString(), q.value(4).toString(),
            q.value(5).toString(),  q.value(6).toString(), q.value(7).toString(),
            q.value(8).toString(),  q.value(9).toString(), q.value(10).toString(),
            q.value(11).toString(), q.value(12).toString()};
}

// One JSON Lines record for such a row, keys sorted as QJsonDocument would write them, the request nested.
QByteArray jsonLineOfRow(const QSqlQuery &q)
{
    using detail::appendJsonString;
    const qint64 at = q.value(1).toLongLong();
    QByteArray out;
    out.reserve(768);
    out += "{\"action\":";
    appendJsonString(out, q.value(4).toString());
    out += ",\"actor\":";
    appendJsonString(out, q.value(2).toString());
    out += ",\"actor_kind\":";
    appendJsonString(out, q.value(3).toString());
    out += ",\"at\":";
    out += QByteArray::number(at);
    out += ",\"at_utc\":";
    appendJsonString(out, isoUtc(at));
    out += ",\"hash\":";
    appendJsonString(out, q.value(12).toString());
    out += ",\"intent_seq\":";
    out += QByteArray::number(q.value(9).toLongLong());
    out += ",\"outcome\":";
    appendJsonString(out, q.value(8).toString());
    out += ",\"prev_hash\":";
    appendJsonString(out, q.value(11).toString());
    out += ",\"reason\":";
    appendJsonString(out, q.value(6).toString());
    out += ",\"request\":";
    const QByteArray request = q.value(7).toByteArray();
    out += request.isEmpty() ? QByteArray("{}") : request;
    out += ",\"seq\":";
    out += QByteArray::number(q.value(0).toLongLong());
    out += ",\"subjects\":";
    const QByteArray subjects = q.value(10).toByteArray();
    out += subjects.isEmpty() ? QByteArray("[]") : subjects;
    out += ",\"target\":";
    appendJsonString(out, q.value(5).toString());
    out += "}\n";
    return out;
}

} // namespace

Result<ExportSummary> exportLog(QSqlDatabase db, const ExportRequest &request, QIODevice *out,
                                const std::function<bool(qint64)> &progress)
{
    if (!out || !out->isWritable())
        return Error{ErrorKind::Io, u"the export destination is not open for writing"_s};
    const QString format = exportFormatName(request.format);
    QJsonObject filterJson = detail::filterToJson(request.filter);

    // The export is recorded first; the file then ends (CSV) or begins (JSON Lines) with that entry as head.
    Entry record;
    record.actor = request.actor;
    record.actorKind = request.actorKind;
    record.action = u"audit.export"_s;
    record.target = request.destination.isEmpty() ? u"audit log (%1)"_s.arg(format)
                                                  : u"%1 (%2)"_s.arg(request.destination, format);
    record.reason = request.reason;
    record.request = QJsonObject{
        {u"format"_s, format}, {u"filter"_s, filterJson}, {u"destination"_s, request.destination}};
    record.outcome = outcome::Ok;
    record.subjects = request.filter.subjects;
    AuditLog log(db);

    // The export entry carries what the file must hold (the filter, how many entries, through which seq), so
    // a file whose unhashed header or trailer was edited to hide a deletion does not verify. Counted and
    // appended in one write transaction: nothing can come between the count and the head.
    QSqlQuery tx(db);
    if (!tx.exec(u"BEGIN IMMEDIATE"_s))
        return sqlError(tx, "cannot start the export");
    auto rollback = [&db](Error e) -> Result<ExportSummary> {
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return e;
    };
    auto previous = log.head();
    if (!previous)
        return rollback(previous.error());
    const qint64 through = previous.value() ? previous.value()->seq : 0;
    Filter filter = request.filter;
    if (filter.maxSeq <= 0 || filter.maxSeq > through)
        filter.maxSeq = through;
    qint64 before = 0;
    if (through > 0) {
        auto counted = log.count(filter);
        if (!counted)
            return rollback(counted.error());
        before = counted.value();
    }
    record.request.insert(u"rows"_s, before + 1); // and the export entry itself, always the file's last
    record.request.insert(u"through_seq"_s, filter.maxSeq);
    auto stored = log.appendWithin(record);
    if (!stored)
        return rollback(stored.error());
    if (!tx.exec(u"COMMIT"_s))
        return rollback(sqlError(tx, "cannot record the export"));
    const Entry &head = stored.value();
    const qint64 rows = before + 1;

    ExportSummary summary;
    summary.headSeq = head.seq;
    summary.headHash = head.hash;
    auto write = [out](const QByteArray &bytes) {
        return out->write(bytes) == bytes.size();
    };
    auto writeFailed = [out] {
        return Error{ErrorKind::Io, u"cannot write the export: %1"_s.arg(out->errorString())};
    };

    if (request.format == ExportFormat::JsonLines) {
        const QJsonObject header{{u"switchboard_audit_export"_s, 1}, {u"filter"_s, filterJson},
                                 {u"head_seq"_s, head.seq},          {u"head_hash"_s, head.hash},
                                 {u"exported_at"_s, head.at},        {u"rows"_s, rows}};
        if (!write(compactJson(header) + '\n'))
            return writeFailed();
    } else if (!write(csvRow(csvColumns()))) {
        return writeFailed();
    }

    // The entries the filter keeps (none when the log was empty), then the export entry.
    QString condition = u"0"_s;
    detail::Where where;
    if (filter.maxSeq > 0) {
        where = detail::whereClause(filter, 0);
        condition = where.sql.mid(QStringView(u" WHERE "_s).size());
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + detail::kEntryColumns + u" FROM audit_log WHERE ("_s + condition +
              u") OR seq = ? ORDER BY seq"_s);
    detail::bind(q, where);
    q.addBindValue(head.seq);
    if (!q.exec())
        return sqlError(q, "cannot read the audit log");
    QByteArray buffer;
    while (q.next()) {
        buffer += request.format == ExportFormat::JsonLines ? jsonLineOfRow(q) : csvRow(csvCellsOfRow(q));
        ++summary.rows;
        if (buffer.size() >= 1 << 16) {
            if (!write(buffer))
                return writeFailed();
            buffer.clear();
        }
        if (progress && summary.rows % 1000 == 0 && !progress(summary.rows))
            return Error{ErrorKind::Cancelled, u"the export was cancelled"_s};
    }
    if (request.format == ExportFormat::Csv) {
        QStringList trailer{u"chain_head"_s,
                            QString::number(head.seq),
                            head.hash,
                            QString::fromUtf8(compactJson(filterJson)),
                            QString::number(summary.rows),
                            QString::number(head.at)};
        while (trailer.size() < csvColumns().size())
            trailer.append(QString());
        buffer += csvRow(trailer);
    }
    if (!write(buffer))
        return writeFailed();
    if (progress && !progress(summary.rows))
        return Error{ErrorKind::Cancelled, u"the export was cancelled"_s};
    return summary;
}

} // namespace sb::audit
