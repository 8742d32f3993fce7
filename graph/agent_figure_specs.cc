// The per-agent figures: the core figures of the bundle format, then the
// figures rules read beyond them, then sums over each agent's downline.
#include <algorithm>
#include <cmath>

#include "base/str_cat.h"
#include "graph/figure_specs.h"
#include "graph/figures.h"

namespace tiersight::graph::internal {
namespace {

constexpr FigureScope kAgent = FigureScope::kAgent;

// In the format's order; the enum indexes it.
constexpr CoreAgentFigure kCore[] = {
    {"depth", FigureUnit::kCount, "1 for an agent with no sponsor, else the sponsor's depth + 1"},
    {"direct_recruits", FigureUnit::kCount, "agents whose sponsor is this agent"},
    {"downline_size", FigureUnit::kCount, "all agents below this one in the sponsor tree"},
    {"downline_depth", FigureUnit::kCount, "levels below this agent (0 without recruits)"},
    {"units_bought", FigureUnit::kUnits, "units of sale lines bought, minus units returned"},
    {"units_sold_to_agents", FigureUnit::kUnits, "units sold to other agents, net of returns"},
    {"units_retailed", FigureUnit::kUnits, "units sold to consumers (empty buyer), net of returns"},
    {"units_on_hand", FigureUnit::kUnits,
     "units_bought - units_sold_to_agents - units_retailed; negative means inconsistent records"},
    {"spend", FigureUnit::kMoney, "goods bought net of returns, plus entry and training fees paid"},
    {"wholesale_revenue", FigureUnit::kMoney, "sales to other agents, net of returns"},
    {"retail_revenue", FigureUnit::kMoney, "sales to consumers, net of returns"},
    {"sales_revenue", FigureUnit::kMoney, "wholesale_revenue + retail_revenue"},
    {"fees_received", FigureUnit::kMoney, "entry and training fees paid to this agent"},
    {"recruitment_bonuses", FigureUnit::kMoney, "recruitment_bonus payments to this agent"},
    {"overrides", FigureUnit::kMoney, "override payments to this agent"},
    {"recruitment_rewards", FigureUnit::kMoney, "recruitment_bonuses + overrides"},
    {"retail_rewards", FigureUnit::kMoney, "retail_commission payments to this agent"},
    {"net_cash", FigureUnit::kMoney,
     "sales_revenue + payments received - spend - other payments made (stock not counted)"},
};

static_assert(std::size(kCore) == kAgentFigureCount);

FigureSpec Agent(std::string name, FigureUnit unit, std::string definition, FigureCompute compute) {
  return FigureSpec{.name = std::move(name),
                    .scope = kAgent,
                    .unit = unit,
                    .exported = false,
                    .definition = std::move(definition),
                    .compute = std::move(compute)};
}

// Months since the agent joined, at least one; one when joined_at is absent.
double MonthsSinceJoining(const Network& n, uint32_t a) {
  if (n.joined[a] == base::kNoDay || n.as_of == base::kNoDay) return 1.0;
  return std::max(1.0, (n.as_of - n.joined[a] + 1) / kDaysPerMonth);
}

// The agent's own figures summed over everyone below it: one pass up the
// tree in reverse breadth-first order.
FigureCompute DownlineSum(std::string own) {
  return [own = std::move(own)](FigureTable& t, FigureColumn& out) {
    const FigureColumn& column = t.Column(kAgent, own);
    const Network& n = t.network();
    const std::vector<uint32_t>& order = t.figures().tree.bfs_order;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const uint32_t a = *it;
      const uint32_t s = n.sponsor[a];
      if (s != kNoAgent) out.exact[s] += out.exact[a] + column.exact[a];
    }
  };
}

// A ratio of two agent columns of the same unit.
FigureCompute AgentShare(std::string part, std::string whole, bool whole_adds_part) {
  return [=](FigureTable& t, FigureColumn& out) {
    const FigureColumn& p = t.Column(kAgent, part);
    const FigureColumn& w = t.Column(kAgent, whole);
    for (size_t a = 0; a < out.real.size(); ++a) {
      const double num = static_cast<double>(p.exact[a]);
      const double den = static_cast<double>(w.exact[a]) + (whole_adds_part ? num : 0.0);
      out.real[a] = Ratio(num, den);
    }
  };
}

bool EntryWindowComplete(const Network& n, size_t a) {
  constexpr int kWindowDays = 30;
  return n.joined[a] != base::kNoDay && n.as_of != base::kNoDay &&
         n.as_of - n.joined[a] >= kWindowDays - 1;
}

}  // namespace

