#include "clients/cpp/remote_bundle_rows.h"

#include <spdlog/spdlog.h>

#include <array>
#include <filesystem>
#include <string_view>

#include "absl/status/status.h"
#include "base/civil_date.h"
#include "base/str_cat.h"
#include "graph/bundle_columns.h"
#include "graph/bundle_files.h"
#include "graph/csv_table.h"
#include "graph/network_config.h"

namespace tiersight::client {
namespace {

namespace fs = std::filesystem;
using tiersight::v1::Agent;
using tiersight::v1::Order;
using tiersight::v1::Payment;
using tiersight::v1::UploadNetworkBatch;

// Per-field overhead of the wire format (tag and length), for batch sizing
// without serialising.
constexpr size_t kFieldOverheadBytes = 2;
constexpr int64_t kProgressEveryRows = 1'000'000;

// Where a column's text goes in a record message.
template <typename Record>
using FieldOf = std::string* (*)(Record&);

// One per column of graph/bundle_columns.h, in its order: the format's
// column names are the record messages' field names, in field order.
constexpr std::array<FieldOf<Agent>, graph::kAgentColumns.size()> kAgentFields = {
    [](Agent& r) { return r.mutable_agent_id(); }, [](Agent& r) { return r.mutable_sponsor_id(); },
    [](Agent& r) { return r.mutable_tier(); },     [](Agent& r) { return r.mutable_joined_at(); },
    [](Agent& r) { return r.mutable_left_at(); },  [](Agent& r) { return r.mutable_region(); },
    [](Agent& r) { return r.mutable_name(); },
};

constexpr std::array<FieldOf<Order>, graph::kOrderColumns.size()> kOrderFields = {
    [](Order& r) { return r.mutable_order_id(); },  [](Order& r) { return r.mutable_date(); },
    [](Order& r) { return r.mutable_seller_id(); }, [](Order& r) { return r.mutable_buyer_id(); },
    [](Order& r) { return r.mutable_sku(); },       [](Order& r) { return r.mutable_quantity(); },
    [](Order& r) { return r.mutable_amount(); },    [](Order& r) { return r.mutable_kind(); },
};

constexpr std::array<FieldOf<Payment>, graph::kPaymentColumns.size()> kPaymentFields = {
    [](Payment& r) { return r.mutable_payment_id(); },
    [](Payment& r) { return r.mutable_date(); },
    [](Payment& r) { return r.mutable_payer_id(); },
    [](Payment& r) { return r.mutable_payee_id(); },
    [](Payment& r) { return r.mutable_amount(); },
    [](Payment& r) { return r.mutable_kind(); },
};

// Batches records by size and hands full batches to the sink.
class Batcher {
 public:
  Batcher(size_t batch_bytes, const BatchSink& sink, BundleRowsResult& result)
      : batch_bytes_(batch_bytes), sink_(sink), result_(result) {}

  UploadNetworkBatch& batch() { return batch_; }

  // Counts a record of `bytes` just added; flushes when the batch is full.
  bool Added(size_t bytes) {
    ++result_.rows;
    bytes_ += bytes;
    if (result_.rows % kProgressEveryRows == 0) spdlog::info("{} rows sent", result_.rows);
    return bytes_ < batch_bytes_ || Flush();
  }

  bool Flush() {
    if (bytes_ == 0) return true;
    ++result_.batches;
    const bool go_on = sink_(batch_);
    batch_.Clear();
    bytes_ = 0;
    if (!go_on) result_.stopped = true;
    return go_on;
  }

