// The cache's schema and its forward migrations.
#pragma once

#include "common/Result.h"

#include <QSqlDatabase>

namespace sb::store {

// The schema version this build writes. Older caches are migrated step by step; a newer one is refused.
int currentSchemaVersion();
int schemaVersion(QSqlDatabase &db);
Status migrate(QSqlDatabase &db);

} // namespace sb::store
