// A generated bundle held in memory until it is written: the corpus profiles
// build their agents, orders and payments here, so that the ground truth is
// computed from exactly the rows that are written. Sized for test corpora
// (thousands of agents); the streaming profiles never keep their rows.
// Thread-compatible.
#ifndef TIERSIGHT_GENERATE_LEDGER_H_
#define TIERSIGHT_GENERATE_LEDGER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/civil_date.h"
#include "generate/bundle_rows.h"
#include "generate/generator_profile.h"
#include "generate/row_writer.h"

namespace tiersight::generate {

// Products of the corpus brands: the catalogue's products and a starter kit
// (samples and brochures, never retailed).
inline constexpr int kStarterKitSku = kSkuCount;
inline constexpr int kLedgerSkuCount = kSkuCount + 1;
std::string_view LedgerSkuCode(int sku);

inline constexpr int kStillIn = -1;  // LedgerAgent::left of an agent that has not left

// Days are simulation days: 0 is the first day of the period, `span` its last (as_of).
struct LedgerAgent {
  uint32_t sponsor = kNoParty;  // always an earlier agent
  int tier = kTierCount - 1;
  int joined = 0;
  int left = kStillIn;
  uint8_t region = 0;
};

struct LedgerOrder {
  int day = 0;
  uint32_t seller = kNoParty;  // kNoParty: the company
  uint32_t buyer = kNoParty;   // kNoParty: a consumer (a retail sale)
  int sku = 0;
  uint32_t quantity = 0;
  int64_t cents = 0;
  bool is_return = false;
};

struct LedgerPayment {
  int day = 0;
  uint32_t payer = kNoParty;  // kNoParty: the company
  uint32_t payee = kNoParty;
  int64_t cents = 0;
  PaymentKind kind = PaymentKind::kOther;
};

struct Ledger {
  std::vector<LedgerAgent> agents;  // in joining order: sponsors before their recruits
  std::vector<LedgerOrder> orders;
  std::vector<LedgerPayment> payments;

  void Order(int day, uint32_t seller, uint32_t buyer, int sku, uint32_t quantity, int64_t cents,
             bool is_return = false) {
    orders.push_back({day, seller, buyer, sku, quantity, cents, is_return});
  }
  // Payments of nothing are not made.
  void Pay(int day, uint32_t payer, uint32_t payee, int64_t cents, PaymentKind kind) {
    if (cents > 0) payments.push_back({day, payer, payee, cents, kind});
  }
  bool Active(uint32_t agent, int day) const {
    return agents[agent].left == kStillIn || agents[agent].left > day;
  }
};

// Gives each agent a region: its sponsor's with probability 0.7 (agents
// recruit where they live), else one drawn by population.
void AssignRegions(Ledger& ledger, uint64_t seed);

// Agent ids are "A" and at least four digits, as brands number members.
IdWidths LedgerIdWidths(const Ledger& ledger);

// Writes agents.csv, orders.csv and payments.csv, headers included; orders
// and payments in date order, numbered in that order. Day 0 is `first_day`.
void WriteLedger(const Ledger& ledger, uint64_t seed, base::Day first_day, int span,
                 RowWriter& agents, RowWriter& orders, RowWriter& payments);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_LEDGER_H_
