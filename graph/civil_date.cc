#include "graph/civil_date.h"

#include <fmt/format.h>

namespace tiersight::graph {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
Day DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

// hh:mm[:ss[.fraction]] followed by nothing, Z, or ±hh[:]mm.
bool IsTimeOfDay(std::string_view t) {
  auto two = [&](size_t at, int max) {
    return t.size() >= at + 2 && IsDigit(t[at]) && IsDigit(t[at + 1]) &&
           ToInt(t.substr(at, 2)) <= max;
  };
  if (!two(0, 23) || t.size() < 5 || t[2] != ':' || !two(3, 59)) return false;
  size_t i = 5;
  if (i < t.size() && t[i] == ':') {
    if (!two(i + 1, 60)) return false;
    i += 3;
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
      size_t j = i + 1;
      while (j < t.size() && IsDigit(t[j])) ++j;
      if (j == i + 1) return false;
      i = j;
    }
  }
  std::string_view zone = t.substr(i);
  if (zone.empty() || zone == "Z" || zone == "z") return true;
  if (zone[0] != '+' && zone[0] != '-') return false;
  zone.remove_prefix(1);
  if (zone.size() == 5 && zone[2] == ':') {
    return AllDigits(zone.substr(0, 2)) && AllDigits(zone.substr(3, 2));
  }
  return (zone.size() == 4 || zone.size() == 2) && AllDigits(zone);
}

}  // namespace

std::optional<Day> ParseDay(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  std::string_view day = text.substr(0, 10);
  if (day[4] != '-' || day[7] != '-' || !AllDigits(day.substr(0, 4)) ||
      !AllDigits(day.substr(5, 2)) || !AllDigits(day.substr(8, 2))) {
    return std::nullopt;
  }
  if (text.size() > 10) {
    const char sep = text[10];
    if ((sep != 'T' && sep != 't' && sep != ' ') || !IsTimeOfDay(text.substr(11))) {
      return std::nullopt;
    }
  }
  const int y = ToInt(day.substr(0, 4));
  const int m = ToInt(day.substr(5, 2));
  const int d = ToInt(day.substr(8, 2));
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string FormatDay(Day day) {
  // civil_from_days, the inverse of DaysFromCivil.
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y0 = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = y0 + (m <= 2);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

}  // namespace tiersight::graph
