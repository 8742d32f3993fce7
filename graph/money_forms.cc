#include "graph/money_forms.h"

#include "graph/network.h"

namespace tiersight::graph {
namespace {

constexpr std::array<std::string_view, kPaymentKinds> kKindNames = {
    "entry_fee", "training_fee", "recruitment_bonus", "override", "retail_commission",
    "refund",    "other"};

Amount SaturatingAdd(Amount a, Amount b) {
  Amount sum;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? INT64_MAX : INT64_MIN;
}

Amount Sum(const std::vector<Amount>& column) {
  Amount sum = 0;
  for (Amount v : column) sum = SaturatingAdd(sum, v);
  return sum;
}

MoneyFlow Flow(std::string_view form,
               std::initializer_list<std::pair<MoneyDirection, Amount>> amounts) {
  MoneyFlow flow{.form = form};
  for (const auto& [direction, amount] : amounts) {
    flow.amounts[static_cast<size_t>(direction)] = amount;
    flow.total = SaturatingAdd(flow.total, amount);
  }
  return flow;
}

MoneyFlow PaymentFlow(const MoneyLedger& ledger, PaymentKind kind) {
  const auto& by = ledger.payments[static_cast<size_t>(kind)];
  return Flow(PaymentKindName(kind), {{MoneyDirection::kAgentsToCompany, by[0]},
                                      {MoneyDirection::kCompanyToAgents, by[1]},
                                      {MoneyDirection::kBetweenAgents, by[2]}});
}

}  // namespace

std::optional<PaymentKind> ParsePaymentKind(std::string_view lowercase) {
  for (size_t k = 0; k < kPaymentKinds; ++k) {
    if (kKindNames[k] == lowercase) return static_cast<PaymentKind>(k);
  }
  return std::nullopt;
}

std::string_view PaymentKindName(PaymentKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

MoneyDirection DirectionOf(bool payer_is_agent, bool payee_is_agent) {
  if (payer_is_agent && payee_is_agent) return MoneyDirection::kBetweenAgents;
  return payer_is_agent ? MoneyDirection::kAgentsToCompany : MoneyDirection::kCompanyToAgents;
}

std::vector<MoneyFlow> MoneyFlowsOf(const Network& network) {
  const MoneyLedger& m = network.money;
  const AgentFlows& f = network.flows;
  using D = MoneyDirection;
  return {
      PaymentFlow(m, PaymentKind::kEntryFee),
      PaymentFlow(m, PaymentKind::kTrainingFee),
      Flow("joining_purchases", {{D::kAgentsToCompany, m.joining_from_company},
                                 {D::kBetweenAgents, m.joining_from_agents}}),
      Flow("goods", {{D::kAgentsToCompany, network.company.goods_revenue},
                     {D::kBetweenAgents, Sum(f.wholesale_revenue)}}),
      PaymentFlow(m, PaymentKind::kRecruitmentBonus),
      PaymentFlow(m, PaymentKind::kOverride),
      PaymentFlow(m, PaymentKind::kRetailCommission),
      Flow("retail_sales", {{D::kConsumersToAgents, Sum(f.retail_revenue)}}),
      PaymentFlow(m, PaymentKind::kRefund),
      PaymentFlow(m, PaymentKind::kOther),
  };
}

}  // namespace tiersight::graph
