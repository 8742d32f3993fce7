// The catalogue of uploaded networks and of the audits run on them, behind an
// interface so that a server database can replace the embedded SQLite one.
//
// Every operation is scoped by tenant: a tenant sees and changes only its own
// records, and another tenant's id behaves exactly like a missing one
// (NotFound), so that a caller learns nothing about records it may not see.
//
// Durability: a network or audit that an operation reported as stored
// survives a crash of the process or the machine; an upload that was not
// committed leaves nothing behind. Audits are append-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/records.h"

namespace tiersight::store {

// Streams one upload into a bundle in a staging area, where no reader sees it
// until Commit. Rows are given as field strings in the column order of
// records.h and are CSV-escaped here. agents.csv is always written (a header
// at least); orders.csv and payments.csv only once a row of theirs arrives,
// and network.yaml only when set, so that a stored bundle has the same files
// a CLI bundle without them would have.
//
// Not thread-safe: one writer per upload, used from one thread at a time.
// Destroying a writer that was not committed aborts it. A writer keeps the
// store's catalogue (and the data directory's lock) alive until it is
// destroyed, so it may finish even after the store object is gone.
class UploadWriter {
 public:
  virtual ~UploadWriter() = default;

  // The id the network will have once committed.
  virtual const std::string& network_id() const = 0;

  // Appends one row. InvalidArgument when the field count does not match the
  // columns (nothing is written then, and the upload goes on); any other
  // error ends the upload: later calls get FailedPrecondition, as they do
  // after Commit or Abort. Views, so a caller holding protobuf strings copies
  // nothing.
  virtual absl::Status AppendRow(RowKind kind, std::span<const std::string_view> fields) = 0;
  // The same for a row held as strings.
  absl::Status AppendRow(RowKind kind, std::span<const std::string> fields);

  // Sets network.yaml's text (the last call wins).
  virtual absl::Status SetNetworkYaml(std::string text) = 0;

  // Rows and bytes written so far, for the caller's upload limits.
  virtual int64_t rows(RowKind kind) const = 0;
  virtual int64_t bytes_written() const = 0;

  // Finishes the files (network.yaml written, everything fsync'd) and returns
  // the staging directory, so the caller can read the bundle as it will be
  // stored (e.g. graph::LoadBundle) and still Abort before anything is
  // visible. No row may be appended afterwards. Idempotent.
  virtual absl::StatusOr<std::string> Seal() = 0;

  // Makes the network durable and visible under `name`, with `details` kept
  // in its record: seals the files if not done yet, computes the digest,
  // moves the bundle into place and records it. On failure nothing of the
  // upload remains.
  virtual absl::StatusOr<NetworkRecord> Commit(const std::string& name,
                                               std::string details = {}) = 0;

  // Removes everything written so far. Idempotent.
  virtual void Abort() = 0;
};

// All methods are thread-safe.
class NetworkStore {
 public:
  virtual ~NetworkStore() = default;

  virtual absl::StatusOr<std::unique_ptr<UploadWriter>> BeginUpload(const std::string& tenant) = 0;

  virtual absl::StatusOr<NetworkRecord> GetNetwork(const std::string& tenant,
                                                   const std::string& id) = 0;

  // In upload order, oldest first, so that networks committed while a client
  // pages never shift the pages it has not read yet. page_size 0 means the
  // default (50); larger than 1000 is read as 1000.
  virtual absl::StatusOr<NetworkPage> ListNetworks(const std::string& tenant, int page_size,
                                                   const std::string& page_token) = 0;

  // Removes the network's catalogue entry and its files. Its audits stay: the
  // audit trail is never rewritten.
  virtual absl::Status DeleteNetwork(const std::string& tenant, const std::string& id) = 0;

  // The directory of the stored bundle, for graph::LoadBundle. Files of a
  // network deleted while a reader has them open stay readable (POSIX), but a
  // reader that opens them after the delete fails.
  virtual absl::StatusOr<std::string> NetworkDir(const std::string& tenant,
                                                 const std::string& id) = 0;

  // Records an audit of one of the tenant's networks; the report is durable
  // before the catalogue names it. Returns the record with its id and time.
  virtual absl::StatusOr<AuditRecord> RecordAudit(const std::string& tenant,
                                                  const NewAudit& audit) = 0;

  // The audit with its report bytes; DataLoss when the report file no longer
  // matches the SHA-256 recorded with it.
  virtual absl::StatusOr<StoredAudit> GetAudit(const std::string& tenant,
                                               const std::string& id) = 0;

  // In recording order, oldest first; only the audits of `network_id` when
  // given (a deleted network's audits included).
  virtual absl::StatusOr<AuditPage> ListAudits(const std::string& tenant, int page_size,
                                               const std::string& page_token,
                                               const std::optional<std::string>& network_id) = 0;
};

// Opens (creating if needed) the store kept in `data_dir`:
//   data_dir/catalogue.db     SQLite catalogue (WAL, synchronous=FULL)
//   data_dir/networks/<id>/   one bundle directory per stored network
//   data_dir/audits/<id>.json one report per recorded audit
//   data_dir/staging/<id>/    uploads in progress
//   data_dir/LOCK             held (flock) while the store is open
// The catalogue row is the commit point of every record: files are made
// durable first and the row is inserted last, and a delete removes the row
// first. So on open, whatever has files but no row is a leftover of an
// interrupted upload, audit or delete and is removed; a row never points at
// missing files. One process at a time: a second open of the same directory
// fails with FailedPrecondition while the first is open.
absl::StatusOr<std::unique_ptr<NetworkStore>> OpenSqliteStore(const std::string& data_dir);

}  // namespace tiersight::store
