#include "generate/ledger.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>

#include "generate/random.h"
#include "generate/regions.h"
#include "graph/bundle_columns.h"

namespace tiersight::generate {
namespace {

constexpr uint64_t kRegionSalt = 11;
constexpr uint64_t kSameRegionSalt = 12;
constexpr double kSameRegionProbability = 0.7;
constexpr int kMinAgentIdDigits = 4;

// Positions of `rows` in date order (stable: same-day rows keep the order
// they were made in).
template <typename Row>
std::vector<uint32_t> DateOrder(const std::vector<Row>& rows) {
  std::vector<uint32_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return rows[a].day < rows[b].day; });
  return order;
}

}  // namespace

std::string_view LedgerSkuCode(int sku) {
  return sku == kStarterKitSku ? std::string_view("STARTER-KIT") : kSkus[sku].code;
}

void AssignRegions(Ledger& ledger, uint64_t seed) {
  for (uint32_t i = 0; i < ledger.agents.size(); ++i) {
    LedgerAgent& agent = ledger.agents[i];
    const bool same = agent.sponsor != kNoParty &&
                      ScaleUnit(HashOf(seed, kSameRegionSalt, i)) < kSameRegionProbability;
    agent.region =
        same ? ledger.agents[agent.sponsor].region : PickRegion(HashOf(seed, kRegionSalt, i));
  }
}

IdWidths LedgerIdWidths(const Ledger& ledger) {
  IdWidths widths;
  widths.agent = std::max(kMinAgentIdDigits, DecimalDigits(ledger.agents.size()));
  widths.row = widths.agent + 2;
  return widths;
}

void WriteLedger(const Ledger& ledger, uint64_t seed, base::Day first_day, int span,
                 RowWriter& agents, RowWriter& orders, RowWriter& payments) {
  std::vector<std::array<char, base::kIsoDateLength>> dates(static_cast<size_t>(span) + 1);
  for (int d = 0; d <= span; ++d) base::FormatDayTo(first_day + d, dates[d].data());
  auto date = [&](int day) { return std::string_view(dates[day].data(), base::kIsoDateLength); };
  const IdWidths widths = LedgerIdWidths(ledger);

  AgentRowWriter agent_rows(agents, seed, widths);
  for (uint32_t i = 0; i < ledger.agents.size(); ++i) {
    const LedgerAgent& agent = ledger.agents[i];
    agent_rows.Write(i, agent.sponsor, kTierNames[agent.tier], date(agent.joined),
                     agent.left == kStillIn ? std::string_view() : date(agent.left), agent.region);
  }

  std::array<std::string, kLedgerSkuCount> sku_fields;
  for (int sku = 0; sku < kLedgerSkuCount; ++sku) {
    char field[64];
    sku_fields[sku].assign(field, PutCsvField(field, LedgerSkuCode(sku)));
  }
  orders.EndRow(PutHeaderRow(orders.BeginRow(), graph::kOrderColumnNames));
  uint64_t number = 0;
  for (uint32_t i : DateOrder(ledger.orders)) {
    const LedgerOrder& o = ledger.orders[i];
    const OrderRow row = {.number = ++number,
                          .date = date(o.day),
                          .seller = o.seller,
                          .buyer = o.buyer,
                          .sku_field = sku_fields[o.sku],
                          .quantity = o.quantity,
                          .cents = o.cents,
                          .is_return = o.is_return};
    orders.EndRow(PutOrderRow(orders.BeginRow(), row, widths));
  }

  payments.EndRow(PutHeaderRow(payments.BeginRow(), graph::kPaymentColumnNames));
  number = 0;
  for (uint32_t i : DateOrder(ledger.payments)) {
    const LedgerPayment& pay = ledger.payments[i];
    const PaymentRow row = {.number = ++number,
                            .date = date(pay.day),
                            .payer = pay.payer,
                            .payee = pay.payee,
                            .cents = pay.cents,
                            .kind = pay.kind};
    payments.EndRow(PutPaymentRow(payments.BeginRow(), row, widths));
  }
}

}  // namespace tiersight::generate
