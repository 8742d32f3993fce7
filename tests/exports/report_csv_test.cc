#include "exports/report_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exports/report_export.h"

namespace tiersight::exports {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

tiersight::v1::AuditReport SmallReport() {
  tiersight::v1::AuditReport report;
  report.mutable_network()->set_participants(3);
  report.mutable_network()->set_retail_share(0.125);
  tiersight::v1::LevelFigures& level = *report.add_levels();
  level.set_depth(1);
  level.set_agents(2);
  level.set_spend(1234.56);
  report.add_tiers()->set_tier("总代");
  tiersight::v1::Finding& f = *report.add_findings();
  f.set_severity("high");
  f.set_pack("cn");
  f.set_rule_id("r1");
  f.set_title("Title, with a comma");
  f.set_scope("agent");
  f.add_subjects("A1");
  f.set_message("says \"hello\"\nand goes on");
  f.mutable_evidence()->set_matches(1);
  f.mutable_evidence()->set_evaluated(3);
  tiersight::v1::SubjectEvidence& s = *f.mutable_evidence()->add_top_subjects();
  s.set_subject("A1");
  tiersight::v1::FigureValue& v = *s.add_values();
  v.set_name("spend");
  v.set_value(0.1);
  report.mutable_provenance()->set_bundle_digest("abc");
  return report;
}

std::string Table(const std::vector<CsvTable>& tables, const std::string& name) {
  for (const CsvTable& t : tables) {
    if (t.name == name) return t.data;
  }
  ADD_FAILURE() << "no " << name;
  return "";
}

TEST(ReportCsvTest, OneFilePerTableEachWithBomAndCrlf) {
  const std::vector<CsvTable> tables = ReportCsvTables(SmallReport());
  std::vector<std::string> names;
  for (const CsvTable& t : tables) {
    names.push_back(t.name);
    EXPECT_EQ(t.data.substr(0, 3), kBom) << t.name;
    EXPECT_EQ(t.data.substr(t.data.size() - 2), "\r\n") << t.name;
  }
  EXPECT_THAT(names, ElementsAre("provenance.csv", "network.csv", "levels.csv", "tiers.csv",
                                 "recruits_by_month.csv", "net_cash_percentiles.csv",
                                 "findings.csv", "flagged_agents.csv"));
}

TEST(ReportCsvTest, Rfc4180Quoting) {
  const std::string findings = Table(ReportCsvTables(SmallReport()), "findings.csv");
  EXPECT_THAT(findings, HasSubstr(",\"Title, with a comma\","));
  // Quotes doubled, the embedded newline kept inside the quoted field.
  EXPECT_THAT(findings, HasSubstr(",\"says \"\"hello\"\"\nand goes on\","));
  EXPECT_EQ(findings.find("severity,pack,rule_id,title,scope,subjects,message"), kBom.size());
}

TEST(ReportCsvTest, GroupTablesHaveEveryFigureColumnAndExactNumbers) {
  const std::vector<CsvTable> tables = ReportCsvTables(SmallReport());
  const std::string levels = Table(tables, "levels.csv");
  EXPECT_EQ(levels.find("depth,agents,direct_recruits,downline_size"), kBom.size());
  EXPECT_THAT(levels, HasSubstr(",net_cash\r\n"));
  EXPECT_THAT(levels, HasSubstr("\r\n1,2,0,0,0,0,0,0,0,1234.56,"));
  EXPECT_THAT(Table(tables, "tiers.csv"), HasSubstr("\r\n总代,0,"));
  EXPECT_THAT(Table(tables, "network.csv"), HasSubstr("retail_share,0.125\r\n"));
  EXPECT_THAT(Table(tables, "provenance.csv"), HasSubstr("bundle_digest,abc\r\n"));
}

TEST(ReportCsvTest, FlaggedAgentsOneRowPerTopSubject) {
  const std::string flagged = Table(ReportCsvTables(SmallReport()), "flagged_agents.csv");
  EXPECT_THAT(flagged, HasSubstr("\r\nA1,high,cn,r1,1,spend=0.1\r\n"));
}

TEST(ReportCsvTest, FlaggedAgentsLeaveOutTheGroupsOfGroupFindings) {
  tiersight::v1::AuditReport report = SmallReport();
  tiersight::v1::Finding& level = *report.add_findings();
  level.set_scope("level");
  level.set_rule_id("r2");
  level.add_subjects("level 3");
  level.mutable_evidence()->add_top_subjects()->set_subject("level 3");
  const std::string flagged = Table(ReportCsvTables(report), "flagged_agents.csv");
  EXPECT_THAT(flagged, HasSubstr("\r\nA1,"));
  EXPECT_THAT(flagged, Not(HasSubstr("level 3")));
}

TEST(ReportCsvTest, ExportReportGivesTheTablesPseudonymised) {
  report::Pseudonymizer pseudonymizer("a fixed pseudonym key for tests");
  absl::StatusOr<std::vector<ExportedFile>> files =
      ExportReport(SmallReport(), {.format = ExportFormat::kCsv, .pseudonymizer = &pseudonymizer});
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 8u);
  for (const ExportedFile& f : *files) {
    EXPECT_EQ(f.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(f.data.find("A1"), std::string::npos) << f.name;
  }
}

TEST(ReportCsvTest, ExportWithoutAKeyRefusesRatherThanLeakIds) {
  absl::StatusOr<std::vector<ExportedFile>> files =
      ExportReport(SmallReport(), {.format = ExportFormat::kCsv});
  EXPECT_EQ(files.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace tiersight::exports
