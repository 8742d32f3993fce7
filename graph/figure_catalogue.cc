#include "graph/figure_catalogue.h"

#include "graph/figure_specs.h"

namespace tiersight::graph {

std::string_view ScopeName(FigureScope scope) {
  switch (scope) {
    case FigureScope::kNetwork:
      return "network";
    case FigureScope::kLevel:
      return "level";
    case FigureScope::kTier:
      return "tier";
    case FigureScope::kBranch:
      return "branch";
    case FigureScope::kAgent:
      return "agent";
  }
  return "?";
}

bool ParseScope(std::string_view name, FigureScope& scope) {
  for (FigureScope s : kFigureScopes) {
    if (ScopeName(s) == name) {
      scope = s;
      return true;
    }
  }
  return false;
}

std::string_view UnitName(FigureUnit unit) {
  switch (unit) {
    case FigureUnit::kCount:
      return "count";
    case FigureUnit::kUnits:
      return "units";
    case FigureUnit::kMoney:
      return "money";
    case FigureUnit::kShare:
      return "share";
    case FigureUnit::kRatio:
      return "ratio";
    case FigureUnit::kMonths:
      return "months";
    case FigureUnit::kFlag:
      return "flag";
    case FigureUnit::kTable:
      return "table";
  }
  return "?";
}

bool IsExactUnit(FigureUnit unit) {
  return unit == FigureUnit::kCount || unit == FigureUnit::kUnits || unit == FigureUnit::kMoney ||
         unit == FigureUnit::kFlag;
}

const std::vector<FigureSpec>& FigureCatalogue() {
  static const std::vector<FigureSpec> kCatalogue = [] {
    std::vector<FigureSpec> all;
    internal::AppendNetworkFigures(all);
    internal::AppendGroupFigures(FigureScope::kLevel, all);
    internal::AppendGroupFigures(FigureScope::kTier, all);
    internal::AppendGroupFigures(FigureScope::kBranch, all);
    internal::AppendAgentFigures(all);
    internal::AppendOutcomeFigures(all);
    return all;
  }();
  return kCatalogue;
}

std::vector<const FigureSpec*> FiguresOf(FigureScope scope) {
  std::vector<const FigureSpec*> out;
  for (const FigureSpec& spec : FigureCatalogue()) {
    if (spec.scope == scope) out.push_back(&spec);
  }
  return out;
}

const FigureSpec* FindFigure(FigureScope scope, std::string_view name) {
  for (const FigureSpec& spec : FigureCatalogue()) {
    if (spec.scope == scope && spec.name == name) return &spec;
  }
  return nullptr;
}

FigureRef ResolveFigureRef(FigureScope scope, std::string_view name) {
  constexpr std::string_view kNetworkPrefix = "network_";
  constexpr std::string_view kBranchPrefix = "branch_";
  auto usable = [](const FigureSpec* spec) {
    return spec != nullptr && spec->unit != FigureUnit::kTable;
  };
  if (const FigureSpec* own = FindFigure(scope, name); usable(own)) return {own, FigureReach::kOwn};
  if (name.starts_with(kNetworkPrefix)) {
    const FigureSpec* net = FindFigure(FigureScope::kNetwork, name.substr(kNetworkPrefix.size()));
    if (usable(net)) return {net, FigureReach::kNetwork};
  }
  if (scope == FigureScope::kAgent && name.starts_with(kBranchPrefix)) {
    const FigureSpec* branch = FindFigure(FigureScope::kBranch, name.substr(kBranchPrefix.size()));
    if (usable(branch)) return {branch, FigureReach::kBranch};
  }
  return {};
}

const std::vector<FigureParamSpec>& FigureParams() {
  static const std::vector<FigureParamSpec> kParams = {
      {.name = "join_share",
       .unit = FigureUnit::kShare,
       .default_value = 0.8,
       .min = 0.5,
       .max = 1.0,
       .definition = "share of a tier's joiners (within one branch) who must have paid at least "
                     "an amount within their first 30 days for paying it to count as a condition "
                     "of joining [HEURISTIC]"},
      {.name = "min_joiners",
       .unit = FigureUnit::kCount,
       .default_value = 5,
       .min = 1,
       .max = 1e9,
       .definition = "joiners (first 30 days in the data) a tier needs within a branch before what "
                     "most of them paid says anything of a condition of joining [HEURISTIC]"},
      {.name = "min_entry",
       .unit = FigureUnit::kMoney,
       .default_value = 600,
       .min = 0,
       .max = 1e15,
       .definition = "the smallest payment (goods and fees, net of returns, within 30 days of "
                     "joining) that counts as paying to join; CNY 600 is the lowest 拿货门槛 of "
                     "the 平顶山 decision (平市监处字〔2020〕6号)"},
  };
  return kParams;
}

const FigureParamSpec* FindFigureParam(std::string_view name) {
  for (const FigureParamSpec& p : FigureParams()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const FigureSpec& SpecOf(AgentFigure figure) {
  static const std::vector<const FigureSpec*> kCore = [] {
    std::vector<const FigureSpec*> core;
    for (size_t i = 0; i < kAgentFigureCount; ++i) {
      core.push_back(
          FindFigure(FigureScope::kAgent, internal::CoreFigure(static_cast<AgentFigure>(i)).name));
    }
    return core;
  }();
  return *kCore[figure];
}

}  // namespace tiersight::graph
