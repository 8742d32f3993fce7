// The Chinese page is Chinese: no English run in the zh HTML report of the
// example bundles and of generated networks (a fee pyramid, a purchase
// ladder, a brand with a lawful and a loading branch), every shipped pack
// run, outside the kinds a page may carry (tests/exports/english_runs.h):
// ids, codes, foreign law marked lang="en", numbers and the brand's own text
// (network name, tiers, regions, SKUs). The whole page is checked, so that
// a label added to any section without its Chinese fails here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/str_cat.h"
#include "core/audit_runner.h"
#include "core/pack_library.h"
#include "exports/report_export.h"
#include "exports/report_pseudonyms.h"
#include "generate/bundle_generator.h"
#include "graph/csv_reader.h"
#include "tests/exports/english_runs.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::exports {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kPseudonymKey[] = "tiersight zh-page test pseudonym key";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The values of `column` in a bundle CSV file (empty when it has none).
std::vector<std::string> Column(const fs::path& file, const std::string& column) {
  const std::string text = ReadFile(file);
  graph::CsvReader reader(text);
  graph::CsvRecord record;
  std::vector<std::string> out;
  if (!reader.Next(record)) return out;
  const auto at = std::find(record.fields.begin(), record.fields.end(), column);
  if (at == record.fields.end()) return out;
  const size_t index = static_cast<size_t>(at - record.fields.begin());
  while (reader.Next(record)) {
    if (index < record.fields.size() && !record.fields[index].empty()) {
      out.emplace_back(record.fields[index]);
    }
  }
  return out;
}

const core::LoadedPacks& ShippedPacks() {
  static const core::LoadedPacks packs = core::LoadPacks({});
  return packs;
}

struct Page {
  tiersight::v1::AuditReport report;
  std::string html;
};

// The page `tiersight audit BUNDLE --out x.html --lang LANG` writes
// (pseudonymised), every shipped pack run.
Page ZhPage(const fs::path& bundle, const std::string& lang = "zh") {
  EXPECT_TRUE(ShippedPacks().ok());
  core::AuditRun run = core::RunAudit(bundle.string(), ShippedPacks(), {});
  EXPECT_TRUE(run.status.ok()) << run.status;
  static const report::Pseudonymizer pseudonymizer(kPseudonymKey);
  absl::StatusOr<std::vector<ExportedFile>> files =
      ExportReport(run.report, {.format = ExportFormat::kHtml,
                                .lang = lang,
                                .pseudonymizer = &pseudonymizer,
                                .reproducible = true});
  EXPECT_TRUE(files.ok()) << files.status();
  Page page{.report = run.report, .html = files.ok() ? files->front().data : std::string()};
  // The page shows the report as exported: pseudonymised.
  ReplaceAgentIds(page.report, [&](std::string_view id) { return pseudonymizer.Pseudonym(id); });
  return page;
}

// What the page may carry besides Chinese: the report's ids and the brand's
// strings, with the regions and SKUs of the bundle's files.
testing::EnglishRunAllowList AllowList(const Page& page, const fs::path& bundle) {
  testing::EnglishRunAllowList allow = testing::AllowListOf(page.report);
  for (const std::string& region : Column(bundle / "agents.csv", "region")) {
    allow.strings.insert(region);
  }
  for (const std::string& sku : Column(bundle / "orders.csv", "sku")) allow.strings.insert(sku);
  return allow;
}

std::string Listed(const std::vector<std::string>& runs) {
  std::string out;
  for (const std::string& run : runs) out += StrCat("\n  ", run);
  return out;
}

void ExpectNoEnglish(const fs::path& bundle) {
  const Page page = ZhPage(bundle);
  ASSERT_THAT(page.html, HasSubstr("<html lang=\"zh-CN\">"));
  const std::vector<std::string> runs = testing::EnglishRuns(page.html, AllowList(page, bundle));
  EXPECT_THAT(runs, IsEmpty()) << bundle << ": English on the zh page:" << Listed(runs);
}

TEST(ZhReport, HealthyExampleHasNoEnglishRun) {
  ExpectNoEnglish(fs::path(TIERSIGHT_EXAMPLES_DIR) / "healthy-network");
}

TEST(ZhReport, HoardingExampleHasNoEnglishRun) {
  ExpectNoEnglish(fs::path(TIERSIGHT_EXAMPLES_DIR) / "hoarding-network");
}

class GeneratedZhReport : public ::testing::TestWithParam<generate::Profile> {};

TEST_P(GeneratedZhReport, HasNoEnglishRun) {
  testing::TempBundle dir;
  absl::StatusOr<generate::GeneratorStats> stats = generate::GenerateBundle(
      {.out_dir = dir.dir(), .agents = 600, .seed = 7, .profile = GetParam()});
  ASSERT_TRUE(stats.ok()) << stats.status();
  ExpectNoEnglish(dir.dir());
}

INSTANTIATE_TEST_SUITE_P(Profiles, GeneratedZhReport,
                         ::testing::Values(generate::Profile::kFeePyramid,
                                           generate::Profile::kLadder,
                                           generate::Profile::kMixedBrand),
                         [](const auto& info) {
                           std::string name(generate::ProfileName(info.param));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The check finds English where there is some: on the English page, the
// headings, the packs' texts and the engine's words alike.
TEST(ZhReport, TheCheckFindsTheEnglishOfTheEnglishPage) {
  const fs::path bundle = fs::path(TIERSIGHT_EXAMPLES_DIR) / "hoarding-network";
  const Page page = ZhPage(bundle, "en");
  const std::vector<std::string> runs = testing::EnglishRuns(page.html, AllowList(page, bundle));
  for (const char* english : {"Summary", "Units on hand", "Agents who left still hold stock",
                              "level 7", "critical", "Figure definitions"}) {
    EXPECT_THAT(runs, ::testing::Contains(english));
  }
}

// The legal terms of the texts cited stand on the page; a severity badge
// never says 严重, which stands before the legal term 情节严重.
TEST(ZhReport, UsesTheLegalTermsAndSeverityLabelsThatCannotBeTakenForThem) {
  const Page page = ZhPage(fs::path(TIERSIGHT_EXAMPLES_DIR) / "hoarding-network");
  for (const char* term : {"传销", "组织、领导传销活动罪", "组织者、领导者", "入门费", "团队计酬",
                           "拉人头", "囤货", "层级", "下线", "情节严重"}) {
    EXPECT_THAT(page.html, HasSubstr(term));
  }
  EXPECT_THAT(page.html, HasSubstr("<span class=\"severity sev-critical\">极高风险</span>"));
  EXPECT_THAT(page.html, Not(HasSubstr("\">严重</span>")));
  // Foreign law is kept in English, marked as such.
  EXPECT_THAT(page.html, HasSubstr("<span lang=\"en\">In re Amway Corp., 93 F.T.C. 618 (1979)"));
}

}  // namespace
}  // namespace tiersight::exports
