// Exact money amounts and unit counts as the bundle format writes them.
//
// Amounts are held as integer multiples of 1/10,000 of the currency unit: ISO 4217
// currencies have at most four minor digits, and integer sums are exact and
// independent of summation order, so the same bundle always gives the same
// figures. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace tiersight::graph {

// One ten-thousandth of the currency unit.
using Amount = int64_t;
inline constexpr Amount kAmountScale = 10'000;
inline constexpr int kAmountDecimals = 4;

// A parsed number, or the reason it is not one (worded for a load report).
template <typename T>
struct Parsed {
  T value{};
  std::string error;  // empty when the text was a valid number
  bool ok() const { return error.empty(); }
};

// `quantity`: optional sign and decimal digits only ("3.0", "1e3" and "1,000"
// are errors). The sign of the result is kept; range checks are the caller's.
Parsed<int64_t> ParseQuantity(std::string_view text);

// `amount`: optional sign, digits, optional `.` and digits; no exponent, no
// thousands separators. "-0.00" is 0. A fifth non-zero decimal is an error
// because it cannot be held exactly.
Parsed<Amount> ParseAmount(std::string_view text);

// Formats an amount as a plain decimal with no trailing zeros ("12.5", "-3",
// "0.0001"): the shortest text that reads back to the same value.
std::string FormatAmount(Amount amount);

// Converts to a double for ratios and JSON numbers: exact for any amount
// below 2^53 ten-thousandths (about 900 billion currency units).
inline double AmountToDouble(Amount amount) {
  return static_cast<double>(amount) / static_cast<double>(kAmountScale);
}

}  // namespace tiersight::graph
