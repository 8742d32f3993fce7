// What `verify --bundle` prints when a report and a fresh audit disagree:
// section, item and field with both values, one line per section and per
// finding, verdict and organiser risk, in report order, values cut without splitting a character;
// and nothing for a report read back from its own JSON.
#include "core/report_diff.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <string>

#include "core/audit_runner.h"
#include "core/pack_library.h"
#include "exports/report_json.h"
#include "graph/text_encoding.h"

namespace tiersight::core {
namespace {

using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

v1::AuditReport Report(const std::string& text) {
  v1::AuditReport report;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &report)) << text;
  return report;
}

constexpr char kReport[] = R"pb(
  network {
    participants: 2000
    max_depth: 4
    recruits_by_month { month: "2026-01" agents: 5 }
  }
  levels { depth: 0 agents: 1 spend: 10 }
  levels { depth: 1 agents: 3 spend: 11 }
  levels { depth: 2 agents: 9 spend: 7 }
  levels { depth: 3 agents: 27 spend: 12 }
  tiers { tier: "总代" agents: 1 }
  tiers { tier: "特约" agents: 39 }
  negative_on_hand_agent_ids: "A7"
  findings {
    rule_id: "cn-224-1-criminal-threshold"
    pack: "cn"
    severity: "critical"
    evidence {
      top_subjects {
        subject: "A1"
        values { name: "spend" value: 4 }
      }
    }
  }
  findings { rule_id: "inv-1" pack: "inventory" severity: "high" }
  verdicts {
    jurisdiction: "cn"
    verdict: "CN: elements of 传销 met"
    elements_met: true
    risk { index: 0.75 band: "highest" }
  }
  verdicts { jurisdiction: "us" verdict: "US: no element met" }
  risk { index: 0.75 band: "highest" }
  organiser_risks {
    agent_id: "A1"
    jurisdiction: "cn"
    risk { index: 0.5 band: "suspected" }
  }
  organiser_risks {
    agent_id: "A2"
    jurisdiction: "cn"
    risk { index: 0.25 band: "general" }
  }
  branches { top: "A1" agents: 30 }
)pb";

TEST(DiffAuditReportsTest, EqualReportsHaveNoDifference) {
  EXPECT_THAT(DiffAuditReports(Report(kReport), Report(kReport)), IsEmpty());
}

TEST(DiffAuditReportsTest, ChangedNestedFieldNamesSectionItemAndField) {
  const v1::AuditReport fresh = Report(kReport);
  v1::AuditReport stated = fresh;
  stated.mutable_levels(3)->set_spend(12.5);
  stated.mutable_network()->mutable_recruits_by_month(0)->set_agents(6);
  stated.mutable_findings(0)
      ->mutable_evidence()
      ->mutable_top_subjects(0)
      ->mutable_values(0)
      ->set_value(4.25);
  EXPECT_THAT(
      DiffAuditReports(stated, fresh),
      ElementsAre("network.recruits_by_month[0].agents: the report says 6, a fresh audit gives 5",
                  "levels[3].spend: the report says 12.5, a fresh audit gives 12",
                  "findings[0] (cn cn-224-1-criminal-threshold).evidence.top_subjects[0]."
                  "values[0].value: the report says 4.25, a fresh audit gives 4"));
}

TEST(DiffAuditReportsTest, ZeroOnOneSideIsAChangedValue) {
  // Proto3 does not store zeros: the field is unset on one side only.
  const v1::AuditReport fresh = Report(kReport);
  v1::AuditReport stated = fresh;
  stated.mutable_levels(0)->set_depth(0);
  stated.mutable_levels(1)->set_agents(0);
  EXPECT_THAT(DiffAuditReports(stated, fresh),
              ElementsAre("levels[1].agents: the report says 0, a fresh audit gives 3"));
}

