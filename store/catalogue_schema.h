// The catalogue's tables, created and migrated in place when a store opens.
// Each schema version is one step of SQL applied in a transaction together
// with the new number in `schema_version`, so a crash mid-migration leaves the
// previous version whole.
#pragma once

#include "absl/status/status.h"
#include "store/sqlite_handle.h"

namespace tiersight::store {

// The version this build writes.
inline constexpr int kCatalogueSchemaVersion = 3;

// Brings the catalogue to kCatalogueSchemaVersion. FailedPrecondition when it
// was written by a newer build (downgrading would lose data silently).
absl::Status MigrateCatalogue(SqliteDb& db);

}  // namespace tiersight::store
