#include "actions/LocalActions.h"

#include "common/Time.h"
#include "identity/EmailNormalizer.h"
#include "identity/ManualLinks.h"
#include "store/Database.h"
#include "store/FindingsStore.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::actions {

namespace {

// "provider:external id" → the identity it names.
identity::IdentityRef refOf(const QString &anchor)
{
    const qsizetype colon = anchor.indexOf(u':');
    if (colon <= 0)
        return {};
    return {anchor.left(colon), anchor.mid(colon + 1)};
}

// Runs `body` in a write transaction that also appends the audit entry it returns; all or nothing.
Result<LocalOutcome> inTransaction(QSqlDatabase db, const std::function<Result<audit::Entry>()> &body)
{
    QSqlQuery q(db);
    if (!q.exec(u"BEGIN IMMEDIATE"_s))
        return store::sqlError(q, "cannot start the action");
    auto fail = [&db](Error e) -> Result<LocalOutcome> {
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return e;
    };
    auto entry = body();
    if (!entry)
        return fail(entry.error());
    auto stored = audit::AuditLog(db).appendWithin(entry.value());
    if (!stored)
        return fail(stored.error());
    if (!q.exec(u"COMMIT"_s))
        return fail(store::sqlError(q, "cannot record the action"));
    LocalOutcome out;
    out.outcome = stored->outcome;
    out.message = stored->request.value(u"message"_s).toString();
    out.outcomeSeq = stored->seq;
    return out;
}

audit::Entry settled(audit::Entry e, const QString &outcome, const QString &message = {})
{
    e.outcome = outcome;
    if (!message.isEmpty())
        e.request.insert(u"message"_s, message);
    return e;
}

Result<audit::Entry> grantComp(QSqlDatabase db, const Action &a, audit::Entry e)
{
    const QString email = normalizeEmail(paramText(a.params, u"email"_s));
    if (email.isEmpty())
        return Error{ErrorKind::Usage, u"comp.grant needs a valid email address"_s};
    const QString product = paramText(a.params, u"product_key"_s);
    const Millis now = Clock::now();
    const Millis until = a.params.value(u"until"_s).toInteger();
    if (until && until <= now)
        return Error{ErrorKind::Usage, u"a comp must end in the future"_s};
    QSqlQuery q(db);
    q.prepare(u"SELECT id FROM comps WHERE email_norm = ? AND product_key = ? AND revoked_at IS NULL"
              " AND (until IS NULL OR until > ?)"_s);
    q.addBindValue(email);
    q.addBindValue(product);
    q.addBindValue(now);
    if (!q.exec())
        return store::sqlError(q, "cannot read comps");
    if (q.next())
        return settled(
            e, audit::outcome::Noop,
            u"%1 has a comp for %2 already (comp %3)"_s.arg(email, product, q.value(0).toString()));
    QSqlQuery ins(db);
    ins.prepare(u"INSERT INTO comps(email_norm, product_key, since, until, actor, reason, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    ins.addBindValue(email);
    ins.addBindValue(product);
    ins.addBindValue(now);
    ins.addBindValue(until ? QVariant(until) : QVariant(QMetaType(QMetaType::LongLong)));
    ins.addBindValue(e.actor);
    ins.addBindValue(e.reason);
    ins.addBindValue(now);
    if (!ins.exec())
        return store::sqlError(ins, "cannot record the comp");
    e.request.insert(u"comp_id"_s, ins.lastInsertId().toLongLong());
    return settled(e, audit::outcome::Ok);
}

Result<audit::Entry> revokeComp(QSqlDatabase db, const Action &a, audit::Entry e)
{
    QSqlQuery q(db);
    q.prepare(u"UPDATE comps SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"_s);
    q.addBindValue(Clock::now());
    q.addBindValue(a.params.value(u"comp_id"_s).toInteger());
    if (!q.exec())
        return store::sqlError(q, "cannot revoke the comp");
    if (q.numRowsAffected() != 1)
        return settled(e, audit::outcome::Noop,
                       u"comp %1 is revoked already or unknown"_s.arg(paramText(a.params, u"comp_id"_s)));
    return settled(e, audit::outcome::Ok);
}

Result<audit::Entry> decideFinding(QSqlDatabase db, const Action &a, audit::Entry e)
{
    store::FindingsStore findings(db);
    const qint64 id = a.params.value(u"finding_id"_s).toInteger();
    auto current = findings.byId(id);
    if (!current)
        return current.error();
    if (!current.value())
        return Error{ErrorKind::NotFound, u"no finding %1"_s.arg(id)};
    const QString status = current.value()->status;
    Status s;
    if (a.name == name::FindingResolve) {
        if (status == "resolved"_L1)
            return settled(e, audit::outcome::Noop, u"finding %1 is resolved already"_s.arg(id));
        s = findings.resolve(id, e.actor, e.reason, Clock::now());
    } else if (a.name == name::FindingSnooze) {
        if (status == "resolved"_L1)
            return settled(e, audit::outcome::Noop, u"finding %1 is resolved"_s.arg(id));
        const Millis until = a.params.value(u"until"_s).toInteger();
        if (until <= Clock::now())
            return Error{ErrorKind::Usage, u"a snooze must end in the future"_s};
        s = findings.snooze(id, until, e.actor, e.reason);
    } else {
        if (status != "snoozed"_L1)
            return settled(e, audit::outcome::Noop, u"finding %1 is not snoozed"_s.arg(id));
        s = findings.unsnooze(id, e.actor, e.reason);
    }
    if (!s)
        return s.error();
    return settled(e, audit::outcome::Ok);
}

// The identities of the person an anchor ("provider:id") belongs to now.
Result<QList<identity::IdentityRef>> identitiesWith(QSqlDatabase db, const identity::IdentityRef &anchor)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT provider, external_id FROM identities WHERE person_id ="
              " (SELECT person_id FROM identities WHERE provider = ? AND external_id = ?)"
              " ORDER BY provider, external_id"_s);
    q.addBindValue(anchor.provider);
    q.addBindValue(anchor.externalId);
    if (!q.exec())
        return store::sqlError(q, "cannot read identities");
    QList<identity::IdentityRef> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    return out;
}

