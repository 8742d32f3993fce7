#include "services/agent_records.h"

#include "base/str_cat.h"
#include "graph/bundle_columns.h"
#include "graph/bundle_files.h"
#include "graph/csv_reader.h"

namespace tiersight::services {
namespace {

constexpr uint64_t kNoRecord = UINT64_MAX;

}  // namespace

AgentRecords::AgentRecords(graph::CsvTable table, std::vector<uint64_t> offsets)
    : table_(std::move(table)), offsets_(std::move(offsets)) {
  for (const graph::BundleColumn& column : graph::kAgentColumns) {
    columns_.push_back(table_.Column(column.name));
  }
}

absl::StatusOr<std::unique_ptr<AgentRecords>> AgentRecords::Index(const std::string& bundle_dir,
                                                                  const graph::Network& network) {
  std::vector<graph::LoadIssue> warnings;
  absl::StatusOr<graph::CsvTable> table = graph::CsvTable::Open(
      StrCat(bundle_dir, "/", graph::kAgentsFile), std::string(graph::kAgentsFile),
      graph::TextEncoding::kUtf8, graph::kAgentColumns, warnings);
  if (!table.ok()) return table.status();
  const int id_column = table->Column(graph::kAgentColumns[0].name);
  std::vector<uint64_t> offsets(network.size(), kNoRecord);
  const char* const base = table->text().data();
  graph::CsvRecord record;
  while (table->Next(record)) {
    if (!record.error.empty() || !table->HasAllFields(record)) continue;
    const uint32_t agent = network.Find(graph::CsvTable::Field(record, id_column));
    if (agent != graph::kNoAgent && offsets[agent] == kNoRecord) {
      offsets[agent] = static_cast<uint64_t>(record.raw.data() - base);
    }
  }
  return std::unique_ptr<AgentRecords>(new AgentRecords(*std::move(table), std::move(offsets)));
}

std::optional<tiersight::v1::Agent> AgentRecords::Find(uint32_t agent) const {
  if (agent >= offsets_.size() || offsets_[agent] == kNoRecord) return std::nullopt;
  graph::CsvReader reader(table_.text().substr(offsets_[agent]));
  graph::CsvRecord record;
  if (!reader.Next(record) || record.fields.size() != table_.header_size()) return std::nullopt;
  auto field = [&](size_t i) { return std::string(graph::CsvTable::Field(record, columns_[i])); };
  tiersight::v1::Agent out;
  out.set_agent_id(field(0));
  out.set_sponsor_id(field(1));
  out.set_tier(field(2));
  out.set_joined_at(field(3));
  out.set_left_at(field(4));
  out.set_region(field(5));
  out.set_name(field(6));
  return out;
}

}  // namespace tiersight::services
