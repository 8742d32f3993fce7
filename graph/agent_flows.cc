#include "graph/agent_flows.h"

namespace tiersight::graph {

void AgentFlows::Resize(size_t agents) {
  for (auto* column : {&units_bought, &units_sold_to_agents, &units_retailed}) {
    column->assign(agents, 0);
  }
  for (auto* column :
       {&goods_spend, &fees_paid, &wholesale_revenue, &retail_revenue, &fees_received,
        &recruitment_bonuses, &overrides, &retail_rewards, &payments_received, &other_payments_made,
        &buy_in_total, &buy_in_first_30_days, &training_fees_paid, &returns_first_30_days}) {
    column->assign(agents, 0);
  }
}

}  // namespace tiersight::graph
