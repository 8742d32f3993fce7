#include "graph/participant_distributions.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace tiersight::graph {
namespace {

// Months since year 0, so that consecutive months are consecutive integers.
int64_t MonthIndex(base::Day day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return int64_t{static_cast<int>(ymd.year())} * 12 + static_cast<unsigned>(ymd.month()) - 1;
}

}  // namespace

RecruitsByMonth CountRecruitsByMonth(const std::vector<base::Day>& joined) {
  RecruitsByMonth out;
  // Two passes, so that no per-agent month is stored: the span of days,
  // then the counts.
  base::Day first_day = base::kNoDay, last_day = base::kNoDay;
  for (base::Day day : joined) {
    if (day == base::kNoDay) {
      ++out.without_joined_at;
      continue;
    }
    if (first_day == base::kNoDay || day < first_day) first_day = day;
    if (last_day == base::kNoDay || day > last_day) last_day = day;
  }
  if (first_day == base::kNoDay) return out;
  const int64_t first_month = MonthIndex(first_day);
  out.months.resize(static_cast<size_t>(MonthIndex(last_day) - first_month + 1));
  for (size_t i = 0; i < out.months.size(); ++i) {
    const int64_t index = first_month + static_cast<int64_t>(i);
    out.months[i].year = static_cast<int32_t>(index / 12);
    out.months[i].month = static_cast<uint32_t>(index % 12) + 1;
  }
  for (base::Day day : joined) {
    if (day != base::kNoDay)
      ++out.months[static_cast<size_t>(MonthIndex(day) - first_month)].agents;
  }
  return out;
}

std::vector<NetCashPercentile> NetCashPercentiles(std::vector<Amount>& net_cash) {
  std::vector<NetCashPercentile> out;
  if (net_cash.empty()) return out;
  const size_t n = net_cash.size();
  for (int p : kNetCashPercentiles) {
    // Nearest rank: the smallest value with at least p% of the values at or
    // below it; rank 1 for the 0th percentile.
    const auto rank =
        static_cast<size_t>(std::ceil(static_cast<double>(p) / 100.0 * static_cast<double>(n)));
    const size_t index = rank == 0 ? 0 : rank - 1;
    std::nth_element(net_cash.begin(), net_cash.begin() + static_cast<std::ptrdiff_t>(index),
                     net_cash.end());
    out.push_back({.percentile = p, .net_cash = net_cash[index]});
  }
  return out;
}

}  // namespace tiersight::graph
