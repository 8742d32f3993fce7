#include "graph/tree_metrics.h"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/pending/queue.hpp>

namespace tiersight::graph {
namespace {

// Records discovery order and depth. BGL copies visitors, so the results live
// in caller-owned vectors.
class DepthVisitor : public boost::default_bfs_visitor {
 public:
  DepthVisitor(std::vector<uint32_t>& depth, std::vector<uint32_t>& order)
      : depth_(&depth), order_(&order) {}

  void discover_vertex(uint32_t v, const SponsorTree&) { order_->push_back(v); }

  template <typename Edge>
  void tree_edge(Edge e, const SponsorTree& g) {
    (*depth_)[boost::target(e, g)] = (*depth_)[boost::source(e, g)] + 1;
  }

 private:
  std::vector<uint32_t>* depth_;
  std::vector<uint32_t>* order_;
};

}  // namespace

TreeMetrics ComputeTreeMetrics(const Network& network) {
  const size_t n = network.size();
  TreeMetrics m;
  m.depth.assign(n, 0);
  m.direct_recruits.assign(n, 0);
  m.downline_size.assign(n, 0);
  m.downline_depth.assign(n, 0);
  m.bfs_order.reserve(n);

  std::vector<uint32_t> tops;
  for (uint32_t a = 0; a < n; ++a) {
    if (network.sponsor[a] == kNoAgent) {
      tops.push_back(a);
      m.depth[a] = 1;
    }
  }
  m.tops = static_cast<uint32_t>(tops.size());
  if (n > 0) {
    boost::queue<uint32_t> queue;
    boost::two_bit_color_map<> color(n);
    boost::breadth_first_search(network.tree, tops.begin(), tops.end(), queue,
                                DepthVisitor(m.depth, m.bfs_order), color);
  }

  // Back up the tree: every recruit is finished before its sponsor.
  for (auto it = m.bfs_order.rbegin(); it != m.bfs_order.rend(); ++it) {
    const uint32_t a = *it;
    m.direct_recruits[a] = static_cast<uint32_t>(boost::out_degree(a, network.tree));
    if (m.depth[a] > m.max_depth) m.max_depth = m.depth[a];
    const uint32_t s = network.sponsor[a];
    if (s == kNoAgent) continue;
    m.downline_size[s] += m.downline_size[a] + 1;
    if (m.downline_depth[a] + 1 > m.downline_depth[s])
      m.downline_depth[s] = m.downline_depth[a] + 1;
  }
  return m;
}

}  // namespace tiersight::graph
