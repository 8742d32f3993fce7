// Reads a bundle directory (agents.csv, orders.csv, payments.csv,
// network.yaml) into a Network, exactly as the bundle format specifies,
// reporting every rejected row, and computes the bundle digest on the way.
// Thread-safe (no shared state).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "graph/load_report.h"
#include "graph/network.h"

namespace tiersight::graph {

struct LoadOptions {
  // Strict (false): any error makes the load unusable. Lenient: bad rows and
  // the rows that depend on them are rejected and the rest is loaded.
  bool lenient = false;
  // Asked between the long passes (agents, orders and payments); once it
  // returns true the load ends with LoadedBundle::stopped set (a cancelled
  // or expired service call). Empty: never.
  std::function<bool()> stop;
};

struct LoadedBundle {
  LoadReport report;
  // Present unless the bundle was refused (report.refused). After a strict
  // load with errors it holds what was accepted, but report.Usable() is false.
  std::unique_ptr<Network> network;
  // LoadOptions::stop ended the load: the report and network are incomplete
  // and must not be used.
  bool stopped = false;
  // The bundle digest (bundle_digest.h) of the files as read, each hashed by
  // the pass that read it; empty when the bundle was refused or the load
  // stopped.
  std::string digest;
};

// Reads the bundle in `dir`. Never fails outright: every problem, including a
// missing directory, is in the report.
LoadedBundle LoadBundle(const std::string& dir, const LoadOptions& options);

}  // namespace tiersight::graph
