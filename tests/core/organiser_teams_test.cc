// The report model of the organisers and branches sections, built from a
// small network written inline (loaded leniently: one order row is
// rejected, one is dated after as_of, and neither may count):
//
//   X ─┬─ O ─┬─ A ─┬─ A1 ── A11 ── A111
//      │     │     └─ A2
//      │     └─ B ─┬─ B1
//      │           ├─ B2
//      │           └─ B3 (no joined_at)
//      └─ Y
//
// O and A are organisers (A within O's team). O's team: 10 people over 5
// levels (1, 2, 5, 1, 1 per level); A's: 5 over 4.
#include "core/organiser_teams.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/graph/bundle_test_util.h"

namespace tiersight::core {
namespace {

namespace v1 = tiersight::v1;
using ::testing::ElementsAre;
using ::testing::Pair;
using tiersight::testing::Computed;
using tiersight::testing::ComputeOrFail;
using tiersight::testing::kUnit;
using tiersight::testing::TempBundle;

class OrganiserTeamsTest : public ::testing::Test {
 protected:
  OrganiserTeamsTest() {
    bundle_.Write("network.yaml", "name: t\ncurrency: CNY\nas_of: 2025-06-30\n")
        .Write("agents.csv", R"csv(agent_id,sponsor_id,tier,joined_at
X,,gold,2024-12-01
O,X,gold,2025-01-01
A,O,silver,2025-01-10
B,O,silver,2025-01-20
A1,A,bronze,2025-02-03
A2,A,bronze,2025-02-20
B1,B,bronze,2025-03-01
B2,B,,2025-03-02
B3,B,bronze,
A11,A1,bronze,2025-03-15
A111,A11,bronze,2025-04-01
Y,X,silver,2025-01-05
)csv")
        .Write("orders.csv", R"csv(order_id,date,seller_id,buyer_id,sku,quantity,amount,kind
1,2025-01-02,,O,S,10,10000,sale
2,2025-01-15,,A,S,4,400,sale
3,2025-02-10,,B,S,3,300,sale
4,2025-02-11,,NOBODY,S,1,999,sale
5,2025-03-05,,A1,S,5,500,sale
6,2025-03-20,,A,S,1,100,return
7,2025-07-01,,A,S,1,77,sale
8,2025-03-06,A,,S,1,150,sale
)csv")
        .Write("payments.csv", R"csv(payment_id,date,payer_id,payee_id,amount,kind
1,2025-03-01,B1,O,50,entry_fee
2,2025-03-02,,O,20,recruitment_bonus
)csv");
    computed_ = std::make_unique<Computed>(ComputeOrFail(bundle_, /*lenient=*/true));
  }

  const graph::Network& network() const { return computed_->network(); }

  rules::OrganiserRow Row(const std::string& id, int64_t size, int64_t levels,
                          graph::Amount paid_in, const std::string& within = "") const {
    return rules::OrganiserRow{.agent = network().Find(id),
                               .agent_id = id,
                               .within = within,
                               .team_size = size,
                               .team_levels = levels,
                               .team_paid_in = paid_in,
                               .own_net_cash = 0};
  }

  // The findings of the cn pack's two organiser rules: the criminal test
  // names O and A, the serious one O alone, with its thresholds lowered
  // to 3 and 5 people and 1,000 paid in.
  std::vector<rules::Finding> Findings() const {
    rules::Finding criminal;
    criminal.rule_id = "criminal";
    criminal.organisers = {Row("O", 10, 5, 1150 * kUnit), Row("A", 5, 4, 500 * kUnit, "O")};
    rules::Finding other;
    other.rule_id = "other";
    rules::Finding serious;
    serious.rule_id = "serious";
    serious.organisers = {Row("O", 10, 5, 1150 * kUnit)};
    for (auto [name, value] :
         {std::pair{"criminal_people", 3.0}, {"serious_people", 5.0}, {"serious_money", 1000.0}}) {
      serious.params.push_back(rules::FigureValue{.name = name, .value = value});
    }
    return {criminal, other, serious};
  }

