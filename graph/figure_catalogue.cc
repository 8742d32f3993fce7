#include "graph/figure_catalogue.h"

#include "graph/figure_specs.h"

namespace tiersight::graph {

std::string_view ScopeName(FigureScope scope) {
  switch (scope) {
    case FigureScope::kNetwork: return "network";
    case FigureScope::kLevel: return "level";
    case FigureScope::kTier: return "tier";
    case FigureScope::kAgent: return "agent";
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
    case FigureUnit::kCount: return "count";
    case FigureUnit::kUnits: return "units";
    case FigureUnit::kMoney: return "money";
    case FigureUnit::kShare: return "share";
    case FigureUnit::kRatio: return "ratio";
    case FigureUnit::kMonths: return "months";
    case FigureUnit::kFlag: return "flag";
    case FigureUnit::kTable: return "table";
  }
  return "?";
}

bool IsExactUnit(FigureUnit unit) {
  return unit == FigureUnit::kCount || unit == FigureUnit::kUnits ||
         unit == FigureUnit::kMoney || unit == FigureUnit::kFlag;
}

const std::vector<FigureSpec>& FigureCatalogue() {
  static const std::vector<FigureSpec> kCatalogue = [] {
    std::vector<FigureSpec> all;
    internal::AppendNetworkFigures(all);
    internal::AppendGroupFigures(FigureScope::kLevel, all);
    internal::AppendGroupFigures(FigureScope::kTier, all);
    internal::AppendAgentFigures(all);
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

const FigureSpec* ResolveFigureName(FigureScope scope, std::string_view name) {
  constexpr std::string_view kNetworkPrefix = "network_";
  auto usable = [](const FigureSpec* spec) {
    return spec != nullptr && spec->unit != FigureUnit::kTable;
  };
  if (const FigureSpec* own = FindFigure(scope, name); usable(own)) return own;
  if (name.starts_with(kNetworkPrefix)) {
    const FigureSpec* net = FindFigure(FigureScope::kNetwork, name.substr(kNetworkPrefix.size()));
    if (usable(net)) return net;
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
