// Hand-computed figures for a small network that exercises every core figure:
// returns to an upline and to the company, retail returns, fees to the company
// and to an upline, negative on-hand stock, an agent with no joined_at, an
// agent without a tier, a tier not listed in network.yaml, and two tops.
//
//   T1 (总代, joined 01-01)            T2 (no tier, no joined_at)
//   ├── A (一级代理, joined 01-10)
//   │   └── C (特约, joined 03-01)
//   └── B (VIP, joined 02-01)
//
// Every expected value below is worked out by hand from the definitions in
// BUNDLE-FORMAT.md; the comments show the arithmetic.

#include "graph/figures.h"

#include <gtest/gtest.h>

#include "graph/exact_amount.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {
namespace {

using testing::ComputeOrFail;
using testing::TempBundle;

Amount Money(const char* text) {
  Parsed<Amount> p = ParseAmount(text);
  EXPECT_TRUE(p.ok()) << text;
  return p.value;
}

constexpr char kAgents[] = R"(agent_id,sponsor_id,tier,joined_at,left_at,region,name
T1,,总代,2026-01-01,,Zhejiang,Top One
A,T1,一级代理,2026-01-10,,"Guangdong, Shenzhen",Agent A
B,T1,VIP,2026-02-01,2026-06-01,Hunan,Agent B
C,A,特约,2026-03-01,,Hunan,Agent C
T2,,,,,Sichuan,Top Two
)";

constexpr char kOrders[] = R"(order_id,date,seller_id,buyer_id,sku,quantity,amount,kind
O1,2026-01-01,,T1,MASK,100,1000.00,sale
O2,2026-01-12,T1,A,MASK,30,450.00,sale
O3,2026-01-20,A,,MASK,10,200.00,
O4,2026-01-25,A,,MASK,2,40.00,return
O5,2026-02-05,T1,B,MASK,20,300.00,sale
O6,2026-02-10,T1,B,MASK,5,75.00,RETURN
O7,2026-03-02,A,C,MASK,5,90.00,sale
O8,2026-03-05,,T2,MASK,10,100,sale
O9,2026-03-06,,T2,MASK,4,40,return
O10,2026-03-07,,,MASK,3,30,sale
O11,2026-04-01,C,,MASK,8,160,sale
O12,2026-03-20,T2,,MASK,6,120,sale
)";

constexpr char kPayments[] = R"(payment_id,date,payer_id,payee_id,amount,kind
P1,2026-01-10,A,,99,entry_fee
P2,2026-01-10,A,T1,50,training_fee
P3,2026-01-11,,T1,30,recruitment_bonus
P4,2026-01-31,,T1,12.5,override
P5,2026-02-01,,A,20,retail_commission
P6,2026-03-01,B,,99,entry_fee
P7,2026-03-10,A,C,5,other
P8,2026-03-15,,C,7,refund
P9,2026-03-30,C,,10,entry_fee
P10,2026-03-31,C,,20,training_fee
P11,2026-02-01,,T2,1,other
)";

constexpr char kNetwork[] = R"(name: Hand-computed network
currency: CNY
tiers: [联创, 总代, 一级代理, 特约]
)";

class FiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bundle_.Write("agents.csv", kAgents)
        .Write("orders.csv", kOrders)
        .Write("payments.csv", kPayments)
        .Write("network.yaml", kNetwork);
    computed_ = ComputeOrFail(bundle_);
    ASSERT_TRUE(computed_.loaded.network);
  }

  TempBundle bundle_;
  testing::Computed computed_;
};

