// The figures of one loaded network as columns, computed on first use and
// kept: a 10M-agent network pays 80 MB for a column some rule or output
// actually reads, and nothing for the rest of the catalogue. Exact units
// (counts, stock, money) stay 64-bit integers; shares, ratios and months are
// doubles computed once from those integers, so the same network always
// gives the same bits. One table per audit or output; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/figure_catalogue.h"
#include "graph/figures.h"
#include "graph/network.h"

namespace tiersight::graph {

struct FigureColumn {
  FigureUnit unit = FigureUnit::kCount;
  std::vector<int64_t> exact;  // IsExactUnit(unit); money in 1/10,000
  std::vector<double> real;    // otherwise

  size_t size() const { return IsExactUnit(unit) ? exact.size() : real.size(); }
  // The value as rules and charts read it: money in currency units.
  double AsDouble(size_t row) const;
};

class FigureTable {
 public:
  // REQUIRES: `figures` were computed from `network`; both outlive the table.
  FigureTable(const Network& network, const Figures& figures);

  const Network& network() const { return network_; }
  const Figures& figures() const { return figures_; }

  // Agents, levels, tiers, or 1 for the network.
  size_t Rows(FigureScope scope) const;

  // REQUIRES: spec.compute is set (not a kTable entry). A figure that
  // depends on figure parameters is computed with the values bound now.
  const FigureColumn& Column(const FigureSpec& spec);
  // REQUIRES: `name` is a figure of `scope` in the catalogue.
  const FigureColumn& Column(FigureScope scope, std::string_view name);

  // The value of `ref` for `row` of `from` (the scope that names it): the
  // row itself, the network's row, or the row of the agent's branch.
  double ValueAt(const FigureRef& ref, size_t row);

  // For level, tier and branch scopes: the row of each agent's level
  // (depth - 1), tier (report order) or branch.
  const std::vector<uint32_t>& GroupRowOfAgent(FigureScope group);

  // Figure parameters for what is computed from now on; a parameter not
  // given takes the catalogue's default. Columns computed with other values
  // stay cached under those values.
  void BindParams(std::map<std::string, double> values) { params_ = std::move(values); }
  // REQUIRES: `name` is a figure parameter of the catalogue.
  double Param(std::string_view name) const;

 private:
  const Network& network_;
  const Figures& figures_;
  // Node-based, so a column stays where it is while others are added. Keyed
  // by the figure and the values of the parameters it depends on.
  std::unordered_map<std::string, FigureColumn> columns_;
  std::map<std::string, double> params_;
  std::vector<uint32_t> level_row_;
  std::vector<uint32_t> tier_row_;
};

}  // namespace tiersight::graph
