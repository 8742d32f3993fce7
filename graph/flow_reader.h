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

struct FlowReadContext {
  const AgentRoster& roster;       // slot states and lines, for reasons
  Network& network;                // receives the flows
  std::optional<Day> as_of;        // declared as_of; none: nothing is ignored
  std::vector<PendingBuyIn>& pending_buy_ins;
  Day& latest_day;                 // raised to the latest date seen in any row
  LoadReport& report;
};

void ReadOrders(CsvTable& table, FlowReadContext& context);
void ReadPayments(CsvTable& table, FlowReadContext& context);

// Adds the buy-ins of agents without joined_at that fall in their first 30
// days, now that every row naming them has been seen.
void SettlePendingBuyIns(const std::vector<PendingBuyIn>& pending, AgentFlows& flows);

}  // namespace tiersight::graph
