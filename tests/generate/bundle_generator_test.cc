#include "generate/bundle_generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tests/generate/bundle_files.h"

namespace tiersight::generate {
namespace {

namespace fs = std::filesystem;

using bundle_files::Cents;
using bundle_files::ReadFile;
using bundle_files::ReadTable;
using bundle_files::Row;
using bundle_files::Table;

bool IsAmount(std::string_view text) {
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos || dot == 0 || text.size() - dot != 3) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != dot && (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

class GeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // The process id keeps concurrent runs (ctest -j, several checkouts) apart.
    root_ = fs::path(::testing::TempDir()) /
            ("tiersight_generate_test_" + std::to_string(::getpid())) / info->test_suite_name() /
            info->name();
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  GeneratorOptions Options(std::string_view sub, Profile profile, uint64_t agents) const {
    GeneratorOptions options;
    options.out_dir = (root_ / sub).string();
    options.profile = profile;
    options.agents = agents;
    return options;
  }

  static GeneratorStats Generate(const GeneratorOptions& options) {
    absl::StatusOr<GeneratorStats> stats = GenerateBundle(options);
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? *stats : GeneratorStats{};
  }

  fs::path root_;
};

constexpr const char* kBundleFiles[] = {"agents.csv", "orders.csv", "payments.csv", "network.yaml"};

TEST(ParseProfileTest, KnownAndUnknownNames) {
  EXPECT_EQ(*ParseProfile("healthy"), Profile::kHealthy);
  EXPECT_EQ(*ParseProfile("hoarding"), Profile::kHoarding);
  absl::StatusOr<Profile> bad = ParseProfile("pyramid");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("pyramid"), std::string_view::npos);
}

TEST_F(GeneratorTest, SameOptionsGiveSameBytesAndSeedChangesThem) {
  GeneratorOptions a = Options("a", Profile::kHoarding, 3000);
  GeneratorOptions b = a;
  b.out_dir = (root_ / "b").string();
  GeneratorOptions c = a;
  c.out_dir = (root_ / "c").string();
  c.seed = 2;
  Generate(a);
  Generate(b);
  Generate(c);
  for (const char* file : kBundleFiles) {
    const std::string first = ReadFile(fs::path(a.out_dir) / file);
    ASSERT_FALSE(first.empty()) << file;
    EXPECT_EQ(first, ReadFile(fs::path(b.out_dir) / file)) << file;
  }
  EXPECT_NE(ReadFile(fs::path(a.out_dir) / "agents.csv"),
            ReadFile(fs::path(c.out_dir) / "agents.csv"));
  EXPECT_NE(ReadFile(fs::path(a.out_dir) / "orders.csv"),
            ReadFile(fs::path(c.out_dir) / "orders.csv"));
  EXPECT_NE(ReadFile(fs::path(a.out_dir) / "payments.csv"),
            ReadFile(fs::path(c.out_dir) / "payments.csv"));
}

// Checks every row of a generated bundle against BUNDLE-FORMAT.md.
void ExpectValidBundle(const fs::path& dir, const GeneratorOptions& options,
                       const GeneratorStats& stats) {
  const std::string as_of = options.as_of;
  const std::string yaml = ReadFile(dir / "network.yaml");
  EXPECT_NE(yaml.find("tiers: [联创, 总代, 一级代理, 二级代理, 特约]\n"), std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("as_of: " + as_of + "\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("currency: CNY\n"), std::string::npos) << yaml;

  // agents.csv
  const Table agents = ReadTable(dir / "agents.csv");
  EXPECT_EQ(agents.header,
            (Row{"agent_id", "sponsor_id", "tier", "joined_at", "left_at", "region", "name"}));
  ASSERT_EQ(agents.rows.size(), options.agents);
  EXPECT_EQ(stats.agents, options.agents);
  const std::set<std::string> tiers = {"联创", "总代", "一级代理", "二级代理", "特约"};
  std::unordered_map<std::string, std::string> joined;  // agent -> joined_at
  size_t tops = 0;
  size_t quoted_regions = 0;
  std::string earliest = as_of;
  for (const Row& r : agents.rows) {
    const std::string& id = r[0];
    ASSERT_EQ(id.size(), agents.rows.back()[0].size()) << "ids have a fixed width: " << id;
    ASSERT_EQ(id[0], 'A');
    ASSERT_TRUE(IsDate(r[3])) << id;
    ASSERT_LE(r[3], as_of) << id;
    earliest = std::min(earliest, r[3]);
    if (r[1].empty()) {
      ++tops;
      EXPECT_EQ(r[2], "联创") << "tops are the highest tier: " << id;
    } else {
      const auto sponsor = joined.find(r[1]);
      ASSERT_NE(sponsor, joined.end()) << id << " names sponsor " << r[1] << " not listed before";
      ASSERT_LE(sponsor->second, r[3]) << id << " joined before its sponsor";
    }
    ASSERT_TRUE(tiers.count(r[2])) << id << " tier " << r[2];
    if (!r[4].empty()) {
      ASSERT_TRUE(IsDate(r[4])) << id;
      ASSERT_GT(r[4], r[3]) << id << " left before joining";
      ASSERT_LE(r[4], as_of) << id;
    }
    if (r[5].find(',') != std::string::npos) ++quoted_regions;
    ASSERT_TRUE(joined.emplace(id, r[3]).second) << "duplicate agent " << id;
  }
  EXPECT_EQ(tops, std::max<uint64_t>(1, options.agents / 5000));
  if (options.agents >= 3000) {
    EXPECT_GT(quoted_regions, 0u) << "no region needed CSV quoting";
  }

  auto expect_party = [&](const std::string& id, const std::string& date, const std::string& row) {
    if (id.empty()) return;
    const auto it = joined.find(id);
    ASSERT_NE(it, joined.end()) << row << ": unknown agent " << id;
    ASSERT_GE(date, it->second) << row << ": dated before " << id << " joined";
  };

  // orders.csv
  const Table orders = ReadTable(dir / "orders.csv");
  EXPECT_EQ(orders.header, (Row{"order_id", "date", "seller_id", "buyer_id", "sku", "quantity",
                                "amount", "kind"}));
  EXPECT_EQ(orders.rows.size(), stats.orders);
  std::set<std::string> order_ids;
  std::unordered_map<std::string, int64_t> on_hand;
  std::set<std::string> bought_on_joining;
  size_t returns = 0;
  size_t company_retail = 0;
  for (const Row& r : orders.rows) {
    ASSERT_TRUE(order_ids.insert(r[0]).second) << "duplicate order " << r[0];
    ASSERT_TRUE(IsDate(r[1])) << r[0];
    ASSERT_LE(r[1], as_of) << r[0];
    ASSERT_GE(r[1], earliest) << r[0];
    expect_party(r[2], r[1], r[0]);
    expect_party(r[3], r[1], r[0]);
    ASSERT_TRUE(r[2].empty() || r[2] != r[3]) << r[0] << ": self-dealing";
    if (r[2].empty() && r[3].empty()) ++company_retail;
    ASSERT_FALSE(r[4].empty()) << r[0];
    const int64_t quantity = std::stoll(r[5]);
    ASSERT_GT(quantity, 0) << r[0];
    ASSERT_EQ(std::to_string(quantity), r[5]) << r[0];
    ASSERT_TRUE(IsAmount(r[6])) << r[0] << " amount " << r[6];
    ASSERT_TRUE(r[7] == "sale" || r[7] == "return") << r[0] << " kind " << r[7];
    const int64_t sign = r[7] == "return" ? -1 : 1;
    returns += r[7] == "return";
    if (!r[3].empty()) on_hand[r[3]] += sign * quantity;
    if (!r[2].empty()) on_hand[r[2]] -= sign * quantity;
    if (!r[3].empty() && sign == 1 && r[1] == joined[r[3]]) bought_on_joining.insert(r[3]);
  }
  if (options.agents >= 1000) {
    EXPECT_GT(returns, 0u);
    EXPECT_GT(company_retail, 0u);
  }
  for (const auto& [agent, units] : on_hand) {
    EXPECT_GE(units, 0) << agent << " sold units it never held";
  }
  if (options.orders_per_agent > 0) {
    EXPECT_EQ(bought_on_joining.size(), options.agents) << "every agent buys in on joining";
  }

  // payments.csv
  const Table payments = ReadTable(dir / "payments.csv");
  EXPECT_EQ(payments.header, (Row{"payment_id", "date", "payer_id", "payee_id", "amount", "kind"}));
  EXPECT_EQ(payments.rows.size(), stats.payments);
  const std::set<std::string> kinds = {"entry_fee", "training_fee",      "recruitment_bonus",
                                       "override",  "retail_commission", "refund",
                                       "other"};
  std::set<std::string> payment_ids;
  for (const Row& r : payments.rows) {
    ASSERT_TRUE(payment_ids.insert(r[0]).second) << "duplicate payment " << r[0];
    ASSERT_TRUE(IsDate(r[1])) << r[0];
    ASSERT_LE(r[1], as_of) << r[0];
    expect_party(r[2], r[1], r[0]);
    expect_party(r[3], r[1], r[0]);
    ASSERT_FALSE(r[2].empty() && r[3].empty()) << r[0] << ": no party";
    ASSERT_NE(r[2], r[3]) << r[0] << ": self-payment";
    ASSERT_TRUE(IsAmount(r[4])) << r[0] << " amount " << r[4];
    ASSERT_GT(Cents(r[4]), 0) << r[0];
    ASSERT_TRUE(kinds.count(r[5])) << r[0] << " kind " << r[5];
  }
}

TEST_F(GeneratorTest, HealthyBundleIsValid) {
  const GeneratorOptions options = Options("healthy", Profile::kHealthy, 4000);
  const GeneratorStats stats = Generate(options);
  ExpectValidBundle(options.out_dir, options, stats);
}

TEST_F(GeneratorTest, HoardingBundleIsValid) {
  GeneratorOptions options = Options("hoarding", Profile::kHoarding, 4000);
  options.as_of = "2025-02-28";
  const GeneratorStats stats = Generate(options);
  ExpectValidBundle(options.out_dir, options, stats);
}

TEST_F(GeneratorTest, TinyAndOrderlessBundlesAreValid) {
  GeneratorOptions one = Options("one", Profile::kHoarding, 1);
  ExpectValidBundle(one.out_dir, one, Generate(one));

  // Fees and bonuses are paid even without orders in the hoarding profile.
  GeneratorOptions orderless = Options("orderless", Profile::kHoarding, 500);
  orderless.orders_per_agent = 0;
  const GeneratorStats stats = Generate(orderless);
  EXPECT_EQ(stats.orders, 0u);
  EXPECT_GT(stats.payments, 0u);
  ExpectValidBundle(orderless.out_dir, orderless, stats);
}

TEST_F(GeneratorTest, RowCountsFollowTheRequestedAverages) {
  for (Profile profile : {Profile::kHealthy, Profile::kHoarding}) {
    GeneratorOptions options = Options("counts", profile, 20000);
    GeneratorStats stats = Generate(options);
    EXPECT_NEAR(static_cast<double>(stats.orders) / stats.agents, 5.0, 0.5);
    EXPECT_NEAR(static_cast<double>(stats.payments) / stats.agents, 2.0, 0.3);

    options.orders_per_agent = 12;
    options.payments_per_agent = 1;
    stats = Generate(options);
    EXPECT_NEAR(static_cast<double>(stats.orders) / stats.agents, 12.0, 1.2);
    EXPECT_NEAR(static_cast<double>(stats.payments) / stats.agents, 1.0, 0.2);
  }
}

// Network figures from the written CSVs, as BUNDLE-FORMAT.md defines them.
struct Figures {
  double retail_share = 0;              // units retailed / units the company sold to agents
  double recruitment_reward_share = 0;  // (bonuses + overrides) / (those + retail commissions)
  double fee_revenue_share = 0;         // company fees / (fees + company goods revenue)
  double mean_depth = 0;
  std::map<std::string, double> tier_share;
  std::map<std::string, double> tier_mean_depth;
};

Figures ComputeFigures(const fs::path& dir) {
  Figures f;
  const Table agents = ReadTable(dir / "agents.csv");
  std::unordered_map<std::string, int> depth;
  std::map<std::string, int64_t> depth_sum;
  std::map<std::string, int64_t> tier_count;
  int64_t total_depth = 0;
  for (const Row& r : agents.rows) {
    const int d = r[1].empty() ? 1 : depth.at(r[1]) + 1;
    depth[r[0]] = d;
    total_depth += d;
    depth_sum[r[2]] += d;
    ++tier_count[r[2]];
  }
  const auto n = static_cast<double>(agents.rows.size());
  f.mean_depth = static_cast<double>(total_depth) / n;
  for (const auto& [tier, count] : tier_count) {
    f.tier_share[tier] = static_cast<double>(count) / n;
    f.tier_mean_depth[tier] = static_cast<double>(depth_sum[tier]) / static_cast<double>(count);
  }

  int64_t retail_units = 0;
  int64_t company_units = 0;
  int64_t company_goods_cents = 0;
  for (const Row& r : ReadTable(dir / "orders.csv").rows) {
    const int64_t sign = r[7] == "return" ? -1 : 1;
    const int64_t units = sign * std::stoll(r[5]);
    if (!r[2].empty() && r[3].empty()) retail_units += units;
    if (r[2].empty() && !r[3].empty()) {
      company_units += units;
      company_goods_cents += sign * Cents(r[6]);
    }
  }
  f.retail_share = company_units > 0 ? static_cast<double>(retail_units) / company_units : 0;

  int64_t recruitment = 0;
  int64_t retail_rewards = 0;
  int64_t company_fees = 0;
  for (const Row& r : ReadTable(dir / "payments.csv").rows) {
    const int64_t cents = Cents(r[4]);
    if (r[5] == "recruitment_bonus" || r[5] == "override") recruitment += cents;
    if (r[5] == "retail_commission") retail_rewards += cents;
    if ((r[5] == "entry_fee" || r[5] == "training_fee") && r[3].empty()) company_fees += cents;
  }
  f.recruitment_reward_share =
      static_cast<double>(recruitment) / static_cast<double>(recruitment + retail_rewards);
  f.fee_revenue_share =
      static_cast<double>(company_fees) / static_cast<double>(company_fees + company_goods_cents);
  return f;
}

TEST_F(GeneratorTest, HoardingContrastsWithHealthy) {
  const GeneratorOptions healthy = Options("healthy", Profile::kHealthy, 5000);
  const GeneratorOptions hoarding = Options("hoarding", Profile::kHoarding, 5000);
  Generate(healthy);
  Generate(hoarding);
  const Figures h = ComputeFigures(healthy.out_dir);
  const Figures x = ComputeFigures(hoarding.out_dir);

  // Healthy: goods reach consumers and retail commissions dominate rewards.
  EXPECT_GT(h.retail_share, 0.6);
  EXPECT_LT(h.recruitment_reward_share, 0.4);
  // Hoarding: little retail, rewards for recruiting, fees, deeper chains.
  EXPECT_LT(x.retail_share, 0.1);
  EXPECT_LT(x.retail_share, h.retail_share / 5);
  EXPECT_GT(x.recruitment_reward_share, 0.9);
  EXPECT_GT(x.recruitment_reward_share, h.recruitment_reward_share + 0.5);
  EXPECT_GT(x.fee_revenue_share, h.fee_revenue_share);
  EXPECT_GT(x.mean_depth, h.mean_depth + 2);
}

TEST_F(GeneratorTest, TierSharesResembleThePingdingshanCase) {
  const GeneratorOptions options = Options("tiers", Profile::kHealthy, 20000);
  Generate(options);
  const Figures f = ComputeFigures(options.out_dir);
  // 平顶山: 0.1% / 5.8% / 6.4% / 24.8% / 62.9%.
  EXPECT_NEAR(f.tier_share.at("特约"), 0.629, 0.08);
  EXPECT_NEAR(f.tier_share.at("二级代理"), 0.248, 0.08);
  EXPECT_NEAR(f.tier_share.at("一级代理"), 0.064, 0.03);
  EXPECT_NEAR(f.tier_share.at("总代"), 0.058, 0.03);
  EXPECT_LT(f.tier_share.at("联创"), 0.01);
  // Higher tiers sit nearer the top of the sponsor tree.
  EXPECT_LT(f.tier_mean_depth.at("联创"), f.tier_mean_depth.at("总代"));
  EXPECT_LT(f.tier_mean_depth.at("总代"), f.tier_mean_depth.at("特约"));
  EXPECT_LT(f.tier_mean_depth.at("二级代理"), f.tier_mean_depth.at("特约"));
}

TEST_F(GeneratorTest, RerunOverwritesTheBundle) {
  GeneratorOptions options = Options("again", Profile::kHealthy, 800);
  Generate(options);
  const std::string first = ReadFile(fs::path(options.out_dir) / "orders.csv");
  options.seed = 7;
  options.name = "Brand \"X\"\t2026-Q3";
  Generate(options);
  EXPECT_NE(ReadFile(fs::path(options.out_dir) / "orders.csv"), first);
  // Quotes escaped, control bytes as two lower-case hex digits.
  EXPECT_NE(ReadFile(fs::path(options.out_dir) / "network.yaml")
                .find("name: \"Brand \\\"X\\\"\\x092026-Q3\""),
            std::string::npos);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(options.out_dir)) {
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 4u);
}

TEST_F(GeneratorTest, UnwritableDirectoryIsAnErrorNamingThePath) {
  const fs::path blocker = root_ / "not-a-directory";
  std::ofstream(blocker) << "x";
  GeneratorOptions options = Options("unused", Profile::kHealthy, 10);
  options.out_dir = (blocker / "bundle").string();
  absl::StatusOr<GeneratorStats> stats = GenerateBundle(options);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find(options.out_dir), std::string_view::npos)
      << stats.status();
}

TEST_F(GeneratorTest, BadOptionsAreErrorsNamingTheOption) {
  struct Case {
    const char* option;
    void (*change)(GeneratorOptions&);
  };
  const Case cases[] = {
      {"agents", [](GeneratorOptions& o) { o.agents = 0; }},
      {"as_of", [](GeneratorOptions& o) { o.as_of = "2026-02-30"; }},
      {"as_of", [](GeneratorOptions& o) { o.as_of = "30.09.2026"; }},
      {"orders_per_agent", [](GeneratorOptions& o) { o.orders_per_agent = -1; }},
      {"payments_per_agent", [](GeneratorOptions& o) { o.payments_per_agent = 1e9; }},
      {"out_dir", [](GeneratorOptions& o) { o.out_dir.clear(); }},
  };
  for (const Case& c : cases) {
    GeneratorOptions options = Options("bad", Profile::kHealthy, 10);
    c.change(options);
    absl::StatusOr<GeneratorStats> stats = GenerateBundle(options);
    ASSERT_FALSE(stats.ok()) << c.option;
    EXPECT_EQ(stats.status().code(), absl::StatusCode::kInvalidArgument) << c.option;
    EXPECT_NE(stats.status().message().find(c.option), std::string_view::npos) << stats.status();
  }
  EXPECT_FALSE(fs::exists(root_ / "bad")) << "nothing is written for bad options";
}

}  // namespace
}  // namespace tiersight::generate
