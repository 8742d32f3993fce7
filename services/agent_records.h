// The agents.csv row of each accepted agent, found without rereading the
// file: an index of where each agent's record starts, over the file mapped
// in memory. Built once per cached network, on the first GetAgent.
// Thread-safe after construction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/csv_table.h"
#include "graph/network.h"
#include "tiersight/v1/bundle.pb.h"

namespace tiersight::services {

class AgentRecords {
 public:
  // Reads `bundle_dir`/agents.csv once. Memory: 8 bytes per agent plus the
  // mapped file (page cache, released by the kernel under pressure).
  static absl::StatusOr<std::unique_ptr<AgentRecords>> Index(const std::string& bundle_dir,
                                                             const graph::Network& network);

  // The agent's record as uploaded (the first row with its id).
  std::optional<tiersight::v1::Agent> Find(uint32_t agent) const;

 private:
  AgentRecords(graph::CsvTable table, std::vector<uint64_t> offsets);

  graph::CsvTable table_;
  std::vector<uint64_t> offsets_;  // agent -> offset of its record in table_.text()
  std::vector<int> columns_;       // by graph::kAgentColumns
};

}  // namespace tiersight::services
