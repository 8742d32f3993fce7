// Drill-down on a small network written inline, without a server: the
// upline, the recruit pages in upload order, the agent not found, the
// findings that name an agent, the pages of the level and tier tables, and
// the cap and the pages of a finding's subjects.
//
//   T1 ─┬─ Z ── C ── D        T2
//       ├─ A
//       └─ M
//
// Recruits of T1 are listed in agents.csv as Z, A, M: upload order differs
// from id order, so a page in id order would show.
#include "core/drill_down.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/graph/bundle_test_util.h"

namespace tiersight::core {
namespace {

namespace v1 = tiersight::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using tiersight::testing::Computed;
using tiersight::testing::ComputeOrFail;
using tiersight::testing::TempBundle;

std::vector<std::string> Ids(const std::vector<v1::AgentFigures>& figures) {
  std::vector<std::string> ids;
  for (const v1::AgentFigures& f : figures) ids.push_back(f.agent_id());
  return ids;
}

class AgentDrillDownTest : public ::testing::Test {
 protected:
  AgentDrillDownTest() {
    bundle_.Write("agents.csv", R"csv(agent_id,sponsor_id,tier
T1,,gold
Z,T1,silver
C,Z,silver
A,T1,silver
D,C,silver
M,T1,silver
T2,,gold
)csv");
    computed_ = std::make_unique<Computed>(ComputeOrFail(bundle_));
  }

  absl::StatusOr<AgentDrillDown> Agent(std::string_view id, PageRequest recruits = {0, 10}) {
    return DrillDownAgent(computed_->network(), computed_->figures.tree,
                          {.agent_id = id, .recruits = recruits, .network_id = "n1"});
  }

  TempBundle bundle_;
  std::unique_ptr<Computed> computed_;
};

TEST_F(AgentDrillDownTest, UplineRunsFromTheTopToTheDirectSponsor) {
  absl::StatusOr<AgentDrillDown> d = Agent("D");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_THAT(d->upline_agent_ids, ElementsAre("T1", "Z", "C"));
  EXPECT_EQ(d->figures.agent_id(), "D");
  EXPECT_EQ(d->figures.depth(), 4);
  EXPECT_EQ(computed_->network().id(d->agent), "D");

  absl::StatusOr<AgentDrillDown> top = Agent("T2");
  ASSERT_TRUE(top.ok()) << top.status();
  EXPECT_THAT(top->upline_agent_ids, IsEmpty());
  EXPECT_THAT(top->recruits.items, IsEmpty());
  EXPECT_EQ(top->recruits.next_offset, std::nullopt);
}

TEST_F(AgentDrillDownTest, RecruitsArePagedInUploadOrder) {
  absl::StatusOr<AgentDrillDown> first = Agent("T1", {.offset = 0, .limit = 2});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(Ids(first->recruits.items), ElementsAre("Z", "A"));
  ASSERT_EQ(first->recruits.next_offset, 2u);
  EXPECT_EQ(first->recruits.items[0].downline_size(), 2) << "Z's own figures, not T1's";

  absl::StatusOr<AgentDrillDown> second = Agent("T1", {.offset = 2, .limit = 2});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(Ids(second->recruits.items), ElementsAre("M"));
  EXPECT_EQ(second->recruits.next_offset, std::nullopt);
}

TEST_F(AgentDrillDownTest, PageAfterTheLastRecruitIsEmpty) {
  absl::StatusOr<AgentDrillDown> past = Agent("T1", {.offset = 7, .limit = 2});
  ASSERT_TRUE(past.ok()) << past.status();
  EXPECT_THAT(past->recruits.items, IsEmpty());
  EXPECT_EQ(past->recruits.next_offset, std::nullopt);
}

TEST_F(AgentDrillDownTest, UnknownAgentIsNotFoundNamingAgentAndNetwork) {
  absl::StatusOr<AgentDrillDown> strict = Agent("NOBODY");
  EXPECT_TRUE(absl::IsNotFound(strict.status())) << strict.status();
  EXPECT_THAT(std::string(strict.status().message()), HasSubstr("\"NOBODY\""));
  EXPECT_THAT(std::string(strict.status().message()), HasSubstr("network n1"));
  EXPECT_THAT(std::string(strict.status().message()), HasSubstr("rejected"));

  absl::StatusOr<AgentDrillDown> lenient =
      DrillDownAgent(computed_->network(), computed_->figures.tree,
                     {.agent_id = "NOBODY", .network_id = "n1", .lenient = true});
  EXPECT_TRUE(absl::IsNotFound(lenient.status()));
  EXPECT_THAT(std::string(lenient.status().message()), ::testing::Not(HasSubstr("rejected")));
}

TEST(FindingsNamingTest, KeepsTheFindingsWhoseSubjectsIncludeTheAgentInOrder) {
  google::protobuf::RepeatedPtrField<v1::Finding> findings;
  auto add = [&](const std::string& rule, std::vector<std::string> subjects) {
    v1::Finding* f = findings.Add();
    f->set_rule_id(rule);
    for (std::string& s : subjects) f->add_subjects(std::move(s));
  };
  add("network-wide", {});
  add("first", {"A1", "A2"});
  add("other", {"A3"});
  add("prefix", {"A22"});  // an id that only starts like the agent's
  add("second", {"A2"});

  std::vector<std::string> rules;
  for (const v1::Finding& f : FindingsNaming(findings, "A2")) rules.push_back(f.rule_id());
  EXPECT_THAT(rules, ElementsAre("first", "second"));
  EXPECT_THAT(FindingsNaming(findings, "nobody"), IsEmpty());
}

TEST(FigureTablePagesTest, LevelsAndTiersPageThroughTheReportsTables) {
  v1::FiguresReport report;
  for (int depth = 1; depth <= 3; ++depth) report.add_levels()->set_depth(depth);
  for (const char* tier : {"gold", "silver"}) report.add_tiers()->set_tier(tier);

  Page<v1::LevelFigures> first = LevelsPage(report, {.offset = 0, .limit = 2});
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].depth(), 1);
  EXPECT_EQ(first.items[1].depth(), 2);
  ASSERT_EQ(first.next_offset, 2u);
  Page<v1::LevelFigures> last = LevelsPage(report, {.offset = *first.next_offset, .limit = 2});
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].depth(), 3);
  EXPECT_EQ(last.next_offset, std::nullopt);

  Page<v1::TierFigures> tiers = TiersPage(report, {.offset = 0, .limit = 2});
  ASSERT_EQ(tiers.items.size(), 2u);
  EXPECT_EQ(tiers.items[1].tier(), "silver");
  EXPECT_EQ(tiers.next_offset, std::nullopt) << "a page that ends with the table is the last";
}

