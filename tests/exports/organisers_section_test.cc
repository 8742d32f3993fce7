// The organisers and branches sections of the example bundles' HTML
// reports, against the report model they are rendered from: every
// organiser a finding names is in the organiser table, in organisers.csv and
// in organiser_teams.csv; each charted organiser has a genealogy with as
// many drawn agents as the model holds; the lawful example says that no
// organiser was found instead of showing a table.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "base/str_cat.h"
#include "core/audit_runner.h"
#include "exports/report_export.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPseudonymKey[] = "tiersight organisers-section pseudonym key";

v1::AuditReport AuditExample(const std::string& example) {
  core::LoadedPacks packs = core::LoadPacks({"cn", "inventory"});
  EXPECT_TRUE(packs.ok());
  core::AuditRun run =
      core::RunAudit(std::string(TIERSIGHT_EXAMPLES_DIR) + "/" + example, packs, {});
  EXPECT_TRUE(run.status.ok()) << run.status;
  return run.report;
}

std::string ExportOne(const v1::AuditReport& report, ExportFormat format, std::string_view name,
                      std::string_view lang = "en") {
  static const report::Pseudonymizer pseudonymizer(kPseudonymKey);
  absl::StatusOr<std::vector<ExportedFile>> files =
      ExportReport(report, {.format = format,
                            .lang = std::string(lang),
                            .pseudonymizer = &pseudonymizer,
                            .reproducible = true});
  EXPECT_TRUE(files.ok()) << files.status();
  if (!files.ok()) return {};
  for (const ExportedFile& f : *files) {
    if (name.empty() || f.name == name) return f.data;
  }
  ADD_FAILURE() << name << " not exported";
  return {};
}

