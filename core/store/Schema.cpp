#include "store/Schema.h"

#include "common/Log.h"
#include "store/FactsProjection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace sb::store {

namespace {

// Each entry migrates from version i to i+1. Never edit a released step; append a new one.
// Times are INTEGER unix milliseconds (UTC); money is INTEGER minor units with a currency.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        {
            u"CREATE TABLE people (id INTEGER PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '',"
            " primary_email TEXT NOT NULL DEFAULT '', email_norm TEXT NOT NULL DEFAULT '',"
            " created_at INTEGER NOT NULL)"_s,
            u"CREATE INDEX people_email_norm ON people(email_norm)"_s,
            u"CREATE TABLE identities (provider TEXT NOT NULL, external_id TEXT NOT NULL,"
            " person_id INTEGER NOT NULL REFERENCES people(id), email TEXT NOT NULL DEFAULT '',"
            " email_norm TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '',"
            " link TEXT NOT NULL DEFAULT 'auto' CHECK (link IN ('auto','manual')),"
            " created_at INTEGER NOT NULL DEFAULT 0, UNIQUE (provider, external_id))"_s,
            u"CREATE INDEX identities_email_norm ON identities(email_norm)"_s,
            u"CREATE INDEX identities_person ON identities(person_id)"_s,
            u"CREATE INDEX identities_external_id ON identities(external_id)"_s,
            u"CREATE TABLE raw_objects (provider TEXT NOT NULL, kind TEXT NOT NULL, external_id TEXT NOT "
            u"NULL,"
            " person_id INTEGER REFERENCES people(id), json TEXT NOT NULL, provider_time INTEGER NOT NULL,"
            " snapshot_at INTEGER NOT NULL, synced_at INTEGER NOT NULL, UNIQUE (provider, kind, external_id))"_s,
            u"CREATE INDEX raw_objects_external_id ON raw_objects(external_id)"_s,
            u"CREATE INDEX raw_objects_person ON raw_objects(person_id, provider, kind)"_s,
            u"CREATE TABLE timeline (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES people(id),"
            " at INTEGER NOT NULL, provider TEXT NOT NULL, kind TEXT NOT NULL, source_key TEXT NOT NULL,"
            " summary TEXT NOT NULL, amount INTEGER, currency TEXT NOT NULL DEFAULT '',"
            " observed INTEGER NOT NULL DEFAULT 0, detail_json TEXT NOT NULL DEFAULT '{}',"
            " UNIQUE (provider, source_key))"_s,
            u"CREATE INDEX timeline_person_at ON timeline(person_id, at DESC, id DESC)"_s,
            // Search keys: normalised emails and name words per person, scanned by prefix range.
            u"CREATE TABLE search_keys (key TEXT NOT NULL, person_id INTEGER NOT NULL REFERENCES people(id),"
            " field TEXT NOT NULL, PRIMARY KEY (key, person_id, field))"_s,
            u"CREATE INDEX search_keys_person ON search_keys(person_id)"_s,
            u"CREATE TABLE entitlements (person_id INTEGER NOT NULL REFERENCES people(id),"
            " product_key TEXT NOT NULL, status TEXT NOT NULL, since INTEGER, until INTEGER, source TEXT,"
            " PRIMARY KEY (person_id, product_key))"_s,
            u"CREATE TABLE access (person_id INTEGER NOT NULL REFERENCES people(id),"
            " circle_member_id TEXT NOT NULL, access_group_id TEXT, space_id TEXT, since INTEGER)"_s,
            u"CREATE TABLE tags (person_id INTEGER NOT NULL REFERENCES people(id),"
            " kit_subscriber_id TEXT NOT NULL, tag_id TEXT NOT NULL, tagged_at INTEGER)"_s,
            u"CREATE TABLE findings (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES people(id),"
            " rule TEXT NOT NULL, severity TEXT NOT NULL, first_seen INTEGER NOT NULL,"
            " last_seen INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open'"
            " CHECK (status IN ('open','resolved','snoozed')), detail_json TEXT NOT NULL DEFAULT '{}')"_s,
            u"CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL,"
            " actor_kind TEXT NOT NULL CHECK (actor_kind IN ('human','sync','system')), action TEXT NOT NULL,"
            " target TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
            " request_json TEXT NOT NULL DEFAULT '{}', outcome TEXT NOT NULL DEFAULT '',"
            " prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"_s,
            u"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"_s,
            u"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"_s,
            u"CREATE TABLE sync_state (provider TEXT NOT NULL, stream TEXT NOT NULL, cursor TEXT NOT NULL"
            " DEFAULT '', last_ok_at INTEGER, last_error TEXT NOT NULL DEFAULT '',"
            " requests_spent INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (provider, stream))"_s,
            u"CREATE TABLE policy (id INTEGER PRIMARY KEY, json TEXT NOT NULL, updated_at INTEGER NOT NULL)"_s,
            u"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        },
        {
            // v2: Circle and Kit. One membership projection for access groups, spaces, member tags and Kit
            // tags (replacing v1's unused access and tags tables), derived from the membership raw objects.
            u"DROP TABLE access"_s,
            u"DROP TABLE tags"_s,
            u"CREATE TABLE memberships (provider TEXT NOT NULL, container_kind TEXT NOT NULL,"
            " container_id TEXT NOT NULL, member_id TEXT NOT NULL, person_id INTEGER REFERENCES people(id),"
            " raw_kind TEXT NOT NULL, raw_id TEXT NOT NULL, since INTEGER, status TEXT NOT NULL DEFAULT "
            "'active',"
            " PRIMARY KEY (provider, container_kind, container_id, member_id))"_s,
            u"CREATE INDEX memberships_person ON memberships(person_id)"_s,
            u"CREATE INDEX memberships_member ON memberships(provider, member_id)"_s,
            // The loose form of an address (plus-suffix and dots dropped) finds "possible same person"
            // candidates; every address an identity has had is kept so a changed email is one too.
            u"ALTER TABLE identities ADD COLUMN email_loose TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX identities_email_loose ON identities(email_loose)"_s,
            u"CREATE TABLE identity_emails (provider TEXT NOT NULL, external_id TEXT NOT NULL,"
            " email_norm TEXT NOT NULL, first_seen INTEGER NOT NULL,"
            " PRIMARY KEY (provider, external_id, email_norm))"_s,
            u"CREATE INDEX identity_emails_norm ON identity_emails(email_norm)"_s,
            u"CREATE INDEX raw_objects_kind ON raw_objects(provider, kind)"_s,
            // A human's decisions about identities (a local fact, kept through rebuilds): link an identity to
            // another's person, unlink it into a person of its own, or hand it back to automatic linking.
            // The latest decision per identity counts.
            u"CREATE TABLE identity_links (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, provider TEXT NOT "
            u"NULL,"
            " external_id TEXT NOT NULL, op TEXT NOT NULL CHECK (op IN ('link','unlink','auto')),"
            " anchor_provider TEXT NOT NULL DEFAULT '', anchor_external_id TEXT NOT NULL DEFAULT '',"
            " actor TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE INDEX identity_links_identity ON identity_links(provider, external_id, seq)"_s,
            u"CREATE INDEX identity_links_anchor ON identity_links(anchor_provider, anchor_external_id)"_s,
        },
        {
            // v3: findings. A finding is named by a stable key (its rule and the identities and things it is
            // about; person ids change on rebuild), carries its own summary and the emails it names, and
            // keeps how it ended: resolved by itself (auto) or by a human, or snoozed until a moment.
            u"ALTER TABLE findings ADD COLUMN finding_key TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE findings ADD COLUMN since INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE findings ADD COLUMN summary TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE findings ADD COLUMN emails TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE findings ADD COLUMN severity_rank INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE findings ADD COLUMN resolved_at INTEGER"_s,
            u"ALTER TABLE findings ADD COLUMN resolution TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE findings ADD COLUMN snoozed_until INTEGER"_s,
            u"ALTER TABLE findings ADD COLUMN status_actor TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE findings ADD COLUMN status_reason TEXT NOT NULL DEFAULT ''"_s,
            // At most one live (open or snoozed) finding per key; resolved ones stay as history.
            u"CREATE UNIQUE INDEX findings_live_key ON findings(finding_key) WHERE status <> 'resolved'"_s,
            u"CREATE INDEX findings_status ON findings(status, severity_rank DESC, since)"_s,
            u"CREATE INDEX findings_person ON findings(person_id, status)"_s,
            // Comps: a human's grant of a product without payment, by address (kept through rebuilds).
            u"CREATE TABLE comps (id INTEGER PRIMARY KEY, email_norm TEXT NOT NULL, product_key TEXT NOT "
            u"NULL,"
            " since INTEGER NOT NULL, until INTEGER, actor TEXT NOT NULL, reason TEXT NOT NULL,"
            " created_at INTEGER NOT NULL, revoked_at INTEGER)"_s,
            u"CREATE INDEX comps_email ON comps(email_norm)"_s,
        },
        {
            // v4: the audit log (core/audit). An outcome points at its intent; subjects (a JSON array, hashed
            // with the entry) name what an entry is about, and audit_subjects, filled by append, finds a
            // person's entries by index.
            u"ALTER TABLE audit_log ADD COLUMN intent_seq INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE audit_log ADD COLUMN subjects TEXT NOT NULL DEFAULT '[]'"_s,
            u"CREATE INDEX audit_log_intent ON audit_log(intent_seq) WHERE intent_seq <> 0"_s,
            u"CREATE INDEX audit_log_pending ON audit_log(seq) WHERE outcome = 'pending'"_s,
            u"CREATE INDEX audit_log_at ON audit_log(at)"_s,
            u"CREATE INDEX audit_log_actor ON audit_log(actor, seq)"_s,
            u"CREATE INDEX audit_log_action ON audit_log(action, seq)"_s,
            u"CREATE TABLE audit_subjects (subject TEXT NOT NULL, seq INTEGER NOT NULL,"
            " PRIMARY KEY (subject, seq))"_s,
            // The lookup is append-only too: deleting its rows would hide entries from a person's timeline,
            // evidence pack and export while the chain still verifies.
            u"CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects"
            " BEGIN SELECT RAISE(ABORT, 'audit_subjects is append-only'); END"_s,
            u"CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects"
            " BEGIN SELECT RAISE(ABORT, 'audit_subjects is append-only'); END"_s,
        },
        {
            // v5: the reconciler's projection of each raw object it reads (store/FactsProjection), written at
            // ingest beside the object, with the object's owner. A narrow table of its own, so a full
            // reconcile pass reads it in order instead of seeking into raw_objects and past the JSON's
            // overflow pages. Triggers keep the owner and the object's life in step; rows for objects stored
            // before v5 are made right after this step (backfillFacts).
            u"CREATE TABLE raw_facts (provider TEXT NOT NULL, kind TEXT NOT NULL, external_id TEXT NOT NULL,"
            " person_id INTEGER, facts TEXT NOT NULL, PRIMARY KEY (provider, kind, external_id)) WITHOUT ROWID"_s,
            u"CREATE INDEX raw_facts_person ON raw_facts(person_id)"_s,
            // Stripe events listed (newest first) and not yet applied (oldest first): on disk, not in memory,
            // so a 30-day window of a large account does not have to fit in RAM. Emptied when applied.
            // Each run's rows carry its own token: two processes syncing one cache (the console and a
            // scripted `switchboard sync`) never read or clear each other's queue.
            u"CREATE TABLE stripe_event_queue (seq INTEGER PRIMARY KEY, run TEXT NOT NULL,"
            " queued_at INTEGER NOT NULL, json TEXT NOT NULL)"_s,
            u"CREATE INDEX stripe_event_queue_run ON stripe_event_queue(run, seq)"_s,
            u"CREATE TRIGGER raw_facts_owner AFTER UPDATE OF person_id ON raw_objects"
            " BEGIN UPDATE raw_facts SET person_id = NEW.person_id WHERE provider = NEW.provider"
            " AND kind = NEW.kind AND external_id = NEW.external_id; END"_s,
            u"CREATE TRIGGER raw_facts_gone AFTER DELETE ON raw_objects"
            " BEGIN DELETE FROM raw_facts WHERE provider = OLD.provider AND kind = OLD.kind"
            " AND external_id = OLD.external_id; END"_s,
            // A person's memberships of one provider in container order (the person page): with the index
            // on person_id alone SQLite walked the provider's whole membership table to skip the sort
            // (10 ms a person page at 10k people, 100 ms at 100k).
            u"DROP INDEX memberships_person"_s,
            u"CREATE INDEX memberships_person ON memberships(person_id, provider, container_kind, container_id)"_s,
        },
    };
    return steps;
}