// A link or unlink: intent, the decision (which rebuilds the projections), outcome.
Result<LocalOutcome> changeIdentity(QSqlDatabase db, const Action &a, audit::Entry e)
{
    audit::AuditLog log(db);
    QList<identity::IdentityRef> toLink;
    identity::IdentityRef anchor;
    if (a.name == name::IdentityLink) {
        anchor = refOf(paramText(a.params, u"anchor"_s));
        const identity::IdentityRef other = refOf(paramText(a.params, u"other_anchor"_s));
        if (anchor.provider.isEmpty() || other.provider.isEmpty())
            return Error{ErrorKind::Usage, u"identity.link needs anchor and other_anchor as provider:id"_s};
        auto mine = identitiesWith(db, anchor);
        auto theirs = identitiesWith(db, other);
        if (!mine)
            return mine.error();
        if (!theirs)
            return theirs.error();
        if (mine->isEmpty() || theirs->isEmpty())
            return Error{ErrorKind::NotFound, u"no such account in the cache"_s};
        for (const identity::IdentityRef &r : theirs.value()) {
            const bool same = std::any_of(mine->cbegin(), mine->cend(), [&r](const identity::IdentityRef &m) {
                return m.provider == r.provider && m.externalId == r.externalId;
            });
            if (!same)
                toLink.append(r);
        }
    }
    e.outcome = audit::outcome::Pending;
    auto intent = log.append(e);
    if (!intent)
        return intent.error();
    LocalOutcome out;
    out.intentSeq = intent->seq;
    const identity::Decision why{e.actor, e.reason};
    Status s;
    if (a.name == name::IdentityLink) {
        for (const identity::IdentityRef &r : std::as_const(toLink)) {
            s = identity::link(db, r, anchor, why);
            if (!s)
                break;
        }
        out.outcome = toLink.isEmpty() ? audit::outcome::Noop : audit::outcome::Ok;
        if (toLink.isEmpty())
            out.message = u"the accounts are one person already"_s;
    } else {
        s = identity::unlink(db, {paramText(a.params, u"provider"_s), paramText(a.params, u"external_id"_s)},
                             why);
        out.outcome = audit::outcome::Ok;
    }
    out.rebuilt = !toLink.isEmpty() || a.name == name::IdentityUnlink;
    if (!s) {
        out.outcome = audit::outcome::Failed;
        out.message = s.error().message;
    }
    audit::Entry result = settled(e, out.outcome, out.message);
    result.intentSeq = intent->seq;
    result.request = QJsonObject{{u"message"_s, out.message}};
    auto stored = log.append(result);
    if (!stored)
        return stored.error();
    out.outcomeSeq = stored->seq;
    return out;
}

} // namespace

