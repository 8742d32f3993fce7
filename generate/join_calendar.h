// When agents join: a growth curve over the days of the generated period,
// shared by every simulated profile. Immutable after construction;
// thread-safe.
#ifndef TIERSIGHT_GENERATE_JOIN_CALENDAR_H_
#define TIERSIGHT_GENERATE_JOIN_CALENDAR_H_

#include <cstdint>
#include <vector>

namespace tiersight::generate {

class JoinCalendar {
 public:
  // Day d of 0..span_days weighs (d + offset)^power, times (span_days +
  // decline_offset - d) when decline_offset > 0 (the boom flattening).
  JoinCalendar(int span_days, uint32_t offset, uint32_t power, uint32_t decline_offset);

  // The day agent i of n joins: the first day whose cumulative weight passes
  // i / n of the total. Nondecreasing in i; agent 0 founds the network on day 0.
  int DayOf(uint64_t i, uint64_t n) const;

 private:
  std::vector<uint64_t> cumulative_;
};

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_JOIN_CALENDAR_H_