TEST(DiffAuditReportsTest, MissingRepeatedItemGivesTheCounts) {
  const v1::AuditReport fresh = Report(kReport);
  v1::AuditReport stated = fresh;
  stated.mutable_tiers()->RemoveLast();
  stated.mutable_negative_on_hand_agent_ids()->Clear();
  stated.mutable_findings()->RemoveLast();
  stated.mutable_network()->add_recruits_by_month()->set_month("2026-02");
  stated.mutable_verdicts()->RemoveLast();
  stated.mutable_organiser_risks()->RemoveLast();
  stated.mutable_organiser_risks(0)->set_jurisdiction("us");
  EXPECT_THAT(
      DiffAuditReports(stated, fresh),
      ElementsAre(
          "network.recruits_by_month: the report has 2 entries, a fresh audit "
          "gives 1",
          "tiers: the report has 1 entries, a fresh audit gives 2",
          "negative_on_hand_agent_ids: the report has 0 entries, a fresh audit "
          "gives 1",
          "findings: the report has 1, a fresh audit gives 2",
          "verdicts: the report has 1, a fresh audit gives 2",
          R"(organiser_risks[0] (A1 in cn).jurisdiction: the report says "us", a fresh audit gives "cn")",
          "organiser_risks: the report has 1, a fresh audit gives 2"));
}

TEST(DiffAuditReportsTest, ChangedStringsAreQuoted) {
  const v1::AuditReport fresh = Report(kReport);
  v1::AuditReport stated = fresh;
  stated.mutable_findings(0)->set_severity("low");
  stated.mutable_tiers(0)->set_tier("一级代理");
  stated.set_negative_on_hand_agent_ids(0, "A\"8");
  EXPECT_THAT(
      DiffAuditReports(stated, fresh),
      ElementsAre(
          R"(tiers[0].tier: the report says "一级代理", a fresh audit gives "总代")",
          R"(negative_on_hand_agent_ids[0]: the report says "A\"8", a fresh audit gives "A7")",
          R"(findings[0] (cn cn-224-1-criminal-threshold).severity: the report says "low", a fresh audit gives "critical")"));
}

TEST(DiffAuditReportsTest, OneLinePerSectionAndPerFindingInReportOrder) {
  const v1::AuditReport fresh = Report(kReport);
  v1::AuditReport stated = fresh;
  stated.mutable_findings(1)->set_severity("low");
  stated.mutable_findings(0)->set_pack("eu");
  stated.mutable_findings(0)->set_severity("low");
  stated.mutable_levels(2)->set_spend(1);
  stated.mutable_levels(1)->set_spend(1);
  stated.mutable_levels()->RemoveLast();
  stated.mutable_network()->set_max_depth(9);
  stated.mutable_network()->set_participants(2001);
  EXPECT_THAT(DiffAuditReports(stated, fresh),
              ElementsAre(StartsWith("network.participants: the report says 2001"),
                          StartsWith("levels[1].spend: the report says 1"),
                          StartsWith("findings[0] (cn cn-224-1-criminal-threshold).pack: "),
                          StartsWith("findings[1] (inventory inv-1).severity: ")));
}

TEST(DiffAuditReportsTest, VerdictsRiskAndOrganisersAreNamedByWhatTellsThemApart) {
  const v1::AuditReport fresh = Report(kReport);
  v1::AuditReport stated = fresh;
  stated.mutable_verdicts(1)->set_elements_met(true);
  stated.mutable_verdicts(0)->set_verdict("CN: no element of 传销 met");
  stated.mutable_verdicts(0)->mutable_risk()->set_band("general");
  stated.mutable_risk()->set_index(0.25);
  stated.mutable_organiser_risks(1)->mutable_risk()->set_index(0.5);
  stated.mutable_branches(0)->set_agents(31);
  EXPECT_THAT(
      DiffAuditReports(stated, fresh),
      ElementsAre(
          R"(verdicts[0] (cn).verdict: the report says "CN: no element of 传销 met", a fresh audit gives "CN: elements of 传销 met")",
          "verdicts[1] (us).elements_met: the report says true, a fresh audit gives false",
          "risk.index: the report says 0.25, a fresh audit gives 0.75",
          "organiser_risks[1] (A2 in cn).risk.index: the report says 0.5, a fresh audit gives "
          "0.25",
          "branches[0].agents: the report says 31, a fresh audit gives 30"));
}

TEST(DiffAuditReportsTest, WhatTheOrganisersAndBranchesSectionsDrawIsCompared) {
  v1::AuditReport fresh = Report(kReport);
  v1::OrganiserTeam* team = fresh.add_organiser_teams();
  team->set_agent_id("A1");
  team->set_team_size(30);
  team->add_nodes()->set_agent_id("A1");
  fresh.add_branch_pyramids()->add_levels()->set_agents(4);
  v1::AuditReport stated = fresh;
  stated.mutable_organiser_teams(0)->mutable_nodes(0)->set_tier("联创");
  stated.mutable_branch_pyramids(0)->mutable_levels(0)->set_agents(5);
  EXPECT_THAT(DiffAuditReports(stated, fresh),
              ElementsAre(StartsWith("organiser_teams[0].nodes[0].tier: the report says"),
                          "branch_pyramids[0].levels[0].agents: the report says 5, a fresh "
                          "audit gives 4"));
}

