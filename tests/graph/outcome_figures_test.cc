// Stock valued at what its holder paid, product by product, and the money
// and losses page one of a report reads.
#include <gtest/gtest.h>

#include "graph/figure_table.h"
#include "graph/stock_ledger.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {
namespace {

using tiersight::testing::ComputeOrFail;
using tiersight::testing::kUnit;
using tiersight::testing::TempBundle;

TEST(StockLedgerTest, ValuesEachProductAtItsOwnAveragePrice) {
  StockLedger ledger;
  const uint32_t cream = ledger.Sku("CREAM"), mask = ledger.Sku("MASK");
  EXPECT_EQ(ledger.Sku("CREAM"), cream);
  // 10 creams for 100, 4 sold on: 6 at 10 each. 3 masks for 10: 3 at 3.3333.
  ledger.Bought(0, cream, 10, 100 * kUnit);
  ledger.SoldOn(0, cream, 4);
  ledger.Bought(0, mask, 3, 10 * kUnit);
  // Agent 1: 10 creams for 100 at first, 2 returned for 20: 8 on hand at 10.
  ledger.Bought(1, cream, 10, 100 * kUnit);
  ledger.Bought(1, cream, -2, -20 * kUnit);
  // Agent 2 sold more than it bought: nothing on hand, nothing valued.
  ledger.Bought(2, mask, 1, 5 * kUnit);
  ledger.SoldOn(2, mask, 3);
  // Agent 3 got its goods for nothing: no cost to value them at.
  ledger.Bought(3, mask, 4, 0);
  const std::vector<Amount> value = ledger.ValueOnHand(5);
  EXPECT_EQ(value[0], 60 * kUnit + 10 * kUnit);
  EXPECT_EQ(value[1], 80 * kUnit);
  EXPECT_EQ(value[2], 0);
  EXPECT_EQ(value[3], 0);
  EXPECT_EQ(value[4], 0);
  EXPECT_EQ(ledger.skus(), 2u);
}

TEST(StockLedgerTest, RoundsEachProductHalfUpToTheCent) {
  StockLedger ledger;
  // 1 of 3 units costing 1.0001 in all: 0.3334 rounds to 0.33; 1 of 2 units
  // costing 0.0101: 0.00505 rounds up to 0.01.
  ledger.Bought(0, ledger.Sku(""), 3, 10001);
  ledger.SoldOn(0, ledger.Sku(""), 2);
  ledger.Bought(1, ledger.Sku("X"), 2, 101);
  ledger.SoldOn(1, ledger.Sku("X"), 1);
  EXPECT_EQ(ledger.ValueOnHand(2)[0], 3300);
  EXPECT_EQ(ledger.ValueOnHand(2)[1], 100);
}

// A buys 10 creams at 10 and 10 masks at 2 from the company, sells 4 creams
// to B at 12 and retails 1 mask. B pays A a 50 entry fee. C buys 5 masks
// from the company at 2 and gets nothing back.
TEST(OutcomeFiguresTest, PaidInStockValueAndMedianLossFromABundle) {
  TempBundle b;
  b.Write("agents.csv", "agent_id,sponsor_id\nA,\nB,A\nC,A\n");
  b.Write("orders.csv",
          "order_id,date,seller_id,buyer_id,sku,quantity,amount\n"
          "1,2026-01-01,,A,CREAM,10,100\n2,2026-01-01,,A,MASK,10,20\n"
          "3,2026-01-02,A,B,CREAM,4,48\n4,2026-01-03,A,,MASK,1,3\n"
          "5,2026-01-04,,C,MASK,5,10\n");
  b.Write("payments.csv",
          "payment_id,date,payer_id,payee_id,amount,kind\nP1,2026-01-02,B,A,50,"
          "entry_fee\n");
  auto computed = ComputeOrFail(b);
  FigureTable t(computed.network(), computed.figures);
  const auto net = [&](const char* name) { return t.Column(FigureScope::kNetwork, name).exact[0]; };
  // A: 6 creams at 10 + 9 masks at 2 = 78. B: 4 creams at 12 = 48. C: 5 masks at 2 = 10.
  EXPECT_EQ(t.Column(FigureScope::kAgent, "stock_value").exact[computed.network().Find("A")],
            78 * kUnit);
  EXPECT_EQ(net("stock_on_hand_value"), (78 + 48 + 10) * kUnit);
  EXPECT_EQ(net("paid_in_to_company"), 130 * kUnit);
  EXPECT_EQ(net("paid_in_to_agents"), (48 + 50) * kUnit);
  EXPECT_EQ(net("paid_in_total"), (130 + 48 + 50) * kUnit);
  // Net cash: A 48 + 3 + 50 - 120 = -19; B -98; C -10. Losses -98, -19, -10:
  // the median is -19.
  EXPECT_EQ(net("median_loss"), -19 * kUnit);
}

TEST(OutcomeFiguresTest, NoLossesMeansAMedianLossOfZero) {
  TempBundle b;
  b.Write("agents.csv", "agent_id,sponsor_id\nA,\n");
  b.Write("orders.csv", "order_id,date,seller_id,buyer_id,quantity,amount\n1,2026-01-01,A,,1,5\n");
  auto computed = ComputeOrFail(b);
  FigureTable t(computed.network(), computed.figures);
  EXPECT_EQ(t.Column(FigureScope::kNetwork, "median_loss").exact[0], 0);
  EXPECT_EQ(t.Column(FigureScope::kNetwork, "stock_on_hand_value").exact[0], 0);
}

}  // namespace
}  // namespace tiersight::graph