  SpendSource Spends() const {
    return [this](const graph::SpendVisitor& visit) {
      return graph::ForEachDatedSpend(bundle_.dir(), network(), computed_->loaded.report, visit);
    };
  }

  v1::AuditReport Build(const TeamChartLimits& limits = {}) const {
    v1::AuditReport report;
    AddOrganiserTeams(network(), computed_->figures, Findings(), Spends(), report, limits);
    return report;
  }

  static std::vector<std::string> NodeIds(const v1::OrganiserTeam& team) {
    std::vector<std::string> ids;
    for (const v1::GenealogyNode& n : team.nodes()) ids.push_back(n.agent_id());
    return ids;
  }

  static std::vector<std::tuple<int, int, int>> Bands(const v1::OrganiserTeam& team) {
    std::vector<std::tuple<int, int, int>> bands;
    for (const v1::GenealogyBand& b : team.bands()) {
      bands.emplace_back(b.first_level(), b.last_level(), b.agents());
    }
    return bands;
  }

  TempBundle bundle_;
  std::unique_ptr<Computed> computed_;
};

TEST_F(OrganiserTeamsTest, TheLoadRejectedOneRowAndIgnoredOne) {
  graph::LoadReport load = computed_->loaded.report;
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0].line, 5);
  EXPECT_EQ(load.CountsFor("orders.csv").ignored, 1);
}

TEST_F(OrganiserTeamsTest, EveryOrganiserOnceOutermostFirstWithTheRulesNamingIt) {
  const v1::AuditReport report = Build();
  ASSERT_EQ(report.organiser_teams_size(), 2);
  const v1::OrganiserTeam& o = report.organiser_teams(0);
  EXPECT_EQ(o.agent_id(), "O");
  EXPECT_EQ(o.within(), "");
  EXPECT_EQ(o.team_size(), 10);
  EXPECT_EQ(o.team_levels(), 5);
  EXPECT_EQ(o.tier(), "gold");
  EXPECT_EQ(o.joined(), "2025-01-01");
  EXPECT_EQ(o.team_paid_in().exact(), "1150");
  EXPECT_THAT(o.rule_ids(), ElementsAre("criminal", "serious"));
  const v1::OrganiserTeam& a = report.organiser_teams(1);
  EXPECT_EQ(a.agent_id(), "A");
  EXPECT_EQ(a.within(), "O");
  EXPECT_THAT(a.rule_ids(), ElementsAre("criminal"));
}

TEST_F(OrganiserTeamsTest, ThreeLevelsDrawnNodeByNodeAndTheRestInBands) {
  const v1::OrganiserTeam o = Build().organiser_teams(0);
  ASSERT_TRUE(o.charted());
  // Breadth first, recruits in agents.csv order.
  EXPECT_THAT(NodeIds(o), ElementsAre("O", "A", "B", "A1", "A2", "B1", "B2", "B3", "A11"));
  std::vector<std::tuple<int, int, std::string, int>> nodes;
  for (const v1::GenealogyNode& n : o.nodes()) {
    nodes.emplace_back(n.parent(), n.level(), n.tier(), n.team_size());
  }
  EXPECT_EQ(nodes[0], std::make_tuple(-1, 0, std::string("gold"), 10));
  EXPECT_EQ(nodes[1], std::make_tuple(0, 1, std::string("silver"), 5));
  EXPECT_EQ(nodes[6], std::make_tuple(2, 2, std::string(""), 1));
  EXPECT_EQ(nodes[8], std::make_tuple(3, 3, std::string("bronze"), 2));
  EXPECT_THAT(Bands(o), ElementsAre(std::make_tuple(4, 4, 1)));
  // A's team fits in its four levels.
  const v1::OrganiserTeam a = Build().organiser_teams(1);
  EXPECT_THAT(NodeIds(a), ElementsAre("A", "A1", "A2", "A11", "A111"));
  EXPECT_EQ(a.bands_size(), 0);
}

