// The server's small parts: resource names, network.yaml from facts, the
// network cache.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "graph/bundle_reader.h"
#include "services/chunks.h"
#include "services/network_cache.h"
#include "services/network_details.h"
#include "services/network_yaml.h"
#include "services/resource_names.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;
using ::testing::HasSubstr;

TEST(ResourceNamesTest, ParsesAndBuildsEachKind) {
  EXPECT_EQ(*ParseNetworkName(NetworkName("abc"), "name"), "abc");
  EXPECT_EQ(*ParseAuditName(AuditName("x1"), "name"), "x1");
  absl::StatusOr<AgentName> agent = ParseAgentName("networks/n1/agents/A/with/slash", "name");
  ASSERT_TRUE(agent.ok());
  EXPECT_EQ(agent->network_id, "n1");
  EXPECT_EQ(agent->agent_id, "A/with/slash");
  absl::Status bad = ParseNetworkName("audits/x", "network").status();
  EXPECT_TRUE(absl::IsInvalidArgument(bad));
  EXPECT_THAT(std::string(bad.message()), HasSubstr("`network` \"audits/x\""));
}

TEST(NetworkYamlTest, FactsBecomeANetworkYamlTheReaderAccepts) {
  v1::NetworkFacts facts;
  facts.set_name("no");  // YAML would read a bare no as false
  facts.set_currency("CNY");
  facts.set_as_of("2026-09-30");
  facts.add_tiers("总代");
  facts.add_tiers("特约");
  facts.set_jurisdiction("no");  // Norway, not false
  facts.set_direct_selling_licence(true);
  absl::StatusOr<std::string> yaml = NetworkYamlFromFacts(facts);
  ASSERT_TRUE(yaml.ok());
  testing::TempDir dir;
  std::ofstream(dir.path() / "network.yaml") << *yaml;
  std::ofstream(dir.path() / "agents.csv") << "agent_id,sponsor_id,tier\nA1,,总代\n";
  graph::LoadedBundle loaded = graph::LoadBundle(dir.path().string(), {});
  ASSERT_TRUE(loaded.report.Usable()) << *yaml;
  EXPECT_EQ(loaded.network->config.name, "no");
  EXPECT_EQ(loaded.network->config.currency, "CNY");
  EXPECT_EQ(loaded.report.as_of, "2026-09-30");
  EXPECT_THAT(*loaded.network->config.tiers, ::testing::ElementsAre("总代", "特约"));
  EXPECT_EQ(loaded.network->config.jurisdiction, "no");
  EXPECT_TRUE(loaded.network->config.direct_selling_licence);
  EXPECT_TRUE(loaded.report.warnings.empty()) << loaded.report.warnings[0].reason;
  v1::NetworkFacts jurisdiction_only;
  jurisdiction_only.set_jurisdiction("cn");
  EXPECT_EQ(*NetworkYamlFromFacts(jurisdiction_only), "jurisdiction: \"cn\"\n");

  EXPECT_EQ(*NetworkYamlFromFacts(v1::NetworkFacts()), "");
  facts.set_encoding("gb18030");
  EXPECT_TRUE(absl::IsInvalidArgument(NetworkYamlFromFacts(facts).status()));
  facts.set_encoding("UTF-8");
  EXPECT_TRUE(NetworkYamlFromFacts(facts).ok());
}

std::shared_ptr<const CachedNetwork> SmallNetwork(const testing::TempDir& dir) {
  std::ofstream(dir.path() / "agents.csv") << "agent_id,sponsor_id\nA1,\nA2,A1\n";
  core::LoadedWithDigest loaded = core::LoadWithDigest(dir.path().string(), false);
  absl::StatusOr<graph::Figures> figures = graph::ComputeFigures(*loaded.bundle.network);
  EXPECT_TRUE(figures.ok());
  return std::make_shared<const CachedNetwork>(dir.path().string(), std::move(loaded),
                                               *std::move(figures));
}

