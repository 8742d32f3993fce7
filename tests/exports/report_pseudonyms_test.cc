#include "exports/report_pseudonyms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;
using ::testing::ElementsAre;

std::string Mapped(std::string_view id) { return "<" + std::string(id) + ">"; }

void AddArg(google::protobuf::RepeatedPtrField<v1::MessageArg>* args, std::string name,
            std::string text, v1::MessageArgKind kind) {
  v1::MessageArg* a = args->Add();
  a->set_name(std::move(name));
  a->set_text(std::move(text));
  a->set_kind(kind);
}

v1::AuditReport ReportWithAgentFinding() {
  v1::AuditReport report;
  v1::Finding& f = *report.add_findings();
  f.set_scope("agent");
  f.add_subjects("A1");
  f.add_subjects("A10");
  f.set_message_template("{subject} bought {units}; A1 is a word here, {subject} again");
  AddArg(f.mutable_message_args(), "subject", "A1", v1::MESSAGE_ARG_KIND_AGENT_ID);
  AddArg(f.mutable_message_args(), "units", "5", v1::MESSAGE_ARG_KIND_NUMBER);
  AddArg(f.mutable_message_args(), "subject", "A1", v1::MESSAGE_ARG_KIND_AGENT_ID);
  f.set_message("A1 bought 5; A1 is a word here, A1 again");
  f.mutable_evidence()->add_deepest_chain("T");
  f.mutable_evidence()->add_top_subjects()->set_subject("A10");
  v1::Organiser& outer = *f.add_organisers();
  outer.set_agent_id("A1");
  v1::Organiser& inner = *f.add_organisers();
  inner.set_agent_id("A10");
  inner.set_within("A1");
  v1::OrganiserRisk& risk = *report.add_organiser_risks();
  risk.set_agent_id("A10");
  risk.set_jurisdiction("cn");
  report.add_negative_on_hand_agent_ids("N-7");
  report.add_branches()->set_top("B-2");
  return report;
}

TEST(ReplaceAgentIdsTest, StructuredFieldsOfAgentFindings) {
  v1::AuditReport report = ReportWithAgentFinding();
  ReplaceAgentIds(report, Mapped);
  const v1::Finding& f = report.findings(0);
  EXPECT_THAT(f.subjects(), ElementsAre("<A1>", "<A10>"));
  EXPECT_THAT(f.evidence().deepest_chain(), ElementsAre("<T>"));
  EXPECT_EQ(f.evidence().top_subjects(0).subject(), "<A10>");
  EXPECT_THAT(report.negative_on_hand_agent_ids(), ElementsAre("<N-7>"));
  EXPECT_EQ(f.organisers(0).agent_id(), "<A1>");
  EXPECT_EQ(f.organisers(0).within(), "") << "an outermost organiser is within no one";
  EXPECT_EQ(f.organisers(1).agent_id(), "<A10>");
  EXPECT_EQ(f.organisers(1).within(), "<A1>");
  EXPECT_EQ(report.organiser_risks(0).agent_id(), "<A10>");
  EXPECT_EQ(report.organiser_risks(0).jurisdiction(), "cn");
  EXPECT_EQ(report.branches(0).top(), "<B-2>");
}

TEST(ReplaceAgentIdsTest, BranchFindingsNameTheAgentsHeadingThem) {
  v1::AuditReport report;
  v1::Finding& f = *report.add_findings();
  f.set_scope("branch");
  f.add_subjects("T-1");
  f.mutable_evidence()->add_top_subjects()->set_subject("T-1");
  ReplaceAgentIds(report, Mapped);
  EXPECT_THAT(report.findings(0).subjects(), ElementsAre("<T-1>"));
  EXPECT_EQ(report.findings(0).evidence().top_subjects(0).subject(), "<T-1>");
}

TEST(ReplaceAgentIdsTest, MessagesAreRenderedAgainFromTheirArguments) {
  v1::AuditReport report = ReportWithAgentFinding();
  ReplaceAgentIds(report, Mapped);
  const v1::Finding& f = report.findings(0);
  // The template's own words are never searched: "A1" written by the pack's
  // author stays; the arguments that are agent ids change.
  EXPECT_EQ(f.message(), "<A1> bought 5; A1 is a word here, <A1> again");
  EXPECT_EQ(f.message_args(0).text(), "<A1>");
  EXPECT_EQ(f.message_args(1).text(), "5");
}

TEST(ReplaceAgentIdsTest, TextWithoutItsTemplateIsWithheld) {
  v1::AuditReport report;
  report.add_findings()->set_message("A1 recruited A2");
  report.mutable_load()->add_errors()->set_reason("unknown sponsor_id 'ghost'");
  ReplaceAgentIds(report, Mapped);
  EXPECT_EQ(report.findings(0).message(), kWithheldMessage);
  EXPECT_EQ(report.load().errors(0).reason(), kWithheldMessage);
}

TEST(ReplaceAgentIdsTest, LevelAndTierSubjectsStay) {
  v1::AuditReport report;
  v1::Finding& f = *report.add_findings();
  f.set_scope("tier");
  f.add_subjects("tier 总代");
  f.set_message_template("{subject} holds {units} units");
  AddArg(f.mutable_message_args(), "subject", "tier 总代", v1::MESSAGE_ARG_KIND_TEXT);
  AddArg(f.mutable_message_args(), "units", "5", v1::MESSAGE_ARG_KIND_NUMBER);
  f.mutable_evidence()->add_top_subjects()->set_subject("tier 总代");
  ReplaceAgentIds(report, Mapped);
  EXPECT_THAT(report.findings(0).subjects(), ElementsAre("tier 总代"));
  EXPECT_EQ(report.findings(0).evidence().top_subjects(0).subject(), "tier 总代");
  EXPECT_EQ(report.findings(0).message(), "tier 总代 holds 5 units");
}

TEST(ReplaceAgentIdsTest, LoadReasonsReplaceTheirAgentArguments) {
  v1::AuditReport report;
  v1::LoadIssue& issue = *report.mutable_load()->add_errors();
  issue.set_reason_template("sponsor cycle: {agent} -> {agent} -> {agent}; costs {{x}}");
  for (const char* id : {"C1", "C2", "C1"}) {
    AddArg(issue.mutable_reason_args(), "agent", id, v1::MESSAGE_ARG_KIND_AGENT_ID);
  }
  v1::LoadIssue& plain = *report.mutable_load()->add_warnings();
  plain.set_reason_template("column 'C1' is not part of the format; ignored");
  plain.set_reason("column 'C1' is not part of the format; ignored");
  ReplaceAgentIds(report, Mapped);
  EXPECT_EQ(report.load().errors(0).reason(), "sponsor cycle: <C1> -> <C2> -> <C1>; costs {x}");
  EXPECT_EQ(report.load().warnings(0).reason(), "column 'C1' is not part of the format; ignored");
}

}  // namespace
}  // namespace tiersight::exports
