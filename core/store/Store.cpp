#include "store/Store.h"

#include "store/FactsProjection.h"

#include <limits>

#include "common/Log.h"
#include "identity/EmailNormalizer.h"
#include "store/Database.h"

#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace sb::store {

namespace {
enum Slot {
    FindIdentity,
    InsertIdentity,
    UpdateIdentity,
    FindIdentityByEmail,
    FindPersonByEmail,
    InsertPerson,
    GetPerson,
    UpdatePerson,
    UpsertRaw,
    UpsertFacts,
    RawOwner,
    HasRaw,
    UpsertTimeline,
    InsertSearchKey,
    RememberEmail,
    UpsertMembership,
    RawJsonOf,
    OneMembership,
    LatestDecision,
    AnchorPerson,
    LinkedToMe,
    SlotCount
};

QString cacheKey(const QString &provider, const QString &id)
{
    return provider + u'\x1f' + id;
}

// Qt binds a null QString as SQL NULL; the schema's text columns are NOT NULL with '' meaning "none".
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}
} // namespace

Store::Store(QSqlDatabase db)
    : m_db(std::move(db))
{
    m_queries.resize(SlotCount);
}

Store::~Store() = default;

QSqlQuery &Store::prepared(int slot, const QString &sql)
{
    auto &q = m_queries[size_t(slot)];
    if (!q) {
        q = std::make_unique<QSqlQuery>(m_db);
        if (!q->prepare(sql))
            qCCritical(lcStore) << "cannot prepare statement" << slot << q->lastError().text();
    }
    return *q;
}

Status Store::begin()
{
    if (!m_db.transaction())
        return Status::failure(ErrorKind::Io,
                               u"cannot begin a transaction: %1"_s.arg(m_db.lastError().text()));
    return {};
}

void Store::finishStatements()
{
    // A prepared SELECT left unfinished (one row read of several) keeps this connection's read transaction
    // open after COMMIT; in WAL mode that pins the log, which then grows by every page written (gigabytes in
    // one large sync) because no checkpoint can restart it.
    for (const auto &q : m_queries) {
        if (q && q->isActive())
            q->finish();
    }
}

Status Store::commit()
{
    finishStatements();
    if (!m_db.commit()) {
        const QString message = m_db.lastError().text();
        rollback();
        return Status::failure(ErrorKind::Io, u"cannot commit: %1"_s.arg(message));
    }
    return {};
}

void Store::rollback()
{
    finishStatements();
    m_db.rollback();
    // A rolled-back merge or insert may have left cached ids that no longer exist.
    m_identityCache.clear();
}

Result<qint64> Store::createPerson(const QString &name, const QString &email, const QString &emailNorm,
                                   Millis at)
{
    QSqlQuery &q =
        prepared(InsertPerson, u"INSERT INTO people(display_name, primary_email, email_norm, created_at)"
                               " VALUES (?, ?, ?, ?)"_s);
    q.bindValue(0, text(name.isEmpty() ? email : name));
    q.bindValue(1, text(email));
    q.bindValue(2, text(emailNorm));
    q.bindValue(3, at);
    if (!q.exec())
        return sqlError(q, "insert person");
    const qint64 id = q.lastInsertId().toLongLong();
    if (Status s = addSearchKeys(id, email, name); !s)
        return s.error();
    return id;
}

Status Store::addSearchKeys(qint64 personId, const QString &email, const QString &name)
{
    // An address that does not normalise (spaces, control characters) is still findable by what it says.
    QString emailNorm = normalizeEmail(email);
    if (emailNorm.isEmpty())
        emailNorm = foldForSearch(email);
    QSqlQuery &q =
        prepared(InsertSearchKey,
                 u"INSERT INTO search_keys(key, person_id, field) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"_s);
    auto add = [&](const QString &key, const QString &field) -> bool {
        if (key.isEmpty())
            return true;
        q.bindValue(0, text(key));
        q.bindValue(1, personId);
        q.bindValue(2, text(field));
        return q.exec();
    };
    if (!add(emailNorm, u"email"_s))
        return sqlError(q, "insert search key");
    // The folded name from each word on ("ada king lovelace", "king lovelace", "lovelace"), so a prefix
    // search finds a person by any part of the name as written, and each bare word ("berners" of
    // "berners-lee").
    // Bounded: a hostile name (a megabyte, half a million words) would otherwise make a key per word of up
    // to the whole name, quadratic in memory (tst_hostile crashed here). Search cuts queries to 320
    // characters, so keys longer than twice that never decide a match; real names have a handful of words.
    constexpr qsizetype kMaxKeyChars = 640;
    constexpr qsizetype kMaxWordKeys = 16;
    const QString folded = foldForSearch(name);
    QStringList keys;
    for (qsizetype i = 0; i < folded.size() && keys.size() < kMaxWordKeys; ++i) {
        if (i == 0 || folded.at(i - 1) == u' ')
            keys.append(folded.mid(i, kMaxKeyChars));
    }
    const QStringList words = searchWords(name);
    for (qsizetype i = 0; i < words.size() && i < 4 * kMaxWordKeys; ++i) {
        const QString w = words.at(i).left(kMaxKeyChars);
        if (!keys.contains(w))
            keys.append(w);
    }
    for (const QString &key : std::as_const(keys)) {
        if (!add(key, u"name"_s))
            return sqlError(q, "insert search key");
    }
    return {};
}

