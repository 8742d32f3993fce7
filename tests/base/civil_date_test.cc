#include "base/civil_date.h"

#include <gtest/gtest.h>

namespace tiersight::base {
namespace {

TEST(CivilDateTest, ParsesPlainDaysAndRoundTrips) {
  ASSERT_EQ(base::ParseDay("1970-01-01"), 0);
  ASSERT_EQ(base::ParseDay("1970-01-31"), 30);
  EXPECT_EQ(base::FormatDay(*base::ParseDay("2024-02-29")), "2024-02-29");
  EXPECT_EQ(base::FormatDay(*base::ParseDay("2026-09-30")), "2026-09-30");
  EXPECT_EQ(*base::ParseDay("2026-03-01") - *base::ParseDay("2026-02-28"), 1);
}

TEST(CivilDateTest, TimestampsCountOnlyTheDayWithoutZoneConversion) {
  EXPECT_EQ(base::ParseDay("2026-09-30T23:59:59+08:00"), base::ParseDay("2026-09-30"));
  EXPECT_EQ(base::ParseDay("2026-09-30T00:00:00Z"), base::ParseDay("2026-09-30"));
  EXPECT_EQ(base::ParseDay("2026-09-30T10:15"), base::ParseDay("2026-09-30"));
  EXPECT_EQ(base::ParseDay("2026-09-30T10:15:00.123-0500"), base::ParseDay("2026-09-30"));
  EXPECT_EQ(base::ParseDay("2026-09-30 10:15:00"), base::ParseDay("2026-09-30"));
}

TEST(CivilDateTest, RejectsWhatIsNotADay) {
  for (const char* bad :
       {"", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "2026/01/05",
        "20260105", "2026-01-05T", "2026-01-05Tnoon", "2026-01-05x", "26-01-05", "2026-01-32"}) {
    EXPECT_FALSE(base::ParseDay(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace tiersight::base
