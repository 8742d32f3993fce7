// The embedded NetworkStore: bundle and report files in the data directory,
// catalogue rows in SQLite. Every record is committed in the same order:
// files written and fsync'd, moved into place by an fsync'd rename, then the
// catalogue row inserted in one transaction. A delete removes the row first.
// So a crash at any point leaves at most files without a row, which the next
// open sweeps away (startup_sweep.h), and never a row without its files.

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "base/durable_file.h"
#include "base/file_read.h"
#include "base/str_cat.h"
#include "graph/bundle_digest.h"
#include "store/data_dir.h"
#include "store/network_store.h"
#include "store/record_id.h"
#include "store/sqlite_catalogue.h"
#include "store/staged_bundle.h"
#include "store/startup_sweep.h"

namespace tiersight::store {
namespace {

// Shared by the store and its upload writers, so that a writer still
// streaming when the store is closed keeps the catalogue and the data
// directory's lock alive until it is done.
struct StoreState {
  DataDirLayout layout;
  DataDirLock lock;  // declared before the catalogue: released after it closes
  std::unique_ptr<SqliteCatalogue> catalogue;
};

absl::Status CheckTenant(const std::string& tenant) {
  if (tenant.empty()) return absl::InvalidArgumentError("the tenant must not be empty");
  return absl::OkStatus();
}

// Removes a directory whose catalogue row is gone or was never written. A
// failure only leaves work for the next open's sweep, so it is logged rather
// than returned.
void RemoveUncatalogued(const std::string& path, const std::string& parent) {
  absl::Status removed = base::RemoveTree(path);
  if (removed.ok()) removed = base::FsyncPath(parent);
  if (!removed.ok()) {
    spdlog::warn("store: {}; the next open removes it", std::string(removed.message()));
  }
}

// A data directory made by an earlier version (or by hand) may be open to
// others; its mode is the operator's to change, so it is named, not changed.
void WarnIfShared(const std::string& root) {
  struct stat st {};
  if (::stat(root.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    spdlog::warn(
        "store: data directory {} has mode {:04o}: others may read what it holds; run "
        "`chmod -R go= {}`",
        root, st.st_mode & 07777, root);
  }
}

class SqliteUploadWriter final : public UploadWriter {
 public:
  SqliteUploadWriter(std::shared_ptr<StoreState> state, std::string tenant, std::string id,
                     StagedBundle bundle)
      : state_(std::move(state)),
        tenant_(std::move(tenant)),
        id_(std::move(id)),
        bundle_(std::move(bundle)) {}
  ~SqliteUploadWriter() override { Abort(); }

  const std::string& network_id() const override { return id_; }

  using UploadWriter::AppendRow;
  absl::Status AppendRow(RowKind kind, std::span<const std::string_view> fields) override {
    absl::Status usable = CheckAppendable();
    if (!usable.ok()) return usable;
    absl::Status appended = bundle_.AppendRow(kind, fields);
    // A bad field count is refused before anything is written; any other
    // error may have left a partial line, so the upload cannot be committed.
    if (!appended.ok() && !absl::IsInvalidArgument(appended)) phase_ = Phase::kFailed;
    return appended;
  }

  absl::Status SetNetworkYaml(std::string text) override {
    absl::Status usable = CheckAppendable();
    if (!usable.ok()) return usable;
    bundle_.SetNetworkYaml(std::move(text));
    return absl::OkStatus();
  }

  int64_t rows(RowKind kind) const override { return bundle_.rows(kind); }
  int64_t bytes_written() const override { return bundle_.bytes(); }

  absl::StatusOr<std::string> Seal() override {
    absl::Status usable = CheckWritable();
    if (!usable.ok()) return usable;
    if (!finished_) {
      absl::StatusOr<FinishedBundle> finished = bundle_.Finish();
      if (!finished.ok()) {
        phase_ = Phase::kFailed;
        return finished.status();
      }
      finished_ = *std::move(finished);
    }
    return bundle_.dir();
  }

  absl::StatusOr<NetworkRecord> Commit(const std::string& name, std::string details) override {
    absl::Status usable = CheckWritable();
    if (!usable.ok()) return usable;
    absl::StatusOr<NetworkRecord> committed = CommitOnce(name, std::move(details));
    if (committed.ok()) {
      phase_ = Phase::kCommitted;
    } else {
      Abort();
    }
    return committed;
  }

  void Abort() override {
    if (phase_ == Phase::kOpen || phase_ == Phase::kFailed) {
      RemoveUncatalogued(bundle_.dir(), state_->layout.staging());
      phase_ = Phase::kAborted;
    }
  }

 private:
  enum class Phase { kOpen, kFailed, kCommitted, kAborted };

  absl::Status CheckAppendable() const {
    if (finished_) {
      return absl::FailedPreconditionError(
          StrCat("upload of network ", id_, " is sealed: no more rows"));
    }
    return CheckWritable();
  }

  absl::Status CheckWritable() const {
    switch (phase_) {
      case Phase::kOpen:
        return absl::OkStatus();
      case Phase::kFailed:
        return absl::FailedPreconditionError(
            StrCat("upload of network ", id_, " failed earlier and cannot continue"));
      case Phase::kCommitted:
        return absl::FailedPreconditionError(
            StrCat("upload of network ", id_, " is already committed"));
      case Phase::kAborted:
        break;
    }
    return absl::FailedPreconditionError(StrCat("upload of network ", id_, " was aborted"));
  }

  absl::StatusOr<NetworkRecord> CommitOnce(const std::string& name, std::string details) {
    absl::StatusOr<std::string> sealed = Seal();
    if (!sealed.ok()) return sealed.status();
    const FinishedBundle* finished = &*finished_;
    const DataDirLayout& layout = state_->layout;
    const std::string final_dir = layout.network_dir(id_);
    absl::Status moved = base::RenameDurably(bundle_.dir(), final_dir);
    if (!moved.ok()) return moved;

    NetworkRecord record;
    record.id = id_;
    record.tenant = tenant_;
    record.name = name;
    record.digest = finished->digest;
    record.created_at = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()));  // as stored
    record.agent_rows = finished->rows[static_cast<size_t>(RowKind::kAgent)];
    record.order_rows = finished->rows[static_cast<size_t>(RowKind::kOrder)];
    record.payment_rows = finished->rows[static_cast<size_t>(RowKind::kPayment)];
    record.bytes = finished->bytes;
    record.details = std::move(details);
    absl::Status inserted = state_->catalogue->InsertNetwork(record);
    if (!inserted.ok()) {
      // The staging directory is gone (renamed); undo the rename's effect.
      RemoveUncatalogued(final_dir, layout.networks());
      return inserted;
    }
    return record;
  }

