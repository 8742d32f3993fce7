#include "graph/stock_ledger.h"

namespace tiersight::graph {
namespace {

// Units times cost can exceed 64 bits before the division brings it back.
__extension__ using Wide = __int128;

// Sums that would leave 64 bits stay at the bound: only a hostile bundle
// gets there (its rows' own totals are checked), and a valuation at the
// bound is still visibly absurd rather than wrapped to a plausible number.
int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? INT64_MAX : INT64_MIN;
}

}  // namespace

uint32_t StockLedger::Sku(std::string_view sku) { return skus_.Intern(sku).first; }

void StockLedger::Bought(uint32_t agent, uint32_t sku, int64_t units, Amount money) {
  Position& p = positions_[Key(agent, sku)];
  p.units_in = SaturatingAdd(p.units_in, units);
  p.cost = SaturatingAdd(p.cost, money);
}

void StockLedger::SoldOn(uint32_t agent, uint32_t sku, int64_t units) {
  Position& p = positions_[Key(agent, sku)];
  p.units_out = SaturatingAdd(p.units_out, units);
}

std::vector<Amount> StockLedger::ValueOnHand(size_t agents) const {
  std::vector<Amount> value(agents, 0);
  for (const auto& [key, p] : positions_) {
    const auto agent = static_cast<uint32_t>(key >> 32);
    if (agent >= agents || p.units_in <= 0 || p.cost <= 0) continue;
    const Wide on_hand = static_cast<Wide>(p.units_in) - p.units_out;
    if (on_hand <= 0) continue;
    const Wide scaled = on_hand * p.cost;
    // To the cent, as a valuation in a currency is read.
    const Wide cent = kAmountScale / 100;
    const Wide per_cent = static_cast<Wide>(p.units_in) * cent;
    const Wide rounded = (2 * scaled + per_cent) / (2 * per_cent) * cent;
    const Wide total = static_cast<Wide>(value[agent]) + rounded;
    value[agent] = total > INT64_MAX ? INT64_MAX : static_cast<Amount>(total);
  }
  return value;
}

}  // namespace tiersight::graph