 private:
  size_t batch_bytes_;
  const BatchSink& sink_;
  BundleRowsResult& result_;
  UploadNetworkBatch batch_;
  size_t bytes_ = 0;
};

// Streams one CSV file's records through `add` (which appends a new record to
// the batch), with the format's `columns` as the bundle reader opens the file
// and `fields` the setter of each.
template <typename Record, size_t N>
absl::Status StreamFile(const fs::path& path, std::string_view file_name,
                        graph::TextEncoding encoding,
                        const std::array<graph::BundleColumn, N>& columns,
                        const std::array<FieldOf<Record>, N>& fields,
                        Record* (*add)(UploadNetworkBatch&), Batcher& batcher,
                        std::vector<graph::LoadIssue>& warnings, BundleRowsResult& result) {
  absl::StatusOr<graph::CsvTable> table =
      graph::CsvTable::Open(path.string(), std::string(file_name), encoding, columns, warnings);
  if (!table.ok()) return table.status();

  std::vector<std::pair<int, FieldOf<Record>>> present;
  for (size_t i = 0; i < N; ++i) {
    const int index = table->Column(columns[i].name);
    if (index >= 0) present.emplace_back(index, fields[i]);
  }
  graph::CsvRecord record;
  while (table->Next(record)) {
    if (!record.error.empty()) {
      result.malformed.push_back(StrCat(file_name, ":", record.line, ": ", record.error));
      continue;
    }
    if (!table->HasAllFields(record)) {
      result.malformed.push_back(StrCat(file_name, ":", record.line, ": ", record.fields.size(),
                                        " fields where the header has ", table->header_size()));
      continue;
    }
    if (!result.malformed.empty()) continue;  // only listing the rest now
    Record& out = *add(batcher.batch());
    size_t bytes = kFieldOverheadBytes;
    for (const auto& [index, field] : present) {
      const std::string_view value = record.fields[static_cast<size_t>(index)];
      if (value.empty()) continue;
      field(out)->assign(value.data(), value.size());
      bytes += value.size() + kFieldOverheadBytes;
    }
    if (!batcher.Added(bytes)) return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<BundleFacts> ReadNetworkFacts(const std::string& bundle_dir,
                                             std::vector<graph::LoadIssue>& warnings) {
  absl::StatusOr<graph::NetworkConfig> config =
      graph::ReadNetworkConfig((fs::path(bundle_dir) / graph::kNetworkFile).string(), warnings);
  if (!config.ok()) return config.status();
  BundleFacts out;
  out.encoding = config->encoding;
  tiersight::v1::NetworkFacts& facts = out.facts;
  facts.set_name(config->name);
  facts.set_currency(config->currency);
  if (config->as_of) facts.set_as_of(base::FormatDay(*config->as_of));
  if (config->tiers) {
    for (const std::string& tier : *config->tiers) facts.add_tiers(tier);
  }
  facts.set_jurisdiction(config->jurisdiction);
  facts.set_direct_selling_licence(config->direct_selling_licence);
  return out;
}

absl::StatusOr<BundleRowsResult> StreamBundleRows(const std::string& bundle_dir,
                                                  graph::TextEncoding encoding, size_t batch_bytes,
                                                  std::vector<graph::LoadIssue>& warnings,
                                                  const BatchSink& sink) {
  BundleRowsResult result;
  Batcher batcher(batch_bytes, sink, result);
  const fs::path dir(bundle_dir);
  std::error_code ec;
  if (!fs::exists(dir / graph::kAgentsFile, ec)) {
    return absl::InvalidArgumentError(
        StrCat((dir / graph::kAgentsFile).string(), ": required file is missing from the bundle"));
  }
  absl::Status status = StreamFile<Agent>(
      dir / graph::kAgentsFile, graph::kAgentsFile, encoding, graph::kAgentColumns, kAgentFields,
      [](UploadNetworkBatch& b) { return b.add_agents(); }, batcher, warnings, result);
  if (status.ok() && !result.stopped && fs::exists(dir / graph::kOrdersFile, ec)) {
    status = StreamFile<Order>(
        dir / graph::kOrdersFile, graph::kOrdersFile, encoding, graph::kOrderColumns, kOrderFields,
        [](UploadNetworkBatch& b) { return b.add_orders(); }, batcher, warnings, result);
  }
  if (status.ok() && !result.stopped && fs::exists(dir / graph::kPaymentsFile, ec)) {
    status = StreamFile<Payment>(
        dir / graph::kPaymentsFile, graph::kPaymentsFile, encoding, graph::kPaymentColumns,
        kPaymentFields, [](UploadNetworkBatch& b) { return b.add_payments(); }, batcher, warnings,
        result);
  }
  if (!status.ok()) return status;
  if (!result.stopped && result.malformed.empty()) batcher.Flush();
  return result;
}

absl::Status ForEachUploadRequest(
    const std::string& bundle_dir, size_t batch_bytes,
    const std::function<bool(const tiersight::v1::UploadNetworkRequest&)>& send) {
  std::vector<graph::LoadIssue> warnings;
  absl::StatusOr<BundleFacts> facts = ReadNetworkFacts(bundle_dir, warnings);
  if (!facts.ok()) return facts.status();
  tiersight::v1::UploadNetworkRequest request;
  *request.mutable_header()->mutable_facts() = facts->facts;
  if (!send(request)) return absl::CancelledError("the upload stream was closed");
  absl::StatusOr<BundleRowsResult> rows =
      StreamBundleRows(bundle_dir, facts->encoding, batch_bytes, warnings,
                       [&](tiersight::v1::UploadNetworkBatch& batch) {
                         request.mutable_batch()->Swap(&batch);
                         return send(request);
                       });
  if (!rows.ok()) return rows.status();
  if (!rows->malformed.empty()) return absl::InvalidArgumentError(rows->malformed.front());
  if (rows->stopped) return absl::CancelledError("the upload stream was closed");
  return absl::OkStatus();
}

}  // namespace tiersight::client