Result<qint64> Store::findPersonByEmail(const QString &emailNorm)
{
    if (emailNorm.isEmpty())
        return qint64(0);
    QSqlQuery &q =
        prepared(FindIdentityByEmail,
                 u"SELECT person_id FROM identities i WHERE email_norm = ? AND NOT EXISTS (SELECT 1 FROM"
                 " identity_links l WHERE l.provider = i.provider AND l.external_id = i.external_id"
                 " AND l.op = 'unlink' AND l.seq = (SELECT max(seq) FROM identity_links m"
                 " WHERE m.provider = i.provider AND m.external_id = i.external_id))"
                 " ORDER BY person_id LIMIT 1"_s);
    q.bindValue(0, text(emailNorm));
    if (!q.exec())
        return sqlError(q, "find identity by email");
    if (q.next())
        return q.value(0).toLongLong();
    QSqlQuery &p =
        prepared(FindPersonByEmail, u"SELECT id FROM people WHERE email_norm = ? ORDER BY id LIMIT 1"_s);
    p.bindValue(0, text(emailNorm));
    if (!p.exec())
        return sqlError(p, "find person by email");
    return p.next() ? p.value(0).toLongLong() : qint64(0);
}

Status Store::mergePerson(qint64 from, qint64 into)
{
    // Only used to fold a placeholder (a Stripe customer seen by id before its email was known) into the
    // person its email belongs to: never a guess, the normalised emails are equal.
    const QStringList statements = {
        u"UPDATE identities SET person_id = :into WHERE person_id = :from"_s,
        u"UPDATE raw_objects SET person_id = :into WHERE person_id = :from"_s,
        u"UPDATE timeline SET person_id = :into WHERE person_id = :from"_s,
        u"UPDATE memberships SET person_id = :into WHERE person_id = :from"_s,
        u"UPDATE findings SET person_id = :into WHERE person_id = :from"_s,
        u"INSERT INTO search_keys(key, person_id, field) SELECT key, :into, field FROM search_keys"
        " WHERE person_id = :from ON CONFLICT DO NOTHING"_s,
        u"DELETE FROM search_keys WHERE person_id = :from"_s,
        u"DELETE FROM people WHERE id = :from"_s,
    };
    for (const QString &sql : statements) {
        QSqlQuery q(m_db);
        q.prepare(sql);
        q.bindValue(u":into"_s, into);
        q.bindValue(u":from"_s, from);
        if (!q.exec())
            return sqlError(q, "merge placeholder person");
    }
    m_identityCache.clear();
    m_touched.insert(from);
    m_touched.insert(into);
    qCDebug(lcIdentity) << "merged placeholder person" << from << "into" << into;
    return {};
}