TEST_F(OrganiserTeamsTest, ALevelBeyondTheNodeBudgetIsABandAndSoAreTheLevelsBelowIt) {
  // 1 + 2 nodes fit in 6; the 5 of level 2 would not.
  const v1::OrganiserTeam o =
      Build({.charted = 20, .node_budget = 6, .drawn_levels = 3, .bands = 12}).organiser_teams(0);
  EXPECT_THAT(NodeIds(o), ElementsAre("O", "A", "B"));
  EXPECT_THAT(Bands(o), ElementsAre(std::make_tuple(2, 2, 5), std::make_tuple(3, 3, 1),
                                    std::make_tuple(4, 4, 1)));
  // The last band allowed holds every level from it down.
  const v1::OrganiserTeam capped =
      Build({.charted = 20, .node_budget = 6, .drawn_levels = 3, .bands = 2}).organiser_teams(0);
  EXPECT_THAT(Bands(capped), ElementsAre(std::make_tuple(2, 2, 5), std::make_tuple(3, 4, 2)));
  // Nodes and bands account for the whole team.
  int64_t people = capped.nodes_size();
  for (const v1::GenealogyBand& b : capped.bands()) people += b.agents();
  EXPECT_EQ(people, capped.team_size());
}

TEST_F(OrganiserTeamsTest, NeverMoreNodesThanTheBudget) {
  for (size_t budget : {1u, 2u, 3u, 8u, 9u, 150u}) {
    const v1::OrganiserTeam o =
        Build({.charted = 20, .node_budget = budget, .drawn_levels = 3, .bands = 12})
            .organiser_teams(0);
    EXPECT_LE(static_cast<size_t>(o.nodes_size()), std::max<size_t>(budget, 1)) << budget;
    EXPECT_GE(o.nodes_size(), 1) << budget;
  }
}

TEST_F(OrganiserTeamsTest, MonthlyTimelineAndTheDaysThresholdsWereReached) {
  const v1::OrganiserTeam o = Build().organiser_teams(0);
  EXPECT_TRUE(o.paid_in_dated());
  EXPECT_EQ(o.members_without_joined(), 1);
  std::vector<std::tuple<std::string, int, double>> months;
  for (const v1::TeamMonth& m : o.months())
    months.emplace_back(m.month(), m.team_size(), m.paid_in());
  // O's own purchase is not its team's; the rejected row and the one after
  // as_of count for nobody; the return counts against A.
  EXPECT_THAT(
      months,
      ElementsAre(std::make_tuple("2025-01", 3, 400.0), std::make_tuple("2025-02", 5, 700.0),
                  std::make_tuple("2025-03", 8, 1150.0), std::make_tuple("2025-04", 9, 1150.0),
                  std::make_tuple("2025-05", 9, 1150.0), std::make_tuple("2025-06", 9, 1150.0)));
  std::vector<std::tuple<std::string, double, std::string>> thresholds;
  for (const v1::TeamThreshold& t : o.thresholds()) {
    thresholds.emplace_back(t.measure(), t.threshold(), t.reached_on());
  }
  // The 3rd and 5th members by joining day; 1,000 paid in with A1's 500.
  EXPECT_THAT(thresholds, ElementsAre(std::make_tuple("team_size", 3.0, "2025-01-20"),
                                      std::make_tuple("team_size", 5.0, "2025-02-20"),
                                      std::make_tuple("team_paid_in", 1000.0, "2025-03-05")));
  // A's team never reached 1,000 paid in.
  const v1::OrganiserTeam a = Build().organiser_teams(1);
  EXPECT_EQ(a.thresholds(2).reached_on(), "");
  EXPECT_EQ(a.months(a.months_size() - 1).paid_in(), 500.0);
}

TEST_F(OrganiserTeamsTest, WithoutThresholdParametersTheTestsOwnNumbersAreUsed) {
  std::vector<rules::Finding> findings = Findings();
  findings[2].params.clear();
  v1::AuditReport report;
  AddOrganiserTeams(network(), computed_->figures, findings, Spends(), report);
  std::vector<std::pair<std::string, double>> thresholds;
  for (const v1::TeamThreshold& t : report.organiser_teams(0).thresholds()) {
    thresholds.emplace_back(t.measure(), t.threshold());
    EXPECT_EQ(t.reached_on(), "") << t.measure() << " " << t.threshold();
  }
  EXPECT_THAT(thresholds, ElementsAre(Pair("team_size", 30.0), Pair("team_size", 120.0),
                                      Pair("team_paid_in", 2500000.0)));
}