  std::shared_ptr<StoreState> state_;
  std::string tenant_;
  std::string id_;
  StagedBundle bundle_;
  std::optional<FinishedBundle> finished_;  // set by Seal
  Phase phase_ = Phase::kOpen;
};

class SqliteNetworkStore final : public NetworkStore {
 public:
  explicit SqliteNetworkStore(std::shared_ptr<StoreState> state) : state_(std::move(state)) {}

  absl::StatusOr<std::unique_ptr<UploadWriter>> BeginUpload(const std::string& tenant) override {
    absl::Status ok = CheckTenant(tenant);
    if (!ok.ok()) return ok;
    absl::StatusOr<std::string> id = NewRecordId();
    if (!id.ok()) return id.status();
    absl::StatusOr<StagedBundle> bundle = StagedBundle::Create(state_->layout.staging_dir(*id));
    if (!bundle.ok()) {
      RemoveUncatalogued(state_->layout.staging_dir(*id), state_->layout.staging());
      return bundle.status();
    }
    return std::make_unique<SqliteUploadWriter>(state_, tenant, *id, *std::move(bundle));
  }

  absl::StatusOr<NetworkRecord> GetNetwork(const std::string& tenant,
                                           const std::string& id) override {
    absl::Status ok = CheckTenant(tenant);
    if (!ok.ok()) return ok;
    if (!IsWellFormedRecordId(id)) return NetworkNotFound(id);
    return state_->catalogue->FindNetwork(tenant, id);
  }

  absl::StatusOr<NetworkPage> ListNetworks(const std::string& tenant, int page_size,
                                           const std::string& page_token) override {
    absl::Status ok = CheckTenant(tenant);
    if (!ok.ok()) return ok;
    return state_->catalogue->ListNetworks(tenant, page_size, page_token);
  }

  absl::Status DeleteNetwork(const std::string& tenant, const std::string& id) override {
    absl::Status ok = CheckTenant(tenant);
    if (!ok.ok()) return ok;
    if (!IsWellFormedRecordId(id)) return NetworkNotFound(id);
    absl::Status deleted = state_->catalogue->DeleteNetwork(tenant, id);
    if (!deleted.ok()) return deleted;
    // The row is gone, so the delete has happened whatever becomes of the files.
    RemoveUncatalogued(state_->layout.network_dir(id), state_->layout.networks());
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> NetworkDir(const std::string& tenant,
                                         const std::string& id) override {
    absl::StatusOr<NetworkRecord> network = GetNetwork(tenant, id);
    if (!network.ok()) return network.status();
    const std::string dir = state_->layout.network_dir(id);
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      return absl::DataLossError(StrCat("the files of network ", id, " are missing from ", dir));
    }
    return dir;
  }

