#include "generate/join_calendar.h"

#include <algorithm>

#include "generate/random.h"

namespace tiersight::generate {
namespace {

uint64_t IntPow(uint64_t base, uint32_t power) {
  uint64_t result = 1;
  for (uint32_t i = 0; i < power; ++i) result *= base;
  return result;
}

}  // namespace

JoinCalendar::JoinCalendar(int span_days, uint32_t offset, uint32_t power,
                           uint32_t decline_offset) {
  cumulative_.resize(static_cast<size_t>(span_days) + 1);
  uint64_t total = 0;
  for (int d = 0; d <= span_days; ++d) {
    uint64_t weight = IntPow(static_cast<uint64_t>(d) + offset, power);
    if (decline_offset > 0) weight *= static_cast<uint64_t>(span_days - d) + decline_offset;
    total += weight;
    cumulative_[d] = total;
  }
}

int JoinCalendar::DayOf(uint64_t i, uint64_t n) const {
  const auto target = static_cast<uint64_t>((static_cast<Uint128>(i) * cumulative_.back()) / n);
  return static_cast<int>(std::upper_bound(cumulative_.begin(), cumulative_.end(), target) -
                          cumulative_.begin());
}

}  // namespace tiersight::generate