TEST_F(FiguresTest, TopWithReturnsFromItsRecruits) {
  const AgentFigureValues t1 = computed_.Agent("T1");
  EXPECT_EQ(t1[kDepth], 1);
  EXPECT_EQ(t1[kDirectRecruits], 2);
  EXPECT_EQ(t1[kDownlineSize], 3);
  EXPECT_EQ(t1[kDownlineDepth], 2);
  EXPECT_EQ(t1[kUnitsBought], 100);
  EXPECT_EQ(t1[kUnitsSoldToAgents], 45);  // 30 + 20 - 5 returned by B
  EXPECT_EQ(t1[kUnitsRetailed], 0);
  EXPECT_EQ(t1[kUnitsOnHand], 55);
  EXPECT_EQ(t1[kSpend], Money("1000"));
  EXPECT_EQ(t1[kWholesaleRevenue], Money("675"));  // 450 + 300 - 75
  EXPECT_EQ(t1[kRetailRevenue], 0);
  EXPECT_EQ(t1[kSalesRevenue], Money("675"));
  EXPECT_EQ(t1[kFeesReceived], Money("50"));
  EXPECT_EQ(t1[kRecruitmentBonuses], Money("30"));
  EXPECT_EQ(t1[kOverrides], Money("12.5"));
  EXPECT_EQ(t1[kRecruitmentRewards], Money("42.5"));
  EXPECT_EQ(t1[kRetailRewards], 0);
  EXPECT_EQ(t1[kNetCash], Money("-232.5"));  // 675 + (50 + 30 + 12.5) - 1000
}

TEST_F(FiguresTest, AgentWithRetailReturnsFeesAndOtherPayments) {
  const AgentFigureValues a = computed_.Agent("A");
  EXPECT_EQ(a[kDepth], 2);
  EXPECT_EQ(a[kDirectRecruits], 1);
  EXPECT_EQ(a[kDownlineSize], 1);
  EXPECT_EQ(a[kDownlineDepth], 1);
  EXPECT_EQ(a[kUnitsBought], 30);
  EXPECT_EQ(a[kUnitsSoldToAgents], 5);
  EXPECT_EQ(a[kUnitsRetailed], 8);  // 10 - 2 returned by a consumer
  EXPECT_EQ(a[kUnitsOnHand], 17);
  EXPECT_EQ(a[kSpend], Money("599"));  // 450 + 99 entry fee + 50 training fee
  EXPECT_EQ(a[kWholesaleRevenue], Money("90"));
  EXPECT_EQ(a[kRetailRevenue], Money("160"));  // 200 - 40
  EXPECT_EQ(a[kSalesRevenue], Money("250"));
  EXPECT_EQ(a[kRetailRewards], Money("20"));
  EXPECT_EQ(a[kRecruitmentRewards], 0);
  EXPECT_EQ(a[kNetCash], Money("-334"));  // 250 + 20 - 599 - 5 paid to C
}

TEST_F(FiguresTest, AgentWithReturnToItsSponsorAndNoRecruits) {
  const AgentFigureValues b = computed_.Agent("B");
  EXPECT_EQ(b[kDepth], 2);
  EXPECT_EQ(b[kDirectRecruits], 0);
  EXPECT_EQ(b[kDownlineSize], 0);
  EXPECT_EQ(b[kDownlineDepth], 0);
  EXPECT_EQ(b[kUnitsBought], 15);  // 20 - 5
  EXPECT_EQ(b[kUnitsOnHand], 15);
  EXPECT_EQ(b[kSpend], Money("324"));  // 300 - 75 + 99
  EXPECT_EQ(b[kNetCash], Money("-324"));
}

TEST_F(FiguresTest, NegativeOnHandIsKeptAndCounted) {
  const AgentFigureValues c = computed_.Agent("C");
  EXPECT_EQ(c[kDepth], 3);
  EXPECT_EQ(c[kUnitsBought], 5);
  EXPECT_EQ(c[kUnitsRetailed], 8);
  EXPECT_EQ(c[kUnitsOnHand], -3);
  EXPECT_EQ(c[kSpend], Money("120"));  // 90 + 10 + 20
  EXPECT_EQ(c[kRetailRevenue], Money("160"));
  EXPECT_EQ(c[kNetCash], Money("52"));  // 160 + 5 + 7 - 120
  EXPECT_EQ(computed_.figures.network.agents_with_negative_on_hand, 1);
  ASSERT_EQ(computed_.figures.negative_on_hand_agents.size(), 1u);
  EXPECT_EQ(computed_.network().id(computed_.figures.negative_on_hand_agents[0]), "C");
}

