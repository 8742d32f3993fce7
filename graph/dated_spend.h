// What agents paid in, with the day they paid it: the loader sums each
// agent's spend (goods bought net of returns, entry and training fees paid)
// without keeping dates, since dated rows would cost memory in proportion to
// the bundle. A report that needs dates for a few agents (when an
// organiser's team crossed a money threshold) reads orders.csv and
// payments.csv once more, through this. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "base/civil_date.h"
#include "graph/exact_amount.h"
#include "graph/load_report.h"
#include "graph/network.h"

namespace tiersight::graph {

// One row's part of the figure `spend`: a sale line an agent bought (its
// amount), a return of one (minus its amount), or an entry or training fee
// an agent paid.
struct DatedSpend {
  uint32_t agent = kNoAgent;
  base::Day day = base::kNoDay;
  Amount amount = 0;
};

using SpendVisitor = std::function<void(const DatedSpend&)>;

// Calls `visit` for every spend of the rows the load accepted, in file
// order (orders.csv, then payments.csv). `network` and `load` are what
// LoadBundle gave for `dir`: rows it rejected (by their line) or ignored
// (dated after the declared as_of) are skipped as it skipped them, so the
// spends of an agent sum to its `spend`. FAILED_PRECONDITION, naming the
// file, when a file cannot be read again or no longer holds the rows the
// load accepted (the bundle changed on disk since).
absl::Status ForEachDatedSpend(const std::string& dir, const Network& network,
                               const LoadReport& load, const SpendVisitor& visit);

}  // namespace tiersight::graph
