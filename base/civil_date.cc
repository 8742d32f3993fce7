#include "base/civil_date.h"

#include <chrono>

namespace tiersight::base {
namespace {

namespace chr = std::chrono;

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

void PutDigits(unsigned value, int width, char* out) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

std::optional<Day> DayOf(int year, unsigned month, unsigned day) {
  const chr::year_month_day date{chr::year{year}, chr::month{month}, chr::day{day}};
  if (!date.ok()) return std::nullopt;
  return static_cast<Day>(chr::sys_days{date}.time_since_epoch().count());
}

YearMonthDay CalendarDateOf(Day day) {
  const chr::year_month_day date{chr::sys_days{chr::days{day}}};
  return YearMonthDay{.year = static_cast<int>(date.year()),
                      .month = static_cast<unsigned>(date.month()),
                      .day = static_cast<unsigned>(date.day())};
}

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
  return DayOf(ToInt(day.substr(0, 4)), static_cast<unsigned>(ToInt(day.substr(5, 2))),
               static_cast<unsigned>(ToInt(day.substr(8, 2))));
}

void FormatDayTo(Day day, char* out) {
  const YearMonthDay date = CalendarDateOf(day);
  PutDigits(static_cast<unsigned>(date.year), 4, out);
  out[4] = '-';
  PutDigits(date.month, 2, out + 5);
  out[7] = '-';
  PutDigits(date.day, 2, out + 8);
}

std::string FormatDay(Day day) {
  std::string out(kIsoDateLength, '0');
  FormatDayTo(day, out.data());
  return out;
}

}  // namespace tiersight::base
