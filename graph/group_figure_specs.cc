// The figures of a depth level or a tier: the group's key, its agents, the
// sums of the core per-agent figures over them (exact, from figures.h), and
// shares of the network that rules compare groups by.
#include "base/str_cat.h"
#include "graph/figure_specs.h"

namespace tiersight::graph::internal {
namespace {

const std::vector<GroupFigures>& GroupsOf(FigureTable& t, FigureScope scope) {
  switch (scope) {
    case FigureScope::kLevel:
      return t.figures().levels;
    case FigureScope::kBranch:
      return t.figures().branches;
    default:
      return t.figures().tiers;
  }
}

// Sums an agent column over each group of `scope`.
std::vector<int64_t> GroupSums(FigureTable& t, FigureScope scope, std::string_view agent_figure) {
  const FigureColumn& column = t.Column(FigureScope::kAgent, agent_figure);
  const std::vector<uint32_t>& row = t.GroupRowOfAgent(scope);
  std::vector<int64_t> sums(GroupsOf(t, scope).size(), 0);
  for (size_t a = 0; a < row.size(); ++a) sums[row[a]] += column.exact[a];
  return sums;
}

// A group sum of an agent figure that is not among the core sums.
FigureCompute GroupSum(FigureScope scope, std::string agent_figure) {
  return [scope, agent_figure](FigureTable& t, FigureColumn& c) {
    c.exact = GroupSums(t, scope, agent_figure);
  };
}

// part / (part + others...) of core sums, as the network's reward shares.
FigureCompute RewardShare(FigureScope scope, std::vector<AgentFigure> part,
                          std::vector<AgentFigure> whole) {
  return [=](FigureTable& t, FigureColumn& c) {
    const auto& groups = GroupsOf(t, scope);
    for (size_t r = 0; r < groups.size(); ++r) {
      int64_t p = 0, w = 0;
      for (AgentFigure f : part) p += groups[r].sums[f];
      for (AgentFigure f : whole) w += groups[r].sums[f];
      c.real[r] = Ratio(static_cast<double>(p), static_cast<double>(w));
    }
  };
}

FigureSpec Group(FigureScope scope, std::string name, FigureUnit unit, bool exported,
                 std::string definition, FigureCompute compute) {
  return FigureSpec{.name = std::move(name),
                    .scope = scope,
                    .unit = unit,
                    .exported = exported,
                    .definition = std::move(definition),
                    .compute = std::move(compute)};
}

// A share of two exact group sums.
FigureCompute SumShare(FigureScope scope, AgentFigure part, AgentFigure whole) {
  return [=](FigureTable& t, FigureColumn& c) {
    const auto& groups = GroupsOf(t, scope);
    for (size_t r = 0; r < groups.size(); ++r) {
      c.real[r] = Ratio(static_cast<double>(groups[r].sums[part]),
                        static_cast<double>(groups[r].sums[whole]));
    }
  };
}

// The entry ladder over the whole network, tier by tier: the figures a
// reader compares with the 平顶山 thresholds.
void AppendTierEntryFigures(std::vector<FigureSpec>& out) {
  constexpr FigureScope kTier = FigureScope::kTier;
  out.push_back(Group(kTier, "joiners", FigureUnit::kCount, false,
                      "agents of the tier whose first 30 days are all in the data",
                      GroupSum(kTier, "entry_window_complete")));
  FigureSpec step = Group(
      kTier, "entry_step", FigureUnit::kMoney, false,
      "the largest amount at least join_share of the tier's joiners paid (goods and fees, net of "
      "returns) in their first 30 days",
      [](FigureTable& t, FigureColumn& c) {
        c.exact = EntrySteps(
            t,
            std::vector<uint64_t>(t.GroupRowOfAgent(kTier).begin(), t.GroupRowOfAgent(kTier).end()),
            c.exact.size());
      });
  step.params = {"join_share"};
  out.push_back(std::move(step));
  out.push_back(Group(
      kTier, "entry_fee_payer_share", FigureUnit::kShare, false,
      "share of the tier's joiners who paid an entry fee", [](FigureTable& t, FigureColumn& c) {
        const FigureColumn& fees = t.Column(FigureScope::kAgent, "entry_fees_paid");
        const FigureColumn& window = t.Column(FigureScope::kAgent, "entry_window_complete");
        const std::vector<uint32_t>& row = t.GroupRowOfAgent(kTier);
        std::vector<int64_t> payers(c.real.size(), 0), joiners(c.real.size(), 0);
        for (size_t a = 0; a < row.size(); ++a) {
          if (window.exact[a] == 0) continue;
          ++joiners[row[a]];
          if (fees.exact[a] > 0) ++payers[row[a]];
        }
        for (size_t r = 0; r < c.real.size(); ++r) {
          c.real[r] = Ratio(double(payers[r]), double(joiners[r]));
        }
      }));
}

}  // namespace

void AppendGroupFigures(FigureScope scope, std::vector<FigureSpec>& out) {
  const bool level = scope == FigureScope::kLevel;
  if (scope == FigureScope::kBranch) {
    out.push_back(Group(scope, "levels", FigureUnit::kCount, true,
                        "levels of the branch, counting its head's own",
                        [](FigureTable& t, FigureColumn& c) {
                          const Figures& f = t.figures();
                          for (size_t r = 0; r < f.branches.size(); ++r) {
                            const uint32_t head = f.branches[r].top;
                            // A single top is a branch of its own, holding only
                            // itself: its recruits head the other branches.
                            const bool lone_top = f.tree.tops == 1 && f.tree.depth[head] == 1;
                            c.exact[r] = lone_top ? 1 : f.tree.downline_depth[head] + 1;
                          }
                        }));
  } else if (level) {
    out.push_back(Group(scope, "depth", FigureUnit::kCount, true, "the level (1 for the tops)",
                        [](FigureTable& t, FigureColumn& c) {
                          const auto& levels = t.figures().levels;
                          for (size_t r = 0; r < levels.size(); ++r) c.exact[r] = levels[r].depth;
                        }));
  } else {
    out.push_back(Group(scope, "tier_rank", FigureUnit::kCount, false,
                        "1 for the highest tier listed, then down; unlisted tiers after",
                        [](FigureTable&, FigureColumn& c) {
                          for (size_t r = 0; r < c.exact.size(); ++r) c.exact[r] = int64_t(r) + 1;
                        }));
  }
  out.push_back(Group(scope, "agents", FigureUnit::kCount, true, "agents in the group",
                      [scope](FigureTable& t, FigureColumn& c) {
                        const auto& groups = GroupsOf(t, scope);
                        for (size_t r = 0; r < groups.size(); ++r) c.exact[r] = groups[r].agents;
                      }));
  for (size_t i = kDirectRecruits; i < kAgentFigureCount; ++i) {
    const auto figure = static_cast<AgentFigure>(i);
    const CoreAgentFigure& agent = CoreFigure(figure);
    out.push_back(Group(scope, agent.name, agent.unit, true,
                        StrCat("sum over the group of ", agent.name),
                        [scope, figure](FigureTable& t, FigureColumn& c) {
                          const auto& groups = GroupsOf(t, scope);
                          for (size_t r = 0; r < groups.size(); ++r) {
                            c.exact[r] = groups[r].sums[figure];
                          }
                        }));
  }
  out.push_back(Group(scope, "agents_share", FigureUnit::kShare, false,
                      "agents / network participants", [scope](FigureTable& t, FigureColumn& c) {
                        const auto& groups = GroupsOf(t, scope);
                        const double all = static_cast<double>(t.figures().network.participants);
                        for (size_t r = 0; r < groups.size(); ++r) {
                          c.real[r] = Ratio(static_cast<double>(groups[r].agents), all);
                        }
                      }));
  out.push_back(Group(scope, "on_hand_share", FigureUnit::kShare, false,
                      "units_on_hand / network units_on_hand",
                      [scope](FigureTable& t, FigureColumn& c) {
                        const auto& groups = GroupsOf(t, scope);
                        const double all = static_cast<double>(t.figures().network.units_on_hand);
                        for (size_t r = 0; r < groups.size(); ++r) {
                          c.real[r] = Ratio(static_cast<double>(groups[r].sums[kUnitsOnHand]), all);
                        }
                      }));
  out.push_back(Group(scope, "retail_sell_through", FigureUnit::kShare, false,
                      "units_retailed / units_bought (0 when nothing was bought)",
                      SumShare(scope, kUnitsRetailed, kUnitsBought)));
  out.push_back(
      Group(scope, "recruitment_reward_share", FigureUnit::kShare, false,
            "recruitment rewards / (recruitment rewards + retail commissions)",
            RewardShare(scope, {kRecruitmentRewards}, {kRecruitmentRewards, kRetailRewards})));
  out.push_back(Group(scope, "recruitment_bonus_share", FigureUnit::kShare, false,
                      "per-head recruitment bonuses / all rewards (bonuses, overrides, retail "
                      "commissions)",
                      RewardShare(scope, {kRecruitmentBonuses},
                                  {kRecruitmentBonuses, kOverrides, kRetailRewards})));
  out.push_back(
      Group(scope, "override_share", FigureUnit::kShare, false,
            "overrides on the downline's purchases / all rewards",
            RewardShare(scope, {kOverrides}, {kRecruitmentBonuses, kOverrides, kRetailRewards})));
  out.push_back(Group(scope, "internal_sales_share", FigureUnit::kShare, false,
                      "wholesale revenue / sales revenue of the group's agents",
                      SumShare(scope, kWholesaleRevenue, kSalesRevenue)));
  out.push_back(Group(scope, "entry_fees_paid", FigureUnit::kMoney, false,
                      "entry fees paid by the group's agents", GroupSum(scope, "entry_fees_paid")));
  out.push_back(Group(scope, "training_fees_paid", FigureUnit::kMoney, false,
                      "training fees paid by the group's agents",
                      GroupSum(scope, "training_fees_paid")));
  out.push_back(Group(scope, "entry_paid", FigureUnit::kMoney, false,
                      "what the group's agents paid in their first 30 days (goods and entry fees, "
                      "net of returns)",
                      GroupSum(scope, "entry_paid")));
  out.push_back(Group(scope, "left_with_stock_share", FigureUnit::kShare, false,
                      "share of the group's agents who left still holding stock (no buy-back)",
                      [scope](FigureTable& t, FigureColumn& c) {
                        const FigureColumn& on_hand =
                            t.Column(FigureScope::kAgent, "units_on_hand");
                        const auto& left = t.network().left;
                        const std::vector<uint32_t>& row = t.GroupRowOfAgent(scope);
                        std::vector<int64_t> leavers(c.real.size(), 0), holding(c.real.size(), 0);
                        for (size_t a = 0; a < row.size(); ++a) {
                          if (left[a] == base::kNoDay) continue;
                          ++leavers[row[a]];
                          if (on_hand.exact[a] > 0) ++holding[row[a]];
                        }
                        for (size_t r = 0; r < c.real.size(); ++r) {
                          c.real[r] = Ratio(double(holding[r]), double(leavers[r]));
                        }
                      }));
  if (scope == FigureScope::kTier) AppendTierEntryFigures(out);
  out.push_back(Group(
      scope, "group_loss_share", FigureUnit::kShare, false,
      "share of the group's agents with net_cash < 0", [scope](FigureTable& t, FigureColumn& c) {
        const FigureColumn& net_cash = t.Column(FigureScope::kAgent, "net_cash");
        const std::vector<uint32_t>& row = t.GroupRowOfAgent(scope);
        std::vector<int64_t> losers(c.real.size(), 0);
        for (size_t a = 0; a < row.size(); ++a) {
          if (net_cash.exact[a] < 0) ++losers[row[a]];
        }
        const auto& groups = GroupsOf(t, scope);
        for (size_t r = 0; r < groups.size(); ++r) {
          c.real[r] = Ratio(static_cast<double>(losers[r]), static_cast<double>(groups[r].agents));
        }
      }));
}

}  // namespace tiersight::graph::internal
