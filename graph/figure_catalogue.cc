#include "graph/figure_catalogue.h"

namespace tiersight::graph {

const std::array<FigureInfo, kAgentFigureCount>& AgentFigureCatalogue() {
  using U = FigureUnit;
  static const std::array<FigureInfo, kAgentFigureCount> kCatalogue = {{
      {"depth", U::kCount, "1 for an agent with no sponsor, else the sponsor's depth + 1"},
      {"direct_recruits", U::kCount, "agents whose sponsor is this agent"},
      {"downline_size", U::kCount, "all agents below this one in the sponsor tree"},
      {"downline_depth", U::kCount, "levels below this agent (0 without recruits)"},
      {"units_bought", U::kUnits, "units of sale lines bought, minus units returned"},
      {"units_sold_to_agents", U::kUnits, "units sold to other agents, net of returns"},
      {"units_retailed", U::kUnits, "units sold to consumers (empty buyer), net of returns"},
      {"units_on_hand", U::kUnits,
       "units_bought - units_sold_to_agents - units_retailed; negative means inconsistent records"},
      {"spend", U::kAmount, "goods bought net of returns, plus entry and training fees paid"},
      {"wholesale_revenue", U::kAmount, "sales to other agents, net of returns"},
      {"retail_revenue", U::kAmount, "sales to consumers, net of returns"},
      {"sales_revenue", U::kAmount, "wholesale_revenue + retail_revenue"},
      {"fees_received", U::kAmount, "entry and training fees paid to this agent"},
      {"recruitment_bonuses", U::kAmount, "recruitment_bonus payments to this agent"},
      {"overrides", U::kAmount, "override payments to this agent"},
      {"recruitment_rewards", U::kAmount, "recruitment_bonuses + overrides"},
      {"retail_rewards", U::kAmount, "retail_commission payments to this agent"},
      {"net_cash", U::kAmount,
       "sales_revenue + payments received - spend - other payments made (stock not counted)"},
  }};
  return kCatalogue;
}

}  // namespace tiersight::graph
