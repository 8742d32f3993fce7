// How the participants spread over time and over outcomes: recruits per
// calendar month of joined_at, and percentiles of net_cash. Reports chart
// them; rules do not use them. Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <vector>

#include "base/civil_date.h"
#include "graph/exact_amount.h"

namespace tiersight::graph {

struct MonthRecruits {
  int32_t year = 0;
  uint32_t month = 0;  // 1..12
  int64_t agents = 0;
};

struct RecruitsByMonth {
  // From the month of the earliest joined_at to the month of the latest,
  // months without a recruit included with 0.
  std::vector<MonthRecruits> months;
  int64_t without_joined_at = 0;
};

// `joined` holds one day per agent, base::kNoDay where joined_at is absent.
RecruitsByMonth CountRecruitsByMonth(const std::vector<base::Day>& joined);

struct NetCashPercentile {
  int percentile = 0;
  Amount net_cash = 0;
};

// The percentiles reported of net_cash.
inline constexpr int kNetCashPercentiles[] = {0, 10, 25, 50, 75, 90, 100};

// Nearest-rank percentiles (the 0th is the lowest value) of `net_cash`,
// which is reordered. Empty for no agents.
std::vector<NetCashPercentile> NetCashPercentiles(std::vector<Amount>& net_cash);

}  // namespace tiersight::graph
