// Exports of the audit log (CSV and JSON Lines) and their verification. An export is itself audited: the
// "audit.export" entry is appended first, and the file carries the chain head (that entry's seq and hash),
// so a later `audit verify --head HASH` can tell a truncated tail from a log that simply grew.
#pragma once

#include "audit/AuditLog.h"

#include <QIODevice>
#include <functional>

namespace sb::audit {

enum class ExportFormat { Csv, JsonLines };
std::optional<ExportFormat> exportFormatFromName(const QString &name); // "csv", "jsonl"

struct ExportRequest {
    ExportFormat format = ExportFormat::Csv;
    Filter filter;
    QString actor; // who exports (recorded in the audit.export entry)
    ActorKind actorKind = ActorKind::Human;
    QString reason;      // may be empty for an export
    QString destination; // file name only, recorded in the entry (never a full path with a home directory)
};

struct ExportSummary {
    qint64 rows = 0;    // entries written
    qint64 headSeq = 0; // the chain head the file carries (the audit.export entry)
    QString headHash;
};

// Appends the audit.export entry, then writes every entry matching the filter (seq <= the export's own) in
// seq order. progress(rowsWritten) may return false to cancel (the entry stays; the caller removes the file).
Result<ExportSummary> exportLog(QSqlDatabase db, const ExportRequest &request, QIODevice *out,
                                const std::function<bool(qint64)> &progress = {});

// One CSV cell as written: RFC 4180 quoting; a cell beginning with = + - @ (or their full-width forms, also
// after leading blanks or invisible characters), tab, CR, LF or ' gets a leading ' so a spreadsheet never
// runs it (the verifier strips exactly one). Everything else, bidi controls included, is kept as stored:
// the file is evidence and its hashes cover the text.
QString csvCell(const QString &value);

struct VerifyReport {
    bool ok = false;
    qint64 entries = 0;     // entries checked
    qint64 firstBadSeq = 0; // the first entry that does not verify (0 when ok, or for a file-level problem)
    QString problem;        // "edited", "deleted", "reordered", "truncated", "malformed", "" when ok
    QString message;        // one sentence naming the entry and what is wrong
    qint64 headSeq = 0;     // the last entry checked
    QString headHash;
    bool filtered = false; // a file exported with a filter: links across gaps cannot be checked
};

// Walks the database's chain in seq order. expectedHead: the head hash of an earlier export; the chain must
// still contain it (otherwise "truncated", or "edited" when its seq holds another hash).
VerifyReport verifyDatabase(QSqlDatabase db, const QString &expectedHead = {});
// An export file (CSV or JSON Lines, told apart by content).
VerifyReport verifyFile(const QString &path, const QString &expectedHead = {});

// Added with the implementation (AuditExport.cpp, AuditVerify.cpp).
QString exportFormatName(ExportFormat format); // "csv", "jsonl"
// The CSV header row, in order. The file's last row begins with "chain_head": head seq, head hash, the
// filter as JSON ({} when unfiltered), the number of entry rows, the export time (ms).
const QStringList &csvColumns();
// An expected head as a person types it: "HASH" or "SEQ:HASH" (64 hex digits, any case). With the seq,
// verify can tell a truncated tail from an edited head precisely. nullopt when malformed.
struct ExpectedHead {
    qint64 seq = 0; // 0: unknown
    QString hash;   // lower case
};
std::optional<ExpectedHead> parseExpectedHead(const QString &text);

} // namespace sb::audit
