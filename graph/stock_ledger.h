// Stock per agent and product (SKU), so that what an agent holds can be
// valued at what it paid for that product: units bought and their cost net
// of returns, units sold on (to agents and to consumers) net of returns.
// Written by the orders reader only; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "graph/exact_amount.h"
#include "graph/string_interner.h"

namespace tiersight::graph {

class StockLedger {
 public:
  // A product's compact id; "" (no sku) is one default product.
  uint32_t Sku(std::string_view sku);

  // A sale line (negative units and money for a return line) bought by
  // `agent`, and one sold on by it.
  void Bought(uint32_t agent, uint32_t sku, int64_t units, Amount money);
  void SoldOn(uint32_t agent, uint32_t sku, int64_t units);

  // Per agent: the sum over its products of units on hand (bought − sold
  // on, when positive) times its weighted average purchase price (cost ÷
  // units bought, net of returns), each product rounded half up to the cent.
  // A product with no units or no cost left bought counts 0. Exact integer
  // arithmetic: the result does not depend on the order of the rows.
  std::vector<Amount> ValueOnHand(size_t agents) const;

  size_t skus() const { return skus_.size(); }

 private:
  struct Position {
    int64_t units_in = 0;
    int64_t units_out = 0;
    Amount cost = 0;
  };
  static uint64_t Key(uint32_t agent, uint32_t sku) { return (uint64_t{agent} << 32) | sku; }

  StringInterner skus_;
  absl::flat_hash_map<uint64_t, Position> positions_;
};

}  // namespace tiersight::graph