  absl::StatusOr<AuditRecord> RecordAudit(const std::string& tenant,
                                          const NewAudit& audit) override {
    absl::Status ok = CheckTenant(tenant);
    if (!ok.ok()) return ok;
    absl::StatusOr<NetworkRecord> network = GetNetwork(tenant, audit.network_id);
    if (!network.ok()) return network.status();
    if (audit.token_name.empty()) {
      return absl::InvalidArgumentError(StrCat("the audit of network ", audit.network_id,
                                               " names no token: who ran it must be recorded"));
    }
    if (!audit.network_digest.empty() && audit.network_digest != network->digest) {
      return absl::FailedPreconditionError(StrCat("the audit names digest ", audit.network_digest,
                                                  " but network ", audit.network_id, " has digest ",
                                                  network->digest));
    }
    absl::StatusOr<std::string> id = NewRecordId();
    if (!id.ok()) return id.status();

    AuditRecord record;
    record.id = *id;
    record.tenant = tenant;
    record.network_id = audit.network_id;
    record.network_digest = network->digest;
    record.packs = audit.packs;
    record.token_name = audit.token_name;
    record.created_at = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()));  // as stored
    record.report_sha256 = graph::Sha256OfText(audit.report_json);
    record.report_bytes = static_cast<int64_t>(audit.report_json.size());
    record.details = audit.details;

    // The report is durable before the catalogue names it.
    const std::string file = state_->layout.audit_file(record.id);
    absl::Status written = base::WriteFileAtomically(file, audit.report_json, kPrivateFileMode);
    if (!written.ok()) return written;
    absl::Status inserted = state_->catalogue->InsertAudit(record);
    if (!inserted.ok()) {
      RemoveUncatalogued(file, state_->layout.audits());
      return inserted;
    }
    return record;
  }

  absl::StatusOr<StoredAudit> GetAudit(const std::string& tenant, const std::string& id) override {
    absl::Status ok = CheckTenant(tenant);
    if (!ok.ok()) return ok;
    if (!IsWellFormedRecordId(id)) return absl::NotFoundError(StrCat("audit ", id, " not found"));
    absl::StatusOr<AuditRecord> record = state_->catalogue->FindAudit(tenant, id);
    if (!record.ok()) return record.status();
    absl::StatusOr<std::string> report = base::ReadRegularFile(
        state_->layout.audit_file(id), base::kMaxReportFileBytes, "an audit report");
    if (!report.ok()) {
      // Out of descriptors or memory (EMFILE, ENFILE, ENOMEM) says nothing of
      // the report: keep the code, so the caller blames the server.
      if (absl::IsResourceExhausted(report.status())) {
        return absl::ResourceExhaustedError(StrCat("cannot read the report of audit ", id, ": ",
                                                   std::string(report.status().message())));
      }
      return absl::DataLossError(StrCat(
          "the report of audit ", id, " is unreadable: ", std::string(report.status().message())));
    }
    if (graph::Sha256OfText(*report) != record->report_sha256) {
      return absl::DataLossError(
          StrCat("the report of audit ", id, " no longer matches its recorded SHA-256"));
    }
    return StoredAudit{*std::move(record), *std::move(report)};
  }

  absl::StatusOr<AuditPage> ListAudits(const std::string& tenant, int page_size,
                                       const std::string& page_token,
                                       const std::optional<std::string>& network_id) override {
    absl::Status ok = CheckTenant(tenant);
    if (!ok.ok()) return ok;
    return state_->catalogue->ListAudits(tenant, page_size, page_token, network_id);
  }

 private:
  static absl::Status NetworkNotFound(const std::string& id) {
    return absl::NotFoundError(StrCat("network ", id, " not found"));
  }

  std::shared_ptr<StoreState> state_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<NetworkStore>> OpenSqliteStore(const std::string& data_dir) {
  if (data_dir.empty()) return absl::InvalidArgumentError("the data directory must be named");
  std::error_code ec;
  // Absolute, so NetworkDir's answers stay valid if the working directory changes.
  std::filesystem::path root = std::filesystem::absolute(data_dir, ec).lexically_normal();
  if (ec) return absl::ErrnoToStatus(ec.value(), StrCat("cannot resolve ", data_dir));
  if (!root.has_filename()) root = root.parent_path();  // "dir/" names "dir"
  DataDirLayout layout(root.string());
  absl::Status created = layout.Create();
  if (!created.ok()) return created;
  WarnIfShared(layout.root());
  absl::StatusOr<DataDirLock> lock = DataDirLock::Acquire(layout);
  if (!lock.ok()) return lock.status();
  absl::StatusOr<std::unique_ptr<SqliteCatalogue>> catalogue =
      SqliteCatalogue::Open(layout.catalogue());
  if (!catalogue.ok()) return catalogue.status();

  absl::StatusOr<absl::flat_hash_set<std::string>> network_ids = (*catalogue)->NetworkIds();
  if (!network_ids.ok()) return network_ids.status();
  absl::StatusOr<absl::flat_hash_set<std::string>> audit_ids = (*catalogue)->AuditIds();
  if (!audit_ids.ok()) return audit_ids.status();
  absl::StatusOr<SweepResult> swept = SweepLeftovers(layout, *network_ids, *audit_ids);
  if (!swept.ok()) return swept.status();
  spdlog::info("store: opened {} ({} networks, {} audits)", layout.root(), network_ids->size(),
               audit_ids->size());

  auto state = std::make_shared<StoreState>(
      StoreState{std::move(layout), *std::move(lock), *std::move(catalogue)});
  return std::unique_ptr<NetworkStore>(new SqliteNetworkStore(std::move(state)));
}

}  // namespace tiersight::store