TEST_F(OrganiserTeamsTest, SpendsThatDoNotAddUpLeaveTheMoneyOutNotTheTeam) {
  std::vector<rules::Finding> findings = Findings();
  findings[0].organisers[0].team_paid_in = 1 * kUnit;  // not what the rows sum to
  v1::AuditReport report;
  AddOrganiserTeams(network(), computed_->figures, findings, Spends(), report);
  const v1::OrganiserTeam& o = report.organiser_teams(0);
  EXPECT_FALSE(o.paid_in_dated());
  EXPECT_EQ(o.thresholds(2).reached_on(), "");
  EXPECT_EQ(o.months(2).team_size(), 8);
  EXPECT_EQ(o.months(2).paid_in(), 0.0);
  EXPECT_TRUE(report.organiser_teams(1).paid_in_dated());

  v1::AuditReport unread;
  AddOrganiserTeams(
      network(), computed_->figures, Findings(),
      [](const graph::SpendVisitor&) { return absl::FailedPreconditionError("gone"); }, unread);
  EXPECT_FALSE(unread.organiser_teams(0).paid_in_dated());
  EXPECT_EQ(unread.organiser_teams(0).nodes_size(), 9);
}

TEST_F(OrganiserTeamsTest, OnlyTheLargestAreChartedAndTheSameInputGivesTheSameModel) {
  const v1::AuditReport report =
      Build({.charted = 1, .node_budget = 150, .drawn_levels = 3, .bands = 12});
  EXPECT_TRUE(report.organiser_teams(0).charted());
  const v1::OrganiserTeam& a = report.organiser_teams(1);
  EXPECT_FALSE(a.charted());
  EXPECT_EQ(a.nodes_size(), 0);
  EXPECT_EQ(a.months_size(), 0);
  EXPECT_EQ(a.thresholds_size(), 0);
  EXPECT_EQ(a.team_size(), 5);  // the table row is whole
  EXPECT_EQ(Build().SerializeAsString(), Build().SerializeAsString());
}

TEST_F(OrganiserTeamsTest, NoOrganiserNoTeams) {
  v1::AuditReport report;
  AddOrganiserTeams(network(), computed_->figures, {}, Spends(), report);
  EXPECT_EQ(report.organiser_teams_size(), 0);
}

TEST_F(OrganiserTeamsTest, BranchPyramidsOfTheLargestBranchesByLevel) {
  v1::AuditReport report;
  AddBranchPyramids(
      network(), computed_->figures, report,
      {.charted = 20, .node_budget = 150, .drawn_levels = 3, .bands = 12, .branch_pyramids = 2});
  // A single top: X is a branch of its own, O and Y head the others; X
  // and Y tie at one agent and X comes first in agents.csv.
  ASSERT_EQ(report.branch_pyramids_size(), 2);
  EXPECT_EQ(report.branch_pyramids(0).top(), "O");
  std::vector<std::pair<int, int>> levels;
  for (const v1::BranchLevel& l : report.branch_pyramids(0).levels()) {
    levels.emplace_back(l.depth(), l.agents());
  }
  EXPECT_THAT(levels, ElementsAre(Pair(2, 1), Pair(3, 2), Pair(4, 5), Pair(5, 1), Pair(6, 1)));
  // Level 3: A bought 4, returned 1 and sold 1 to a consumer; B bought 3.
  EXPECT_EQ(report.branch_pyramids(0).levels(1).units_on_hand(), 5.0);
  EXPECT_EQ(report.branch_pyramids(0).levels(1).units_retailed(), 1.0);
  EXPECT_EQ(report.branch_pyramids(1).top(), "X");
}

}  // namespace
}  // namespace tiersight::core