// The text of the element that opens with `open`, up to `close`.
std::string Between(const std::string& html, const std::string& open, const std::string& close) {
  const size_t begin = html.find(open);
  if (begin == std::string::npos) return {};
  const size_t end = html.find(close, begin);
  return html.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string Pseudonym(const std::string& id) {
  return report::Pseudonymizer(kPseudonymKey).Pseudonym(id);
}

TEST(OrganisersSectionTest, EveryOrganiserOfTheHoardingExampleIsInTheTableAndTheCsv) {
  const v1::AuditReport report = AuditExample("hoarding-network");
  std::set<std::string> named;
  for (const v1::Finding& f : report.findings()) {
    for (const v1::Organiser& o : f.organisers()) named.insert(o.agent_id());
  }
  ASSERT_GT(named.size(), 20u);
  std::set<std::string> modelled;
  for (const v1::OrganiserTeam& t : report.organiser_teams()) modelled.insert(t.agent_id());
  EXPECT_EQ(modelled, named);
  EXPECT_EQ(static_cast<size_t>(report.organiser_teams_size()), named.size()) << "once each";

  const std::string html = ExportOne(report, ExportFormat::kHtml, "");
  const std::string table = Between(html, "<table class=\"organisers\">", "</table>");
  ASSERT_FALSE(table.empty());
  // A row per organiser; on paper the first 40, saying so.
  EXPECT_EQ(Count(table, "<td><span class=\"id\">"), named.size());
  EXPECT_EQ(Count(table, "<tr><td>"), 40u);
  EXPECT_THAT(html, HasSubstr(StrCat("40 of ", named.size(), " shown in print")));
  const std::string organisers = ExportOne(report, ExportFormat::kCsv, "organisers.csv");
  const std::string teams = ExportOne(report, ExportFormat::kCsv, "organiser_teams.csv");
  EXPECT_EQ(Count(teams, "\r\n"), named.size() + 1);
  for (const std::string& id : named) {
    const std::string p = Pseudonym(id);
    EXPECT_THAT(table, HasSubstr("<td><span class=\"id\">" + p + "</span></td>")) << id;
    EXPECT_THAT(organisers, HasSubstr("," + p + ",")) << id;
    EXPECT_THAT(teams, HasSubstr("\r\n" + p + ",")) << id;
  }
  EXPECT_THAT(html, HasSubstr(StrCat("20 of ", named.size(), " organisers charted")));
}

TEST(OrganisersSectionTest, EachChartedOrganiserHasAGenealogyWithTheModelsNodes) {
  const v1::AuditReport report = AuditExample("hoarding-network");
  std::vector<const v1::OrganiserTeam*> charted;
  for (const v1::OrganiserTeam& t : report.organiser_teams()) {
    if (t.charted()) charted.push_back(&t);
  }
  ASSERT_EQ(charted.size(), 20u);
  std::stable_sort(charted.begin(), charted.end(),
                   [](const auto* a, const auto* b) { return a->team_size() > b->team_size(); });
  for (const std::string lang : {"en", "zh"}) {
    const std::string html = ExportOne(report, ExportFormat::kHtml, "", lang);
    EXPECT_EQ(Count(html, "<svg id=\"genealogy-"), charted.size()) << lang;
    EXPECT_EQ(Count(html, "<svg id=\"timeline-"), charted.size()) << lang;
    for (size_t i = 0; i < charted.size(); ++i) {
      const v1::OrganiserTeam& t = *charted[i];
      const std::string svg = Between(html, StrCat("<svg id=\"genealogy-", i + 1, "\""), "</svg>");
      ASSERT_FALSE(svg.empty()) << i;
      EXPECT_EQ(Count(svg, "<circle class=\"node"), static_cast<size_t>(t.nodes_size()))
          << lang << " " << t.agent_id();
      EXPECT_EQ(Count(svg, "<rect class=\"band\""), static_cast<size_t>(t.bands_size()));
      EXPECT_LE(t.nodes_size(), 150);
      EXPECT_THAT(svg, HasSubstr(Pseudonym(t.agent_id()))) << "the organiser is named";
      // Nodes and bands account for the whole team.
      int64_t people = t.nodes_size();
      for (const v1::GenealogyBand& b : t.bands()) people += b.agents();
      EXPECT_EQ(people, t.team_size()) << t.agent_id();
    }
  }
}

TEST(OrganisersSectionTest, TheLawfulExampleNamesNoOrganiser) {
  const v1::AuditReport report = AuditExample("healthy-network");
  EXPECT_EQ(report.organiser_teams_size(), 0);
  const std::string html = ExportOne(report, ExportFormat::kHtml, "");
  const std::string section = Between(html, "<section id=\"organisers\"", "</section>");
  EXPECT_THAT(section, HasSubstr("<p class=\"no-organisers\">No finding names an organiser"));
  EXPECT_THAT(section, Not(HasSubstr("<table")));
  EXPECT_THAT(section, Not(HasSubstr("<svg")));
  const std::string zh = ExportOne(report, ExportFormat::kHtml, "", "zh");
  EXPECT_THAT(Between(zh, "<section id=\"organisers\"", "</section>"),
              HasSubstr("没有任何认定结果指向组织者、领导者"));
  const std::string teams = ExportOne(report, ExportFormat::kCsv, "organiser_teams.csv");
  EXPECT_EQ(Count(teams, "\r\n"), 1u) << "the header alone";
}

TEST(OrganisersSectionTest, BranchesOfTheHoardingExampleTabledAndDrawn) {
  const v1::AuditReport report = AuditExample("hoarding-network");
  ASSERT_GT(report.branches_size(), 1);
  const std::string html = ExportOne(report, ExportFormat::kHtml, "");
  const std::string section = Between(html, "<section id=\"branches\"", "</section>");
  EXPECT_EQ(Count(Between(section, "<table class=\"branches\">", "</table>"), "<tr>"),
            static_cast<size_t>(report.branches_size()) + 1);
  EXPECT_EQ(Count(section, "<svg id=\"chart-branch-"),
            static_cast<size_t>(report.branch_pyramids_size()));
  for (int i = 0; i < report.branch_pyramids_size(); ++i) {
    const std::string svg =
        Between(section, StrCat("<svg id=\"chart-branch-", i + 1, "\""), "</svg>");
    EXPECT_EQ(Count(svg, "<rect class=\"bar"),
              static_cast<size_t>(report.branch_pyramids(i).levels_size()));
  }
  for (const v1::BranchFigures& b : report.branches()) {
    EXPECT_THAT(section,
                HasSubstr("<tr><td><span class=\"id\">" + Pseudonym(b.top()) + "</span></td>"));
  }
}

}  // namespace
}  // namespace tiersight::exports
