#include "exports/number_format.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <locale>

#include "base/str_cat.h"

namespace tiersight::exports {
namespace {

// Comma every three digits and a point for decimals, whatever the
// environment's locale says.
class ReportNumpunct : public std::numpunct<char> {
 protected:
  char do_thousands_sep() const override { return ','; }
  char do_decimal_point() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

const std::locale& ReportLocale() {
  static const std::locale* locale = new std::locale(std::locale::classic(), new ReportNumpunct);
  return *locale;
}

// Avoids "-0" for values that round to zero.
double WithoutNegativeZero(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) == 0 ? 0.0 : value;
}

}  // namespace

std::string FormatCount(int64_t value) { return fmt::format(ReportLocale(), "{:L}", value); }

std::string FormatUnits(double value) {
  return FormatCount(static_cast<int64_t>(std::llround(value)));
}

std::string FormatAmount(double value, std::string_view currency, int decimals) {
  std::string number =
      fmt::format(ReportLocale(), "{:.{}Lf}", WithoutNegativeZero(value, decimals), decimals);
  if (currency.empty()) return number;
  return fmt::format("{} {}", currency, number);
}

std::string FormatExactAmount(std::string_view exact, std::string_view currency, int decimals) {
  const bool negative = exact.starts_with('-');
  const std::string_view digits = exact.substr(negative ? 1 : 0);
  const size_t point = digits.find('.');
  const std::string_view whole = digits.substr(0, point);
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : digits.substr(point + 1);
  int64_t units = 0;
  const auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), units);
  const bool decimal = !whole.empty() && ec == std::errc() && end == whole.data() + whole.size() &&
                       fraction.find_first_not_of("0123456789") == std::string_view::npos;
  if (!decimal) return std::string(exact);
  std::string number = StrCat(negative ? "-" : "", FormatCount(units), ".", fraction);
  if (static_cast<int>(fraction.size()) < decimals) {
    number.append(static_cast<size_t>(decimals) - fraction.size(), '0');
  }
  if (decimals == 0 && fraction.empty()) number.pop_back();  // no point without decimals
  if (currency.empty()) return number;
  return fmt::format("{} {}", currency, number);
}

std::string FormatShare(double share) {
  return fmt::format("{:.1f}%", WithoutNegativeZero(share * 100.0, 1));
}

}  // namespace tiersight::exports