TEST(DiffAuditReportsTest, Defect24_LongValuesAreCutAtACharacterBoundary) {
  const v1::AuditReport fresh = Report(kReport);
  v1::AuditReport stated = fresh;
  // After the quote and "xy", characters start at bytes 3, 6, ...: byte 80
  // is the last byte of one.
  std::string long_tier = "xy";
  for (int i = 0; i < 60; ++i) long_tier += "特";
  stated.mutable_tiers(0)->set_tier(long_tier);
  const std::vector<std::string> differences = DiffAuditReports(stated, fresh);
  ASSERT_EQ(differences.size(), 1u);
  const std::string& line = differences[0];
  EXPECT_EQ(graph::FindInvalidUtf8(line), std::string::npos) << line;
  const std::string prefix = "tiers[0].tier: the report says ";
  ASSERT_THAT(line, StartsWith(prefix));
  const std::string shown = line.substr(prefix.size(), line.find(", a fresh") - prefix.size());
  EXPECT_THAT(shown, StartsWith("\"xy特特"));
  EXPECT_THAT(shown, EndsWith("特..."));
  EXPECT_LE(shown.size(), 80u + 3u);
  EXPECT_THAT(line, EndsWith(", a fresh audit gives \"总代\""));
}

TEST(DiffAuditReportsTest, ReportReadBackFromItsJsonMatchesAFreshAudit) {
  LoadedPacks packs = LoadPacks({});
  ASSERT_TRUE(packs.ok());
  AuditRun run = RunAudit(TIERSIGHT_EXAMPLES_DIR "/hoarding-network", packs, {});
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  ASSERT_GT(run.report.findings_size(), 0);
  absl::StatusOr<v1::AuditReport> stated =
      exports::ParseReportJson(exports::ReportJson(run.report));
  ASSERT_TRUE(stated.ok()) << stated.status().message();
  EXPECT_THAT(DiffAuditReports(*stated, run.report), IsEmpty());

  stated->mutable_levels(1)->set_units_on_hand(stated->levels(1).units_on_hand() + 1);
  EXPECT_THAT(DiffAuditReports(*stated, run.report),
              ElementsAre(StartsWith("levels[1].units_on_hand: the report says ")));
}

// A re-signed report whose load report, bundle facts, as-of date and engine
// version were edited: each edited field is named, and how the report was
// exported is not a difference.
TEST(DiffAuditReportsTest, Defect09_LoadReportBundleFactsAsOfAndEngineVersionAreEachNamed) {
  LoadedPacks packs = LoadPacks({});
  ASSERT_TRUE(packs.ok());
  AuditRun run = RunAudit(TIERSIGHT_EXAMPLES_DIR "/hoarding-network", packs, {});
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  v1::AuditReport stated = run.report;
  stated.mutable_provenance()->set_generated_at("2031-01-01T00:00:00Z");
  stated.mutable_provenance()->set_personal_data("pseudonymised");
  EXPECT_THAT(DiffAuditReports(stated, run.report), IsEmpty());

  stated.mutable_load()->set_rejected(run.report.load().rejected() + 5);
  stated.mutable_load()->add_warnings()->set_reason("added");
  stated.mutable_bundle()->set_name("another brand");
  stated.mutable_bundle()->set_currency("USD");
  stated.mutable_provenance()->set_as_of("2020-01-01");
  stated.mutable_provenance()->set_engine_version("0.0.1");
  const std::vector<std::string> differences = DiffAuditReports(stated, run.report);
  EXPECT_THAT(differences, UnorderedElementsAre(
                               StartsWith("load.rejected: the report says "),
                               StartsWith("load.warnings: the report has "),
                               StartsWith("bundle.name: the report says \"another brand\""),
                               StartsWith("bundle.currency: the report says \"USD\""),
                               StartsWith("provenance.as_of: the report says \"2020-01-01\""),
                               StartsWith("provenance.engine_version: the report says \"0.0.1\"")));
}

}  // namespace
}  // namespace tiersight::core