TEST(NetworkCacheTest, EvictsTheLeastRecentlyUsedAndKeysByTenantModeAndDigest) {
  testing::TempDir dir;
  std::shared_ptr<const CachedNetwork> network = SmallNetwork(dir);
  NetworkCache cache(2);
  const NetworkCacheKey a{"alpha", "n1", false, "d1"};
  const NetworkCacheKey b{"alpha", "n2", false, "d2"};
  const NetworkCacheKey c{"alpha", "n3", false, "d3"};
  cache.Insert(a, network);
  cache.Insert(b, network);
  EXPECT_NE(cache.Find(a), nullptr);  // a is now the most recent
  cache.Insert(c, network);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.Find(b), nullptr);
  EXPECT_NE(cache.Find(a), nullptr);
  EXPECT_EQ(cache.Find({"beta", "n1", false, "d1"}), nullptr);
  EXPECT_EQ(cache.Find({"alpha", "n1", true, "d1"}), nullptr);
  EXPECT_EQ(cache.Find({"alpha", "n1", false, "other"}), nullptr);
  cache.Erase("alpha", "n1");
  EXPECT_EQ(cache.Find(a), nullptr);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(NetworkCacheTest, AgentRecordsComeFromTheBundleRows) {
  testing::TempDir dir;
  std::shared_ptr<const CachedNetwork> network = SmallNetwork(dir);
  absl::StatusOr<const AgentRecords*> records = network->Records();
  ASSERT_TRUE(records.ok());
  std::optional<v1::Agent> a2 = (*records)->Find(network->network().Find("A2"));
  ASSERT_TRUE(a2.has_value());
  EXPECT_EQ(a2->agent_id(), "A2");
  EXPECT_EQ(a2->sponsor_id(), "A1");
  EXPECT_EQ(a2->name(), "");  // a column the file does not have
}

TEST(NetworkDetailsTest, KeptLoadReportCountsEveryRowButKeepsTheFirstIssues) {
  graph::LoadReport report;
  graph::FileCounts& agents = report.CountsFor("agents.csv");
  agents.present = true;
  agents.rejected = kMaxKeptLoadIssues + 500;
  for (int i = 0; i < kMaxKeptLoadIssues + 500; ++i) {
    report.errors.push_back({"agents.csv", i + 2, "sponsor is unknown", ""});
  }
  report.warnings.push_back({"network.yaml", 3, "key `x` is not part of the bundle format", ""});
  v1::LoadReport kept = KeptLoadReport(report);
  EXPECT_EQ(kept.rejected(), kMaxKeptLoadIssues + 500);
  ASSERT_EQ(kept.errors_size(), kMaxKeptLoadIssues);
  EXPECT_EQ(kept.errors(0).line(), 2);
  EXPECT_EQ(kept.errors(kMaxKeptLoadIssues - 1).line(), kMaxKeptLoadIssues + 1);
  EXPECT_EQ(kept.warnings_size(), 1);
}

TEST(ChunksTest, SplitsIntoBoundedPiecesAndStopsWhenTheReceiverDoes) {
  std::vector<std::string> pieces;
  std::vector<bool> firsts;
  auto collect = [&](std::string_view piece, bool first) {
    pieces.emplace_back(piece);
    firsts.push_back(first);
    return true;
  };
  EXPECT_TRUE(ForEachChunk("abcdefghij", 4, collect));
  EXPECT_THAT(pieces, ::testing::ElementsAre("abcd", "efgh", "ij"));
  EXPECT_THAT(firsts, ::testing::ElementsAre(true, false, false));
  pieces.clear();
  EXPECT_TRUE(ForEachChunk("", 4, collect));
  EXPECT_THAT(pieces, ::testing::ElementsAre(""));
  int calls = 0;
  EXPECT_FALSE(ForEachChunk("abcdefghij", 4, [&](std::string_view, bool) { return ++calls < 2; }));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace tiersight::services
