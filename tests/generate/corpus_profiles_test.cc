// The corpus profiles plant what they say they plant, and their truth.yaml
// says what the written rows say: every check here reads the CSV files back
// and recomputes, independently of the generator's own code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/civil_date.h"
#include "generate/bundle_generator.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_reader.h"
#include "tests/generate/bundle_files.h"

namespace tiersight::generate {
namespace {

namespace fs = std::filesystem;
using bundle_files::Cents;
using bundle_files::ReadFile;
using bundle_files::ReadTable;
using bundle_files::ReadTruth;
using bundle_files::Row;
using bundle_files::Table;
using bundle_files::Truth;
using bundle_files::TruthTeam;

constexpr int kNobody = -1;  // the company, or a consumer

// A bundle as its CSV files say it, agents by their row in agents.csv.
struct Bundle {
  struct Agent {
    std::string id;
    int sponsor = kNobody;
    std::string tier;
    base::Day joined = 0;
    std::optional<base::Day> left;
    std::vector<int> recruits;
  };
  struct Order {
    base::Day day = 0;
    int seller = kNobody;
    int buyer = kNobody;
    std::string sku;
    int64_t quantity = 0;
    int64_t cents = 0;
    bool is_return = false;
  };
  struct Payment {
    base::Day day = 0;
    int payer = kNobody;
    int payee = kNobody;
    int64_t cents = 0;
    std::string kind;
  };
  std::vector<Agent> agents;
  std::unordered_map<std::string, int> index;
  std::vector<Order> orders;
  std::vector<Payment> payments;

