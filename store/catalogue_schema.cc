#include "store/catalogue_schema.h"

#include <array>
#include <string>

#include "base/str_cat.h"

namespace tiersight::store {
namespace {

// kMigrations[v - 1] brings version v - 1 to v. Never edit a shipped step;
// append a new one.
constexpr std::array<const char*, kCatalogueSchemaVersion> kMigrations = {
    // Version 1.
    R"sql(
-- Every id ever handed out, so that no id is reused even after a delete.
CREATE TABLE issued_ids (
  id TEXT PRIMARY KEY
) WITHOUT ROWID;

-- seq orders the pages: AUTOINCREMENT never reuses a value, so a page token
-- (the last seq seen) stays valid across deletes.
CREATE TABLE networks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE REFERENCES issued_ids(id),
  tenant TEXT NOT NULL,
  name TEXT NOT NULL,
  digest TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  agent_rows INTEGER NOT NULL,
  order_rows INTEGER NOT NULL,
  payment_rows INTEGER NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE INDEX networks_by_tenant ON networks(tenant, seq);

-- No foreign key to networks: an audit outlives the network it read.
CREATE TABLE audits (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE REFERENCES issued_ids(id),
  tenant TEXT NOT NULL,
  network_id TEXT NOT NULL,
  network_digest TEXT NOT NULL,
  token_name TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  report_sha256 TEXT NOT NULL,
  report_bytes INTEGER NOT NULL
);
CREATE INDEX audits_by_tenant ON audits(tenant, seq);
CREATE INDEX audits_by_network ON audits(tenant, network_id, seq);

CREATE TABLE audit_packs (
  audit_id TEXT NOT NULL REFERENCES audits(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (audit_id, position)
) WITHOUT ROWID;

-- The audit trail is append-only even against a mistaken statement in a
-- later version of this code.
CREATE TRIGGER audits_no_update BEFORE UPDATE ON audits
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audits_no_delete BEFORE DELETE ON audits
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_packs_no_update BEFORE UPDATE ON audit_packs
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_packs_no_delete BEFORE DELETE ON audit_packs
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER issued_ids_no_delete BEFORE DELETE ON issued_ids
  BEGIN SELECT RAISE(ABORT, 'ids are never reused'); END;
)sql",
    // Version 2: what the caller keeps with a network (NetworkRecord::details).
    R"sql(
ALTER TABLE networks ADD COLUMN details TEXT NOT NULL DEFAULT '';
)sql",
    // Version 3: what the caller keeps with an audit (AuditRecord::details).
    // Written once with the row, like the rest of the trail.
    R"sql(
ALTER TABLE audits ADD COLUMN details TEXT NOT NULL DEFAULT '';
)sql",
};

absl::StatusOr<int> CurrentVersion(SqliteDb& db) {
  absl::Status created =
      db.Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
              "cannot create the catalogue's schema_version table");
  if (!created.ok()) return created;
  absl::StatusOr<SqliteStatement> read = SqliteStatement::Prepare(
      db, "SELECT max(version) FROM schema_version", "cannot read the catalogue's schema version");
  if (!read.ok()) return read.status();
  absl::StatusOr<bool> row = read->Step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<int>(read->Int64(0)) : 0;  // max() of no rows is NULL: 0
}

}  // namespace

absl::Status MigrateCatalogue(SqliteDb& db) {
  absl::StatusOr<SqliteTransaction> tx =
      SqliteTransaction::Begin(db, "cannot migrate the catalogue");
  if (!tx.ok()) return tx.status();
  absl::StatusOr<int> version = CurrentVersion(db);
  if (!version.ok()) return version.status();
  if (*version > kCatalogueSchemaVersion) {
    return absl::FailedPreconditionError(
        StrCat("the catalogue has schema version ", *version, ", newer than this build's ",
               kCatalogueSchemaVersion, "; use a newer tiersight"));
  }
  if (*version == kCatalogueSchemaVersion) return absl::OkStatus();
  for (int next = *version + 1; next <= kCatalogueSchemaVersion; ++next) {
    absl::Status step = db.Exec(kMigrations[next - 1],
                                StrCat("cannot migrate the catalogue to schema version ", next));
    if (!step.ok()) return step;
  }
  absl::Status stamped =
      db.Exec(StrCat("DELETE FROM schema_version; INSERT INTO schema_version VALUES (",
                     kCatalogueSchemaVersion, ")"),
              "cannot record the catalogue's schema version");
  if (!stamped.ok()) return stamped;
  return tx->Commit();
}

}  // namespace tiersight::store
