#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/csv_exports.h"
#include "core/figures_proto.h"
#include "graph/bundle_reader.h"
#include "graph/figures.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::cli {
namespace {

using ::testing::HasSubstr;
using tiersight::testing::TempBundle;

constexpr char kAgents[] = "agent_id,sponsor_id,tier\nT,,总代\n\"A,1\",T,特约\nB,\"A,1\",特约\n";
constexpr char kOrders[] =
    "order_id,date,seller_id,buyer_id,quantity,amount\n"
    "O1,2026-01-01,,T,10,100.10\nO2,2026-01-02,T,\"A,1\",4,60.05\nO3,2026-01-03,\"A,1\",,1,20\n";

std::string FiguresJson(const TempBundle& bundle) {
  graph::LoadedBundle loaded = graph::LoadBundle(bundle.dir(), {});
  EXPECT_TRUE(loaded.report.Usable());
  absl::StatusOr<graph::Figures> figures = graph::ComputeFigures(*loaded.network);
  EXPECT_TRUE(figures.ok());
  return core::ToJson(
      core::FiguresReportToProto(loaded.network.get(), &*figures, loaded.report, "digest"));
}

TEST(FiguresJsonTest, UsesTheSpecNamesAndExactDecimals) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents).Write("orders.csv", kOrders);
  const std::string json = FiguresJson(bundle);
  for (const char* key :
       {"\"network\"", "\"levels\"", "\"tiers\"", "\"load\"", "\"company_goods_revenue\": 100.1",
        "\"recruit_spend_share\"", "\"units_on_hand\": 6", "\"wholesale_revenue\": 60.05",
        "\"tier\": \"总代\"", "\"errors\": []", "\"loaded\": 6"}) {
    EXPECT_THAT(json, HasSubstr(key));
  }
  // Zeros are printed, not omitted, so a script finds every key.
  EXPECT_THAT(json, HasSubstr("\"fees_received\": 0"));
}

TEST(FiguresJsonTest, SameBundleSameBytes) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents).Write("orders.csv", kOrders);
  EXPECT_EQ(FiguresJson(bundle), FiguresJson(bundle));
}

TEST(FiguresJsonTest, LoadReportCarriesEveryErrorWithFileLineAndReason) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nT,\nX,nobody\n");
  graph::LoadedBundle loaded = graph::LoadBundle(bundle.dir(), {.lenient = true});
  const std::string json = core::ToJson(core::LoadReportToProto(loaded.report));
  EXPECT_THAT(json, HasSubstr("\"file\": \"agents.csv\""));
  EXPECT_THAT(json, HasSubstr("\"line\": 3"));
  EXPECT_THAT(json, HasSubstr("unknown sponsor_id 'nobody'"));
  EXPECT_THAT(json, HasSubstr("\"rejected\": 1"));
  EXPECT_THAT(json, HasSubstr("\"usable\": true"));
}

TEST(AgentCsvTest, HeaderThenOneQuotedRowPerAgent) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents).Write("orders.csv", kOrders);
  graph::LoadedBundle loaded = graph::LoadBundle(bundle.dir(), {});
  absl::StatusOr<graph::Figures> figures = graph::ComputeFigures(*loaded.network);
  ASSERT_TRUE(figures.ok());
  const std::string path = bundle.path("out.csv");
  ASSERT_TRUE(WriteAgentFiguresCsv(path, *loaded.network, figures->tree).ok());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(),
            "agent_id,depth,direct_recruits,downline_size,downline_depth,units_bought,"
            "units_sold_to_agents,units_retailed,units_on_hand,spend,wholesale_revenue,"
            "retail_revenue,sales_revenue,fees_received,recruitment_bonuses,overrides,"
            "recruitment_rewards,retail_rewards,net_cash\n"
            "T,1,1,2,2,10,4,0,6,100.1,60.05,0,60.05,0,0,0,0,0,-40.05\n"
            "\"A,1\",2,1,1,1,4,0,1,3,60.05,0,20,20,0,0,0,0,0,-40.05\n"
            "B,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n");
}

}  // namespace
}  // namespace tiersight::cli
