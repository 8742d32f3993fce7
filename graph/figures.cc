#include "graph/figures.h"

#include "absl/status/status.h"
#include "graph/str_cat.h"

namespace tiersight::graph {
namespace {

double Share(int64_t part, int64_t whole) {
  if (whole <= 0) return 0.0;
  return static_cast<double>(part) / static_cast<double>(whole);
}

// Sums with a sticky overflow flag, checked once at the end.
class Summer {
 public:
  void Add(int64_t& total, int64_t v) { overflow_ |= __builtin_add_overflow(total, v, &total); }
  void AddAll(AgentFigureValues& totals, const AgentFigureValues& v) {
    for (size_t i = kDirectRecruits; i < kAgentFigureCount; ++i) Add(totals[i], v[i]);
  }
  bool overflow() const { return overflow_; }

 private:
  bool overflow_ = false;
};

}  // namespace

AgentFigureValues AgentFiguresOf(const Network& network, const TreeMetrics& tree, uint32_t a) {
  const AgentFlows& f = network.flows;
  AgentFigureValues v{};
  v[kDepth] = tree.depth[a];
  v[kDirectRecruits] = tree.direct_recruits[a];
  v[kDownlineSize] = tree.downline_size[a];
  v[kDownlineDepth] = tree.downline_depth[a];
  v[kUnitsBought] = f.units_bought[a];
  v[kUnitsSoldToAgents] = f.units_sold_to_agents[a];
  v[kUnitsRetailed] = f.units_retailed[a];
  v[kUnitsOnHand] = f.units_bought[a] - f.units_sold_to_agents[a] - f.units_retailed[a];
  v[kSpend] = f.goods_spend[a] + f.fees_paid[a];
  v[kWholesaleRevenue] = f.wholesale_revenue[a];
  v[kRetailRevenue] = f.retail_revenue[a];
  v[kSalesRevenue] = f.wholesale_revenue[a] + f.retail_revenue[a];
  v[kFeesReceived] = f.fees_received[a];
  v[kRecruitmentBonuses] = f.recruitment_bonuses[a];
  v[kOverrides] = f.overrides[a];
  v[kRecruitmentRewards] = f.recruitment_bonuses[a] + f.overrides[a];
  v[kRetailRewards] = f.retail_rewards[a];
  v[kNetCash] = v[kSalesRevenue] + f.payments_received[a] - v[kSpend] - f.other_payments_made[a];
  return v;
}

absl::StatusOr<Figures> ComputeFigures(const Network& network) {
  Figures out;
  out.tree = ComputeTreeMetrics(network);
  const TreeMetrics& tree = out.tree;
  NetworkFigures& nf = out.network;
  const size_t n = network.size();

  out.levels.resize(tree.max_depth);
  for (uint32_t d = 0; d < tree.max_depth; ++d) out.levels[d].depth = d + 1;
  std::vector<int> tier_slot(network.tier_labels.size(), -1);
  for (uint32_t label : network.tier_order) {
    tier_slot[label] = static_cast<int>(out.tiers.size());
    out.tiers.push_back(GroupFigures{.tier = std::string(network.tier_labels.Get(label))});
  }

  Summer sum;
  AgentFigureValues totals{};
  int64_t window = 0, buy_in = 0;
  for (uint32_t a = 0; a < n; ++a) {
    const AgentFigureValues v = AgentFiguresOf(network, tree, a);
    GroupFigures& level = out.levels[v[kDepth] - 1];
    GroupFigures& tier = out.tiers[static_cast<size_t>(tier_slot[network.tier[a]])];
    ++level.agents;
    ++tier.agents;
    sum.AddAll(level.sums, v);
    sum.AddAll(tier.sums, v);
    sum.AddAll(totals, v);
    sum.Add(window, network.flows.buy_in_first_30_days[a]);
    sum.Add(buy_in, network.flows.buy_in_total[a]);
    if (v[kUnitsOnHand] < 0 && nf.agents_with_negative_on_hand++ < int64_t{kFlaggedAgentsListed}) {
      out.negative_on_hand_agents.push_back(a);
    }
    if (v[kNetCash] < 0) ++nf.agents_with_loss;
  }

  const CompanyFlows& company = network.company;
  nf.participants = static_cast<int64_t>(n);
  nf.max_depth = tree.max_depth;
  nf.tops = tree.tops;
  nf.company_goods_revenue = company.goods_revenue;
  nf.company_fee_revenue = company.fee_revenue;
  nf.company_units_to_agents = company.units_to_agents;
  int64_t company_revenue = 0;
  sum.Add(company_revenue, company.goods_revenue);
  sum.Add(company_revenue, company.fee_revenue);
  nf.fee_revenue_share = Share(company.fee_revenue, company_revenue);
  nf.retail_units = totals[kUnitsRetailed];
  nf.retail_share = Share(nf.retail_units, company.units_to_agents);
  nf.units_on_hand = totals[kUnitsOnHand];
  nf.loss_share = Share(nf.agents_with_loss, nf.participants);
  int64_t rewards = 0;
  sum.Add(rewards, totals[kRecruitmentRewards]);
  sum.Add(rewards, totals[kRetailRewards]);
  nf.recruitment_reward_share = Share(totals[kRecruitmentRewards], rewards);
  nf.internal_sales_share = Share(totals[kWholesaleRevenue], totals[kSalesRevenue]);
  nf.recruit_spend_share = Share(window, buy_in);
  if (sum.overflow()) {
    return absl::OutOfRangeError("a figure's sum leaves the 64-bit range; the network is too large "
                                 "or its amounts are implausible");
  }
  return out;
}

}  // namespace tiersight::graph
