// Money by legal form and by who paid whom: every payment kind in each
// direction, goods, the joining purchases of the first 30 days (also for an
// agent without joined_at) and retail.
#include "graph/money_forms.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {
namespace {

using tiersight::testing::ComputeOrFail;
using tiersight::testing::kUnit;
using tiersight::testing::TempBundle;

constexpr size_t kToCompany = 0, kFromCompany = 1, kBetween = 2, kFromConsumers = 3;

std::map<std::string, MoneyFlow> ByForm(const std::vector<MoneyFlow>& flows) {
  std::map<std::string, MoneyFlow> out;
  for (const MoneyFlow& f : flows) out[std::string(f.form)] = f;
  return out;
}

TEST(MoneyFormsTest, EachFormSplitByWhoPaidWhom) {
  TempBundle b;
  b.Write("agents.csv", "agent_id,sponsor_id,joined_at\nA,,2026-01-01\nB,A,2026-01-10\nC,A,\n");
  b.Write("orders.csv",
          "order_id,date,seller_id,buyer_id,quantity,amount,kind\n"
          "1,2026-01-02,,A,10,100,sale\n"   // A joins: from the company
          "2,2026-01-12,A,B,4,48,sale\n"    // B joins: from its upline
          "3,2026-03-01,A,B,2,20,sale\n"    // after B's first 30 days
          "4,2026-01-15,A,B,1,10,return\n"  // returned within them
          "5,2026-01-20,A,,1,3,sale\n"      // retail
          "6,2026-02-01,,C,3,30,sale\n"     // C's first record: its window starts
          "7,2026-04-01,,C,1,5,sale\n");    // after it
  b.Write("payments.csv",
          "payment_id,date,payer_id,payee_id,amount,kind\n"
          "P1,2026-01-10,B,A,50,entry_fee\n"
          "P2,2026-01-01,A,,20,entry_fee\n"
          "P3,2026-01-11,,A,7,recruitment_bonus\n"
          "P4,2026-01-13,B,A,4,override\n"
          "P5,2026-01-16,,B,2,refund\n"
          "P6,2026-01-17,A,,1,other\n"
          "P7,2026-01-21,,A,3,retail_commission\n"
          "P8,2026-02-02,C,,6,TRAINING_FEE\n");
  auto computed = ComputeOrFail(b);
  const std::vector<MoneyFlow>& flows = computed.figures.network.money_flows;
  ASSERT_EQ(flows.size(), 10u);
  // The order a reader follows: joining, goods, recruiting, retail, the rest.
  EXPECT_EQ(flows[0].form, "entry_fee");
  EXPECT_EQ(flows[2].form, "joining_purchases");
  EXPECT_EQ(flows[9].form, "other");
  std::map<std::string, MoneyFlow> f = ByForm(flows);

  EXPECT_EQ(f["entry_fee"].amounts[kToCompany], 20 * kUnit);
  EXPECT_EQ(f["entry_fee"].amounts[kFromCompany], 0);
  EXPECT_EQ(f["entry_fee"].amounts[kBetween], 50 * kUnit);
  EXPECT_FALSE(f["entry_fee"].amounts[kFromConsumers].has_value());
  EXPECT_EQ(f["entry_fee"].total, 70 * kUnit);
  EXPECT_EQ(f["training_fee"].amounts[kToCompany], 6 * kUnit);

  // A's 100 and C's 30 (no joined_at: from its first record) from the
  // company; B's 48 less the 10 it returned within its window, from A.
  EXPECT_EQ(f["joining_purchases"].amounts[kToCompany], 130 * kUnit);
  EXPECT_EQ(f["joining_purchases"].amounts[kBetween], 38 * kUnit);
  EXPECT_FALSE(f["joining_purchases"].amounts[kFromCompany].has_value());
  EXPECT_EQ(f["goods"].amounts[kToCompany], 135 * kUnit);
  EXPECT_EQ(f["goods"].amounts[kBetween], 58 * kUnit);
  EXPECT_EQ(f["goods"].total, 193 * kUnit);

  EXPECT_EQ(f["recruitment_bonus"].amounts[kFromCompany], 7 * kUnit);
  EXPECT_EQ(f["recruitment_bonus"].total, 7 * kUnit);
  EXPECT_EQ(f["override"].amounts[kBetween], 4 * kUnit);
  EXPECT_EQ(f["retail_commission"].amounts[kFromCompany], 3 * kUnit);
  EXPECT_EQ(f["refund"].amounts[kFromCompany], 2 * kUnit);
  EXPECT_EQ(f["other"].amounts[kToCompany], 1 * kUnit);

  const MoneyFlow& retail = f["retail_sales"];
  EXPECT_EQ(retail.amounts[kFromConsumers], 3 * kUnit);
  EXPECT_FALSE(retail.amounts[kToCompany].has_value());
  EXPECT_FALSE(retail.amounts[kBetween].has_value());
}

// A purchase ladder: the joiners pay their uplines in goods, and no fee at
// all reaches the company; the table shows the money all the same.
TEST(MoneyFormsTest, APurchaseLadderShowsItsEntryMoneyBetweenAgents) {
  TempBundle b;
  b.Write("agents.csv", "agent_id,sponsor_id,joined_at\nA,,2026-01-01\nB,A,2026-01-05\n");
  b.Write("orders.csv",
          "order_id,date,seller_id,buyer_id,quantity,amount\n"
          "1,2026-01-01,,A,100,1000\n2,2026-01-05,A,B,50,800\n");
  auto computed = ComputeOrFail(b);
  std::map<std::string, MoneyFlow> f = ByForm(computed.figures.network.money_flows);
  EXPECT_EQ(computed.figures.network.company_fee_revenue, 0);
  EXPECT_EQ(f["entry_fee"].total, 0);
  EXPECT_EQ(f["joining_purchases"].amounts[kBetween], 800 * kUnit);
  EXPECT_EQ(f["joining_purchases"].amounts[kToCompany], 1000 * kUnit);
}

TEST(MoneyFormsTest, PaymentKindsParseAsTheFormatSpellsThem) {
  EXPECT_EQ(ParsePaymentKind("override"), PaymentKind::kOverride);
  EXPECT_EQ(PaymentKindName(PaymentKind::kRetailCommission), "retail_commission");
  EXPECT_FALSE(ParsePaymentKind("Override").has_value());  // callers lower-case first
  EXPECT_FALSE(ParsePaymentKind("bonus").has_value());
  EXPECT_EQ(DirectionOf(true, false), MoneyDirection::kAgentsToCompany);
  EXPECT_EQ(DirectionOf(false, true), MoneyDirection::kCompanyToAgents);
  EXPECT_EQ(DirectionOf(true, true), MoneyDirection::kBetweenAgents);
}

}  // namespace
}  // namespace tiersight::graph