google::protobuf::RepeatedPtrField<v1::Finding> FindingsWithSubjects(int first, int second) {
  google::protobuf::RepeatedPtrField<v1::Finding> findings;
  for (int count : {first, second}) {
    v1::Finding& f = *findings.Add();
    for (int i = 0; i < count; ++i) f.add_subjects("A" + std::to_string(i));
    f.set_subject_count(count);
  }
  return findings;
}

TEST(FindingSubjectsTest, ACapCutsTheLongSubjectListsAndKeepsTheirCount) {
  google::protobuf::RepeatedPtrField<v1::Finding> findings = FindingsWithSubjects(3, 5);
  CapFindingSubjects(findings, /*max=*/4);
  EXPECT_THAT(findings.Get(0).subjects(), ElementsAre("A0", "A1", "A2"));
  EXPECT_FALSE(findings.Get(0).subjects_truncated());
  EXPECT_THAT(findings.Get(1).subjects(), ElementsAre("A0", "A1", "A2", "A3"));
  EXPECT_TRUE(findings.Get(1).subjects_truncated());
  EXPECT_EQ(findings.Get(1).subject_count(), 5);

  // A report recorded before findings counted their subjects gets the count.
  google::protobuf::RepeatedPtrField<v1::Finding> old = FindingsWithSubjects(0, 5);
  old.Mutable(1)->clear_subject_count();
  CapFindingSubjects(old, /*max=*/4);
  EXPECT_EQ(old.Get(1).subject_count(), 5);
  EXPECT_EQ(old.Get(0).subject_count(), 0);
}

TEST(FindingSubjectsTest, PagesRunThroughEverySubjectOfTheFinding) {
  const google::protobuf::RepeatedPtrField<v1::Finding> findings = FindingsWithSubjects(2, 5);
  absl::StatusOr<Page<std::string>> first = FindingSubjectsPage(findings, 1, {0, 3});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(first->items, ElementsAre("A0", "A1", "A2"));
  ASSERT_EQ(first->next_offset, 3u);
  absl::StatusOr<Page<std::string>> last = FindingSubjectsPage(findings, 1, {3, 3});
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_THAT(last->items, ElementsAre("A3", "A4"));
  EXPECT_EQ(last->next_offset, std::nullopt);
}

TEST(FindingSubjectsTest, AnIndexOutsideTheFindingsIsInvalidNamingIt) {
  const google::protobuf::RepeatedPtrField<v1::Finding> findings = FindingsWithSubjects(2, 5);
  for (int bad : {-1, 2}) {
    absl::StatusOr<Page<std::string>> page = FindingSubjectsPage(findings, bad, {0, 3});
    EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(page.status().message()),
                HasSubstr("`finding` " + std::to_string(bad) + " is not a finding"));
    EXPECT_THAT(std::string(page.status().message()), HasSubstr("it has 2, 0 to 1"));
  }
}

}  // namespace
}  // namespace tiersight::core
