#include "graph/exact_amount.h"

#include <gtest/gtest.h>

namespace tiersight::graph {
namespace {

TEST(ExactAmountTest, ParsesDecimalsExactly) {
  EXPECT_EQ(ParseAmount("0.1").value + ParseAmount("0.2").value, ParseAmount("0.3").value);
  EXPECT_EQ(ParseAmount("1234.56").value, 12345600);
  EXPECT_EQ(ParseAmount("+7").value, 70000);
  EXPECT_EQ(ParseAmount("-0.00").value, 0);
  EXPECT_TRUE(ParseAmount("-0.00").ok());
  EXPECT_EQ(ParseAmount("-2.5").value, -25000);
  EXPECT_EQ(ParseAmount("1.2500000").value, 12500);
}

TEST(ExactAmountTest, RejectsExponentsSeparatorsAndExcessPrecision) {
  for (const char* bad : {"1e3", "1,000", "", ".5", "5.", "1.2.3", "abc", "--1", "1 000", "0x10",
                          "1.00001", "99999999999999999999"}) {
    EXPECT_FALSE(ParseAmount(bad).ok()) << bad;
  }
}

TEST(ExactAmountTest, QuantitiesAreSignedIntegersOnly) {
  EXPECT_EQ(ParseQuantity("12").value, 12);
  EXPECT_EQ(ParseQuantity("+3").value, 3);
  EXPECT_EQ(ParseQuantity("-3").value, -3);
  for (const char* bad : {"3.0", "1e3", "1,000", "", "+", "x", "99999999999999999999"}) {
    EXPECT_FALSE(ParseQuantity(bad).ok()) << bad;
  }
}

TEST(ExactAmountTest, FormatsTheShortestExactText) {
  EXPECT_EQ(FormatAmount(12345600), "1234.56");
  EXPECT_EQ(FormatAmount(-30000), "-3");
  EXPECT_EQ(FormatAmount(1), "0.0001");
  EXPECT_EQ(FormatAmount(0), "0");
  EXPECT_EQ(FormatAmount(-5), "-0.0005");
  EXPECT_EQ(FormatAmount(INT64_MIN), "-922337203685477.5808");
}

}  // namespace
}  // namespace tiersight::graph