EntryGroups EntryGroupsOf(FigureTable& t) {
  const std::vector<uint32_t>& branch = t.GroupRowOfAgent(FigureScope::kBranch);
  const std::vector<uint32_t>& tier = t.GroupRowOfAgent(FigureScope::kTier);
  const uint64_t tiers = std::max<uint64_t>(1, t.figures().tiers.size());
  const uint64_t branch_groups = t.figures().branches.size() * tiers;
  EntryGroups groups;
  // One group per tier within each branch, plus one per tier for the
  // branches with too few joiners of it: a network with a single top has a
  // branch per direct recruit, often of one agent, and those are measured
  // together rather than not at all.
  groups.count = static_cast<size_t>(branch_groups + tiers);
  groups.of.resize(branch.size());
  std::vector<int64_t> joiners(branch_groups, 0);
  for (size_t a = 0; a < branch.size(); ++a) {
    groups.of[a] = branch[a] * tiers + tier[a];
    if (EntryWindowComplete(t.network(), a)) ++joiners[groups.of[a]];
  }
  const auto min_joiners = static_cast<int64_t>(t.Param("min_joiners"));
  for (size_t a = 0; a < branch.size(); ++a) {
    if (joiners[groups.of[a]] < min_joiners) groups.of[a] = branch_groups + tier[a];
  }
  return groups;
}

std::vector<int64_t> EntrySteps(FigureTable& t, const std::vector<uint64_t>& group_of,
                                size_t groups) {
  const FigureColumn& paid = t.Column(kAgent, "entry_paid");
  const double join_share = t.Param("join_share");
  const auto min_joiners = static_cast<size_t>(t.Param("min_joiners"));
  // (group, amount) of every joiner whose first 30 days are in the data,
  // sorted so that each group's amounts are together, highest first.
  std::vector<std::pair<uint64_t, int64_t>> joiners;
  for (size_t a = 0; a < group_of.size(); ++a) {
    if (EntryWindowComplete(t.network(), a)) joiners.push_back({group_of[a], paid.exact[a]});
  }
  std::sort(joiners.begin(), joiners.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second > y.second;
  });
  std::vector<int64_t> steps(groups, 0);
  for (size_t begin = 0; begin < joiners.size();) {
    size_t end = begin;
    while (end < joiners.size() && joiners[end].first == joiners[begin].first) ++end;
    const size_t n = end - begin;
    if (n < min_joiners) {
      begin = end;
      continue;  // too few joiners to show a condition
    }
    // The k-th highest, k = ceil(join_share * n): at least that share paid it.
    const size_t k = std::max<size_t>(1, static_cast<size_t>(std::ceil(join_share * n - 1e-9)));
    steps[joiners[begin].first] = std::max<int64_t>(0, joiners[begin + std::min(k, n) - 1].second);
    begin = end;
  }
  return steps;
}

const CoreAgentFigure& CoreFigure(AgentFigure figure) { return kCore[figure]; }

