// A sponsor chain 100,000 agents deep: the reader and the tree figures must
// handle it without recursion (no stack overflow) and in linear time, in file
// order and with every recruit listed before its sponsor.
//
//   A1 ── A2 ── A3 ── ... ── A100000
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "graph/bundle_reader.h"
#include "graph/figure_catalogue.h"
#include "graph/figures.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {
namespace {

using ::tiersight::testing::Computed;
using ::tiersight::testing::ComputeOrFail;
using ::tiersight::testing::DescribeErrors;
using ::tiersight::testing::TempBundle;

constexpr int kDepth100k = 100'000;

// agents.csv of the chain; A<i> is sponsored by A<i-1>. `reverse` lists the
// deepest agent first, so every recruit comes before its sponsor.
std::string ChainCsv(int n, bool reverse) {
  std::string csv = "agent_id,sponsor_id,tier\n";
  csv.reserve(static_cast<size_t>(n) * 24);
  for (int k = 1; k <= n; ++k) {
    const int i = reverse ? n + 1 - k : k;
    csv += 'A';
    csv += std::to_string(i);
    csv += ',';
    if (i > 1) {
      csv += 'A';
      csv += std::to_string(i - 1);
    }
    csv += i % 2 == 0 ? ",even\n" : ",odd\n";
  }
  return csv;
}

// An order down each of the first few links, so the flows of a deep network
// are checked too.
std::string ChainOrdersCsv() {
  std::string csv = "order_id,date,seller_id,buyer_id,quantity,amount\n";
  csv += "O0,2026-02-01,,A1,10,100.00\n";
  csv += "O1,2026-02-01,A99999,A100000,2,20.00\n";
  return csv;
}

void ExpectChainFigures(const Computed& c) {
  const int64_t n = kDepth100k;
  EXPECT_EQ(c.loaded.report.errors.size(), 0u) << DescribeErrors(c.loaded.report);
  LoadReport report = c.loaded.report;
  EXPECT_EQ(report.CountsFor("agents.csv").loaded, n);

  const Figures& f = c.figures;
  EXPECT_EQ(f.network.participants, n);
  EXPECT_EQ(f.network.max_depth, static_cast<uint32_t>(n));
  EXPECT_EQ(f.network.tops, 1u);

  const AgentFigureValues first = c.Agent("A1");
  EXPECT_EQ(first[kDepth], 1);
  EXPECT_EQ(first[kDirectRecruits], 1);
  EXPECT_EQ(first[kDownlineSize], n - 1);
  EXPECT_EQ(first[kDownlineDepth], n - 1);
  EXPECT_EQ(first[kUnitsBought], 10);

  const AgentFigureValues middle = c.Agent("A50000");
  EXPECT_EQ(middle[kDepth], 50'000);
  EXPECT_EQ(middle[kDownlineSize], n - 50'000);
  EXPECT_EQ(middle[kDownlineDepth], n - 50'000);

  const AgentFigureValues last = c.Agent("A100000");
  EXPECT_EQ(last[kDepth], n);
  EXPECT_EQ(last[kDirectRecruits], 0);
  EXPECT_EQ(last[kDownlineSize], 0);
  EXPECT_EQ(last[kDownlineDepth], 0);
  EXPECT_EQ(last[kUnitsBought], 2);
  EXPECT_EQ(c.Agent("A99999")[kUnitsSoldToAgents], 2);

  ASSERT_EQ(f.levels.size(), static_cast<size_t>(n));
  int64_t levels_with_one_agent = 0;
  for (size_t d = 0; d < f.levels.size(); ++d) {
    if (f.levels[d].depth == d + 1 && f.levels[d].agents == 1) ++levels_with_one_agent;
  }
  EXPECT_EQ(levels_with_one_agent, n) << "every level holds exactly one agent, in depth order";
  EXPECT_EQ(f.levels[0].sums[kDownlineSize], n - 1);
  EXPECT_EQ(f.levels[n - 1].sums[kUnitsBought], 2);

  // Tiers come in order of first appearance, which depends on the file order.
  ASSERT_EQ(f.tiers.size(), 2u);
  EXPECT_NE(f.tiers[0].tier, f.tiers[1].tier);
  EXPECT_EQ(f.tiers[0].agents, n / 2);
  EXPECT_EQ(f.tiers[1].agents, n / 2);
}

TEST(DeepChainTest, HundredThousandDeepChainLoadsStrictly) {
  TempBundle bundle;
  bundle.Write("agents.csv", ChainCsv(kDepth100k, /*reverse=*/false));
  bundle.Write("orders.csv", ChainOrdersCsv());
  const auto start = std::chrono::steady_clock::now();
  Computed c = ComputeOrFail(bundle);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_NE(c.loaded.network, nullptr);
  ExpectChainFigures(c);
  EXPECT_LT(elapsed, std::chrono::seconds(2)) << "loading and computing must be linear";
}

TEST(DeepChainTest, ChainListedRecruitsBeforeSponsorsGivesTheSameFigures) {
  TempBundle bundle;
  bundle.Write("agents.csv", ChainCsv(kDepth100k, /*reverse=*/true));
  bundle.Write("orders.csv", ChainOrdersCsv());
  Computed c = ComputeOrFail(bundle);
  ASSERT_NE(c.loaded.network, nullptr);
  ExpectChainFigures(c);
  // Agents keep their file order: the deepest one is listed first.
  EXPECT_EQ(c.network().id(0), "A100000");
}

TEST(DeepChainTest, CycleClosingAHundredThousandDeepChainRejectsEveryAgentWithoutRecursion) {
  // A1 is sponsored by A100000: the whole chain is one cycle, and a top T
  // stands apart.
  std::string csv = ChainCsv(kDepth100k, /*reverse=*/false);
  csv.replace(csv.find("A1,,odd"), 7, "A1,A100000,odd");
  csv += "T,,odd\n";
  TempBundle bundle;
  bundle.Write("agents.csv", csv);
  LoadedBundle loaded = ::tiersight::testing::Load(bundle, /*lenient=*/true);
  ASSERT_NE(loaded.network, nullptr);
  EXPECT_EQ(loaded.report.CountsFor("agents.csv").loaded, 1);
  EXPECT_EQ(loaded.report.CountsFor("agents.csv").rejected, kDepth100k);
  ASSERT_EQ(loaded.report.errors.size(), static_cast<size_t>(kDepth100k));
  // A long cycle is named in part, with its length.
  EXPECT_NE(loaded.report.errors[0].reason.find("sponsor cycle: A1 -> A100000 -> A99999"),
            std::string::npos)
      << loaded.report.errors[0].reason;
  EXPECT_NE(loaded.report.errors[0].reason.find("100000 agents in the cycle"), std::string::npos)
      << loaded.report.errors[0].reason;
}

}  // namespace
}  // namespace tiersight::graph
