#include "exports/report_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>

#include "base/str_cat.h"
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
  EXPECT_THAT(
      names, ElementsAre("provenance.csv", "network.csv", "levels.csv", "tiers.csv", "branches.csv",
                         "recruits_by_month.csv", "net_cash_percentiles.csv", "money_flows.csv",
                         "verdicts.csv", "findings.csv", "finding_subjects.csv", "organisers.csv",
                         "organiser_teams.csv", "flagged_agents.csv"));
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

// A finding naming more subjects than it shows, with organisers (one
// within another), money as exact decimals, and the judgement.
tiersight::v1::AuditReport JudgedReport() {
  tiersight::v1::AuditReport report = SmallReport();
  report.mutable_bundle()->set_currency("CNY");
  tiersight::v1::Finding& f = *report.mutable_findings(0);
  for (const char* id : {"A2", "A3"}) f.add_subjects(id);
  f.set_subject_count(3);
  f.set_shown(1);
  tiersight::v1::FigureValue& money = *f.add_values();
  money.set_name("downline_spend");
  money.set_value(1234.5678);
  money.set_exact("1234.5678");
  money.set_unit("money");
  tiersight::v1::FigureValue& share = *f.add_values();
  share.set_name("own_retail_share");
  share.set_value(0.125);
  share.set_unit("share");
  tiersight::v1::Organiser& outer = *f.add_organisers();
  outer.set_agent_id("A1");
  outer.set_team_size(30);
  outer.set_team_levels(3);
  outer.mutable_team_paid_in()->set_value(90071992547409.93);
  outer.mutable_team_paid_in()->set_exact("90071992547409.9301");
  outer.mutable_own_net_cash()->set_exact("-12.5");
  tiersight::v1::Organiser& inner = *f.add_organisers();
  inner.set_agent_id("A2");
  inner.set_within("A1");
  inner.set_team_size(12);
  inner.set_team_levels(2);
  tiersight::v1::Finding& level = *report.add_findings();
  level.set_pack("inventory");
  level.set_rule_id("r2");
  level.set_scope("level");
  level.add_subjects("level 3");
  tiersight::v1::JurisdictionVerdict& v = *report.add_verdicts();
  v.set_jurisdiction("cn");
  v.set_verdict("CN: elements of 传销 met — criminal threshold reached by 2 organisers");
  v.set_elements_met(true);
  v.mutable_risk()->set_index(0.75);
  v.mutable_risk()->set_band("highest");
  report.add_verdicts()->set_jurisdiction("us");
  report.add_branches()->set_top("A1");
  tiersight::v1::PackProvenance& pack = *report.mutable_provenance()->add_packs();
  pack.set_name("cn");
  tiersight::v1::ParamSetting& param = *pack.add_params();
  param.set_name("join_share");
  param.set_value(0.6);
  param.set_default_value(0.5);
  param.set_unit("share");
  param.set_heuristic(true);
  report.mutable_provenance()->set_jurisdiction("cn");
  report.mutable_provenance()->set_pack_selection("jurisdiction");
  return report;
}

TEST(ReportCsvTest, FindingSubjectsNameEverySubjectOfEveryFindingInRankOrder) {
  const std::string subjects = Table(ReportCsvTables(JudgedReport()), "finding_subjects.csv");
  EXPECT_EQ(subjects, StrCat(kBom,
                             "finding,pack,rule_id,rank,subject\r\n"
                             "0,cn,r1,1,A1\r\n0,cn,r1,2,A2\r\n0,cn,r1,3,A3\r\n"
                             "1,inventory,r2,1,level 3\r\n"));
}

TEST(ReportCsvTest, FindingsListTheSubjectsShownAndCountThemAll) {
  const std::string findings = Table(ReportCsvTables(JudgedReport()), "findings.csv");
  EXPECT_THAT(findings, HasSubstr(",deepest_chain,subject_count\r\n"));
  EXPECT_THAT(findings, HasSubstr(",agent,A1,\"says"));
  EXPECT_THAT(findings, HasSubstr("; own_retail_share=0.125,,3\r\n"));
  // A finding recorded before findings counted their subjects shows them all.
  EXPECT_THAT(findings, HasSubstr(",level,level 3,"));
}

TEST(ReportCsvTest, OrganisersWithWhomTheyAreWithinAndExactMoney) {
  const std::string organisers = Table(ReportCsvTables(JudgedReport()), "organisers.csv");
  EXPECT_EQ(
      organisers,
      StrCat(kBom,
             "pack,rule_id,agent_id,within,team_size,team_levels,team_paid_in,own_net_cash\r\n"
             "cn,r1,A1,,30,3,90071992547409.9301,-12.5\r\n"
             "cn,r1,A2,A1,12,2,0,0\r\n"));
}