bool run(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        *error = q.lastError().text() + u" in: "_s + sql.left(80);
        return false;
    }
    return true;
}

} // namespace

int currentSchemaVersion()
{
    return int(migrations().size());
}

int schemaVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Status migrate(QSqlDatabase &db)
{
    QString error;
    if (!run(db, u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s, &error))
        return Status::failure(ErrorKind::Io, error);
    // IMMEDIATE takes the write lock first, so two threads opening a new cache cannot both migrate it.
    if (!run(db, u"BEGIN IMMEDIATE"_s, &error))
        return Status::failure(ErrorKind::Io, error);
    int version = schemaVersion(db);
    if (version > currentSchemaVersion()) {
        run(db, u"ROLLBACK"_s, &error);
        return Status::failure(
            ErrorKind::Io, u"the cache has schema version %1, newer than this build (%2)"_s.arg(version).arg(
                               currentSchemaVersion()));
    }
    for (; version < currentSchemaVersion(); ++version) {
        for (const QString &sql : migrations().at(version)) {
            if (!run(db, sql, &error)) {
                QString ignored;
                run(db, u"ROLLBACK"_s, &ignored);
                return Status::failure(ErrorKind::Io,
                                       u"migration to version %1 failed: %2"_s.arg(version + 1).arg(error));
            }
        }
        if (version + 1 == 5) {
            if (Status b = backfillFacts(db); !b) {
                QString ignored;
                run(db, u"ROLLBACK"_s, &ignored);
                return b;
            }
        }
        qCInfo(lcStore) << "migrated schema to version" << version + 1;
    }
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO meta(key, value) VALUES ('schema_version', ?)"
              " ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    q.addBindValue(QString::number(version));
    if (!q.exec() || !run(db, u"COMMIT"_s, &error)) {
        QString ignored;
        run(db, u"ROLLBACK"_s, &ignored);
        return Status::failure(ErrorKind::Io,
                               u"cannot record schema version: %1"_s.arg(q.lastError().text() + error));
    }
    return {};
}

} // namespace sb::store
