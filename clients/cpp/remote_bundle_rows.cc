#include "clients/cpp/remote_bundle_rows.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <initializer_list>
#include <string_view>

#include "absl/status/status.h"
#include "graph/bundle_files.h"
#include "base/civil_date.h"
#include "graph/csv_table.h"
#include "graph/network_config.h"
#include "base/str_cat.h"

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

// One column of a record message: its bundle name and where its text goes.
template <typename Record>
struct ColumnSetter {
  std::string_view name;
  std::string* (*field)(Record&);
};

// Field order; the bundle format's column names are the proto field names.
const std::vector<ColumnSetter<Agent>>& AgentColumns() {
  static const std::vector<ColumnSetter<Agent>> columns = {
      {"agent_id", [](Agent& r) { return r.mutable_agent_id(); }},
      {"sponsor_id", [](Agent& r) { return r.mutable_sponsor_id(); }},
      {"tier", [](Agent& r) { return r.mutable_tier(); }},
      {"joined_at", [](Agent& r) { return r.mutable_joined_at(); }},
      {"left_at", [](Agent& r) { return r.mutable_left_at(); }},
      {"region", [](Agent& r) { return r.mutable_region(); }},
      {"name", [](Agent& r) { return r.mutable_name(); }},
  };
  return columns;
}

const std::vector<ColumnSetter<Order>>& OrderColumns() {
  static const std::vector<ColumnSetter<Order>> columns = {
      {"order_id", [](Order& r) { return r.mutable_order_id(); }},
      {"date", [](Order& r) { return r.mutable_date(); }},
      {"seller_id", [](Order& r) { return r.mutable_seller_id(); }},
      {"buyer_id", [](Order& r) { return r.mutable_buyer_id(); }},
      {"sku", [](Order& r) { return r.mutable_sku(); }},
      {"quantity", [](Order& r) { return r.mutable_quantity(); }},
      {"amount", [](Order& r) { return r.mutable_amount(); }},
      {"kind", [](Order& r) { return r.mutable_kind(); }},
  };
  return columns;
}

const std::vector<ColumnSetter<Payment>>& PaymentColumns() {
  static const std::vector<ColumnSetter<Payment>> columns = {
      {"payment_id", [](Payment& r) { return r.mutable_payment_id(); }},
      {"date", [](Payment& r) { return r.mutable_date(); }},
      {"payer_id", [](Payment& r) { return r.mutable_payer_id(); }},
      {"payee_id", [](Payment& r) { return r.mutable_payee_id(); }},
      {"amount", [](Payment& r) { return r.mutable_amount(); }},
      {"kind", [](Payment& r) { return r.mutable_kind(); }},
  };
  return columns;
}

template <typename Record>
std::vector<std::string> NamesOf(const std::vector<ColumnSetter<Record>>& columns) {
  std::vector<std::string> names;
  for (const auto& c : columns) names.emplace_back(c.name);
  return names;
}

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
// the batch). `known` and `required` are the format's column lists, as the
// bundle reader gives them to CsvTable.
template <typename Record>
absl::Status StreamFile(const fs::path& path, std::string_view file_name,
                        graph::TextEncoding encoding,
                        const std::vector<ColumnSetter<Record>>& columns,
                        std::initializer_list<std::string_view> known,
                        std::initializer_list<std::string_view> required,
                        Record* (*add)(UploadNetworkBatch&), Batcher& batcher,
                        std::vector<graph::LoadIssue>& warnings, BundleRowsResult& result) {
  absl::StatusOr<graph::CsvTable> table =
      graph::CsvTable::Open(path.string(), std::string(file_name),
                            encoding, known, required, warnings);
  if (!table.ok()) return table.status();

  std::vector<std::pair<int, std::string* (*)(Record&)>> present;
  for (const auto& c : columns) {
    const int index = table->Column(c.name);
    if (index >= 0) present.emplace_back(index, c.field);
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

std::vector<std::string> AgentColumnNames() { return NamesOf(AgentColumns()); }
std::vector<std::string> OrderColumnNames() { return NamesOf(OrderColumns()); }
std::vector<std::string> PaymentColumnNames() { return NamesOf(PaymentColumns()); }

absl::StatusOr<BundleFacts> ReadNetworkFacts(const std::string& bundle_dir,
                                             std::vector<graph::LoadIssue>& warnings) {
  absl::StatusOr<graph::NetworkConfig> config = graph::ReadNetworkConfig(
      (fs::path(bundle_dir) / graph::kNetworkFile).string(), warnings);
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
  return out;
}

absl::StatusOr<BundleRowsResult> StreamBundleRows(const std::string& bundle_dir,
                                                  graph::TextEncoding encoding,
                                                  size_t batch_bytes,
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
      dir / graph::kAgentsFile, graph::kAgentsFile, encoding, AgentColumns(),
      {"agent_id", "sponsor_id", "tier", "joined_at", "left_at", "region", "name"},
      {"agent_id", "sponsor_id"},
      [](UploadNetworkBatch& b) { return b.add_agents(); }, batcher, warnings, result);
  if (status.ok() && !result.stopped && fs::exists(dir / graph::kOrdersFile, ec)) {
    status = StreamFile<Order>(
        dir / graph::kOrdersFile, graph::kOrdersFile, encoding, OrderColumns(),
        {"order_id", "date", "seller_id", "buyer_id", "sku", "quantity", "amount", "kind"},
        {"order_id", "date", "seller_id", "buyer_id", "quantity", "amount"},
        [](UploadNetworkBatch& b) { return b.add_orders(); }, batcher, warnings, result);
  }
  if (status.ok() && !result.stopped && fs::exists(dir / graph::kPaymentsFile, ec)) {
    status = StreamFile<Payment>(
        dir / graph::kPaymentsFile, graph::kPaymentsFile, encoding, PaymentColumns(),
        {"payment_id", "date", "payer_id", "payee_id", "amount", "kind"},
        {"payment_id", "date", "payer_id", "payee_id", "amount", "kind"},
        [](UploadNetworkBatch& b) { return b.add_payments(); }, batcher, warnings, result);
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
  absl::StatusOr<BundleRowsResult> rows = StreamBundleRows(
      bundle_dir, facts->encoding, batch_bytes, warnings,
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
