// CSV files the CLI writes: every agent's figures, and the rejected rows of a
// load with their reasons. Each is written to a temporary file and renamed
// into place, so a reader never sees half a file. Thread-safe.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "graph/load_report.h"
#include "graph/network.h"
#include "graph/tree_metrics.h"

namespace tiersight::cli {

// Header: agent_id, then every per-agent figure in the format's order.
absl::Status WriteAgentFiguresCsv(const std::string& path, const graph::Network& network,
                                  const graph::TreeMetrics& tree);

// Header: file,line,reason,record (the row as written in the bundle).
absl::Status WriteRejectsCsv(const std::string& path, const graph::LoadReport& report);

}  // namespace tiersight::cli