// What an agent paid to join, and whether paying was a condition of joining
// its tier in its branch (条例 7(2); 直销管理条例 art. 14): the 拿货门槛 of the
// 平顶山 and 衡阳 decisions.
void AppendEntryFigures(std::vector<FigureSpec>& out) {
  out.push_back(Agent("entry_fees_paid", FigureUnit::kMoney,
                      "entry_fee payments by the agent (joining, franchise or deposit fees)",
                      [](FigureTable& t, FigureColumn& c) {
                        const AgentFlows& f = t.network().flows;
                        for (size_t a = 0; a < c.exact.size(); ++a) {
                          c.exact[a] = f.fees_paid[a] - f.training_fees_paid[a];
                        }
                      }));
  out.push_back(Agent(
      "training_fees_paid", FigureUnit::kMoney, "training_fee payments by the agent",
      [](FigureTable& t, FigureColumn& c) { c.exact = t.network().flows.training_fees_paid; }));
  out.push_back(Agent("entry_paid", FigureUnit::kMoney,
                      "goods bought and fees paid in the agent's first 30 days, net of goods "
                      "returned in those days",
                      [](FigureTable& t, FigureColumn& c) {
                        const AgentFlows& f = t.network().flows;
                        for (size_t a = 0; a < c.exact.size(); ++a) {
                          c.exact[a] = f.buy_in_first_30_days[a] - f.returns_first_30_days[a];
                        }
                      }));
  out.push_back(Agent("entry_window_complete", FigureUnit::kFlag,
                      "1 when the agent joined (joined_at given) at least 30 days before as_of, "
                      "so its first 30 days are all in the data",
                      [](FigureTable& t, FigureColumn& c) {
                        const Network& n = t.network();
                        for (size_t a = 0; a < c.exact.size(); ++a) {
                          c.exact[a] = EntryWindowComplete(n, a) ? 1 : 0;
                        }
                      }));
  FigureSpec fee_share =
      Agent("entry_fee_payer_share", FigureUnit::kShare,
            "share of the joiners of the agent's tier in its branch (first 30 days in the "
            "data) who paid an entry fee; 0 for fewer than min_joiners joiners",
            [](FigureTable& t, FigureColumn& c) {
              const EntryGroups groups = EntryGroupsOf(t);
              const FigureColumn& fees = t.Column(kAgent, "entry_fees_paid");
              std::vector<int64_t> payers(groups.count, 0), joiners(groups.count, 0);
              for (size_t a = 0; a < c.real.size(); ++a) {
                if (!EntryWindowComplete(t.network(), a)) continue;
                ++joiners[groups.of[a]];
                if (fees.exact[a] > 0) ++payers[groups.of[a]];
              }
              const auto min_joiners = static_cast<int64_t>(t.Param("min_joiners"));
              for (size_t a = 0; a < c.real.size(); ++a) {
                const uint64_t g = groups.of[a];
                if (joiners[g] < min_joiners) continue;  // too few to show a condition
                c.real[a] = Ratio(double(payers[g]), double(joiners[g]));
              }
            });
  fee_share.params = {"min_joiners"};
  out.push_back(std::move(fee_share));
  FigureSpec step =
      Agent("entry_step", FigureUnit::kMoney,
            "the 拿货门槛 of the agent's tier in its branch: the largest amount that at least "
            "join_share of its joiners paid (entry_paid) in their first 30 days",
            [](FigureTable& t, FigureColumn& c) {
              const EntryGroups groups = EntryGroupsOf(t);
              const std::vector<int64_t> steps = EntrySteps(t, groups.of, groups.count);
              for (size_t a = 0; a < c.exact.size(); ++a) c.exact[a] = steps[groups.of[a]];
            });
  step.params = {"join_share", "min_joiners"};
  out.push_back(std::move(step));
  FigureSpec paid = Agent(
      "paid_to_join", FigureUnit::kCount,
      "1 when paying was a condition of the agent's joining and it paid: its tier in its branch "
      "has an entry step of at least min_entry and it paid at least min_entry, or join_share of "
      "its joiners paid "
      "an entry fee and so did it; else 0",
      [](FigureTable& t, FigureColumn& c) {
        const FigureColumn& step = t.Column(kAgent, "entry_step");
        const FigureColumn& paid = t.Column(kAgent, "entry_paid");
        const FigureColumn& fees = t.Column(kAgent, "entry_fees_paid");
        const FigureColumn& fee_share = t.Column(kAgent, "entry_fee_payer_share");
        const int64_t min_entry = std::llround(t.Param("min_entry") * double(kAmountScale));
        const double join_share = t.Param("join_share");
        for (size_t a = 0; a < c.exact.size(); ++a) {
          // Paying the tier's step is the condition; an agent that paid a
          // material amount (min_entry) in a tier with such a step joined by
          // paying, even below the step most of its tier paid.
          const bool by_goods =
              step.exact[a] >= min_entry && step.exact[a] > 0 && paid.exact[a] >= min_entry;
          const bool by_fee = fees.exact[a] > 0 && fee_share.real[a] >= join_share;
          c.exact[a] = by_goods || by_fee ? 1 : 0;
        }
      });
  paid.params = {"join_share", "min_entry", "min_joiners"};
  out.push_back(std::move(paid));
}

