// Money by the legal form it takes and by who paid whom. The 2013 两高一部
// opinion and the 禁止传销条例 name the forms (入门费, 拉人头, 团队计酬), the
// FTC's cases ask the same of rewards (recruitment against retail), and both
// ask whether the money went to the company or stayed between participants:
// a purchase ladder whose joiners pay their uplines shows no company fee
// revenue at all.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph/exact_amount.h"

namespace tiersight::graph {

struct Network;

// payments.csv `kind`, in the bundle format's order.
enum class PaymentKind : uint8_t {
  kEntryFee,
  kTrainingFee,
  kRecruitmentBonus,
  kOverride,
  kRetailCommission,
  kRefund,
  kOther,
};
inline constexpr size_t kPaymentKinds = 7;

// A lower-case kind as the format spells it, or nullopt.
std::optional<PaymentKind> ParsePaymentKind(std::string_view lowercase);
std::string_view PaymentKindName(PaymentKind kind);

// Who paid whom. Consumers only ever pay agents (retail sales); a payment
// row always has an agent on at least one side.
enum class MoneyDirection : uint8_t {
  kAgentsToCompany,
  kCompanyToAgents,
  kBetweenAgents,
  kConsumersToAgents,
};
inline constexpr size_t kMoneyDirections = 4;

// The direction of a payment or sale from whether each side is an agent.
MoneyDirection DirectionOf(bool payer_is_agent, bool payee_is_agent);

// What the readers sum beyond the per-agent columns. The orders reader
// writes the joining purchases, the payments reader the payments, so the two
// may run at once.
struct MoneyLedger {
  // [kind][direction], directions kAgentsToCompany..kBetweenAgents.
  std::array<std::array<Amount, 3>, kPaymentKinds> payments{};
  // Goods bought in the buyer's first 30 days (entry_paid's window), net of
  // the goods returned in them, by whom the buyer paid.
  Amount joining_from_company = 0;
  Amount joining_from_agents = 0;
};

// One row of the money-by-form table. An amount is nullopt where the form
// never flows that way (consumers pay no fees); `total` sums the others.
struct MoneyFlow {
  std::string_view form;  // "entry_fee", ..., "goods", "joining_purchases", "retail_sales"
  std::array<std::optional<Amount>, kMoneyDirections> amounts{};
  Amount total = 0;
};

// The table, forms in the order a reader follows the money: what it costs to
// join (fees, joining purchases), all goods bought, what is paid for
// recruiting and for the team's purchases, what retail earns, the rest.
// Sums saturate rather than wrap (each addend was checked row by row).
std::vector<MoneyFlow> MoneyFlowsOf(const Network& network);

}  // namespace tiersight::graph
