#include "exports/report_pseudonyms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tiersight::exports {
namespace {

using ::testing::ElementsAre;

std::string Mapped(std::string_view id) { return "<" + std::string(id) + ">"; }

tiersight::v1::AuditReport ReportWithAgentFinding() {
  tiersight::v1::AuditReport report;
  tiersight::v1::Finding& f = *report.add_findings();
  f.set_scope("agent");
  f.add_subjects("A1");
  f.add_subjects("A10");
  f.set_message("A1 bought 5; A10 and A1's upline A100X did not (see A1).");
  f.mutable_evidence()->add_deepest_chain("T");
  f.mutable_evidence()->add_top_subjects()->set_subject("A10");
  report.add_negative_on_hand_agent_ids("N-7");
  return report;
}

TEST(ReplaceAgentIdsTest, StructuredFieldsOfAgentFindings) {
  tiersight::v1::AuditReport report = ReportWithAgentFinding();
  ReplaceAgentIds(report, Mapped);
  const tiersight::v1::Finding& f = report.findings(0);
  EXPECT_THAT(f.subjects(), ElementsAre("<A1>", "<A10>"));
  EXPECT_THAT(f.evidence().deepest_chain(), ElementsAre("<T>"));
  EXPECT_EQ(f.evidence().top_subjects(0).subject(), "<A10>");
  EXPECT_THAT(report.negative_on_hand_agent_ids(), ElementsAre("<N-7>"));
}

TEST(ReplaceAgentIdsTest, MessagesReplaceWholeTokensOnly) {
  tiersight::v1::AuditReport report = ReportWithAgentFinding();
  ReplaceAgentIds(report, Mapped);
  // A100X is no known id and contains A1 and A10 only as a prefix.
  EXPECT_EQ(report.findings(0).message(),
            "<A1> bought 5; <A10> and <A1>'s upline A100X did not (see <A1>).");
}

TEST(ReplaceAgentIdsTest, LevelAndTierSubjectsStay) {
  tiersight::v1::AuditReport report;
  tiersight::v1::Finding& f = *report.add_findings();
  f.set_scope("tier");
  f.add_subjects("tier 总代");
  f.set_message("tier 总代 holds 5 units");
  ReplaceAgentIds(report, Mapped);
  EXPECT_THAT(report.findings(0).subjects(), ElementsAre("tier 总代"));
  EXPECT_EQ(report.findings(0).message(), "tier 总代 holds 5 units");
}

TEST(ReplaceAgentIdsTest, LoadReasonsAsTheReaderWritesThem) {
  tiersight::v1::AuditReport report;
  auto reason = [&](const std::string& text) {
    report.mutable_load()->add_errors()->set_reason(text);
  };
  reason("unknown sponsor_id 'ghost': no agents.csv row has that agent_id");
  reason("duplicate agent_id 'X9' (first defined on line 3)");
  reason("agent 'S' names itself as its sponsor (self-sponsor)");
  reason("seller_id and buyer_id are the same agent 'Q'");
  reason("buyer_id 'B2' names an agent rejected at agents.csv line 4");
  reason("sponsor cycle: C1 -> C2 -> ... (9 agents in the cycle) -> C1");
  reason("date '2026-13-01' is not a date (YYYY-MM-DD); duplicate order_id 'O1'");
  reason("unknown kind 'gift' (sale or return)");
  ReplaceAgentIds(report, Mapped);
  std::vector<std::string> reasons;
  for (const auto& e : report.load().errors()) reasons.push_back(e.reason());
  EXPECT_THAT(reasons,
              ElementsAre("unknown sponsor_id '<ghost>': no agents.csv row has that agent_id",
                          "duplicate agent_id '<X9>' (first defined on line 3)",
                          "agent '<S>' names itself as its sponsor (self-sponsor)",
                          "seller_id and buyer_id are the same agent '<Q>'",
                          "buyer_id '<B2>' names an agent rejected at agents.csv line 4",
                          "sponsor cycle: <C1> -> <C2> -> ... (9 agents in the cycle) -> <C1>",
                          "date '2026-13-01' is not a date (YYYY-MM-DD); duplicate order_id 'O1'",
                          "unknown kind 'gift' (sale or return)"));
}

TEST(ReplaceAgentIdsTest, KnownIdsInWarningsToo) {
  tiersight::v1::AuditReport report = ReportWithAgentFinding();
  report.mutable_load()->add_warnings()->set_reason("A10 left before joining");
  ReplaceAgentIds(report, Mapped);
  EXPECT_EQ(report.load().warnings(0).reason(), "<A10> left before joining");
}

}  // namespace
}  // namespace tiersight::exports
