#include "core/key_figures.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "core/audit_proto.h"
#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"

namespace tiersight::core {
namespace {

using graph::FigureScope;

// Network figures page one shows, in its order; the organisers' gains go
// after the money paid in.
constexpr const char* kMoneyFigures[] = {"paid_in_total", "paid_in_to_company",
                                         "paid_in_to_agents"};
constexpr const char* kOutcomeFigures[] = {"units_on_hand", "stock_on_hand_value",
                                           "loss_share",    "agents_with_loss",
                                           "median_loss",   "top_1pct_income_share"};

tiersight::v1::FigureValue NetworkValue(graph::FigureTable& table, const char* name) {
  const graph::FigureSpec* spec = graph::FindFigure(FigureScope::kNetwork, name);
  const graph::FigureColumn& column = table.Column(*spec);
  rules::FigureValue value{.name = name, .unit = spec->unit};
  if (graph::IsExactUnit(spec->unit)) {
    value.exact = column.exact[0];
    value.value = spec->unit == graph::FigureUnit::kMoney ? graph::AmountToDouble(column.exact[0])
                                                          : double(column.exact[0]);
  } else {
    value.value = column.real[0];
  }
  return FigureValueToProto(value);
}

tiersight::v1::FigureValue MoneyValue(const char* name, int64_t exact) {
  return FigureValueToProto(rules::FigureValue{.name = name,
                                               .value = graph::AmountToDouble(exact),
                                               .unit = graph::FigureUnit::kMoney,
                                               .exact = exact});
}

// Outermost organisers only: a nested organiser's gains are part of the
// story of the team around it, and counting them again would add up the
// same money twice over for no one.
void AddOrganiserGains(graph::FigureTable& table, tiersight::v1::AuditReport& report) {
  absl::flat_hash_set<std::string> seen;
  const graph::Network& network = table.network();
  const graph::FigureColumn& net_cash = table.Column(FigureScope::kAgent, "net_cash");
  const graph::FigureColumn& wholesale = table.Column(FigureScope::kAgent, "wholesale_revenue");
  int64_t cash = 0, revenue = 0;
  for (const tiersight::v1::Finding& finding : report.findings()) {
    for (const tiersight::v1::Organiser& organiser : finding.organisers()) {
      if (!organiser.within().empty() || !seen.insert(organiser.agent_id()).second) continue;
      const uint32_t agent = network.Find(organiser.agent_id());
      if (agent == graph::kNoAgent) continue;
      cash += net_cash.exact[agent];
      revenue += wholesale.exact[agent];
    }
  }
  if (seen.empty()) return;
  *report.add_key_figures() = MoneyValue("organisers_net_cash", cash);
  *report.add_key_figures() = MoneyValue("organisers_wholesale_revenue", revenue);
}

}  // namespace

void AddKeyFigures(graph::FigureTable& table, tiersight::v1::AuditReport& report) {
  for (const char* name : kMoneyFigures) *report.add_key_figures() = NetworkValue(table, name);
  AddOrganiserGains(table, report);
  for (const char* name : kOutcomeFigures) *report.add_key_figures() = NetworkValue(table, name);
}

}  // namespace tiersight::core
