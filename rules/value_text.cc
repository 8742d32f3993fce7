#include "rules/value_text.h"

#include <fmt/format.h>

#include <cmath>

#include "graph/exact_amount.h"

namespace tiersight::rules {
namespace {

// The sentinel the catalogue uses for "no sales at all" in rates.
constexpr double kUnbounded = 999.0;

}  // namespace

std::string GroupedInteger(int64_t value) {
  const bool negative = value < 0;
  std::string digits =
      fmt::format("{}", negative ? -static_cast<uint64_t>(value) : static_cast<uint64_t>(value));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string MoneyText(int64_t exact, std::string_view currency) {
  const bool negative = exact < 0;
  const uint64_t magnitude =
      negative ? -static_cast<uint64_t>(exact) : static_cast<uint64_t>(exact);
  const uint64_t scale = static_cast<uint64_t>(graph::kAmountScale);
  std::string fraction = fmt::format("{:04}", magnitude % scale);
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  std::string number = GroupedInteger(static_cast<int64_t>(magnitude / scale)) + "." + fraction;
  if (negative) number = "-" + number;
  return currency.empty() ? number : fmt::format("{} {}", currency, number);
}

std::string ValueText(const FigureValue& value, std::string_view currency, bool percent) {
  const double v = value.value;
  if (percent || value.unit == graph::FigureUnit::kShare) {
    return fmt::format("{:.1f}%", v * 100.0);
  }
  switch (value.unit) {
    case graph::FigureUnit::kMoney:
      if (value.exact) return MoneyText(*value.exact, currency);
      return MoneyText(std::llround(v * static_cast<double>(graph::kAmountScale)), currency);
    case graph::FigureUnit::kCount:
    case graph::FigureUnit::kUnits:
    case graph::FigureUnit::kFlag:
      return GroupedInteger(value.exact ? *value.exact : std::llround(v));
    case graph::FigureUnit::kMonths:
      if (v >= kUnbounded) return "unbounded (no retail)";
      return fmt::format("{:.1f} months", v);
    case graph::FigureUnit::kRatio:
      if (v >= kUnbounded) return "unbounded";
      return fmt::format("{:.2f}", v);
    case graph::FigureUnit::kShare:
    case graph::FigureUnit::kTable:
      break;
  }
  return fmt::format("{}", v);
}

}  // namespace tiersight::rules