Result<qint64> Store::personForIdentity(const IdentityFact &fact)
{
    const QString emailNorm = normalizeEmail(fact.email);
    QSqlQuery &find =
        prepared(FindIdentity, u"SELECT i.person_id, i.email_norm, i.email, i.name, p.email_norm, i.link"
                               " FROM identities i JOIN people p ON p.id = i.person_id"
                               " WHERE i.provider = ? AND i.external_id = ?"_s);
    find.bindValue(0, text(fact.provider));
    find.bindValue(1, text(fact.externalId));
    if (!find.exec())
        return sqlError(find, "find identity");
    if (find.next()) {
        qint64 person = find.value(0).toLongLong();
        const QString oldNorm = find.value(1).toString();
        const bool changed = find.value(2).toString() != fact.email || find.value(3).toString() != fact.name;
        // A placeholder: an account named before it was seen (no address yet) on a person of its own making.
        // An unlinked account's person has no address either, but its link is manual: never folded.
        const bool placeholder = find.value(2).toString().isEmpty() && find.value(4).toString().isEmpty() &&
                                 find.value(5).toString() == "auto"_L1;
        const bool nameChanged = find.value(3).toString() != fact.name;
        find.finish();
        if (!changed)
            return person;
        bool merged = false;
        if (placeholder && !emailNorm.isEmpty()) {
            auto other = findPersonByEmail(emailNorm);
            if (!other)
                return other.error();
            if (other.value() != 0 && other.value() != person) {
                if (Status s = mergePerson(person, other.value()); !s)
                    return s.error();
                person = other.value();
                merged = true;
            } else {
                QSqlQuery &up = prepared(UpdatePerson, u"UPDATE people SET primary_email = ?, email_norm = ?,"
                                                       " display_name = ? WHERE id = ?"_s);
                up.bindValue(0, text(fact.email.trimmed()));
                up.bindValue(1, text(emailNorm));
                up.bindValue(2, text(fact.name.isEmpty() ? fact.email.trimmed() : fact.name));
                up.bindValue(3, person);
                if (!up.exec())
                    return sqlError(up, "update person");
            }
        }
        // A changed email keeps the link (it is the same provider account); the old address stays searchable.
        // A placeholder learns its creation time too: the same account seen first through its own object
        // and first through a membership must end up the same.
        QSqlQuery &upd = prepared(
            UpdateIdentity, u"UPDATE identities SET email = ?, email_norm = ?, email_loose = ?, name = ?,"
                            " person_id = ?, created_at = CASE WHEN created_at = 0 THEN ? ELSE created_at END"
                            " WHERE provider = ? AND external_id = ?"_s);
        const QString keptNorm = emailNorm.isEmpty() ? oldNorm : emailNorm;
        upd.bindValue(0, text(fact.email));
        upd.bindValue(1, text(keptNorm));
        upd.bindValue(2, text(looseEmail(keptNorm)));
        upd.bindValue(3, text(fact.name));
        upd.bindValue(4, person);
        upd.bindValue(5, fact.createdAt);
        upd.bindValue(6, text(fact.provider));
        upd.bindValue(7, text(fact.externalId));
        if (!upd.exec())
            return sqlError(upd, "update identity");
        if (Status s = rememberEmail(fact, emailNorm); !s)
            return s.error();
        // The person follows the account to its new address: the old one links nobody new any more (it is a
        // "possible same person" hint through identity_emails), yet stays searchable.
        if (!emailNorm.isEmpty() && emailNorm != oldNorm) {
            QSqlQuery moved(m_db);
            moved.prepare(
                u"UPDATE people SET primary_email = ?, email_norm = ? WHERE id = ? AND email_norm = ?"_s);
            moved.addBindValue(text(fact.email.trimmed()));
            moved.addBindValue(emailNorm);
            moved.addBindValue(person);
            moved.addBindValue(oldNorm);
            if (!moved.exec())
                return sqlError(moved, "move person to new address");
        }
        if (Status s = addSearchKeys(person, fact.email, fact.name); !s)
            return s.error();
        // A placeholder folded into a person named by another provider competes for the name like any
        // account (ranked), as it would have had it been seen before the membership that named it.
        if (nameChanged && (!placeholder || merged)) {
            if (Status s = adoptName(person, fact); !s)
                return s.error();
        }
        m_identityCache.insert(cacheKey(fact.provider, fact.externalId), person);
        return person;
    }

    // A human's decision about this identity (or another identity's, naming it as anchor) comes before email.
    auto decided = decidedPerson(fact);
    if (!decided)
        return decided.error();
    const bool standalone = decided.value() < 0;
    const bool manual = decided.value() != 0;
    auto existing =
        manual ? Result<qint64>(std::max<qint64>(0, decided.value())) : findPersonByEmail(emailNorm);
    if (!existing)
        return existing.error();
    qint64 person = existing.value();
    if (person == 0) {
        // An unlinked identity's person carries no normalised address, so nobody joins it by email.
        auto created =
            createPerson(fact.name, fact.email.trimmed(), standalone ? QString() : emailNorm, fact.createdAt);
        if (!created)
            return created.error();
        person = created.value();
    } else {
        if (Status s = addSearchKeys(person, fact.email, fact.name); !s)
            return s.error();
        if (Status s = adoptName(person, fact); !s)
            return s.error();
    }
    QSqlQuery &ins = prepared(InsertIdentity,
                              u"INSERT INTO identities(provider, external_id, person_id, email, email_norm,"
                              " email_loose, name, link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    ins.bindValue(0, text(fact.provider));
    ins.bindValue(1, text(fact.externalId));
    ins.bindValue(2, person);
    ins.bindValue(3, text(fact.email));
    ins.bindValue(4, text(emailNorm));
    ins.bindValue(5, text(looseEmail(emailNorm)));
    ins.bindValue(6, text(fact.name));
    ins.bindValue(7, manual ? u"manual"_s : u"auto"_s);
    ins.bindValue(8, fact.createdAt);
    if (!ins.exec())
        return sqlError(ins, "insert identity");
    if (Status s = rememberEmail(fact, emailNorm); !s)
        return s.error();
    m_identityCache.insert(cacheKey(fact.provider, fact.externalId), person);
    return person;
}

namespace {
// Whose name a person shows: Stripe's customer name (what they paid as), then Circle's, then Kit's first
// name.
int nameRank(const QString &provider)
{
    if (provider == provider::Stripe)
        return 0;
    if (provider == provider::Circle)
        return 1;
    if (provider == provider::Kit)
        return 2;
    return 3;
}
} // namespace

Status Store::adoptName(qint64 person, const IdentityFact &fact)
{
    // The best-ranked named identity names the person, whatever order the providers' syncs ran in.
    if (fact.name.trimmed().isEmpty())
        return {};
    QSqlQuery q(m_db);
    q.prepare(u"SELECT provider FROM identities WHERE person_id = ? AND name <> ''"
              " AND NOT (provider = ? AND external_id = ?)"_s);
    q.addBindValue(person);
    q.addBindValue(fact.provider);
    q.addBindValue(fact.externalId);
    if (!q.exec())
        return Status(sqlError(q, "read identity names"));
    while (q.next()) {
        if (nameRank(q.value(0).toString()) <= nameRank(fact.provider))
            return {};
    }
    QSqlQuery up(m_db);
    up.prepare(u"UPDATE people SET display_name = ? WHERE id = ?"_s);
    up.addBindValue(fact.name.trimmed());
    up.addBindValue(person);
    if (!up.exec())
        return Status(sqlError(up, "name person"));
    return {};
}

Result<qint64> Store::decidedPerson(const IdentityFact &fact)
{
    // The latest decision about this identity: link -> the anchor's person (when the anchor is known),
    // unlink -> a person of its own (-1), auto or none -> 0.
    // Asked for every new account a sync meets: prepared statements on a table that is nearly always empty.
    QSqlQuery &q =
        prepared(LatestDecision, u"SELECT op, anchor_provider, anchor_external_id FROM identity_links"
                                 " WHERE provider = ? AND external_id = ? ORDER BY seq DESC LIMIT 1"_s);
    q.bindValue(0, fact.provider);
    q.bindValue(1, fact.externalId);
    if (!q.exec())
        return sqlError(q, "read identity decision");
    QString op, anchorProvider, anchorId;
    if (q.next()) {
        op = q.value(0).toString();
        anchorProvider = q.value(1).toString();
        anchorId = q.value(2).toString();
    }
    q.finish();
    if (op == "unlink"_L1)
        return qint64(-1);
    if (op == "link"_L1) {
        QSqlQuery &a = prepared(AnchorPerson,
                                u"SELECT person_id FROM identities WHERE provider = ? AND external_id = ?"_s);
        a.bindValue(0, anchorProvider);
        a.bindValue(1, anchorId);
        if (!a.exec())
            return sqlError(a, "find anchor identity");
        const qint64 anchor = a.next() ? a.value(0).toLongLong() : 0;
        a.finish();
        if (anchor)
            return anchor;
    }
    // Another identity linked to this one by a human, whose latest decision still says so.
    QSqlQuery &b = prepared(
        LinkedToMe,
        u"SELECT i.person_id FROM identity_links l JOIN identities i ON i.provider = l.provider"
        " AND i.external_id = l.external_id WHERE l.anchor_provider = ? AND l.anchor_external_id = ?"
        " AND l.op = 'link' AND l.seq = (SELECT max(seq) FROM identity_links m WHERE m.provider = l.provider"
        " AND m.external_id = l.external_id) ORDER BY l.seq LIMIT 1"_s);
    b.bindValue(0, fact.provider);
    b.bindValue(1, fact.externalId);
    if (!b.exec())
        return sqlError(b, "find identities linked to this one");
    const qint64 linked = b.next() ? b.value(0).toLongLong() : 0;
    b.finish();
    return linked;
}

Status Store::rememberEmail(const IdentityFact &fact, const QString &emailNorm)
{
    if (emailNorm.isEmpty())
        return {};
    QSqlQuery &q = prepared(RememberEmail, u"INSERT INTO identity_emails(provider, external_id, email_norm,"
                                           " first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"_s);
    q.bindValue(0, text(fact.provider));
    q.bindValue(1, text(fact.externalId));
    q.bindValue(2, text(emailNorm));
    q.bindValue(3, fact.createdAt);
    if (!q.exec())
        return Status(sqlError(q, "remember identity email"));
    return {};
}

Result<qint64> Store::personForOwner(const QString &provider, const OwnerHint &owner, Millis at)
{
    if (!owner.identityId.isEmpty()) {
        if (auto it = m_identityCache.constFind(cacheKey(provider, owner.identityId));
            it != m_identityCache.cend())
            return it.value();
        // Known, only not cached (the caches are cleared at every run): its person as it is. The bare id must
        // not go on to personForIdentity, which would take its empty address and name for news and blank the
        // account's own (a second full Circle or Kit run lists memberships before members).
        QSqlQuery known(m_db);
        known.prepare(u"SELECT person_id FROM identities WHERE provider = ? AND external_id = ?"_s);
        known.addBindValue(text(provider));
        known.addBindValue(text(owner.identityId));
        if (!known.exec())
            return sqlError(known, "find owner identity");
        if (known.next()) {
            const qint64 person = known.value(0).toLongLong();
            m_identityCache.insert(cacheKey(provider, owner.identityId), person);
            return person;
        }
        // Not seen yet (an event can name a customer before we listed it): a placeholder identity that the
        // customer object fills in, and folds into the right person, when it arrives.
        return personForIdentity(IdentityFact{provider, owner.identityId, {}, {}, 0});
    }
    if (!owner.viaId.isEmpty()) {
        QSqlQuery &q = prepared(RawOwner, u"SELECT person_id FROM raw_objects WHERE provider = ? AND kind = ?"
                                          " AND external_id = ?"_s);
        q.bindValue(0, provider);
        q.bindValue(1, owner.viaKind);
        q.bindValue(2, owner.viaId);
        if (!q.exec())
            return sqlError(q, "find raw owner");
        if (q.next() && !q.value(0).isNull())
            return q.value(0).toLongLong();
    }
    const QString emailNorm = normalizeEmail(owner.email);
    if (!emailNorm.isEmpty()) {
        auto found = findPersonByEmail(emailNorm);
        if (!found || found.value() != 0)
            return found;
        return createPerson({}, owner.email.trimmed(), emailNorm, at); // the object's time: rebuilds agree
    }
    return qint64(0);
}

bool Store::hasRaw(const QString &provider, const QString &kind, const QString &externalId)
{
    QSqlQuery &q =
        prepared(HasRaw, u"SELECT 1 FROM raw_objects WHERE provider = ? AND kind = ? AND external_id = ?"_s);
    q.bindValue(0, provider);
    q.bindValue(1, kind);
    q.bindValue(2, externalId);
    const bool found = q.exec() && q.next();
    q.finish();
    return found;
}

Result<qint64> Store::ingest(const IngestItem &item)
{
    Result<qint64> owner = item.identity
                               ? personForIdentity(*item.identity)
                               : personForOwner(item.raw.provider, item.owner, item.raw.providerTime);
    if (!owner)
        return owner;
    const qint64 person = owner.value();
    const QVariant personValue = person ? QVariant(person) : QVariant(QMetaType::fromType<qint64>());

    // An older snapshot (an out-of-order event) never overwrites a newer one.
    QSqlQuery &raw = prepared(
        UpsertRaw, u"INSERT INTO raw_objects(provider, kind, external_id, person_id, json, provider_time, "
                   u"snapshot_at, synced_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(provider, kind, external_id) DO UPDATE SET"
                   " person_id = coalesce(excluded.person_id, raw_objects.person_id), json = excluded.json,"
                   " provider_time = excluded.provider_time, snapshot_at = excluded.snapshot_at, synced_at = "
                   "excluded.synced_at"
                   " WHERE excluded.snapshot_at >= raw_objects.snapshot_at"_s);
    raw.bindValue(0, text(item.raw.provider));
    raw.bindValue(1, text(item.raw.kind));
    raw.bindValue(2, text(item.raw.externalId));
    raw.bindValue(3, personValue);
    raw.bindValue(4, text(QString::fromUtf8(item.raw.json)));
    raw.bindValue(5, item.raw.providerTime);
    raw.bindValue(6, item.raw.snapshotAt);
    raw.bindValue(7, Clock::now());
    if (!raw.exec())
        return sqlError(raw, "upsert raw object");
    ++m_rowsWritten;
    // The reconciler's projection follows the object: written when the object was (not an older snapshot).
    if (raw.numRowsAffected() > 0 && hasFactsProjection(item.raw.provider, item.raw.kind)) {
        const QJsonObject parsed =
            item.raw.parsed.isEmpty() ? QJsonDocument::fromJson(item.raw.json).object() : item.raw.parsed;
        QSqlQuery &f = prepared(
            UpsertFacts,
            u"INSERT INTO raw_facts(provider, kind, external_id, person_id, facts) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(provider, kind, external_id) DO UPDATE SET facts = excluded.facts,"
            " person_id = coalesce(excluded.person_id, raw_facts.person_id)"_s);
        f.bindValue(0, text(item.raw.provider));
        f.bindValue(1, text(item.raw.kind));
        f.bindValue(2, text(item.raw.externalId));
        f.bindValue(3, personValue);
        f.bindValue(4, text(QString::fromUtf8(factsProjection(item.raw.provider, item.raw.kind, parsed))));
        if (!f.exec())
            return sqlError(f, "upsert facts projection");
        ++m_rowsWritten;
    }

    // A precise time always wins over an observed one; of two observations the earlier wins. So the row
    // comes out the same whatever order the facts arrive in (events, listings, a rebuild).
    QSqlQuery &tl = prepared(
        UpsertTimeline,
        u"INSERT INTO timeline(person_id, at, provider, kind, source_key, summary, amount, currency, "
        u"observed,"
        " detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(provider, source_key) DO UPDATE SET"
        " person_id = coalesce(excluded.person_id, timeline.person_id), at = excluded.at, kind = "
        "excluded.kind,"
        " summary = excluded.summary, amount = excluded.amount, currency = excluded.currency,"
        " observed = excluded.observed, detail_json = excluded.detail_json"
        " WHERE excluded.observed = 0 OR (timeline.observed = 1 AND excluded.at <= timeline.at)"_s);
    for (const TimelineEvent &row : item.rows) {
        tl.bindValue(0, personValue);
        tl.bindValue(1, row.at);
        tl.bindValue(2, text(item.raw.provider));
        tl.bindValue(3, text(row.kind));
        tl.bindValue(4, text(row.sourceKey));
        tl.bindValue(5, text(row.summary));
        tl.bindValue(6, row.amount ? QVariant(*row.amount) : QVariant(QMetaType::fromType<qint64>()));
        tl.bindValue(7, text(row.currency));
        tl.bindValue(8, row.observed ? 1 : 0);
        tl.bindValue(9, row.detail.isEmpty()
                            ? u"{}"_s
                            : QString::fromUtf8(QJsonDocument(row.detail).toJson(QJsonDocument::Compact)));
        if (!tl.exec())
            return sqlError(tl, "upsert timeline row");
        ++m_rowsWritten;
    }
    if (item.membership) {
        if (Status s = upsertMembership(item, personValue); !s)
            return s.error();
    }
    if (person)
        m_touched.insert(person);
    return person;
}

void Store::touchPeople(const QList<qint64> &people)
{
    for (qint64 p : people)
        m_touched.insert(p);
}

QList<qint64> Store::takeTouchedPeople()
{
    QList<qint64> out(m_touched.cbegin(), m_touched.cend());
    m_touched.clear();
    std::sort(out.begin(), out.end());
    return out;
}

Status Store::upsertMembership(const IngestItem &item, const QVariant &person)
{
    const MembershipFact &m = *item.membership;
    QSqlQuery &q = prepared(
        UpsertMembership,
        u"INSERT INTO memberships(provider, container_kind, container_id, member_id, person_id, raw_kind,"
        " raw_id, since, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(provider, container_kind, container_id, member_id) DO UPDATE SET"
        " person_id = coalesce(excluded.person_id, memberships.person_id), raw_kind = excluded.raw_kind,"
        " raw_id = excluded.raw_id, since = excluded.since, status = excluded.status"_s);
    q.bindValue(0, text(item.raw.provider));
    q.bindValue(1, text(m.containerKind));
    q.bindValue(2, text(m.containerId));
    q.bindValue(3, text(m.memberId));
    q.bindValue(4, person);
    q.bindValue(5, text(item.raw.kind));
    q.bindValue(6, text(item.raw.externalId));
    q.bindValue(7, m.since ? QVariant(m.since) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(8, text(m.status));
    if (!q.exec())
        return Status(sqlError(q, "upsert membership"));
    ++m_rowsWritten;
    return {};
}

namespace {
StoredMembership storedMembership(const QSqlQuery &q)
{
    StoredMembership m;
    m.memberId = q.value(0).toString();
    m.rawKind = q.value(1).toString();
    m.rawId = q.value(2).toString();
    m.since = q.value(3).toLongLong();
    m.status = q.value(4).toString();
    m.json = q.value(5).toString().toUtf8();
    return m;
}
} // namespace

Result<std::optional<StoredMembership>> Store::membership(const QString &provider,
                                                          const QString &containerKind,
                                                          const QString &containerId, const QString &memberId)
{
    // Once per membership record a sync applies: a prepared statement.
    QSqlQuery &q = prepared(
        OneMembership,
        u"SELECT m.member_id, m.raw_kind, m.raw_id, m.since, m.status, coalesce(r.json, '')"
        " FROM memberships m LEFT JOIN raw_objects r ON r.provider = m.provider AND r.kind = m.raw_kind"
        " AND r.external_id = m.raw_id WHERE m.provider = ? AND m.container_kind = ? AND m.container_id = ?"
        " AND m.member_id = ?"_s);
    q.bindValue(0, provider);
    q.bindValue(1, containerKind);
    q.bindValue(2, containerId);
    q.bindValue(3, memberId);
    if (!q.exec())
        return sqlError(q, "read membership");
    std::optional<StoredMembership> out;
    if (q.next())
        out = storedMembership(q);
    q.finish();
    return out;
}

Result<QList<StoredMembership>> Store::memberships(const QString &provider, const QString &containerKind,
                                                   const QString &containerId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT m.member_id, m.raw_kind, m.raw_id, m.since, m.status, coalesce(r.json, '')"
              " FROM memberships m LEFT JOIN raw_objects r ON r.provider = m.provider AND r.kind = m.raw_kind"
              " AND r.external_id = m.raw_id"
              " WHERE m.provider = ? AND m.container_kind = ? AND m.container_id = ? ORDER BY m.member_id"_s);
    q.addBindValue(provider);
    q.addBindValue(containerKind);
    q.addBindValue(containerId);
    if (!q.exec())
        return sqlError(q, "read memberships");
    QList<StoredMembership> out;
    while (q.next())
        out.append(storedMembership(q));
    return out;
}

Result<QHash<QString, QList<StoredMembership>>> Store::membershipsOfKind(const QString &provider,
                                                                         const QString &containerKind)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT m.member_id, m.raw_kind, m.raw_id, m.since, m.status, coalesce(r.json, ''),"
              " m.container_id FROM memberships m LEFT JOIN raw_objects r ON r.provider = m.provider"
              " AND r.kind = m.raw_kind AND r.external_id = m.raw_id"
              " WHERE m.provider = ? AND m.container_kind = ? ORDER BY m.container_id, m.member_id"_s);
    q.addBindValue(provider);
    q.addBindValue(containerKind);
    if (!q.exec())
        return sqlError(q, "read memberships");
    QHash<QString, QList<StoredMembership>> out;
    while (q.next())
        out[q.value(6).toString()].append(storedMembership(q));
    return out;
}

