// Reads a bundle directory (agents.csv, orders.csv, payments.csv,
// network.yaml) into a Network, exactly as the bundle format specifies,
// reporting every rejected row. Thread-safe (no shared state).
#pragma once

#include <memory>
#include <string>

#include "graph/load_report.h"
#include "graph/network.h"

namespace tiersight::graph {

struct LoadOptions {
  // Strict (false): any error makes the load unusable. Lenient: bad rows and
  // the rows that depend on them are rejected and the rest is loaded.
  bool lenient = false;
};

struct LoadedBundle {
  LoadReport report;
  // Present unless the bundle was refused (report.refused). After a strict
  // load with errors it holds what was accepted, but report.Usable() is false.
  std::unique_ptr<Network> network;
};

// Reads the bundle in `dir`. Never fails outright: every problem, including a
// missing directory, is in the report.
LoadedBundle LoadBundle(const std::string& dir, const LoadOptions& options);

}  // namespace tiersight::graph
