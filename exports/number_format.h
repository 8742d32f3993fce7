// Numbers as a reader of an exported report expects them: thousands
// separators, amounts with the network's currency, shares as percentages.
// Independent of the process locale, so that a report renders to the same
// bytes on every machine. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tiersight::exports {

// 12345678 -> "12,345,678".
std::string FormatCount(int64_t value);

// Units are whole numbers carried as doubles: rounded, then grouped.
std::string FormatUnits(double value);

// 1234567.891 with "CNY" -> "CNY 1,234,567.89"; without a currency code, the
// number alone. `decimals` 0 suits chart labels, 2 tables.
std::string FormatAmount(double value, std::string_view currency, int decimals = 2);

// An exact decimal as the report carries it (FigureValue.exact, at most 4
// decimals): "1234.5" with "CNY" -> "CNY 1,234.50", "-0.0001" ->
// "CNY -0.0001"; grouped, with at least `decimals` decimals and every one it
// has. Text that is no decimal is returned as it is.
std::string FormatExactAmount(std::string_view exact, std::string_view currency, int decimals = 2);

// 0.4231 -> "42.3%".
std::string FormatShare(double share);

}  // namespace tiersight::exports
