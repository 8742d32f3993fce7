#include "graph/participant_distributions.h"

#include <gtest/gtest.h>

namespace tiersight::graph {
namespace {

base::Day D(const char* text) { return *base::ParseDay(text); }

TEST(RecruitsByMonth, CountsEveryMonthFromFirstToLastJoin) {
  const RecruitsByMonth r = CountRecruitsByMonth(
      {D("2025-12-31"), base::kNoDay, D("2026-02-01"), D("2026-02-28"), D("2025-12-01")});
  ASSERT_EQ(r.months.size(), 3u);  // 2025-12, 2026-01 (none), 2026-02
  EXPECT_EQ(r.months[0].year, 2025);
  EXPECT_EQ(r.months[0].month, 12u);
  EXPECT_EQ(r.months[0].agents, 2);
  EXPECT_EQ(r.months[1].year, 2026);
  EXPECT_EQ(r.months[1].month, 1u);
  EXPECT_EQ(r.months[1].agents, 0);
  EXPECT_EQ(r.months[2].month, 2u);
  EXPECT_EQ(r.months[2].agents, 2);
  EXPECT_EQ(r.without_joined_at, 1);
}

TEST(RecruitsByMonth, NoDatesNoMonths) {
  const RecruitsByMonth r = CountRecruitsByMonth({base::kNoDay, base::kNoDay});
  EXPECT_TRUE(r.months.empty());
  EXPECT_EQ(r.without_joined_at, 2);
}

TEST(NetCashPercentiles, NearestRank) {
  // 1..10 shuffled: the 10th percentile is the 1st value, the median the
  // 5th, the 25th the 3rd (rank ceil(2.5)), the 90th the 9th.
  std::vector<Amount> cash{7, -3, 10, 1, 5, 2, 9, 4, 8, 6};
  const std::vector<NetCashPercentile> p = NetCashPercentiles(cash);
  ASSERT_EQ(p.size(), std::size(kNetCashPercentiles));
  const std::vector<std::pair<int, Amount>> expected{{0, -3}, {10, -3}, {25, 2},  {50, 5},
                                                     {75, 8}, {90, 9},  {100, 10}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(p[i].percentile, expected[i].first);
    EXPECT_EQ(p[i].net_cash, expected[i].second) << "P" << expected[i].first;
  }
}

TEST(NetCashPercentiles, EmptyForNoAgents) {
  std::vector<Amount> none;
  EXPECT_TRUE(NetCashPercentiles(none).empty());
}

}  // namespace
}  // namespace tiersight::graph