void AppendAgentFigures(std::vector<FigureSpec>& out) {
  const size_t own_begin = out.size();
  for (size_t i = 0; i < kAgentFigureCount; ++i) {
    const auto figure = static_cast<AgentFigure>(i);
    const CoreAgentFigure& e = kCore[i];
    FigureSpec spec =
        Agent(e.name, e.unit, e.definition, [figure](FigureTable& t, FigureColumn& column) {
          for (uint32_t a = 0; a < column.exact.size(); ++a) {
            column.exact[a] = AgentFigureOf(t.network(), t.figures().tree, a, figure);
          }
        });
    spec.exported = true;
    out.push_back(std::move(spec));
  }
  out.push_back(
      Agent("fees_paid", FigureUnit::kMoney, "entry and training fees paid by the agent",
            [](FigureTable& t, FigureColumn& c) { c.exact = t.network().flows.fees_paid; }));
  out.push_back(Agent(
      "buy_in_first_30_days", FigureUnit::kMoney,
      "goods bought and fees paid in the agent's first 30 days (returns left out)",
      [](FigureTable& t, FigureColumn& c) { c.exact = t.network().flows.buy_in_first_30_days; }));
  out.push_back(Agent("team_size", FigureUnit::kCount,
                      "the agent and everyone below it (downline_size + 1)",
                      [](FigureTable& t, FigureColumn& c) {
                        const auto& size = t.figures().tree.downline_size;
                        for (size_t a = 0; a < c.exact.size(); ++a) c.exact[a] = size[a] + 1;
                      }));
  out.push_back(Agent("team_levels", FigureUnit::kCount,
                      "levels of the agent's team, counting its own (downline_depth + 1)",
                      [](FigureTable& t, FigureColumn& c) {
                        const auto& depth = t.figures().tree.downline_depth;
                        for (size_t a = 0; a < c.exact.size(); ++a) c.exact[a] = depth[a] + 1;
                      }));
  out.push_back(Agent("own_retail_share", FigureUnit::kShare,
                      "units_retailed / units_bought (0 when nothing was bought)",
                      AgentShare("units_retailed", "units_bought", false)));
  out.push_back(Agent(
      "stock_cover_months", FigureUnit::kMonths,
      "units_on_hand / average monthly units_retailed since joining (999: stock, no retail)",
      [](FigureTable& t, FigureColumn& c) {
        const FigureColumn& on_hand = t.Column(kAgent, "units_on_hand");
        const FigureColumn& retailed = t.Column(kAgent, "units_retailed");
        for (uint32_t a = 0; a < c.real.size(); ++a) {
          const double stock = static_cast<double>(on_hand.exact[a]);
          const double sold = static_cast<double>(retailed.exact[a]);
          if (stock <= 0) continue;
          c.real[a] = sold > 0 ? stock / (sold / MonthsSinceJoining(t.network(), a)) : kUnbounded;
        }
      }));
  out.push_back(Agent("qualification_overbuy", FigureUnit::kRatio,
                      "buy_in_first_30_days / retail_revenue (999: buy-in, no retail)",
                      [](FigureTable& t, FigureColumn& c) {
                        const AgentFlows& f = t.network().flows;
                        for (size_t a = 0; a < c.real.size(); ++a) {
                          const double buy_in = AmountToDouble(f.buy_in_first_30_days[a]);
                          const double retail = AmountToDouble(f.retail_revenue[a]);
                          if (buy_in <= 0) continue;
                          c.real[a] = retail > 0 ? buy_in / retail : kUnbounded;
                        }
                      }));
  out.push_back(Agent("has_left", FigureUnit::kFlag, "1 when the agent has a left_at date, else 0",
                      [](FigureTable& t, FigureColumn& c) {
                        const auto& left = t.network().left;
                        for (size_t a = 0; a < c.exact.size(); ++a) {
                          c.exact[a] = left[a] == base::kNoDay ? 0 : 1;
                        }
                      }));
  AppendEntryFigures(out);
  // Downline sums of every own figure that adds up (not depth or the tree
  // figures of the downline itself).
  const size_t own_end = out.size();
  for (size_t i = own_begin; i < own_end; ++i) {
    const FigureSpec& own = out[i];
    if (!IsExactUnit(own.unit) || own.unit == FigureUnit::kFlag) continue;
    if (own.name == "depth" || own.name == "downline_size" || own.name == "downline_depth" ||
        own.name == "team_size" || own.name == "team_levels") {
      continue;
    }
    FigureSpec sum =
        Agent(StrCat("downline_", own.name), own.unit,
              StrCat("sum of ", own.name, " over everyone below the agent"), DownlineSum(own.name));
    sum.params = own.params;
    out.push_back(std::move(sum));
  }
  out.push_back(Agent("downline_retail_share", FigureUnit::kShare,
                      "downline units_retailed / downline units_bought",
                      AgentShare("downline_units_retailed", "downline_units_bought", false)));
  out.push_back(Agent("downline_recruitment_reward_share", FigureUnit::kShare,
                      "downline recruitment_rewards / (downline recruitment + retail rewards)",
                      AgentShare("downline_recruitment_rewards", "downline_retail_rewards", true)));
}

}  // namespace tiersight::graph::internal
