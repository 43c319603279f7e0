// The audit log: every change Switchboard makes to the outside world or to its own local facts (links,
// comps, notes, finding decisions, exports), append-only and hash-chained.
//
// Each entry's hash is SHA-256 (lower-case hex) over its canonical JSON: one compact JSON object with sorted
// keys {action, actor, actor_kind, at, intent_seq, outcome, prev_hash, reason, request, seq, subjects,
// target}, `request` kept nested. The first entry's prev_hash is 64 zeros. UPDATE and DELETE are refused by
// triggers; `audit verify` finds what the triggers cannot stop (someone with the file and sqlite3).
//
// A remote action is two entries: its intent (outcome "pending") written before any call, and its outcome
// (ok, noop, failed, unknown) written after, pointing at the intent through intent_seq. An intent with no
// outcome means the console stopped in between; at start-up markUnknown() records "unknown" for each, so
// the gap is visible and a retry re-reads the remote state before it writes.
#pragma once

#include "common/Result.h"
#include "domain/Types.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <optional>

namespace sb::audit {

enum class ActorKind { Human, Sync, System };
QString actorKindName(ActorKind kind); // "human", "sync", "system"
std::optional<ActorKind> actorKindFromName(const QString &name);

namespace outcome {
inline const QString Pending = QStringLiteral("pending"); // an intent: the calls are about to be made
inline const QString Ok = QStringLiteral("ok");           // done (also a local action that needs no intent)
inline const QString Noop = QStringLiteral("noop");       // already in the desired state: nothing called
inline const QString Failed = QStringLiteral("failed");   // request.message holds the provider's words
inline const QString Unknown = QStringLiteral("unknown"); // the console stopped between intent and outcome
} // namespace outcome

// Subjects name what an entry is about, so a person's entries can be found after person ids change:
// "email:<normalised address>", "<provider>:<external id>" (stripe:cus_…, circle:123, kit:456),
// "finding:<finding key>".
QString emailSubject(const QString &emailNorm);
QString identitySubject(const QString &provider, const QString &externalId);
QString findingSubject(const QString &findingKey);

struct Entry {
    qint64 seq = 0; // assigned by append
    Millis at = 0;  // assigned by append when 0
    QString actor;
    ActorKind actorKind = ActorKind::Human;
    QString action; // "circle.add_access_group", "kit.add_tag", "identity.link", "comp.grant", "note.add",
                    // "finding.resolve", "finding.snooze", "audit.export", "evidence.export", …
    QString target; // in a few words, for people: "ada@example.com → Pro members"
    QString reason;
    QJsonObject request;  // what was asked (params, the remote calls planned or made, the finding); an
                          // outcome's request carries "message" (a failure's provider message) and "calls"
    QString outcome;      // outcome:: above
    qint64 intentSeq = 0; // an outcome entry: the seq of its intent; otherwise 0
    QStringList subjects;
    QString prevHash; // assigned by append
    QString hash;     // assigned by append
};

// The canonical JSON the hash covers (every field above except `hash`), and the hash of it.
QByteArray canonicalJson(const Entry &entry);
QString entryHash(const Entry &entry);
inline const QString GenesisHash = QString(64, QLatin1Char('0'));

struct Filter {
    std::optional<Millis> since; // at >= since
    std::optional<Millis> until; // at < until
    QString actor;               // exact
    QString action;              // exact, or a prefix ending in '.' ("circle.")
    QStringList subjects;        // any of them (a person's emails and identities); empty: everyone
    qint64 maxSeq = 0;           // only entries with seq <= maxSeq; 0: no bound
};

class AuditLog {
public:
    explicit AuditLog(QSqlDatabase db);

    // Appends in its own write transaction (BEGIN IMMEDIATE, so two connections never fork the chain) and
    // returns the entry as stored (seq, at, prev_hash, hash filled in).
    Result<Entry> append(Entry entry);
    // The same, for a caller that already holds a write transaction on this connection.
    Result<Entry> appendWithin(Entry entry);

    // The last entry, if any.
    Result<std::optional<Entry>> head();
    Result<std::optional<Entry>> entry(qint64 seq);
    // Entries matching the filter, newest first, with seq < beforeSeq (0: from the newest); for lazy paging.
    Result<QList<Entry>> list(const Filter &filter, qint64 beforeSeq, int limit);
    Result<qint64> count(const Filter &filter);
    // The outcome entry of an intent, if written.
    Result<std::optional<Entry>> outcomeOf(qint64 intentSeq);
    // Intents that have no outcome yet.
    Result<QList<Entry>> pendingIntents();
    // Records "unknown" for every pending intent (actor kind system); the number recorded.
    Result<int> markUnknown();
    // The distinct actors and actions seen (for filter menus).
    Result<QStringList> actors();
    Result<QStringList> actions();

private:
    QSqlDatabase m_db;
};

// Added with the implementation: the subjects that name a person now (each identity, the person's and the
// identities' normalised addresses, every address an identity has had), for Filter::subjects.
Result<QStringList> personSubjects(QSqlDatabase db, qint64 personId);

} // namespace sb::audit
