// Depth, direct recruits, downline size and downline depth of every agent,
// from one breadth-first pass down the sponsor tree and one pass back up it.
// No recursion: a 100,000-deep chain costs what a flat network does.
// Thread-safe (reads the network only).
#pragma once

#include <cstdint>
#include <vector>

#include "graph/network.h"

namespace tiersight::graph {

struct TreeMetrics {
  std::vector<uint32_t> depth;  // 1 for a top
  std::vector<uint32_t> direct_recruits;
  std::vector<uint32_t> downline_size;   // agents below, not counting the agent
  std::vector<uint32_t> downline_depth;  // levels below; 0 without recruits
  std::vector<uint32_t> bfs_order;       // every agent, sponsors before recruits
  uint32_t max_depth = 0;
  uint32_t tops = 0;
};

TreeMetrics ComputeTreeMetrics(const Network& network);

}  // namespace tiersight::graph
