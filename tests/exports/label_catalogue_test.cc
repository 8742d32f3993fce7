// The label catalogues as files (exports/languages/*.yaml), the checks the
// build applies to them, and what the build embeds from them.
#include "exports/label_catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "exports/report_labels.h"
#include "exports/report_languages.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::exports {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

const fs::path kLanguagesDir = TIERSIGHT_LANGUAGES_DIR;

// en.yaml first, then the other files by name.
std::vector<LabelCatalogue> ShippedCatalogues() {
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(kLanguagesDir)) {
    if (e.path().extension() == ".yaml" && e.path().stem() != "en") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  files.insert(files.begin(), kLanguagesDir / "en.yaml");
  std::vector<LabelCatalogue> out;
  for (const fs::path& file : files) {
    absl::StatusOr<LabelCatalogue> c = ReadLabelCatalogue(file);
    EXPECT_TRUE(c.ok()) << c.status();
    if (c.ok()) out.push_back(std::move(*c));
  }
  return out;
}

// Every text by its key; a group's as "group.key".
std::map<std::string, std::string> Texts(const LabelCatalogue& c) {
  std::map<std::string, std::string> out(c.labels.begin(), c.labels.end());
  for (const auto& [group, words] : c.groups) {
    for (const auto& [key, text] : words) out[group + "." + key] = text;
  }
  return out;
}

std::set<std::string> Keys(const LabelCatalogue& c) {
  std::set<std::string> keys;
  for (const auto& [key, text] : Texts(c)) keys.insert(key);
  return keys;
}

LabelCatalogue Parse(const std::string& file, const std::string& yaml) {
  absl::StatusOr<LabelCatalogue> c = ParseLabelCatalogue(yaml, file);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : LabelCatalogue{};
}

constexpr char kReference[] = R"(html_lang: en
title: Report
level_name: "Level {level}"
figure_names:
  spend: Spend
  agents: Agents
)";

TEST(ShippedCatalogues, EveryFileHasExactlyTheKeysOfEnAndNoEmptyText) {
  const std::vector<LabelCatalogue> catalogues = ShippedCatalogues();
  ASSERT_GE(catalogues.size(), 2u);
  const std::set<std::string> reference = Keys(catalogues.front());
  EXPECT_GT(reference.size(), 100u);
  for (const LabelCatalogue& c : catalogues) {
    EXPECT_EQ(Keys(c), reference) << c.language << ".yaml has other keys than en.yaml";
    for (const auto& [key, text] : Texts(c)) {
      EXPECT_FALSE(text.empty()) << c.language << ".yaml: " << key << " is empty";
    }
  }
  EXPECT_THAT(CheckLabelCatalogues(catalogues), IsEmpty());
}

TEST(ShippedCatalogues, TheBuildEmbedsEveryFileAsItIs) {
  const std::vector<LabelCatalogue> catalogues = ShippedCatalogues();
  std::vector<std::string> languages;
  for (const LabelCatalogue& c : catalogues) languages.push_back(c.language);
  std::sort(languages.begin(), languages.end());
  EXPECT_EQ(ReportLanguages(), languages);
  for (const LabelCatalogue& c : catalogues) {
    absl::StatusOr<const ReportLabels*> labels = LabelsFor(c.language);
    ASSERT_TRUE(labels.ok()) << labels.status();
    const std::map<std::string, std::string> texts = Texts(c);
    EXPECT_EQ((*labels)->html_lang, texts.at("html_lang"));
    EXPECT_EQ((*labels)->report_title, texts.at("report_title"));
    EXPECT_EQ((*labels)->net_cash_percentiles_definition,
              texts.at("net_cash_percentiles_definition"));
    const auto figures = std::find_if(c.groups.begin(), c.groups.end(),
                                      [](const auto& g) { return g.first == "figure_names"; });
    ASSERT_NE(figures, c.groups.end());
    EXPECT_EQ((*labels)->figure_names.size(), figures->second.size());
    for (const auto& [key, text] : texts) {
      if (key.starts_with("figure_names.")) {
        EXPECT_EQ(FigureLabel(**labels, key.substr(13)), text) << c.language << " " << key;
      }
    }
  }
}

TEST(CheckLabelCatalogues, NamesAMissingKeyAnExtraKeyAndAnEmptyText) {
  const LabelCatalogue en = Parse("en.yaml", kReference);
  const LabelCatalogue fr = Parse("fr.yaml", R"(html_lang: fr
title: ""
subtitle: Sous-titre
level_name: "Niveau {level}"
figure_names:
  spend: Dépenses
  agent: Agents
)");
  const std::vector<std::string> problems = CheckLabelCatalogues({en, fr});
  EXPECT_THAT(problems, Contains(HasSubstr("fr.yaml: `figure_names.agents` is missing")));
  EXPECT_THAT(problems,
              Contains(HasSubstr("fr.yaml: `figure_names.agent` is not a key of en.yaml")));
  EXPECT_THAT(problems, Contains(HasSubstr("fr.yaml: `subtitle` is not a key of en.yaml")));
  EXPECT_THAT(problems, Contains(HasSubstr("fr.yaml: `title` is empty")));
  EXPECT_EQ(problems.size(), 4u) << ::testing::PrintToString(problems);
}

