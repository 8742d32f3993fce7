// Streams orders.csv and payments.csv into the network's per-agent flow
// columns, checking every row as the bundle format asks (format, duplicate id,
// as_of, self-dealing, parties that are unknown, ignored or rejected agents).
// Not thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "graph/agent_roster.h"
#include "graph/csv_table.h"
#include "graph/load_report.h"
#include "graph/network.h"

namespace tiersight::graph {

// What one file contributes to recruit_spend_share and as_of. Each reader
// keeps its own, so that orders.csv and payments.csv can be read at the same
// time; MergeTallies combines them once both are done.
struct FlowTally {
  std::vector<Amount> buy_in_total;
  std::vector<Amount> buy_in_first_30_days;
  // Earliest loaded row naming the agent in any role: the start of the first
  // 30 days for an agent with no joined_at.
  std::vector<base::Day> first_seen;
  std::vector<PendingBuyIn> pending;    // buy-ins of agents with no joined_at
  base::Day latest_day = base::kNoDay;  // latest date of any row that parses

  explicit FlowTally(size_t agents);
};

struct FlowReadContext {
  const AgentRoster& roster;       // slot states and lines, for reasons (read only)
  Network& network;                // receives the file's own flow columns
  std::optional<base::Day> as_of;  // declared as_of; none: nothing is ignored
  FlowTally& tally;
  LoadReport& report;
};

// Orders and payments write disjoint columns of network.flows and
// network.company, so the two may run on two threads with their own tally and
// report.
void ReadOrders(CsvTable& table, FlowReadContext& context);
void ReadPayments(CsvTable& table, FlowReadContext& context);

// Sums the tallies into flows.buy_in_*, counting the pending buy-ins that fall
// in their agent's first 30 days now that every row naming it has been seen.
// The goods among them add to the joining purchases of `money`.
void MergeTallies(const FlowTally& orders, const FlowTally& payments, AgentFlows& flows,
                  MoneyLedger& money);

}  // namespace tiersight::graph
