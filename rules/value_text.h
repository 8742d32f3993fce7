// How a finding's message states a value: in its unit, from the exact
// integer where there is one (money to at most 4 decimals, with the
// currency; counts with thousands separators), shares as percentages,
// durations with their unit. JSON keeps the unrounded value; only text is
// rounded. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "rules/finding.h"

namespace tiersight::rules {

// `percent` asks for a percentage whatever the unit ("{x:%}").
std::string ValueText(const FigureValue& value, std::string_view currency, bool percent = false);

// An exact amount (1/10,000 of the currency) as "CNY 1,234.5" (two to four
// decimals, trailing zeros past two dropped); without a currency, the
// number alone.
std::string MoneyText(int64_t exact, std::string_view currency);

// 1234567 -> "1,234,567".
std::string GroupedInteger(int64_t value);

}  // namespace tiersight::rules
