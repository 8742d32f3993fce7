// Calendar days as the bundle format writes them, the one calendar of the
// project: a lenient front end (ParseDay accepts a day or a full ISO 8601
// timestamp and keeps only the day) over C++20 <chrono> arithmetic.
//
// A day is held as the number of days since 1970-01-01 (proleptic Gregorian), so
// that "within 30 days" and "after as_of" are integer comparisons. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tiersight::base {

using Day = int32_t;

// Marks an absent date in columnar storage.
inline constexpr Day kNoDay = INT32_MIN;

// Parses `YYYY-MM-DD`, or a full ISO 8601 timestamp whose day part is that
// (`2026-09-30T12:00:00+08:00`, `...Z`, a space instead of `T`); only the day
// counts and no time-zone conversion is made. Returns nullopt for anything
// else, including impossible days such as 2026-02-30.
std::optional<Day> ParseDay(std::string_view text);

// Formats a day as `YYYY-MM-DD`. REQUIRES: day != kNoDay.
std::string FormatDay(Day day);

inline constexpr int kIsoDateLength = 10;  // YYYY-MM-DD

// Writes `YYYY-MM-DD` (exactly kIsoDateLength bytes, no terminator) for a day
// in the years 0..9999.
void FormatDayTo(Day day, char* out);

// The day of a calendar date; nullopt for an impossible date (2026-02-30).
std::optional<Day> DayOf(int year, unsigned month, unsigned day);

struct YearMonthDay {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};
YearMonthDay CalendarDateOf(Day day);

}  // namespace tiersight::base
