// The loaded network: accepted agents under compact ids 0..n-1 (in agents.csv
// order), the sponsor tree as a Boost CSR graph, and the flows aggregated per
// agent. Built once by the bundle reader and read-only afterwards, so it may
// be shared between threads.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/civil_date.h"
#include "graph/agent_flows.h"
#include "graph/exact_amount.h"
#include "graph/money_forms.h"
#include "graph/network_config.h"
#include "graph/string_interner.h"

namespace tiersight::graph {

inline constexpr uint32_t kNoAgent = UINT32_MAX;

// The sponsor tree: one edge from each sponsor to each agent it recruited.
// CSR because the tree never changes after loading and must hold ten million
// vertices in a few hundred megabytes; 32-bit indexes halve its size.
using SponsorTree =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, uint32_t, uint32_t>;

struct Network {
  NetworkConfig config;
  base::Day as_of = base::kNoDay;

  // Every id agents.csv names; an agent's id is ids.Get(slot_of[agent]).
  StringInterner ids;
  std::vector<uint32_t> slot_of;   // agent -> interner slot
  std::vector<uint32_t> agent_of;  // interner slot -> agent, kNoAgent if not accepted

  std::vector<uint32_t> sponsor;  // agent -> sponsor agent, kNoAgent for a top
  std::vector<uint32_t> tier;     // agent -> index into tier_labels
  StringInterner tier_labels;     // "" for agents without a tier
  // Tier labels in report order: network.yaml's list, then other labels in
  // order of first appearance, then "" if any agent has no tier.
  std::vector<uint32_t> tier_order;
  std::vector<base::Day> joined;
  std::vector<base::Day> left;
  SponsorTree tree;

  AgentFlows flows;
  CompanyFlows company;
  MoneyLedger money;
  // Per agent: its stock on hand valued at what it paid, product by product
  // (StockLedger::ValueOnHand).
  std::vector<Amount> stock_value;

  size_t size() const { return slot_of.size(); }
  std::string_view id(uint32_t agent) const { return ids.Get(slot_of[agent]); }

  // The agent with this id, or kNoAgent.
  uint32_t Find(std::string_view agent_id) const {
    const uint32_t slot = ids.Find(agent_id);
    return slot == StringInterner::kNotFound ? kNoAgent : agent_of[slot];
  }
};

}  // namespace tiersight::graph
