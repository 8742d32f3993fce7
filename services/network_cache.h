// Loaded networks and their figures, kept between calls so that drill-down
// calls (GetAgent, ListLevels, ListTiers) on a network of a million agents
// do not reload it each time. Keyed by (tenant, network, lenient, digest), so
// a tenant never sees another's entry and a changed network never matches a
// stale one. Evicted least recently used.
//
// Memory bound: at most `capacity` entries, each the size of one loaded
// network with its figures (the server peaks at about 0.7 GB with one
// network of a million agents, five million orders and two million payments
// loaded; deploy/README.md), plus entries already evicted that a call in
// flight still holds (at most one per concurrent call). Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "core/bundle_session.h"
#include "graph/figures.h"
#include "services/agent_records.h"
#include "tiersight/v1/figures.pb.h"

namespace tiersight::services {

struct NetworkCacheKey {
  std::string tenant;
  std::string network_id;
  bool lenient = false;
  std::string digest;
  friend bool operator==(const NetworkCacheKey&, const NetworkCacheKey&) = default;
};

// One usable load of a stored network. Immutable except for the agent
// record index, which is built once on first use.
class CachedNetwork {
 public:
  CachedNetwork(std::string bundle_dir, core::LoadedWithDigest loaded, graph::Figures figures);

  const graph::Network& network() const { return *loaded_.bundle.network; }
  const graph::Figures& figures() const { return figures_; }
  const core::LoadedWithDigest& loaded() const { return loaded_; }
  // Network, level and tier figures, as the audit report has them.
  const tiersight::v1::FiguresReport& report() const { return report_; }

  // The index of agents.csv rows, built on the first call.
  absl::StatusOr<const AgentRecords*> Records() const;

 private:
  std::string bundle_dir_;
  core::LoadedWithDigest loaded_;
  graph::Figures figures_;
  tiersight::v1::FiguresReport report_;
  mutable std::once_flag records_once_;
  mutable absl::StatusOr<std::unique_ptr<AgentRecords>> records_;
};

class NetworkCache {
 public:
  explicit NetworkCache(size_t capacity) : capacity_(capacity) {}

  // The entry, now the most recently used; null when absent.
  std::shared_ptr<const CachedNetwork> Find(const NetworkCacheKey& key);
  // Adds or replaces the entry, evicting the least recently used beyond capacity.
  void Insert(NetworkCacheKey key, std::shared_ptr<const CachedNetwork> network);
  // Drops every entry of the network (all modes and digests).
  void Erase(const std::string& tenant, const std::string& network_id);

  size_t size() const;

 private:
  using Entry = std::pair<NetworkCacheKey, std::shared_ptr<const CachedNetwork>>;
  const size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> entries_;  // most recently used first; a handful at most
};

}  // namespace tiersight::services
