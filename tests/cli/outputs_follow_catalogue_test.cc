// Every output of figures lists exactly the catalogue's exported figures:
// the text tables, the per-agent CSV, the report's CSV tables and the HTML
// report's definitions. A figure added to the catalogue appears in all of
// them or this test says where it is missing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "base/file_read.h"
#include "cli/csv_exports.h"
#include "cli/figures_text.h"
#include "core/audit_runner.h"
#include "exports/html_report.h"
#include "exports/report_csv.h"
#include "graph/figure_catalogue.h"

namespace tiersight::cli {
namespace {

using graph::FigureScope;

std::vector<std::string> Exported(FigureScope scope, bool tables = false) {
  std::vector<std::string> names;
  for (const graph::FigureSpec* spec : graph::FiguresOf(scope)) {
    if (spec->exported && (tables || spec->unit != graph::FigureUnit::kTable)) {
      names.push_back(spec->name);
    }
  }
  return names;
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream s(line);
  for (std::string cell; std::getline(s, cell, sep);) out.push_back(cell);
  return out;
}

// Words of a text-table line, separated by runs of spaces.
std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  for (std::string w; s >> w;) out.push_back(w);
  return out;
}

class OutputsFollowCatalogueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::LoadedPacks packs = core::LoadPacks({});
    ASSERT_TRUE(packs.ok());
    run_ = core::RunAudit(std::string(TIERSIGHT_EXAMPLES_DIR) + "/hoarding-network", packs, {});
    ASSERT_TRUE(run_.status.ok()) << run_.status;
  }
  core::AuditRun run_;
};

TEST_F(OutputsFollowCatalogueTest, TextTablesListTheExportedFigures) {
  const std::string text = RenderFiguresText(FiguresTextOf(run_.report));
  std::stringstream lines(text);
  std::vector<std::string> network_rows;
  std::vector<std::string> level_header, tier_header;
  std::string section;
  for (std::string line; std::getline(lines, line);) {
    if (line == "Levels" || line == "Tiers") {
      section = line;
      continue;
    }
    const std::vector<std::string> words = Words(line);
    if (words.empty()) continue;
    if (section.empty() && line.starts_with("  ") && words[0] != "figure" && words[0] != "bundle" &&
        words.size() == 2) {
      network_rows.push_back(words[0]);
    }
    if (section == "Levels" && level_header.empty()) level_header = words;
    if (section == "Tiers" && tier_header.empty()) tier_header = words;
  }
  EXPECT_EQ(network_rows, Exported(FigureScope::kNetwork));
  EXPECT_EQ(level_header, Exported(FigureScope::kLevel));
  std::vector<std::string> tiers = {"tier"};
  for (const std::string& n : Exported(FigureScope::kTier)) tiers.push_back(n);
  EXPECT_EQ(tier_header, tiers);
}

TEST_F(OutputsFollowCatalogueTest, AgentCsvHasOneColumnPerExportedAgentFigure) {
  const std::string path = ::testing::TempDir() + "/agents_catalogue.csv";
  ASSERT_TRUE(WriteAgentFiguresCsv(path, *run_.loaded.bundle.network, run_.figures->tree).ok());
  absl::StatusOr<std::string> csv = base::ReadRegularFile(path, 1 << 26);
  ASSERT_TRUE(csv.ok());
  std::vector<std::string> header = Split(csv->substr(0, csv->find('\n')), ',');
  ASSERT_FALSE(header.empty());
  EXPECT_EQ(header.front(), "agent_id");
  header.erase(header.begin());
  EXPECT_EQ(header, Exported(FigureScope::kAgent));
}

TEST_F(OutputsFollowCatalogueTest, ReportCsvTablesListTheExportedFigures) {
  std::map<std::string, std::string> tables;
  for (exports::CsvTable& t : exports::ReportCsvTables(run_.report)) tables[t.name] = t.data;
  auto lines = [](const std::string& csv) {
    std::vector<std::string> out = Split(csv, '\n');
    for (std::string& l : out) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      if (l.starts_with("\xEF\xBB\xBF")) l = l.substr(3);
    }
    return out;
  };
  std::vector<std::string> network_rows;
  const std::vector<std::string> network = lines(tables.at("network.csv"));
  for (size_t i = 1; i < network.size(); ++i) {
    if (!network[i].empty()) network_rows.push_back(Split(network[i], ',')[0]);
  }
  EXPECT_EQ(network_rows, Exported(FigureScope::kNetwork));
  EXPECT_EQ(Split(lines(tables.at("levels.csv"))[0], ','), Exported(FigureScope::kLevel));
  std::vector<std::string> tiers = {"tier"};
  for (const std::string& n : Exported(FigureScope::kTier)) tiers.push_back(n);
  EXPECT_EQ(Split(lines(tables.at("tiers.csv"))[0], ','), tiers);
  // BranchFigures numbers agents before levels, the catalogue lists levels
  // first: the columns follow the proto, so only the names are compared.
  std::set<std::string> branches = {"top"};
  for (const std::string& n : Exported(FigureScope::kBranch)) branches.insert(n);
  const std::vector<std::string> branch_columns = Split(lines(tables.at("branches.csv"))[0], ',');
  EXPECT_EQ(branch_columns.front(), "top");
  EXPECT_EQ(std::set<std::string>(branch_columns.begin(), branch_columns.end()), branches);
  EXPECT_EQ(branch_columns.size(), branches.size()) << "no column twice";
}

TEST_F(OutputsFollowCatalogueTest, HtmlDefinesEveryExportedFigure) {
  absl::StatusOr<std::string> html = exports::RenderHtmlReport(run_.report, {});
  ASSERT_TRUE(html.ok()) << html.status();
  for (FigureScope scope : {FigureScope::kAgent, FigureScope::kNetwork}) {
    for (const graph::FigureSpec* spec : graph::FiguresOf(scope)) {
      if (!spec->exported || spec->unit == graph::FigureUnit::kTable) continue;
      EXPECT_NE(html->find("<td><code>" + spec->name + "</code></td>"), std::string::npos)
          << spec->name;
    }
  }
}

}  // namespace
}  // namespace tiersight::cli
