// A human's say over identity: link an account to another account's person (the "possible same person" a
// human confirmed), unlink an account into a person of its own (two people who share an address), or hand it
// back to automatic linking by email. Decisions are local facts in identity_links (with actor and reason;
// the audit log records them once actions exist) and survive every sync and rebuild. Applying one re-derives
// the projections from the raw layer, so person ids change: find people again by an identity afterwards.
#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace sb::identity {

struct IdentityRef {
    QString provider;
    QString externalId;
};

struct Decision {
    QString actor;
    QString reason; // required: why a human overrode the email rule
};

Status link(QSqlDatabase db, const IdentityRef &identity, const IdentityRef &anchor, const Decision &why);
Status unlink(QSqlDatabase db, const IdentityRef &identity, const Decision &why);
Status restoreAutomatic(QSqlDatabase db, const IdentityRef &identity, const Decision &why);

} // namespace sb::identity