  int Depth(int agent) const {
    int depth = 1;
    for (int up = agents[agent].sponsor; up != kNobody; up = agents[up].sponsor) ++depth;
    return depth;
  }
  int TopOf(int agent) const {
    while (agents[agent].sponsor != kNobody) agent = agents[agent].sponsor;
    return agent;
  }
  bool IsAncestor(int upline, int agent) const {
    for (int up = agents[agent].sponsor; up != kNobody; up = agents[up].sponsor) {
      if (up == upline) return true;
    }
    return false;
  }
  int DaysAfterJoining(int agent, base::Day day) const { return day - agents[agent].joined; }
};

base::Day DayOf(const std::string& text) {
  const std::optional<base::Day> day = base::ParseDay(text);
  EXPECT_TRUE(day.has_value()) << text;
  return day.value_or(0);
}

Bundle ReadBundle(const fs::path& dir) {
  Bundle b;
  const Table agents = ReadTable(dir / "agents.csv");
  for (const Row& r : agents.rows) {
    Bundle::Agent agent;
    agent.id = r[agents.Column("agent_id")];
    const std::string& sponsor = r[agents.Column("sponsor_id")];
    agent.sponsor = sponsor.empty() ? kNobody : b.index.at(sponsor);
    agent.tier = r[agents.Column("tier")];
    agent.joined = DayOf(r[agents.Column("joined_at")]);
    if (const std::string& left = r[agents.Column("left_at")]; !left.empty()) {
      agent.left = DayOf(left);
    }
    b.index[agent.id] = static_cast<int>(b.agents.size());
    if (agent.sponsor != kNobody) {
      b.agents[agent.sponsor].recruits.push_back(static_cast<int>(b.agents.size()));
    }
    b.agents.push_back(std::move(agent));
  }
  auto party = [&](const std::string& id) { return id.empty() ? kNobody : b.index.at(id); };
  const Table orders = ReadTable(dir / "orders.csv");
  for (const Row& r : orders.rows) {
    b.orders.push_back({.day = DayOf(r[orders.Column("date")]),
                        .seller = party(r[orders.Column("seller_id")]),
                        .buyer = party(r[orders.Column("buyer_id")]),
                        .sku = r[orders.Column("sku")],
                        .quantity = std::stoll(r[orders.Column("quantity")]),
                        .cents = Cents(r[orders.Column("amount")]),
                        .is_return = r[orders.Column("kind")] == "return"});
  }
  const Table payments = ReadTable(dir / "payments.csv");
  for (const Row& r : payments.rows) {
    b.payments.push_back({.day = DayOf(r[payments.Column("date")]),
                          .payer = party(r[payments.Column("payer_id")]),
                          .payee = party(r[payments.Column("payee_id")]),
                          .cents = Cents(r[payments.Column("amount")]),
                          .kind = r[payments.Column("kind")]});
  }
  return b;
}

// Per agent, units in and out as the bundle format counts them.
struct Flow {
  int64_t bought = 0;     // sales to it, less its returns
  int64_t passed_on = 0;  // sold to agents and retailed
  int64_t retailed = 0;
  int64_t net_cash = 0;
};

std::vector<Flow> Flows(const Bundle& b) {
  std::vector<Flow> flows(b.agents.size());
  for (const Bundle::Order& o : b.orders) {
    const int64_t sign = o.is_return ? -1 : 1;
    if (o.buyer != kNobody) {
      flows[o.buyer].bought += sign * o.quantity;
      flows[o.buyer].net_cash -= sign * o.cents;
    }
    if (o.seller != kNobody) {
      flows[o.seller].passed_on += sign * o.quantity;
      if (o.buyer == kNobody) flows[o.seller].retailed += sign * o.quantity;
      flows[o.seller].net_cash += sign * o.cents;
    }
  }
  for (const Bundle::Payment& p : b.payments) {
    if (p.payer != kNobody) flows[p.payer].net_cash -= p.cents;
    if (p.payee != kNobody) flows[p.payee].net_cash += p.cents;
  }
  return flows;
}

// Units retailed by the agents `in` selects over the units the company sold them.
double RetailShare(const Bundle& b, const std::function<bool(int)>& in) {
  int64_t retailed = 0;
  int64_t from_company = 0;
  for (const Bundle::Order& o : b.orders) {
    const int64_t units = o.is_return ? -o.quantity : o.quantity;
    if (o.seller == kNobody && o.buyer != kNobody && in(o.buyer)) from_company += units;
    if (o.seller != kNobody && o.buyer == kNobody && in(o.seller)) retailed += units;
  }
  return from_company > 0 ? static_cast<double>(retailed) / static_cast<double>(from_company) : 0;
}

bool Everyone(int) { return true; }

double ShareOf(int64_t part, size_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0;
}

// --- the opinion's organisers, recomputed ----------------------------------

struct Team {
  int64_t size = 0;
  int64_t levels = 0;
  int64_t paid = 0;     // members who paid to join
  int64_t bonuses = 0;  // recruitment bonuses its members received
};

Team Measure(const Bundle& b, int agent, const std::vector<bool>& paid,
             const std::vector<int64_t>& bonuses, std::vector<Team>& teams) {
  Team team{.size = 1, .levels = 1, .paid = paid[agent] ? 1 : 0, .bonuses = bonuses[agent]};
  for (int recruit : b.agents[agent].recruits) {
    const Team below = Measure(b, recruit, paid, bonuses, teams);
    team.size += below.size;
    team.levels = std::max(team.levels, below.levels + 1);
    team.paid += below.paid;
    team.bonuses += below.bonuses;
  }
  teams[agent] = team;
  return team;
}

std::vector<Team> MeasureTeams(const Bundle& b, const std::map<std::string, int64_t>& thresholds) {
  std::vector<bool> paid(b.agents.size(), false);
  std::vector<int64_t> bonuses(b.agents.size(), 0);
  std::vector<int64_t> goods(b.agents.size(), 0);
  for (const Bundle::Payment& p : b.payments) {
    if (p.kind == "entry_fee" && p.payer != kNobody) paid[p.payer] = true;
    if (p.kind == "recruitment_bonus" && p.payee != kNobody) bonuses[p.payee] += p.cents;
  }
  for (const Bundle::Order& o : b.orders) {
    if (o.buyer == kNobody || o.is_return) continue;
    const int after = b.DaysAfterJoining(o.buyer, o.day);
    if (after >= 0 && after < 30) goods[o.buyer] += o.cents;
  }
  for (size_t a = 0; a < b.agents.size(); ++a) {
    const auto threshold = thresholds.find(b.agents[a].tier);
    if (threshold != thresholds.end() && goods[a] >= threshold->second) paid[a] = true;
  }
  std::vector<Team> teams(b.agents.size());
  for (size_t a = 0; a < b.agents.size(); ++a) {
    if (b.agents[a].sponsor == kNobody) Measure(b, static_cast<int>(a), paid, bonuses, teams);
  }
  return teams;
}

bool IsLarge(const Team& t) { return t.size >= 30 && t.levels >= 3; }
bool IsOrganiser(const Team& t) { return IsLarge(t) && 2 * t.paid > t.size && t.bonuses > 0; }

// "A0001 30/3 within A0000" lines, sorted, for readable comparisons.
std::vector<std::string> Describe(const std::vector<TruthTeam>& teams) {
  std::vector<std::string> lines;
  for (const TruthTeam& t : teams) {
    lines.push_back(t.agent + " " + std::to_string(t.size) + "/" + std::to_string(t.levels) +
                    (t.within.empty() ? "" : " within " + t.within));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<TruthTeam> Recount(const Bundle& b, const std::vector<Team>& teams,
                               bool (*keep)(const Team&), bool with_within) {
  std::vector<TruthTeam> out;
  for (size_t a = 0; a < b.agents.size(); ++a) {
    if (!keep(teams[a])) continue;
    TruthTeam t{.agent = b.agents[a].id, .size = teams[a].size, .levels = teams[a].levels};
    for (int up = b.agents[a].sponsor; with_within && up != kNobody; up = b.agents[up].sponsor) {
      if (keep(teams[up])) t.within = b.agents[up].id;
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::map<std::string, int64_t> Thresholds(const Truth& truth) {
  std::map<std::string, int64_t> thresholds;
  for (const auto& entry : truth.node["entry_thresholds"]) {
    thresholds[entry.first.as<std::string>()] = Cents(entry.second.as<std::string>());
  }
  return thresholds;
}

// --- fixture -----------------------------------------------------------------

class CorpusProfilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::path(::testing::TempDir()) / "tiersight_corpus_profiles_test" / info->name();
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path Generate(Profile profile, uint64_t agents, uint64_t seed) {
    GeneratorOptions options;
    options.profile = profile;
    options.agents = agents;
    options.seed = seed;
    options.out_dir =
        (root_ / (std::string(ProfileName(profile)) + "-" + std::to_string(seed))).string();
    absl::StatusOr<GeneratorStats> stats = GenerateBundle(options);
    EXPECT_TRUE(stats.ok()) << stats.status();
    return options.out_dir;
  }

  fs::path root_;
};

constexpr Profile kCorpusProfiles[] = {Profile::kLawful, Profile::kFeePyramid, Profile::kLadder,
                                       Profile::kHeadcountChains, Profile::kMixedBrand};
constexpr const char* kWrittenFiles[] = {"agents.csv", "orders.csv", "payments.csv", "network.yaml",
                                         "truth.yaml"};

TEST_F(CorpusProfilesTest, SameSeedSameBytesAndSeedChangesThem) {
  for (Profile profile : kCorpusProfiles) {
    const fs::path a = Generate(profile, 600, 5);
    const std::string first_truth = ReadFile(a / "truth.yaml");
    std::map<std::string, std::string> first;
    for (const char* file : kWrittenFiles) first[file] = ReadFile(a / file);
    const fs::path again = Generate(profile, 600, 5);  // same directory, rewritten
    for (const char* file : kWrittenFiles) {
      ASSERT_FALSE(first[file].empty()) << ProfileName(profile) << " " << file;
      EXPECT_EQ(first[file], ReadFile(again / file)) << ProfileName(profile) << " " << file;
    }
    const fs::path other = Generate(profile, 600, 6);
    EXPECT_NE(first["agents.csv"], ReadFile(other / "agents.csv")) << ProfileName(profile);
    EXPECT_NE(first["payments.csv"], ReadFile(other / "payments.csv")) << ProfileName(profile);
  }
}

// The product's reader loads every corpus strictly with nothing to say, and
// truth.yaml changes neither the load nor the digest.
TEST_F(CorpusProfilesTest, ReaderLoadsEveryCorpusCleanlyAndIgnoresTheTruth) {
  for (Profile profile : kCorpusProfiles) {
    const fs::path dir = Generate(profile, 600, 1);
    ASSERT_TRUE(fs::exists(dir / "truth.yaml")) << ProfileName(profile);
    const graph::LoadedBundle loaded = graph::LoadBundle(dir.string(), {});
    EXPECT_TRUE(loaded.report.Usable()) << ProfileName(profile);
    EXPECT_TRUE(loaded.report.errors.empty())
        << ProfileName(profile) << ": " << loaded.report.errors.front().reason;
    EXPECT_TRUE(loaded.report.warnings.empty())
        << ProfileName(profile) << ": " << loaded.report.warnings.front().reason;
    for (const graph::FileCounts& counts : loaded.report.files) {
      EXPECT_NE(counts.file, "truth.yaml");
      EXPECT_EQ(counts.rejected, 0) << counts.file;
    }
    const absl::StatusOr<std::string> with_truth = graph::BundleDigest(dir.string());
    ASSERT_TRUE(with_truth.ok()) << with_truth.status();
    fs::remove(dir / "truth.yaml");
    EXPECT_EQ(*with_truth, *graph::BundleDigest(dir.string())) << ProfileName(profile);
  }
}

TEST_F(CorpusProfilesTest, NobodySellsWhatItNeverHeldAndIdsLookLikeMemberNumbers) {
  for (Profile profile : kCorpusProfiles) {
    const Bundle b = ReadBundle(Generate(profile, 600, 2));
    for (const Bundle::Agent& agent : b.agents) {
      ASSERT_GE(agent.id.size(), 5u) << agent.id;
      EXPECT_EQ(agent.id[0], 'A');
      EXPECT_TRUE(std::all_of(agent.id.begin() + 1, agent.id.end(), ::isdigit)) << agent.id;
      if (agent.sponsor != kNobody) {
        EXPECT_LE(b.agents[agent.sponsor].joined, agent.joined);
      }
    }
    // Walked in date order, stock never goes below zero.
    std::vector<const Bundle::Order*> by_day;
    for (const Bundle::Order& o : b.orders) by_day.push_back(&o);
    std::stable_sort(by_day.begin(), by_day.end(),
                     [](const auto* x, const auto* y) { return x->day < y->day; });
    std::map<std::pair<int, std::string>, int64_t> held;
    for (const Bundle::Order* o : by_day) {
      const int64_t units = o->is_return ? -o->quantity : o->quantity;
      if (o->buyer != kNobody) held[{o->buyer, o->sku}] += units;
      if (o->seller != kNobody) {
        const int64_t left = held[{o->seller, o->sku}] -= units;
        ASSERT_GE(left, 0) << ProfileName(profile) << ": " << b.agents[o->seller].id << " sold "
                           << o->sku << " it did not hold";
      }
    }
  }
}

TEST_F(CorpusProfilesTest, LawfulPlantsItsTraps) {
  for (uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const fs::path dir = Generate(Profile::kLawful, 2000, seed);
    const Bundle b = ReadBundle(dir);
    const std::vector<Flow> flows = Flows(b);
    const size_t n = b.agents.size();

    // No fee to join and no pay per head; an optional training fee paid by
    // some, at various times.
    std::set<int> fee_payers;
    int64_t late_payers = 0;
    for (const Bundle::Payment& p : b.payments) {
      EXPECT_NE(p.kind, "entry_fee");
      EXPECT_NE(p.kind, "recruitment_bonus");
      if (p.kind == "training_fee" && fee_payers.insert(p.payer).second) {
        late_payers += b.DaysAfterJoining(p.payer, p.day) >= 30;
        EXPECT_EQ(p.cents, 19900);
        EXPECT_EQ(p.payee, kNobody);
      }
    }
    EXPECT_GE(ShareOf(fee_payers.size(), n), 0.10);
    EXPECT_LE(ShareOf(fee_payers.size(), n), 0.20);
    EXPECT_GT(late_payers, 0);
    EXPECT_LT(late_payers, static_cast<int64_t>(fee_payers.size()));

    // Starter kits: some joiners, first 30 days, at most CNY 300.
    std::set<int> kit_buyers;
    for (const Bundle::Order& o : b.orders) {
      if (o.sku != "STARTER-KIT" || o.is_return) continue;
      kit_buyers.insert(o.buyer);
      EXPECT_LT(b.DaysAfterJoining(o.buyer, o.day), 30);
      EXPECT_LE(o.cents, 30000);
      EXPECT_EQ(o.seller, kNobody);
    }
    EXPECT_GT(kit_buyers.size(), 0u);
    EXPECT_LE(ShareOf(kit_buyers.size(), n), 0.40);

    // A single-level override: each month's override to an agent is the same
    // 3-5% of what its direct recruits bought from the company that month
    // while it was in.
    std::map<std::pair<int, int>, int64_t> recruit_purchases;  // (sponsor, month)
    auto month = [](base::Day day) {
      const base::YearMonthDay date = base::CalendarDateOf(day);
      return date.year * 12 + static_cast<int>(date.month);
    };
    for (const Bundle::Order& o : b.orders) {
      if (o.is_return || o.buyer == kNobody) continue;
      EXPECT_EQ(o.seller, kNobody) << "lawful agents buy from the company";
      const int sponsor = b.agents[o.buyer].sponsor;
      if (sponsor == kNobody) continue;
      if (b.agents[sponsor].left && *b.agents[sponsor].left <= o.day) continue;
      recruit_purchases[{sponsor, month(o.day)}] += o.cents;
    }
    std::set<int64_t> percents;
    size_t overrides = 0;
    for (const Bundle::Payment& p : b.payments) {
      if (p.kind != "override") continue;
      ++overrides;
      const int64_t base = recruit_purchases[{p.payee, month(p.day)}];
      ASSERT_GT(base, 0) << b.agents[p.payee].id << " was paid an override without recruits' "
                         << "purchases that month";
      const int64_t percent = (p.cents * 100 + base / 2) / base;
      percents.insert(percent);
      EXPECT_EQ(p.cents, base * percent / 100) << b.agents[p.payee].id;
    }
    EXPECT_GT(overrides, 0u);
    ASSERT_EQ(percents.size(), 1u);
    EXPECT_GE(*percents.begin(), 3);
    EXPECT_LE(*percents.begin(), 5);

    // Leavers: 10-20%, their stock bought back by the company at what they
    // paid, on or after the day they left.
    std::map<std::pair<int, std::string>, std::set<int64_t>> unit_prices;
    std::vector<int64_t> purchases(n, 0);
    for (const Bundle::Order& o : b.orders) {
      if (!o.is_return && o.buyer != kNobody) {
        unit_prices[{o.buyer, o.sku}].insert(o.cents / o.quantity);
        ++purchases[o.buyer];
      }
    }
    size_t leavers = 0;
    size_t stocked_leavers = 0;
    size_t bought_back = 0;
    std::set<int> returned;
    for (const Bundle::Order& o : b.orders) {
      if (!o.is_return) continue;
      const Bundle::Agent& agent = b.agents[o.buyer];
      ASSERT_TRUE(agent.left.has_value()) << agent.id << " returned goods without leaving";
      EXPECT_GE(o.day, *agent.left) << agent.id;
      EXPECT_EQ(o.seller, kNobody);
      const std::set<int64_t>& paid = unit_prices[std::make_pair(o.buyer, o.sku)];
      EXPECT_TRUE(paid.count(o.cents / o.quantity))
          << agent.id << " was bought back at a price it never paid";
      EXPECT_EQ(o.cents % o.quantity, 0);
      returned.insert(o.buyer);
    }
    for (size_t a = 0; a < n; ++a) {
      if (!b.agents[a].left) continue;
      ++leavers;
      // After the buy-back a leaver holds at most what it kept for itself:
      // a unit of a purchase now and then.
      const int64_t on_hand = flows[a].bought - flows[a].passed_on;
      bought_back += returned.count(static_cast<int>(a));
      if (on_hand > purchases[a]) ++stocked_leavers;
    }
    EXPECT_GE(ShareOf(leavers, n), 0.10);
    EXPECT_LE(ShareOf(leavers, n), 0.20);
    EXPECT_GT(bought_back, leavers / 2);
    EXPECT_EQ(stocked_leavers, 0u) << "leavers kept stock that was not bought back";
    EXPECT_GT(std::count_if(purchases.begin(), purchases.end(), [](int64_t p) { return p > 0; }),
              0);

    // Retail-driven: most units reach consumers and most agents pass on 70%.
    EXPECT_GE(RetailShare(b, Everyone), 0.75);
    size_t buyers = 0, steady = 0;
    int64_t on_hand = 0, bought = 0;
    for (const Flow& f : flows) {
      if (f.bought <= 0) continue;
      ++buyers;
      steady += 10 * f.passed_on >= 7 * f.bought;
      on_hand += f.bought - f.passed_on;
      bought += f.bought;
    }
    EXPECT_GE(ShareOf(steady, buyers), 0.75);
    EXPECT_GT(on_hand, 0) << "no personal consumption or shelf stock at all";
    EXPECT_LT(ShareOf(on_hand, bought), 0.15);

    // One small deepest level that sold through less than the rest.
    int deepest = 0;
    for (size_t a = 0; a < n; ++a) deepest = std::max(deepest, b.Depth(static_cast<int>(a)));
    EXPECT_GT(deepest, 3);
    int64_t deep_agents = 0, deep_moved = 0, deep_bought = 0, rest_moved = 0, rest_bought = 0;
    for (size_t a = 0; a < n; ++a) {
      const bool deep = b.Depth(static_cast<int>(a)) == deepest;
      deep_agents += deep;
      (deep ? deep_moved : rest_moved) += flows[a].passed_on;
      (deep ? deep_bought : rest_bought) += flows[a].bought;
    }
    EXPECT_GE(deep_agents, 2);
    EXPECT_LE(deep_agents, 5);
    ASSERT_GT(deep_bought, 0);
    EXPECT_LT(ShareOf(deep_moved, deep_bought), ShareOf(rest_moved, rest_bought) - 0.1);

    // Big teams without organisers.
    const Truth truth = ReadTruth(dir);
    EXPECT_TRUE(truth.lists_organisers);
    EXPECT_TRUE(truth.organisers.empty());
    EXPECT_FALSE(truth.large_teams.empty()) << "lawful networks have big teams too";
  }
}

TEST_F(CorpusProfilesTest, FeePyramidChargesToJoinAndPaysPerHead) {
  const fs::path dir = Generate(Profile::kFeePyramid, 2000, 1);
  const Bundle b = ReadBundle(dir);
  std::vector<int64_t> fees(b.agents.size(), 0);
  std::vector<int64_t> fees_to_sponsor(b.agents.size(), 0);
  std::map<int, std::vector<int64_t>> bonuses_on_join;  // recruit -> bonuses paid that day
  for (const Bundle::Payment& p : b.payments) {
    if (p.kind == "entry_fee") {
      EXPECT_EQ(p.day, b.agents[p.payer].joined);
      fees[p.payer] += p.cents;
      if (p.payee != kNobody) {
        EXPECT_EQ(p.payee, b.agents[p.payer].sponsor);
        fees_to_sponsor[p.payer] += p.cents;
      }
    }
    EXPECT_NE(p.kind, "override");
  }
  for (int64_t cents : fees) EXPECT_EQ(cents, 98000);
  EXPECT_GT(std::count_if(fees_to_sponsor.begin(), fees_to_sponsor.end(),
                          [](int64_t c) { return c > 0; }),
            0);
  // Each recruit brings its active sponsor CNY 300 and the sponsor's active
  // sponsor CNY 100, the day it joins.
  std::map<std::pair<int, base::Day>, std::multiset<int64_t>> bonuses;
  for (const Bundle::Payment& p : b.payments) {
    if (p.kind == "recruitment_bonus") bonuses[{p.payee, p.day}].insert(p.cents);
  }
  for (size_t a = 0; a < b.agents.size(); ++a) {
    const int sponsor = b.agents[a].sponsor;
    const base::Day day = b.agents[a].joined;
    auto active = [&](int x) { return !b.agents[x].left || *b.agents[x].left > day; };
    if (sponsor == kNobody || !active(sponsor)) continue;
    auto& paid = bonuses[{sponsor, day}];
    ASSERT_TRUE(paid.count(30000)) << b.agents[sponsor].id << " unpaid for " << b.agents[a].id;
    paid.erase(paid.find(30000));
    const int grand = b.agents[sponsor].sponsor;
    if (grand == kNobody || !active(grand)) continue;
    auto& second = bonuses[{grand, day}];
    ASSERT_TRUE(second.count(10000)) << b.agents[grand].id << " unpaid for " << b.agents[a].id;
    second.erase(second.find(10000));
  }
  for (const auto& [key, left] : bonuses) {
    EXPECT_TRUE(left.empty()) << b.agents[key.first].id << " was paid bonuses for nobody";
  }
  // A token product, little retail, most participants out of pocket.
  EXPECT_LT(RetailShare(b, Everyone), 0.3);
  const std::vector<Flow> flows = Flows(b);
  const auto losing =
      std::count_if(flows.begin(), flows.end(), [](const Flow& f) { return f.net_cash < 0; });
  EXPECT_GT(ShareOf(losing, flows.size()), 0.5);
  EXPECT_FALSE(ReadTruth(dir).organisers.empty());
}

TEST_F(CorpusProfilesTest, LadderJoinersBuyTheirTiersPackFromTheirUpline) {
  for (uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const fs::path dir = Generate(Profile::kLadder, 2000, seed);
    const Bundle b = ReadBundle(dir);
    const Truth truth = ReadTruth(dir);
    EXPECT_FALSE(truth.lists_organisers) << "the ladder leaves the organisers to the auditor";
    const std::map<std::string, int64_t> thresholds = Thresholds(truth);
    ASSERT_EQ(thresholds.size(), 4u);
    EXPECT_EQ(thresholds.at("特约"), 60000);
    EXPECT_EQ(thresholds.at("二级代理"), 300000);
    EXPECT_EQ(thresholds.at("一级代理"), 800000);
    EXPECT_EQ(thresholds.at("总代"), 2800000);

    std::vector<int64_t> first_30_days(b.agents.size(), 0);
    for (const Bundle::Order& o : b.orders) {
      if (o.buyer == kNobody) continue;
      EXPECT_FALSE(o.is_return) << "nothing is bought back";
      const int after = b.DaysAfterJoining(o.buyer, o.day);
      if (after < 30) first_30_days[o.buyer] += o.cents;
      if (b.agents[o.buyer].sponsor != kNobody) {
        ASSERT_NE(o.seller, kNobody) << b.agents[o.buyer].id << " bought from the company";
        EXPECT_TRUE(b.IsAncestor(o.seller, o.buyer)) << b.agents[o.buyer].id << " bought from "
                                                     << b.agents[o.seller].id << ", not its upline";
      }
    }
    std::set<std::string> tiers_seen;
    for (size_t a = 0; a < b.agents.size(); ++a) {
      if (b.agents[a].sponsor == kNobody) continue;
      tiers_seen.insert(b.agents[a].tier);
      ASSERT_GE(first_30_days[a], thresholds.at(b.agents[a].tier))
          << b.agents[a].id << " (" << b.agents[a].tier << ") joined without its pack";
    }
    EXPECT_EQ(tiers_seen.size(), 4u) << "every tier with a threshold has joiners";
    for (const Bundle::Payment& p : b.payments) {
      EXPECT_EQ(p.kind, "override") << "no fees, no per-head bonus";
    }
    EXPECT_LT(RetailShare(b, Everyone), 0.1);

    // Stock piles up in the lower half of the levels: what reaches them
    // stays there, while the upper half passes its stock down.
    const std::vector<Flow> flows = Flows(b);
    int deepest = 0;
    for (size_t a = 0; a < b.agents.size(); ++a) {
      deepest = std::max(deepest, b.Depth(static_cast<int>(a)));
    }
    int64_t held[2] = {0, 0};
    int64_t bought[2] = {0, 0};
    for (size_t a = 0; a < b.agents.size(); ++a) {
      const int lower = 2 * b.Depth(static_cast<int>(a)) > deepest ? 1 : 0;
      held[lower] += flows[a].bought - flows[a].passed_on;
      bought[lower] += flows[a].bought;
    }
    const double upper_kept = ShareOf(held[0], static_cast<size_t>(bought[0]));
    const double lower_kept = ShareOf(held[1], static_cast<size_t>(bought[1]));
    EXPECT_GT(lower_kept, 0.75);
    EXPECT_GT(lower_kept, upper_kept + 0.3);
  }
}

TEST_F(CorpusProfilesTest, HeadcountChainsKeepTheirCasesWhateverTheSeed) {
  for (uint64_t seed : {1, 2, 3, 4}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const fs::path dir = Generate(Profile::kHeadcountChains, 400, seed);
    const Bundle b = ReadBundle(dir);
    const std::vector<Team> teams = MeasureTeams(b, {});
    std::vector<int> tops;
    for (size_t a = 0; a < b.agents.size(); ++a) {
      if (b.agents[a].sponsor == kNobody) tops.push_back(static_cast<int>(a));
    }
    ASSERT_EQ(tops.size(), 5u);
    std::multiset<std::string> shapes;
    int nested_top = kNobody;
    for (int top : tops) {
      const Team& t = teams[top];
      if (t.size >= 120) {
        shapes.insert("serious");
      } else if (t.size >= 45) {
        EXPECT_GE(t.levels, 4);
        int exact = 0;
        for (int recruit : b.agents[top].recruits) {
          exact += teams[recruit].size == 30 && teams[recruit].levels == 3;
        }
        EXPECT_EQ(exact, 1) << "one recruit heads exactly 30 people over 3 levels";
        nested_top = top;
        shapes.insert("nested");
      } else {
        shapes.insert(std::to_string(t.size) + "/" + std::to_string(t.levels));
      }
    }
    EXPECT_EQ(shapes, (std::multiset<std::string>{"30/3", "29/3", "30/2", "nested", "serious"}));
    EXPECT_EQ(b.agents.size(), 400u);

    // Everyone paid to join; every recruit earned its sponsor a bonus.
    std::vector<int> fee_paid(b.agents.size(), 0);
    std::vector<int> bonuses(b.agents.size(), 0);
    for (const Bundle::Payment& p : b.payments) {
      if (p.kind == "entry_fee") fee_paid[p.payer] = 1;
      if (p.kind == "recruitment_bonus") ++bonuses[p.payee];
    }
    for (size_t a = 0; a < b.agents.size(); ++a) {
      EXPECT_TRUE(fee_paid[a]) << b.agents[a].id;
      EXPECT_EQ(bonuses[a], static_cast<int>(b.agents[a].recruits.size())) << b.agents[a].id;
    }

    // The truth names the trees as the rows shape them.
    const Truth truth = ReadTruth(dir);
    std::set<std::string> truth_tops;
    for (const YAML::Node& tree : truth.node["trees"]) {
      const std::string top = tree["top"].as<std::string>();
      truth_tops.insert(top);
      EXPECT_EQ(tree["size"].as<int64_t>(), teams[b.index.at(top)].size) << top;
      EXPECT_EQ(tree["levels"].as<int64_t>(), teams[b.index.at(top)].levels) << top;
    }
    EXPECT_EQ(truth_tops.size(), 5u);
    ASSERT_NE(nested_top, kNobody);
    bool nested_listed = false;
    for (const TruthTeam& o : truth.organisers) {
      nested_listed |= o.size == 30 && o.within == b.agents[nested_top].id;
    }
    EXPECT_TRUE(nested_listed) << "the nested organiser is listed within its tree's top";
  }
}

TEST_F(CorpusProfilesTest, MixedBrandBranchesBehaveApart) {
  for (uint64_t seed : {1, 2}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const fs::path dir = Generate(Profile::kMixedBrand, 2000, seed);
    const Bundle b = ReadBundle(dir);
    const Truth truth = ReadTruth(dir);
    ASSERT_EQ(truth.branch_kind.size(), 2u);
    std::map<std::string, int> top_of_kind;
    for (const auto& [top, kind] : truth.branch_kind) top_of_kind[kind] = b.index.at(top);
    ASSERT_TRUE(top_of_kind.count("lawful") && top_of_kind.count("loading"));
    size_t tops = 0;
    for (const Bundle::Agent& agent : b.agents) tops += agent.sponsor == kNobody;
    EXPECT_EQ(tops, 2u);

    const int lawful = top_of_kind["lawful"];
    const int loading = top_of_kind["loading"];
    auto in_lawful = [&](int a) { return b.TopOf(a) == lawful; };
    auto in_loading = [&](int a) { return b.TopOf(a) == loading; };
    EXPECT_GE(RetailShare(b, in_lawful), 0.75);
    EXPECT_LT(RetailShare(b, in_loading), 0.2);
    size_t lawful_agents = 0;
    for (size_t a = 0; a < b.agents.size(); ++a) lawful_agents += in_lawful(static_cast<int>(a));
    EXPECT_GT(ShareOf(lawful_agents, b.agents.size()), 0.3);
    EXPECT_LT(ShareOf(lawful_agents, b.agents.size()), 0.7);

    for (const Bundle::Payment& p : b.payments) {
      if (p.kind == "training_fee") {
        EXPECT_TRUE(in_lawful(p.payer)) << b.agents[p.payer].id;
      }
      EXPECT_NE(p.kind, "entry_fee");
      EXPECT_NE(p.kind, "recruitment_bonus");
    }
    for (const Bundle::Order& o : b.orders) {
      if (o.buyer == kNobody) continue;
      if (o.is_return) {
        EXPECT_TRUE(in_lawful(o.buyer)) << "only the lawful branch buys back";
      }
      if (in_lawful(o.buyer)) {
        EXPECT_EQ(o.seller, kNobody) << b.agents[o.buyer].id;
      }
      if (in_loading(o.buyer) && o.buyer != loading) {
        EXPECT_TRUE(o.seller != kNobody && b.IsAncestor(o.seller, o.buyer)) << b.agents[o.buyer].id;
      }
    }
  }
}

// --- the truth against an independent recount ---------------------------------

TEST_F(CorpusProfilesTest, TruthNamesExactlyTheOrganisersTheRowsMake) {
  struct Case {
    Profile profile;
    uint64_t agents;
  };
  for (const Case& c : {Case{Profile::kFeePyramid, 2000}, Case{Profile::kHeadcountChains, 400},
                        Case{Profile::kLawful, 2000}}) {
    for (uint64_t seed : {1, 2, 3}) {
      SCOPED_TRACE(std::string(ProfileName(c.profile)) + " seed " + std::to_string(seed));
      const fs::path dir = Generate(c.profile, c.agents, seed);
      const Bundle b = ReadBundle(dir);
      const Truth truth = ReadTruth(dir);
      ASSERT_TRUE(truth.lists_organisers);
      const std::vector<Team> teams = MeasureTeams(b, Thresholds(truth));
      const std::vector<TruthTeam> organisers = Recount(b, teams, IsOrganiser, true);
      EXPECT_EQ(Describe(truth.organisers), Describe(organisers));
      std::vector<std::string> serious;
      for (const TruthTeam& o : organisers) {
        if (o.size >= 120) serious.push_back(o.agent);
      }
      std::vector<std::string> truth_serious = truth.serious;
      std::sort(serious.begin(), serious.end());
      std::sort(truth_serious.begin(), truth_serious.end());
      EXPECT_EQ(truth_serious, serious);
      if (c.profile != Profile::kLawful) {
        EXPECT_FALSE(serious.empty());
        EXPECT_GT(organisers.size(), serious.size()) << "some organisers are not serious";
      }
    }
  }
}

TEST_F(CorpusProfilesTest, TruthNamesExactlyTheLargeTeams) {
  for (Profile profile : kCorpusProfiles) {
    const fs::path dir = Generate(profile, profile == Profile::kHeadcountChains ? 400 : 2000, 3);
    const Bundle b = ReadBundle(dir);
    const Truth truth = ReadTruth(dir);
    const std::vector<Team> teams = MeasureTeams(b, {});
    EXPECT_EQ(Describe(truth.large_teams), Describe(Recount(b, teams, IsLarge, false)))
        << ProfileName(profile);
    EXPECT_FALSE(truth.large_teams.empty()) << ProfileName(profile);
  }
}

// --- options ---------------------------------------------------------------------

TEST_F(CorpusProfilesTest, TooFewAgentsOrStreamingRatesAreRefusedByName) {
  GeneratorOptions options;
  options.out_dir = (root_ / "refused").string();
  options.profile = Profile::kHeadcountChains;
  options.agents = 268;
  absl::StatusOr<GeneratorStats> stats = GenerateBundle(options);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(stats.status().message().find("agents"), std::string_view::npos) << stats.status();
  EXPECT_NE(stats.status().message().find("269"), std::string_view::npos) << stats.status();

  options.profile = Profile::kLawful;
  options.agents = 1000;
  options.orders_per_agent = 8;
  stats = GenerateBundle(options);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("orders_per_agent"), std::string_view::npos);
  EXPECT_FALSE(fs::exists(options.out_dir)) << "nothing is written for bad options";
}

TEST_F(CorpusProfilesTest, StreamingProfileOverACorpusLeavesNoStaleTruth) {
  const fs::path dir = Generate(Profile::kLawful, 300, 1);
  ASSERT_TRUE(fs::exists(dir / "truth.yaml"));
  GeneratorOptions options;
  options.out_dir = dir.string();
  options.profile = Profile::kHealthy;
  options.agents = 300;
  ASSERT_TRUE(GenerateBundle(options).ok());
  EXPECT_FALSE(fs::exists(dir / "truth.yaml"));
  for (const auto& entry : fs::directory_iterator(dir)) {
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
  }
}

TEST(ParseCorpusProfileTest, EveryNameReadsBack) {
  for (std::string_view name : ProfileNames()) {
    absl::StatusOr<Profile> profile = ParseProfile(name);
    ASSERT_TRUE(profile.ok()) << name;
    EXPECT_EQ(ProfileName(*profile), name);
  }
  EXPECT_EQ(ProfileNames().size(), 7u);
}

}  // namespace
}  // namespace tiersight::generate
