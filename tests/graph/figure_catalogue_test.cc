// The figure catalogue is the one declaration of every figure: each entry
// must say what it measures and in which unit, and compute what it says.
#include "graph/figure_catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "graph/figure_table.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {
namespace {

using tiersight::testing::ComputeOrFail;
using tiersight::testing::TempBundle;

TEST(FigureCatalogueTest, EveryFigureHasAUnitADefinitionAndAComputation) {
  std::set<std::pair<FigureScope, std::string>> seen;
  for (const FigureSpec& spec : FigureCatalogue()) {
    SCOPED_TRACE(std::string(ScopeName(spec.scope)) + " " + spec.name);
    EXPECT_FALSE(spec.name.empty());
    EXPECT_FALSE(spec.definition.empty());
    EXPECT_NE(UnitName(spec.unit), "?");
    EXPECT_TRUE(seen.insert({spec.scope, spec.name}).second) << "declared twice";
    EXPECT_EQ(spec.unit == FigureUnit::kTable, !spec.compute) << "a computation unless a table";
    if (spec.unit == FigureUnit::kTable) EXPECT_TRUE(spec.exported);
  }
}

TEST(FigureCatalogueTest, TheCoreAgentFiguresAreExportedInTheFormatsOrder) {
  std::vector<std::string> exported;
  for (const FigureSpec* spec : FiguresOf(FigureScope::kAgent)) {
    if (spec->exported) exported.push_back(spec->name);
  }
  ASSERT_EQ(exported.size(), size_t{kAgentFigureCount});
  for (size_t i = 0; i < kAgentFigureCount; ++i) {
    EXPECT_EQ(exported[i], SpecOf(static_cast<AgentFigure>(i)).name);
  }
  EXPECT_EQ(SpecOf(kNetCash).unit, FigureUnit::kMoney);
  EXPECT_EQ(SpecOf(kUnitsOnHand).unit, FigureUnit::kUnits);
}

TEST(FigureCatalogueTest, NetworkFiguresAreNamedWithAPrefixFromEveryScope) {
  EXPECT_EQ(ResolveFigureName(FigureScope::kAgent, "network_participants"),
            FindFigure(FigureScope::kNetwork, "participants"));
  EXPECT_EQ(ResolveFigureName(FigureScope::kNetwork, "network_participants"),
            FindFigure(FigureScope::kNetwork, "participants"));
  EXPECT_EQ(ResolveFigureName(FigureScope::kAgent, "units_on_hand")->scope, FigureScope::kAgent);
  EXPECT_EQ(ResolveFigureName(FigureScope::kLevel, "recruits_by_month"), nullptr)
      << "distributions are not figures a rule reads";
  EXPECT_EQ(ResolveFigureName(FigureScope::kAgent, "no_such_figure"), nullptr);
}

// Two tops; A recruits B and C, C recruits D. Every column of every scope is
// computed over it, and a few are checked by hand.
TEST(FigureCatalogueTest, EveryColumnComputesOverANetwork) {
  TempBundle b;
  b.Write("agents.csv",
          "agent_id,sponsor_id,tier,joined_at,left_at\nA,,总代,2026-01-01,\nB,A,特约,2026-02-01,"
          "2026-05-01\nC,A,特约,2026-02-01,\nD,C,特约,2026-03-01,\nT,,总代,2026-01-01,\n");
  b.Write("orders.csv",
          "order_id,date,seller_id,buyer_id,quantity,amount\n1,2026-02-01,,A,10,1000\n"
          "2,2026-02-02,A,B,4,480\n3,2026-02-03,B,,1,150\n4,2026-03-02,,D,2,200\n");
  b.Write("payments.csv",
          "payment_id,date,payer_id,payee_id,amount,kind\nP1,2026-02-01,B,,99,entry_fee\n"
          "P2,2026-02-02,,A,30,recruitment_bonus\n");
  b.Write("network.yaml", "tiers: [总代, 特约]\nas_of: 2026-06-30\n");
  auto computed = ComputeOrFail(b);
  FigureTable table(computed.network(), computed.figures);
  for (const FigureSpec& spec : FigureCatalogue()) {
    if (!spec.compute) continue;
    EXPECT_EQ(table.Column(spec).size(), table.Rows(spec.scope)) << spec.name;
  }
  const uint32_t a = computed.network().Find("A");
  EXPECT_EQ(table.Column(FigureScope::kAgent, "team_size").exact[a], 4);
  EXPECT_EQ(table.Column(FigureScope::kAgent, "downline_fees_paid").exact[a], 99 * 10000);
  EXPECT_EQ(table.Column(FigureScope::kAgent, "has_left").exact[computed.network().Find("B")], 1);
  EXPECT_DOUBLE_EQ(table.Column(FigureScope::kAgent, "own_retail_share").real[a], 0.0);
  EXPECT_EQ(table.Column(FigureScope::kNetwork, "total_units_bought").exact[0], 16);
  // Tiers in network.yaml order: 总代 holds A and T, 特约 B, C and D.
  EXPECT_EQ(table.Column(FigureScope::kTier, "agents").exact[1], 3);
  EXPECT_DOUBLE_EQ(table.Column(FigureScope::kLevel, "agents_share").real[0], 2.0 / 5.0);
}

}  // namespace
}  // namespace tiersight::graph
