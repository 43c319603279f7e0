// One person's evidence pack: a single self-contained HTML file to attach to a support ticket or a dispute
// reply. It says who the person is in each system, where they stand now, their open and past findings (why,
// and the fix plan), their whole timeline, and every audit entry about them with actor, reason and outcome,
// and it carries the audit chain's head, which is the "evidence.export" entry that records the pack itself.
//
// HTML rather than Markdown: a browser on any machine shows it as written, and it can be made inert for
// certain (every outside string escaped, no script, no link, no remote load: a Content-Security-Policy of
// default-src 'none'). Markdown has no escaping that every renderer honours, and most renderers pass raw
// HTML through. Outside strings are also cleaned of what escaping does not stop: bidi overrides and
// invisible characters are shown as [U+202E]-style markers, and very long strings are cut.
#pragma once

#include "audit/AuditLog.h"

#include <QDate>
#include <QIODevice>

namespace sb::audit {

struct EvidenceRequest {
    qint64 personId = 0;
    QString actor; // who makes the pack (recorded in the evidence.export entry)
    ActorKind actorKind = ActorKind::Human;
    QString reason;      // may be empty
    QString destination; // file name only, recorded in the entry (never a path with a home directory)
};

struct EvidenceSummary {
    qint64 seq = 0;   // the evidence.export entry: the chain head the pack carries
    QString headHash; // its hash
    qint64 timelineRows = 0;
    qint64 auditEntries = 0; // entries about the person, before the pack's own
    qint64 findings = 0;
};

// Reads everything first (nothing is recorded when a read fails), appends the evidence.export entry, then
// writes the pack to `out`. The entry names the person's accounts and addresses as its subjects, so the pack
// shows on their timeline.
Result<EvidenceSummary> writeEvidencePack(QSqlDatabase db, const EvidenceRequest &request, QIODevice *out);

// "evidence-ada-lovelace-2026-11-27.html": letters and digits of the name (any script) joined by '-', cut
// to a sane length; "evidence-person-2026-11-27.html" when nothing is left.
QString evidenceFileName(const QString &personName, const QDate &date);

// Outside text made inert for HTML: bidi controls, zero-width and other invisible format characters and
// control characters shown as "[U+XXXX]", cut after maxChars (saying how much was cut), then escaped.
QString inertHtml(const QString &text, qsizetype maxChars = 2000);

} // namespace sb::audit