TEST_F(FiguresTest, SecondTopWithReturnToTheCompanyAndNoTier) {
  const AgentFigureValues t2 = computed_.Agent("T2");
  EXPECT_EQ(t2[kDepth], 1);
  EXPECT_EQ(t2[kUnitsBought], 6);  // 10 - 4 returned to the company
  EXPECT_EQ(t2[kUnitsRetailed], 6);
  EXPECT_EQ(t2[kUnitsOnHand], 0);
  EXPECT_EQ(t2[kSpend], Money("60"));
  EXPECT_EQ(t2[kNetCash], Money("61"));  // 120 + 1 - 60
}

TEST_F(FiguresTest, NetworkFigures) {
  const NetworkFigures& n = computed_.figures.network;
  EXPECT_EQ(n.participants, 5);
  EXPECT_EQ(n.max_depth, 3u);
  EXPECT_EQ(n.tops, 2u);
  // O1 + O8 - O9; the company's own retail sale O10 is not counted.
  EXPECT_EQ(n.company_goods_revenue, Money("1060"));
  EXPECT_EQ(n.company_fee_revenue, Money("228"));  // 99 + 99 + 10 + 20
  EXPECT_DOUBLE_EQ(n.fee_revenue_share, 228.0 / 1288.0);
  EXPECT_EQ(n.retail_units, 22);  // A 8 + C 8 + T2 6
  EXPECT_EQ(n.company_units_to_agents, 106);
  EXPECT_DOUBLE_EQ(n.retail_share, 22.0 / 106.0);
  EXPECT_EQ(n.units_on_hand, 84);             // 55 + 17 + 15 - 3 + 0
  EXPECT_DOUBLE_EQ(n.loss_share, 3.0 / 5.0);  // T1, A and B
  EXPECT_DOUBLE_EQ(n.recruitment_reward_share, 42.5 / 62.5);
  EXPECT_DOUBLE_EQ(n.internal_sales_share, 765.0 / 1205.0);
}

// Buy-ins in the first 30 days (days 0..29 after joined_at):
//   T1: O1 1000 (day 0)                          in 1000 of 1000
//   A:  O2 450, P1 99, P2 50 (days 0..2)          in 599 of 599
//   B:  O5 300 (day 4), P6 99 (day 28)            in 399 of 399 (O6 is a return)
//   C:  O7 90 (day 1), P9 10 (day 29), P10 20 (day 30, out)   in 100 of 120
//   T2: no joined_at, first seen 02-01 (P11); O8 100 is day 32   in 0 of 100
TEST_F(FiguresTest, RecruitSpendShareCountsTheFirstThirtyDays) {
  EXPECT_DOUBLE_EQ(computed_.figures.network.recruit_spend_share, 2098.0 / 2218.0);
}

TEST_F(FiguresTest, LevelsSumEveryFigureButDepth) {
  const auto& levels = computed_.figures.levels;
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_EQ(levels[0].depth, 1u);
  EXPECT_EQ(levels[0].agents, 2);  // T1, T2
  EXPECT_EQ(levels[0].sums[kDepth], 0);
  EXPECT_EQ(levels[0].sums[kDirectRecruits], 2);
  EXPECT_EQ(levels[0].sums[kDownlineSize], 3);
  EXPECT_EQ(levels[0].sums[kUnitsBought], 106);
  EXPECT_EQ(levels[0].sums[kUnitsRetailed], 6);
  EXPECT_EQ(levels[0].sums[kSpend], Money("1060"));
  EXPECT_EQ(levels[0].sums[kNetCash], Money("-171.5"));
  EXPECT_EQ(levels[1].agents, 2);  // A, B
  EXPECT_EQ(levels[1].sums[kUnitsOnHand], 32);
  EXPECT_EQ(levels[1].sums[kSpend], Money("923"));
  EXPECT_EQ(levels[1].sums[kNetCash], Money("-658"));
  EXPECT_EQ(levels[2].depth, 3u);
  EXPECT_EQ(levels[2].agents, 1);
  EXPECT_EQ(levels[2].sums[kUnitsOnHand], -3);
}

