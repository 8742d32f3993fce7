#include <gtest/gtest.h>

#include "exports/number_format.h"

namespace tiersight::exports {
namespace {

TEST(NumberFormat, GroupsThousands) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(-1234), "-1,234");
}

TEST(NumberFormat, RoundsUnits) {
  EXPECT_EQ(FormatUnits(12345.0), "12,345");
  EXPECT_EQ(FormatUnits(-2.0), "-2");
}

TEST(NumberFormat, AmountsCarryTheCurrency) {
  EXPECT_EQ(FormatAmount(1234567.891, "CNY"), "CNY 1,234,567.89");
  EXPECT_EQ(FormatAmount(-1234.5, "CNY"), "CNY -1,234.50");
  EXPECT_EQ(FormatAmount(98765.4, "EUR", 0), "EUR 98,765");
  EXPECT_EQ(FormatAmount(12.5, ""), "12.50");
}

TEST(NumberFormat, ExactAmountsKeepEveryDecimalTheyHave) {
  EXPECT_EQ(FormatExactAmount("1234567.8912", "CNY"), "CNY 1,234,567.8912");
  EXPECT_EQ(FormatExactAmount("1234.5", "CNY"), "CNY 1,234.50");
  EXPECT_EQ(FormatExactAmount("-12", "CNY"), "CNY -12.00");
  EXPECT_EQ(FormatExactAmount("-0.0001", ""), "-0.0001");
  EXPECT_EQ(FormatExactAmount("90071992547409.9301", "CNY"), "CNY 90,071,992,547,409.9301");
  EXPECT_EQ(FormatExactAmount("12", "", 0), "12");
  // Not a decimal: shown as it is rather than as a wrong number.
  EXPECT_EQ(FormatExactAmount("1e3", "CNY"), "1e3");
  EXPECT_EQ(FormatExactAmount("", "CNY"), "");
}

TEST(NumberFormat, NoNegativeZero) {
  EXPECT_EQ(FormatAmount(-0.001, "CNY"), "CNY 0.00");
  EXPECT_EQ(FormatShare(-0.00001), "0.0%");
}

TEST(NumberFormat, SharesArePercentages) {
  EXPECT_EQ(FormatShare(0.4231), "42.3%");
  EXPECT_EQ(FormatShare(1.0), "100.0%");
}

}  // namespace
}  // namespace tiersight::exports