TEST(ReportCsvTest, OrganiserTeamsOneRowPerOrganiserWithItsThresholds) {
  tiersight::v1::AuditReport report = JudgedReport();
  tiersight::v1::OrganiserTeam& outer = *report.add_organiser_teams();
  outer.set_agent_id("A1");
  outer.set_tier("联创");
  outer.set_team_size(30);
  outer.set_team_levels(3);
  outer.set_joined("2024-09-30");
  outer.mutable_team_paid_in()->set_exact("2500000.5");
  outer.mutable_own_net_cash()->set_exact("-12.5");
  outer.add_rule_ids("r1");
  outer.add_rule_ids("r2");
  outer.set_charted(true);
  for (auto [measure, threshold, day] :
       {std::tuple{"team_size", 30.0, "2025-01-05"}, {"team_paid_in", 2500000.0, ""}}) {
    tiersight::v1::TeamThreshold& t = *outer.add_thresholds();
    t.set_measure(measure);
    t.set_threshold(threshold);
    t.set_reached_on(day);
  }
  tiersight::v1::OrganiserTeam& inner = *report.add_organiser_teams();
  inner.set_agent_id("A2");
  inner.set_within("A1");
  inner.set_team_size(12);
  inner.add_rule_ids("r1");
  EXPECT_EQ(Table(ReportCsvTables(report), "organiser_teams.csv"),
            StrCat(kBom,
                   "agent_id,within,tier,team_size,team_levels,joined,team_paid_in,own_net_cash,"
                   "rule_ids,charted,thresholds\r\n"
                   "A1,,联创,30,3,2024-09-30,2500000.5,-12.5,r1; r2,true,"
                   "team_size>=30 2025-01-05; team_paid_in>=2500000 not reached\r\n"
                   "A2,A1,,12,0,,0,0,r1,false,\r\n"));
}

TEST(ReportCsvTest, VerdictsOnePerJurisdictionWithTheRiskIndex) {
  const std::string verdicts = Table(ReportCsvTables(JudgedReport()), "verdicts.csv");
  EXPECT_EQ(verdicts, StrCat(kBom,
                             "jurisdiction,verdict,elements_met,risk_index,band\r\n"
                             "cn,CN: elements of 传销 met — criminal threshold reached by 2 "
                             "organisers,true,0.75,highest\r\n"
                             "us,,false,0,\r\n"));
}

TEST(ReportCsvTest, ValuesAreExactWithTheCurrencyAndProvenanceHasTheParameters) {
  const std::vector<CsvTable> tables = ReportCsvTables(JudgedReport());
  EXPECT_THAT(Table(tables, "findings.csv"),
              HasSubstr(",1,3,downline_spend=1234.5678 CNY; own_retail_share=0.125,"));
  const std::string provenance = Table(tables, "provenance.csv");
  EXPECT_THAT(provenance, HasSubstr("\r\njurisdiction,cn\r\npack_selection,jurisdiction\r\n"));
  EXPECT_THAT(provenance,
              HasSubstr("\r\nparam,\"cn.join_share=0.6 (default 0.5, share, heuristic)\"\r\n"));
  EXPECT_EQ(Table(tables, "branches.csv").find("top,agents,levels,"), kBom.size());
}

TEST(ReportCsvTest, ExportReportGivesTheTablesPseudonymised) {
  report::Pseudonymizer pseudonymizer("a fixed pseudonym key for tests");
  absl::StatusOr<std::vector<ExportedFile>> files =
      ExportReport(SmallReport(), {.format = ExportFormat::kCsv, .pseudonymizer = &pseudonymizer});
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 14u);
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

// Defect 10: brand text that a spreadsheet would run as a formula reaches no
// table as one, while negative amounts stay numbers.
TEST(ReportCsvTest, Defect10_BrandTextIsNeverAFormula) {
  tiersight::v1::AuditReport report = SmallReport();
  report.mutable_tiers(0)->set_tier("=HYPERLINK(\"http://evil\",\"x\")");
  report.mutable_bundle()->set_name("+cmd|' /C calc'!A0");
  report.mutable_levels(0)->set_net_cash(-12.5);
  report.mutable_findings(0)->set_subjects(0, "@A1");
  const std::vector<CsvTable> tables = ReportCsvTables(report);
  EXPECT_THAT(Table(tables, "tiers.csv"), HasSubstr("\r\n\"'=HYPERLINK("));
  EXPECT_THAT(Table(tables, "provenance.csv"), HasSubstr(",'+cmd|' /C calc'!A0\r\n"));
  EXPECT_THAT(Table(tables, "levels.csv"), HasSubstr(",-12.5\r\n"));
  EXPECT_THAT(Table(tables, "findings.csv"), HasSubstr(",'@A1,"));
  for (const CsvTable& t : tables) {
    for (const std::string_view bad : {"\n=", ",=", "\n+", ",+", "\n@", ",@"}) {
      EXPECT_EQ(t.data.find(bad), std::string::npos) << t.name << " has " << bad;
    }
  }
}

}  // namespace
}  // namespace tiersight::exports
