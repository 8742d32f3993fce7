// Goods and money flows aggregated per agent, as columns indexed by the
// agent's compact id: one pass over orders.csv and payments.csv fills them,
// and every per-agent figure is a sum or difference of them. Amounts are exact
// (see exact_amount.h). Thread-compatible.
#pragma once

#include <cstdint>
#include <vector>

#include "base/civil_date.h"
#include "graph/exact_amount.h"

namespace tiersight::graph {

struct AgentFlows {
  // Units, net of returns.
  std::vector<int64_t> units_bought;
  std::vector<int64_t> units_sold_to_agents;
  std::vector<int64_t> units_retailed;
  // Amounts, net of returns where goods are concerned.
  std::vector<Amount> goods_spend;         // sale lines bought, minus returns
  std::vector<Amount> fees_paid;           // entry_fee + training_fee paid
  std::vector<Amount> training_fees_paid;  // the training_fee part of fees_paid
  std::vector<Amount> wholesale_revenue;
  std::vector<Amount> retail_revenue;
  std::vector<Amount> fees_received;
  std::vector<Amount> recruitment_bonuses;
  std::vector<Amount> overrides;
  std::vector<Amount> retail_rewards;
  std::vector<Amount> payments_received;    // every payment to the agent
  std::vector<Amount> other_payments_made;  // payments by the agent that are not fees
  // Gross buy-in (sale lines bought + fees paid, returns left out), in all and
  // within the first 30 days, for recruit_spend_share.
  std::vector<Amount> buy_in_total;
  std::vector<Amount> buy_in_first_30_days;
  // Goods the agent returned within its first 30 days (agents with a
  // joined_at only), so that what it paid to join is counted net of them.
  std::vector<Amount> returns_first_30_days;

  void Resize(size_t agents);
};

// Money and goods that involve the company itself (an empty party).
struct CompanyFlows {
  Amount goods_revenue = 0;     // sale lines to agents, minus such returns
  int64_t units_to_agents = 0;  // units of those lines, net
  Amount fee_revenue = 0;       // entry_fee + training_fee paid to the company
};

// What a buy-in was: a fee, or goods and from whom (for the joining
// purchases of the money-by-form table).
enum class BuyInSource : uint8_t { kFee, kGoodsFromCompany, kGoodsFromAgent };

// A buy-in (goods bought or fee paid) of an agent with no joined_at, kept
// until its first day is known.
struct PendingBuyIn {
  uint32_t agent;
  base::Day day;
  Amount amount;
  BuyInSource source;
};

}  // namespace tiersight::graph
