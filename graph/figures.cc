#include "graph/figures.h"

#include "absl/status/status.h"
#include "base/str_cat.h"

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

// Heads of branches are the agents at depth 1 when there are several tops,
// else at depth 2 (the top itself then is a branch of its own).
void AssignBranches(const Network& network, Figures& out) {
  const TreeMetrics& tree = out.tree;
  const uint32_t head_depth = tree.tops > 1 ? 1 : 2;
  std::vector<uint32_t> heads;
  for (uint32_t a = 0; a < network.size(); ++a) {
    if (tree.depth[a] == head_depth || (tree.depth[a] < head_depth)) heads.push_back(a);
  }
  out.branch_of.assign(network.size(), 0);
  for (uint32_t i = 0; i < heads.size(); ++i) {
    out.branch_of[heads[i]] = i;
    out.branches.push_back(GroupFigures{.top = heads[i]});
  }
  for (uint32_t a : tree.bfs_order) {
    if (tree.depth[a] > head_depth) out.branch_of[a] = out.branch_of[network.sponsor[a]];
  }
}

}  // namespace

int64_t AgentFigureOf(const Network& network, const TreeMetrics& tree, uint32_t a,
                      AgentFigure figure) {
  const AgentFlows& f = network.flows;
  switch (figure) {
    case kDepth:
      return tree.depth[a];
    case kDirectRecruits:
      return tree.direct_recruits[a];
    case kDownlineSize:
      return tree.downline_size[a];
    case kDownlineDepth:
      return tree.downline_depth[a];
    case kUnitsBought:
      return f.units_bought[a];
    case kUnitsSoldToAgents:
      return f.units_sold_to_agents[a];
    case kUnitsRetailed:
      return f.units_retailed[a];
    case kUnitsOnHand:
      return f.units_bought[a] - f.units_sold_to_agents[a] - f.units_retailed[a];
    case kSpend:
      return f.goods_spend[a] + f.fees_paid[a];
    case kWholesaleRevenue:
      return f.wholesale_revenue[a];
    case kRetailRevenue:
      return f.retail_revenue[a];
    case kSalesRevenue:
      return f.wholesale_revenue[a] + f.retail_revenue[a];
    case kFeesReceived:
      return f.fees_received[a];
    case kRecruitmentBonuses:
      return f.recruitment_bonuses[a];
    case kOverrides:
      return f.overrides[a];
    case kRecruitmentRewards:
      return f.recruitment_bonuses[a] + f.overrides[a];
    case kRetailRewards:
      return f.retail_rewards[a];
    case kNetCash:
      return f.wholesale_revenue[a] + f.retail_revenue[a] + f.payments_received[a] -
             (f.goods_spend[a] + f.fees_paid[a]) - f.other_payments_made[a];
    case kAgentFigureCount:
      break;
  }
  return 0;
}

AgentFigureValues AgentFiguresOf(const Network& network, const TreeMetrics& tree, uint32_t a) {
  AgentFigureValues v{};
  for (size_t i = 0; i < kAgentFigureCount; ++i) {
    v[i] = AgentFigureOf(network, tree, a, static_cast<AgentFigure>(i));
  }
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

  AssignBranches(network, out);

  Summer sum;
  AgentFigureValues totals{};
  int64_t window = 0, buy_in = 0;
  std::vector<Amount> net_cash;
  net_cash.reserve(n);
  for (uint32_t a = 0; a < n; ++a) {
    const AgentFigureValues v = AgentFiguresOf(network, tree, a);
    GroupFigures& level = out.levels[v[kDepth] - 1];
    GroupFigures& tier = out.tiers[static_cast<size_t>(tier_slot[network.tier[a]])];
    ++level.agents;
    ++tier.agents;
    GroupFigures& branch = out.branches[out.branch_of[a]];
    ++branch.agents;
    sum.AddAll(level.sums, v);
    sum.AddAll(tier.sums, v);
    sum.AddAll(branch.sums, v);
    sum.AddAll(totals, v);
    sum.Add(window, network.flows.buy_in_first_30_days[a]);
    sum.Add(buy_in, network.flows.buy_in_total[a]);
    if (v[kUnitsOnHand] < 0 && nf.agents_with_negative_on_hand++ < int64_t{kFlaggedAgentsListed}) {
      out.negative_on_hand_agents.push_back(a);
    }
    if (v[kNetCash] < 0) ++nf.agents_with_loss;
    net_cash.push_back(v[kNetCash]);
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
  nf.recruits_by_month = CountRecruitsByMonth(network.joined);
  nf.net_cash_percentiles = NetCashPercentiles(net_cash);
  nf.money_flows = MoneyFlowsOf(network);
  if (sum.overflow()) {
    return absl::OutOfRangeError(
        "a figure's sum leaves the 64-bit range; the network is too large "
        "or its amounts are implausible");
  }
  return out;
}

}  // namespace tiersight::graph
