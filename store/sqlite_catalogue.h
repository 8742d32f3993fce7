// The catalogue rows of networks and audits in SQLite: the commit point of
// every record (see OpenSqliteStore). Knows nothing of files.
//
// Thread-safe: one connection, every use under one mutex. SQLite serialises
// writers anyway, and the catalogue's statements are short (files are written
// outside the lock), so a pool would buy little.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/records.h"
#include "store/sqlite_handle.h"

namespace tiersight::store {

class SqliteCatalogue {
 public:
  // Opens `path` in WAL mode with synchronous=FULL (a commit is on disk when
  // it returns) and foreign keys on, and migrates the schema.
  static absl::StatusOr<std::unique_ptr<SqliteCatalogue>> Open(const std::string& path);

  // Fails (FailedPrecondition) if the id was ever issued before.
  absl::Status InsertNetwork(const NetworkRecord& network);
  absl::StatusOr<NetworkRecord> FindNetwork(const std::string& tenant, const std::string& id);
  absl::StatusOr<NetworkPage> ListNetworks(const std::string& tenant, int page_size,
                                           const std::string& page_token);
  absl::Status DeleteNetwork(const std::string& tenant, const std::string& id);

  // NotFound unless audit.network_id is one of audit.tenant's networks at the
  // moment of the insert.
  absl::Status InsertAudit(const AuditRecord& audit);
  absl::StatusOr<AuditRecord> FindAudit(const std::string& tenant, const std::string& id);
  absl::StatusOr<AuditPage> ListAudits(const std::string& tenant, int page_size,
                                       const std::string& page_token,
                                       const std::optional<std::string>& network_id);

  // Every id with a row, of every tenant: what the startup sweep keeps.
  absl::StatusOr<absl::flat_hash_set<std::string>> NetworkIds();
  absl::StatusOr<absl::flat_hash_set<std::string>> AuditIds();

 private:
  explicit SqliteCatalogue(SqliteDb db) : db_(std::move(db)) {}

  absl::Status InsertIssuedId(const std::string& id, std::string_view what);
  // Helpers for callers that hold mutex_.
  absl::StatusOr<bool> HasNetwork(const std::string& tenant, const std::string& id,
                                  std::string_view what);
  absl::Status LoadPacks(AuditRecord& audit);
  absl::StatusOr<absl::flat_hash_set<std::string>> Ids(const char* sql, const char* what);

  std::mutex mutex_;
  SqliteDb db_;
};

}  // namespace tiersight::store
