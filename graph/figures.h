// The core figures of the bundle format: per agent, per depth level, per tier
// and for the whole network, with exactly the format's definitions.
// Sums are exact integers; shares are computed once from those sums, so the
// same network always gives the same bits. Thread-safe (reads only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"
#include "graph/money_forms.h"
#include "graph/network.h"
#include "graph/participant_distributions.h"
#include "graph/tree_metrics.h"

namespace tiersight::graph {

// The agents of one level or tier and the sums of their figures (the
// `kDepth` entry is not a sum and stays 0).
struct GroupFigures {
  uint32_t depth = 0;         // levels only
  std::string tier;           // tiers only
  uint32_t top = UINT32_MAX;  // branches only: the agent heading the branch
  int64_t agents = 0;
  AgentFigureValues sums{};
};

struct NetworkFigures {
  int64_t participants = 0;
  uint32_t max_depth = 0;
  uint32_t tops = 0;
  Amount company_goods_revenue = 0;
  Amount company_fee_revenue = 0;
  double fee_revenue_share = 0;
  int64_t retail_units = 0;
  double retail_share = 0;
  int64_t units_on_hand = 0;
  double loss_share = 0;
  double recruitment_reward_share = 0;
  double internal_sales_share = 0;
  double recruit_spend_share = 0;
  // Beyond the core: the evidence behind the shares above.
  int64_t company_units_to_agents = 0;
  int64_t agents_with_negative_on_hand = 0;
  int64_t agents_with_loss = 0;
  // For reports: when agents joined and how their net_cash is spread.
  RecruitsByMonth recruits_by_month;
  std::vector<NetCashPercentile> net_cash_percentiles;
  // Money by its legal form and by who paid whom (money_forms.h).
  std::vector<MoneyFlow> money_flows;
};

// Agents whose records are inconsistent: the first few are named in reports.
inline constexpr size_t kFlaggedAgentsListed = 100;

struct Figures {
  TreeMetrics tree;
  // Agents with negative units_on_hand (sold more than they bought), in
  // agents.csv order, at most kFlaggedAgentsListed of them; the count is
  // network.agents_with_negative_on_hand.
  std::vector<uint32_t> negative_on_hand_agents;
  NetworkFigures network;
  std::vector<GroupFigures> levels;  // depth 1, 2, ... max_depth
  std::vector<GroupFigures> tiers;   // network.yaml order, then others, then ""
  // Branches: the subtree of each top, or, with a single top, the subtree of
  // each of its direct recruits (the top then is a branch of its own). In
  // agents.csv order of the agents heading them.
  std::vector<GroupFigures> branches;
  std::vector<uint32_t> branch_of;  // agent -> row in branches
};

// One figure of one agent, the single place each definition is written.
// REQUIRES: agent < network.size().
int64_t AgentFigureOf(const Network& network, const TreeMetrics& tree, uint32_t agent,
                      AgentFigure figure);

// One agent's figures. REQUIRES: agent < network.size().
AgentFigureValues AgentFiguresOf(const Network& network, const TreeMetrics& tree, uint32_t agent);

// Every figure. Fails only if a sum leaves the 64-bit range.
absl::StatusOr<Figures> ComputeFigures(const Network& network);

}  // namespace tiersight::graph