Status Store::removeMembership(const QString &provider, const QString &containerKind,
                               const QString &containerId, const StoredMembership &membership)
{
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM memberships WHERE provider = ? AND container_kind = ? AND container_id = ?"
              " AND member_id = ?"_s);
    q.addBindValue(provider);
    q.addBindValue(containerKind);
    q.addBindValue(containerId);
    q.addBindValue(membership.memberId);
    if (!q.exec())
        return Status(sqlError(q, "remove membership"));
    return deleteRaw(provider, membership.rawKind, membership.rawId);
}

Status Store::deleteRaw(const QString &provider, const QString &kind, const QString &externalId)
{
    QSqlQuery r(m_db);
    // Its facts projection goes with it (trigger raw_facts_gone).
    r.prepare(u"DELETE FROM raw_objects WHERE provider = ? AND kind = ? AND external_id = ?"_s);
    r.addBindValue(provider);
    r.addBindValue(kind);
    r.addBindValue(externalId);
    if (!r.exec())
        return Status(sqlError(r, "delete raw object"));
    return {};
}

Status Store::clearEventQueue(const QString &run)
{
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM stripe_event_queue WHERE run = ? OR queued_at < ?"_s);
    q.addBindValue(run);
    q.addBindValue(Clock::now() - 24 * 3600 * 1000);
    if (!q.exec())
        return Status(sqlError(q, "clear the event queue"));
    return {};
}