TEST_F(FiguresTest, TiersFollowNetworkYamlThenNewLabelsThenEmpty) {
  const auto& tiers = computed_.figures.tiers;
  ASSERT_EQ(tiers.size(), 6u);
  EXPECT_EQ(tiers[0].tier, "联创");
  EXPECT_EQ(tiers[0].agents, 0);  // listed but empty: still reported, with zeros
  EXPECT_EQ(tiers[0].sums[kSpend], 0);
  EXPECT_EQ(tiers[1].tier, "总代");
  EXPECT_EQ(tiers[1].agents, 1);
  EXPECT_EQ(tiers[1].sums[kUnitsOnHand], 55);
  EXPECT_EQ(tiers[2].tier, "一级代理");
  EXPECT_EQ(tiers[2].agents, 1);
  EXPECT_EQ(tiers[3].tier, "特约");
  EXPECT_EQ(tiers[4].tier, "VIP");
  EXPECT_EQ(tiers[4].sums[kUnitsBought], 15);
  EXPECT_EQ(tiers[5].tier, "");
  EXPECT_EQ(tiers[5].agents, 1);
  // The unlisted label is warned about at the line of its first appearance.
  bool warned = false;
  for (const LoadIssue& w : computed_.loaded.report.warnings) {
    if (w.file == "agents.csv" && w.line == 4 && w.reason.find("VIP") != std::string::npos) {
      warned = true;
    }
  }
  EXPECT_TRUE(warned);
}

TEST(FiguresWithoutNetworkYamlTest, TiersInOrderOfFirstAppearanceAndAsOfIsTheLatestDate) {
  TempBundle bundle;
  bundle.Write("agents.csv",
               "agent_id,sponsor_id,tier,joined_at\nX,,b,2026-01-01\nY,X,,2026-01-02\n"
               "Z,X,a,2026-05-09\nW,Z,b,\n");
  testing::Computed c = ComputeOrFail(bundle);
  const auto& tiers = c.figures.tiers;
  ASSERT_EQ(tiers.size(), 3u);
  EXPECT_EQ(tiers[0].tier, "b");
  EXPECT_EQ(tiers[0].agents, 2);
  EXPECT_EQ(tiers[1].tier, "a");
  EXPECT_EQ(tiers[2].tier, "");
  EXPECT_TRUE(c.loaded.report.warnings.empty());
  EXPECT_EQ(c.loaded.report.as_of, "2026-05-09");
}

TEST(FiguresEdgeTest, AgentsWithNoFlowsHaveZeroFiguresAndSharesAreZeroWithoutDenominators) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nX,\nY,X\n");
  testing::Computed c = ComputeOrFail(bundle);
  const AgentFigureValues y = c.Agent("Y");
  for (size_t i = kUnitsBought; i < kAgentFigureCount; ++i) {
    EXPECT_EQ(y[i], 0) << SpecOf(static_cast<AgentFigure>(i)).name;
  }
  const NetworkFigures& n = c.figures.network;
  EXPECT_EQ(n.fee_revenue_share, 0.0);
  EXPECT_EQ(n.retail_share, 0.0);
  EXPECT_EQ(n.loss_share, 0.0);
  EXPECT_EQ(n.recruitment_reward_share, 0.0);
  EXPECT_EQ(n.internal_sales_share, 0.0);
  EXPECT_EQ(n.recruit_spend_share, 0.0);
  EXPECT_EQ(c.loaded.report.as_of, "");
}

}  // namespace
}  // namespace tiersight::graph
