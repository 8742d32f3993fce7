// The figures of a depth level or a tier: the group's key, its agents, the
// sums of the core per-agent figures over them (exact, from figures.h), and
// shares of the network that rules compare groups by.
#include "base/str_cat.h"
#include "graph/figure_specs.h"

namespace tiersight::graph::internal {
namespace {

const std::vector<GroupFigures>& GroupsOf(FigureTable& t, FigureScope scope) {
  return scope == FigureScope::kLevel ? t.figures().levels : t.figures().tiers;
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

}  // namespace

void AppendGroupFigures(FigureScope scope, std::vector<FigureSpec>& out) {
  const bool level = scope == FigureScope::kLevel;
  if (level) {
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
                          c.real[r] =
                              Ratio(static_cast<double>(groups[r].sums[kUnitsOnHand]), all);
                        }
                      }));
  out.push_back(Group(scope, "retail_sell_through", FigureUnit::kShare, false,
                      "units_retailed / units_bought (0 when nothing was bought)",
                      SumShare(scope, kUnitsRetailed, kUnitsBought)));
  out.push_back(Group(scope, "group_loss_share", FigureUnit::kShare, false,
                      "share of the group's agents with net_cash < 0",
                      [scope](FigureTable& t, FigureColumn& c) {
                        const FigureColumn& net_cash = t.Column(FigureScope::kAgent, "net_cash");
                        const std::vector<uint32_t>& row = t.GroupRowOfAgent(scope);
                        std::vector<int64_t> losers(c.real.size(), 0);
                        for (size_t a = 0; a < row.size(); ++a) {
                          if (net_cash.exact[a] < 0) ++losers[row[a]];
                        }
                        const auto& groups = GroupsOf(t, scope);
                        for (size_t r = 0; r < groups.size(); ++r) {
                          c.real[r] = Ratio(static_cast<double>(losers[r]),
                                            static_cast<double>(groups[r].agents));
                        }
                      }));
}

}  // namespace tiersight::graph::internal
