#include "graph/exact_amount.h"

#include <fmt/format.h>

#include <limits>

namespace tiersight::graph {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Accumulates decimal digits into `value`; false on overflow.
bool AccumulateDigits(std::string_view digits, int64_t& value) {
  for (char c : digits) {
    const int d = c - '0';
    if (value > (kMax - d) / 10) return false;
    value = value * 10 + d;
  }
  return true;
}

}  // namespace

Parsed<int64_t> ParseQuantity(std::string_view text) {
  Parsed<int64_t> out;
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) {
    out.error = fmt::format("'{}' is not an integer", text);
    return out;
  }
  for (char c : s) {
    if (!IsDigit(c)) {
      out.error = fmt::format(
          "'{}' is not an integer (digits only: no decimal point, exponent or separators)", text);
      return out;
    }
  }
  if (!AccumulateDigits(s, out.value)) {
    out.error = fmt::format("'{}' is out of range", text);
    return out;
  }
  if (negative) out.value = -out.value;
  return out;
}

Parsed<Amount> ParseAmount(std::string_view text) {
  Parsed<Amount> out;
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  auto all_digits = [](std::string_view v) {
    for (char c : v) {
      if (!IsDigit(c)) return false;
    }
    return true;
  };
  const bool has_dot = dot != std::string_view::npos;
  if (whole.empty() || !all_digits(whole) || !all_digits(frac) || (has_dot && frac.empty())) {
    out.error = fmt::format(
        "'{}' is not a decimal (digits with an optional '.' and digits; no exponent or separators)",
        text);
    return out;
  }
  // Extra decimals are fine only while they are zeros.
  for (size_t i = kAmountDecimals; i < frac.size(); ++i) {
    if (frac[i] != '0') {
      out.error = fmt::format("'{}' has more than {} non-zero decimals", text, kAmountDecimals);
      return out;
    }
  }
  int64_t value = 0;
  std::string padded(frac.substr(0, std::min<size_t>(frac.size(), kAmountDecimals)));
  padded.resize(kAmountDecimals, '0');
  if (!AccumulateDigits(whole, value) || !AccumulateDigits(padded, value)) {
    out.error = fmt::format("'{}' is out of range", text);
    return out;
  }
  out.value = negative ? -value : value;
  return out;
}

std::string FormatAmount(Amount amount) {
  const bool negative = amount < 0;
  // Work in unsigned so that INT64_MIN formats too.
  const uint64_t magnitude =
      negative ? static_cast<uint64_t>(-(amount + 1)) + 1 : static_cast<uint64_t>(amount);
  const uint64_t whole = magnitude / kAmountScale;
  uint64_t frac = magnitude % kAmountScale;
  std::string out = fmt::format("{}{}", negative ? "-" : "", whole);
  if (frac != 0) {
    std::string digits = fmt::format("{:04d}", frac);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += '.';
    out += digits;
  }
  return out;
}

}  // namespace tiersight::graph
