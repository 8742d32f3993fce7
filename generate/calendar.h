// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
#ifndef TIERSIGHT_GENERATE_CALENDAR_H_
#define TIERSIGHT_GENERATE_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace tiersight::generate {

inline constexpr int kIsoDateLength = 10;  // YYYY-MM-DD

struct CivilDate {
  int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

// Day number of a civil date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(const CivilDate& date);
// Civil date of a day number.
CivilDate CivilFromDays(int64_t days);

// Parses a strict `YYYY-MM-DD` (years 1000..9999, a real calendar day).
std::optional<int64_t> ParseIsoDate(std::string_view text);
// Writes `YYYY-MM-DD` (exactly kIsoDateLength bytes) for a day in years 1000..9999.
void FormatIsoDate(int64_t days, char* out);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_CALENDAR_H_