TEST(CheckLabelCatalogues, AKeyWithNothingAfterItIsEmpty) {
  const LabelCatalogue en = Parse("en.yaml", kReference);
  const LabelCatalogue fr = Parse("fr.yaml", R"(html_lang: fr
title:
level_name: "Niveau {level}"
figure_names:
  spend: Dépenses
  agents:
)");
  EXPECT_THAT(CheckLabelCatalogues({en, fr}),
              ::testing::UnorderedElementsAre(HasSubstr("`title` is empty"),
                                              HasSubstr("`figure_names.agents` is empty")));
}

TEST(CheckLabelCatalogues, PlaceholdersMustBeTheReferences) {
  const LabelCatalogue en = Parse("en.yaml", kReference);
  const LabelCatalogue fr = Parse("fr.yaml", R"(html_lang: fr
title: Rapport
level_name: "Niveau {depth}"
figure_names:
  spend: Dépenses
  agents: Agents
)");
  EXPECT_THAT(
      CheckLabelCatalogues({en, fr}),
      ::testing::ElementsAre(HasSubstr("fr.yaml: `level_name` must hold the placeholders")));
}

TEST(CheckLabelCatalogues, HtmlLangIsATagOfOneCatalogueOnly) {
  const LabelCatalogue en = Parse("en.yaml", kReference);
  std::string same(kReference);
  EXPECT_THAT(CheckLabelCatalogues({en, Parse("en-GB.yaml", same)}),
              ::testing::ElementsAre(HasSubstr("html_lang \"en\" is also the one of en.yaml")));
  same.replace(0, same.find('\n'), "html_lang: en\"><script>");
  EXPECT_THAT(CheckLabelCatalogues({en, Parse("fr.yaml", same)}),
              ::testing::ElementsAre(HasSubstr("is no language tag")));
  same.erase(0, same.find('\n') + 1);
  EXPECT_THAT(CheckLabelCatalogues({en, Parse("fr.yaml", same)}),
              Contains(HasSubstr("fr.yaml: `html_lang` (the page's <html lang>) is missing")));
}

TEST(CheckLabelCatalogues, KeysMustBeFieldNamesAndFileNamesLanguageCodes) {
  const LabelCatalogue en = Parse("en.yaml", std::string(kReference) + "Bad-Key: x\nlanguage: y\n");
  EXPECT_THAT(CheckLabelCatalogues({en}),
              ::testing::UnorderedElementsAre(HasSubstr("`Bad-Key` is no name for a field"),
                                              HasSubstr("`language` is no name for a field")));
  EXPECT_THAT(
      CheckLabelCatalogues({Parse("en.yaml", kReference), Parse("French.yaml", kReference)}),
      Contains(HasSubstr("\"French\" is no language code")));
}

TEST(ParseLabelCatalogue, RefusesWhatIsNoTextWithItsPlace) {
  for (const char* yaml : {"title: [a, b]\n", "figure_names:\n  spend:\n    deep: x\n",
                           "title: a\ntitle: b\n", "- a list\n"}) {
    const absl::StatusOr<LabelCatalogue> c = ParseLabelCatalogue(yaml, "fr.yaml");
    ASSERT_FALSE(c.ok()) << yaml;
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument) << yaml;
    EXPECT_THAT(std::string(c.status().message()), HasSubstr("fr.yaml")) << yaml;
  }
}

// The build step: refuses catalogues with problems, so no build embeds one.
class GenerateReportLabelsTest : public ::testing::Test {
 protected:
  // Exit status of the generator over en.yaml and `others`; stderr in `errors`.
  int Generate(const std::vector<fs::path>& others, std::string& errors) {
    std::string command = std::string(TIERSIGHT_GENERATE_REPORT_LABELS) + " " + dir_.path("out.h") +
                          " " + dir_.path("out.cc") + " " + (kLanguagesDir / "en.yaml").string();
    for (const fs::path& p : others) command += " " + p.string();
    command += " 2>" + dir_.path("errors.txt");
    const int status = std::system(command.c_str());
    errors = Read("errors.txt");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string Read(const std::string& file) {
    std::ifstream in(dir_.path(file));
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  testing::TempBundle dir_;  // the catalogues and what the generator writes
};

TEST_F(GenerateReportLabelsTest, RefusesACatalogueWithoutEveryKeyAndWritesNothing) {
  dir_.Write("fr.yaml", "html_lang: fr\nreport_title: Rapport\n");
  std::string errors;
  EXPECT_EQ(Generate({dir_.path("fr.yaml")}, errors), 1);
  EXPECT_THAT(errors, HasSubstr("fr.yaml: `summary` is missing (en.yaml has it)"));
  EXPECT_FALSE(fs::exists(dir_.path("out.cc")));
}

TEST_F(GenerateReportLabelsTest, EmbedsTheShippedCatalogues) {
  std::vector<fs::path> others;
  for (const LabelCatalogue& c : ShippedCatalogues()) {
    if (c.language != "en") others.push_back(kLanguagesDir / (c.language + ".yaml"));
  }
  std::string errors;
  ASSERT_EQ(Generate(others, errors), 0) << errors;
  const std::string header = Read("out.h");
  EXPECT_THAT(header, HasSubstr("  std::string_view report_title;\n"));
  EXPECT_THAT(header, HasSubstr("  std::span<const LabelWord> figure_names;"));
}

}  // namespace
}  // namespace tiersight::exports
