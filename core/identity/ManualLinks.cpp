#include "identity/ManualLinks.h"

#include "common/Time.h"
#include "sync/Rebuild.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::identity {

namespace {
Status record(QSqlDatabase db, const IdentityRef &identity, const QString &op, const IdentityRef &anchor,
              const Decision &why)
{
    if (why.reason.trimmed().isEmpty())
        return Status::failure(ErrorKind::Usage,
                               u"a reason is required to override how accounts are linked"_s);
    if (why.actor.trimmed().isEmpty())
        return Status::failure(ErrorKind::Usage, u"an actor is required"_s);
    QSqlQuery exists(db);
    exists.prepare(u"SELECT count(*) FROM identities WHERE (provider = ? AND external_id = ?)"
                   " OR (provider = ? AND external_id = ?)"_s);
    exists.addBindValue(identity.provider);
    exists.addBindValue(identity.externalId);
    exists.addBindValue(anchor.provider);
    exists.addBindValue(anchor.externalId);
    if (!exists.exec() || !exists.next())
        return Status::failure(ErrorKind::Io, exists.lastError().text());
    const bool sameAccount = anchor.provider == identity.provider && anchor.externalId == identity.externalId;
    if (exists.value(0).toInt() < (anchor.provider.isEmpty() || sameAccount ? 1 : 2))
        return Status::failure(ErrorKind::NotFound, u"no such account in the cache"_s);
    if (op == "link"_L1 && sameAccount)
        return Status::failure(ErrorKind::Usage, u"an account cannot be linked to itself"_s);
    QSqlQuery q(db);
    q.prepare(
        u"INSERT INTO identity_links(at, provider, external_id, op, anchor_provider, anchor_external_id,"
        " actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(Clock::now());
    q.addBindValue(identity.provider);
    q.addBindValue(identity.externalId);
    q.addBindValue(op);
    // Qt binds a null QString as NULL; "no anchor" is the empty string.
    q.addBindValue(anchor.provider.isNull() ? u""_s : anchor.provider);
    q.addBindValue(anchor.externalId.isNull() ? u""_s : anchor.externalId);
    q.addBindValue(why.actor.trimmed());
    q.addBindValue(why.reason.trimmed());
    if (!q.exec())
        return Status::failure(ErrorKind::Io, u"cannot record the decision: %1"_s.arg(q.lastError().text()));
    auto rebuilt = sync::rebuildProjections(db);
    if (!rebuilt)
        return Status(rebuilt.error());
    return {};
}
} // namespace

Status link(QSqlDatabase db, const IdentityRef &identity, const IdentityRef &anchor, const Decision &why)
{
    return record(db, identity, u"link"_s, anchor, why);
}

Status unlink(QSqlDatabase db, const IdentityRef &identity, const Decision &why)
{
    return record(db, identity, u"unlink"_s, {}, why);
}

Status restoreAutomatic(QSqlDatabase db, const IdentityRef &identity, const Decision &why)
{
    return record(db, identity, u"auto"_s, {}, why);
}

} // namespace sb::identity