audit::Entry entryFor(QSqlDatabase db, const Action &a, const Who &who)
{
    audit::Entry e;
    e.actor = who.actor.trimmed();
    e.actorKind = audit::ActorKind::Human;
    e.action = a.name;
    e.reason = who.reason.trimmed();
    QStringList subjects;
    auto add = [&subjects](const QString &s) {
        if (!s.isEmpty() && !subjects.contains(s))
            subjects.append(s);
    };
    const QString email = paramText(a.params, u"email"_s);
    if (!email.isEmpty())
        add(audit::emailSubject(normalizeEmail(email)));
    const QString provider = providerOf(a.name);
    if (const QString member = paramText(a.params, u"member_id"_s); !member.isEmpty())
        add(audit::identitySubject(u"circle"_s, member));
    if (const QString sub = paramText(a.params, u"subscriber_id"_s); !sub.isEmpty())
        add(audit::identitySubject(u"kit"_s, sub));
    for (const char *key : {"anchor", "other_anchor"}) {
        const identity::IdentityRef r = refOf(paramText(a.params, QString::fromLatin1(key)));
        if (!r.provider.isEmpty())
            add(audit::identitySubject(r.provider, r.externalId));
    }
    if (a.name == name::IdentityUnlink)
        add(audit::identitySubject(paramText(a.params, u"provider"_s),
                                   paramText(a.params, u"external_id"_s)));
    QString findingKey = a.findingKey;
    qint64 findingId = a.findingId ? a.findingId : a.params.value(u"finding_id"_s).toInteger();
    if (findingId) {
        auto f = store::FindingsStore(db).byId(findingId);
        if (f && f.value()) {
            if (findingKey.isEmpty())
                findingKey = f.value()->finding.key;
            for (const QString &m : f.value()->finding.emails)
                add(audit::emailSubject(m));
        }
    }
    if (!findingKey.isEmpty())
        add(audit::findingSubject(findingKey));
    e.subjects = subjects;
    e.target = !a.description.isEmpty() ? a.description : !email.isEmpty() ? email : subjects.value(0);
    QJsonArray calls;
    for (const PlannedCall &c : plannedCalls(a))
        calls.append(QString(c.method + u' ' + c.path));
    e.request = QJsonObject{{u"params"_s, a.params}};
    if (!calls.isEmpty())
        e.request.insert(u"calls"_s, calls);
    if (findingId)
        e.request.insert(u"finding_id"_s, findingId);
    if (!findingKey.isEmpty())
        e.request.insert(u"finding_key"_s, findingKey);
    Q_UNUSED(provider);
    return e;
}

Result<LocalOutcome> applyLocal(QSqlDatabase db, const Action &a, const Who &who)
{
    if (const Status valid = validate(a); !valid)
        return valid.error();
    if (isRemote(a.name))
        return Error{ErrorKind::Usage, u"%1 is a remote action"_s.arg(a.name)};
    const audit::Entry e = entryFor(db, a, who);
    if (a.name == name::IdentityLink || a.name == name::IdentityUnlink)
        return changeIdentity(db, a, e);
    if (a.name == name::NoteAdd) {
        const QString text = paramText(a.params, u"text"_s);
        audit::Entry note = e;
        if (!text.isEmpty())
            note.request.insert(u"text"_s, text);
        return inTransaction(db, [&note] { return Result<audit::Entry>(settled(note, audit::outcome::Ok)); });
    }
    if (a.name == name::CompGrant)
        return inTransaction(db, [&] { return grantComp(db, a, e); });
    if (a.name == name::CompRevoke)
        return inTransaction(db, [&] { return revokeComp(db, a, e); });
    return inTransaction(db, [&] { return decideFinding(db, a, e); });
}

} // namespace sb::actions