Status Store::queueEvents(const QString &run, const QJsonArray &events)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO stripe_event_queue(run, queued_at, json) VALUES (?, ?, ?)"_s);
    const Millis now = Clock::now();
    for (const QJsonValue &v : events) {
        q.bindValue(0, run);
        q.bindValue(1, now);
        q.bindValue(2, QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return Status(sqlError(q, "queue an event"));
    }
    return {};
}

Result<QList<std::pair<qint64, QJsonObject>>> Store::queuedEvents(const QString &run, qint64 beforeSeq,
                                                                  int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT seq, json FROM stripe_event_queue WHERE run = ? AND seq < ? ORDER BY seq DESC LIMIT ?"_s);
    q.addBindValue(run);
    q.addBindValue(beforeSeq > 0 ? beforeSeq : std::numeric_limits<qint64>::max());
    q.addBindValue(limit);
    if (!q.exec())
        return sqlError(q, "read the event queue");
    QList<std::pair<qint64, QJsonObject>> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), QJsonDocument::fromJson(q.value(1).toByteArray()).object()});
    return out;
}

Result<QByteArray> Store::rawJsonOf(const QString &provider, const QString &kind, const QString &externalId)
{
    QSqlQuery &q = prepared(
        RawJsonOf, u"SELECT json FROM raw_objects WHERE provider = ? AND kind = ? AND external_id = ?"_s);
    q.bindValue(0, provider);
    q.bindValue(1, kind);
    q.bindValue(2, externalId);
    if (!q.exec())
        return sqlError(q, "read raw object");
    const QByteArray json = q.next() ? q.value(0).toString().toUtf8() : QByteArray();
    q.finish();
    return json;
}

