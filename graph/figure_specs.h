// Internal to the catalogue: the entries of each scope, appended in report
// order by the file that computes them, and the small helpers they share.
// Callers use figure_catalogue.h.
#pragma once

#include <string>
#include <vector>

#include "graph/figure_catalogue.h"
#include "graph/figure_table.h"

namespace tiersight::graph::internal {

// Name, unit and definition of a core per-agent figure, available while the
// catalogue itself is being built.
struct CoreAgentFigure {
  const char* name;
  FigureUnit unit;
  const char* definition;
};
const CoreAgentFigure& CoreFigure(AgentFigure figure);

void AppendNetworkFigures(std::vector<FigureSpec>& out);
void AppendGroupFigures(FigureScope scope, std::vector<FigureSpec>& out);
void AppendAgentFigures(std::vector<FigureSpec>& out);
// Money paid in, stock valued at cost, losses (network and agent scope).
void AppendOutcomeFigures(std::vector<FigureSpec>& out);

// The groups of the entry ladder: one per tier within each branch, and one
// per tier for the branches with fewer than min_joiners joiners of it.
struct EntryGroups {
  std::vector<uint64_t> of;  // agent -> group
  size_t count = 0;
};
EntryGroups EntryGroupsOf(FigureTable& t);

// The entry step of each group: the largest amount at least join_share of
// its joiners (first 30 days in the data) paid in those days.
std::vector<int64_t> EntrySteps(FigureTable& t, const std::vector<uint64_t>& group_of,
                                size_t groups);

// part / whole, 0 when whole is 0 or less.
inline double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

// Days in the average month, for durations in months.
inline constexpr double kDaysPerMonth = 30.4375;

// Stands for "unbounded" (stock with no sales at all) in figures that
// divide by a rate, so that `stock_cover_months > 12` holds for it.
inline constexpr double kUnbounded = 999.0;

}  // namespace tiersight::graph::internal
