#include "store/staged_bundle.h"

#include <sys/stat.h>

#include <cerrno>
#include <string_view>

#include "base/str_cat.h"
#include "graph/bundle_columns.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_files.h"

namespace tiersight::store {
namespace {

std::span<const std::string_view> ColumnsOf(RowKind kind) {
  switch (kind) {
    case RowKind::kAgent:
      return graph::kAgentColumnNames;
    case RowKind::kOrder:
      return graph::kOrderColumnNames;
    case RowKind::kPayment:
      return graph::kPaymentColumnNames;
  }
  return {};
}

std::string_view FileOf(RowKind kind) {
  switch (kind) {
    case RowKind::kAgent:
      return graph::kAgentsFile;
    case RowKind::kOrder:
      return graph::kOrdersFile;
    case RowKind::kPayment:
      return graph::kPaymentsFile;
  }
  return {};
}

// Appends `field` as one RFC 4180 field: quoted when it holds a comma, quote,
// CR or LF, but without a string per field, since
// uploads run to tens of millions of rows.
void AppendCsvField(std::string& line, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(field);
    return;
  }
  line.push_back('"');
  for (char c : field) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

// Appends `fields` as one CSV record with a LF line end.
void AppendCsvLine(std::string& line, std::span<const std::string_view> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    AppendCsvField(line, fields[i]);
  }
  line.push_back('\n');
}

}  // namespace

absl::StatusOr<StagedBundle> StagedBundle::Create(std::string dir) {
  // mkdir, not create_directories: an existing directory means a clash of
  // ids, and two uploads must never share files.
  if (::mkdir(dir.c_str(), 0755) != 0) {
    return absl::ErrnoToStatus(errno, StrCat("cannot create staging directory ", dir));
  }
  StagedBundle bundle(std::move(dir));
  auto& agents = bundle.files_[static_cast<size_t>(RowKind::kAgent)];
  agents = std::make_unique<base::DurableFileWriter>();
  absl::Status opened = agents->Open(StrCat(bundle.dir_, "/", graph::kAgentsFile));
  if (!opened.ok()) return opened;
  bundle.line_.clear();
  AppendCsvLine(bundle.line_, ColumnsOf(RowKind::kAgent));
  absl::Status header = agents->Append(bundle.line_);
  if (!header.ok()) return header;
  return bundle;
}

absl::Status StagedBundle::AppendRow(RowKind kind, std::span<const std::string_view> fields) {
  const size_t k = static_cast<size_t>(kind);
  const std::span<const std::string_view> columns = ColumnsOf(kind);
  if (fields.size() != columns.size()) {
    return absl::InvalidArgumentError(StrCat(FileOf(kind), " row ", rows_[k] + 1, " has ",
                                             fields.size(), " fields, expected ", columns.size(),
                                             " (", StrJoin(columns, ","), ")"));
  }
  std::unique_ptr<base::DurableFileWriter>& file = files_[k];
  if (file == nullptr) {
    file = std::make_unique<base::DurableFileWriter>();
    absl::Status opened = file->Open(StrCat(dir_, "/", FileOf(kind)));
    if (!opened.ok()) return opened;
    line_.clear();
    AppendCsvLine(line_, columns);
    absl::Status header = file->Append(line_);
    if (!header.ok()) return header;
  } else if (!file->is_open()) {
    return absl::FailedPreconditionError(StrCat("the bundle in ", dir_, " is already finished"));
  }
  line_.clear();
  AppendCsvLine(line_, fields);
  absl::Status appended = file->Append(line_);
  if (!appended.ok()) return appended;
  ++rows_[k];
  return absl::OkStatus();
}

int64_t StagedBundle::bytes() const {
  int64_t total = network_yaml_ ? static_cast<int64_t>(network_yaml_->size()) : 0;
  for (const auto& file : files_) {
    if (file != nullptr) total += file->bytes();
  }
  return total;
}

absl::StatusOr<FinishedBundle> StagedBundle::Finish() {
  FinishedBundle finished;
  finished.bytes = bytes();
  finished.rows = rows_;
  for (auto& file : files_) {
    if (file == nullptr) continue;
    absl::Status closed = file->Close();
    if (!closed.ok()) return closed;
  }
  if (network_yaml_) {
    base::DurableFileWriter yaml;
    absl::Status status = yaml.Open(StrCat(dir_, "/", graph::kNetworkFile));
    if (status.ok()) status = yaml.Append(*network_yaml_);
    if (status.ok()) status = yaml.Close();
    if (!status.ok()) return status;
  }
  absl::Status synced = base::FsyncPath(dir_);
  if (!synced.ok()) return synced;
  absl::StatusOr<std::string> digest = graph::BundleDigest(dir_);
  if (!digest.ok()) return digest.status();
  finished.digest = *std::move(digest);
  return finished;
}

}  // namespace tiersight::store