Result<QSet<QString>> Store::rawIds(const QString &provider, const QString &kind)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT external_id FROM raw_objects WHERE provider = ? AND kind = ?"_s);
    q.addBindValue(provider);
    q.addBindValue(kind);
    if (!q.exec())
        return sqlError(q, "read raw ids");
    QSet<QString> out;
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

Result<SyncState> Store::syncState(const QString &provider, const QString &stream)
{
    QSqlQuery q(m_db);
    q.prepare(
        u"SELECT cursor, last_ok_at, last_error, requests_spent FROM sync_state WHERE provider = ? AND stream = ?"_s);
    q.addBindValue(provider);
    q.addBindValue(stream);
    if (!q.exec())
        return sqlError(q, "read sync state");
    SyncState s;
    if (q.next()) {
        s.cursor = q.value(0).toString();
        if (!q.value(1).isNull())
            s.lastOkAt = q.value(1).toLongLong();
        s.lastError = q.value(2).toString();
        s.requestsSpent = q.value(3).toLongLong();
    }
    return s;
}

Status Store::saveSyncState(const QString &provider, const QString &stream, const SyncState &s)
{
    QSqlQuery q(m_db);
    q.prepare(
        u"INSERT INTO sync_state(provider, stream, cursor, last_ok_at, last_error, requests_spent)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(provider, stream) DO UPDATE SET cursor = excluded.cursor,"
        " last_ok_at = excluded.last_ok_at, last_error = excluded.last_error,"
        " requests_spent = excluded.requests_spent"_s);
    q.addBindValue(provider);
    q.addBindValue(stream);
    q.addBindValue(text(s.cursor));
    q.addBindValue(s.lastOkAt ? QVariant(*s.lastOkAt) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(text(s.lastError));
    q.addBindValue(s.requestsSpent);
    if (!q.exec())
        return Status(sqlError(q, "save sync state"));
    return {};
}

Status Store::clearSyncStates(const QString &provider)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE sync_state SET cursor = '' WHERE provider = ?"_s);
    q.addBindValue(provider);
    if (!q.exec())
        return Status(sqlError(q, "clear sync state"));
    return {};
}

Result<QList<QByteArray>> Store::rawJson(const QString &provider, const QString &kind)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT json FROM raw_objects WHERE provider = ? AND kind = ? ORDER BY external_id"_s);
    q.addBindValue(provider);
    q.addBindValue(kind);
    if (!q.exec())
        return sqlError(q, "read raw objects");
    QList<QByteArray> out;
    while (q.next())
        out.append(q.value(0).toString().toUtf8());
    return out;
}

} // namespace sb::store
