// The finding text catalogues (exports/languages/findings/*.yaml) against
// what they translate: every rule, verdict, risk indicator and parameter of
// every shipped pack (rules/packs/*.yaml) at the pack's version, every tag
// of the pack format, every jurisdiction a shipped pack judges, and every
// figure and figure parameter of the catalogue; a message with exactly the
// placeholders of the pack's English one. And what the build embeds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "base/str_cat.h"
#include "exports/label_catalogue.h"
#include "exports/localized_text.h"
#include "exports/report_labels.h"
#include "exports/report_languages.h"
#include "graph/figure_catalogue.h"
#include "rules/judgement.h"
#include "rules/pack_reader.h"
#include "rules/rule_pack.h"

namespace tiersight::exports {
namespace {

namespace fs = std::filesystem;
using ::testing::IsEmpty;

const fs::path kFindingTextsDir = fs::path(TIERSIGHT_LANGUAGES_DIR) / "findings";

std::vector<FindingTextCatalogue> Catalogues() {
  std::vector<FindingTextCatalogue> out;
  for (const fs::directory_entry& e : fs::directory_iterator(kFindingTextsDir)) {
    if (e.path().extension() != ".yaml") continue;
    absl::StatusOr<FindingTextCatalogue> c = ReadFindingTextCatalogue(e.path());
    EXPECT_TRUE(c.ok()) << c.status();
    if (c.ok()) out.push_back(std::move(*c));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.language < b.language; });
  return out;
}

std::vector<rules::RulePack> ShippedPacks() {
  std::vector<rules::RulePack> out;
  for (const fs::directory_entry& e : fs::directory_iterator(TIERSIGHT_PACKS_DIR)) {
    if (e.path().extension() != ".yaml") continue;
    std::vector<rules::Diagnostic> diagnostics;
    std::optional<rules::RulePack> pack = rules::ReadRulePack(e.path().string(), diagnostics);
    EXPECT_TRUE(pack.has_value()) << e.path();
    if (pack) out.push_back(std::move(*pack));
  }
  EXPECT_GE(out.size(), 4u);
  return out;
}

// "{name}" and "{name:format}" as written, `{{` being a literal brace.
std::multiset<std::string> Placeholders(const std::string& text) {
  std::multiset<std::string> out;
  static const std::regex kPlaceholder(R"(\{[a-z_0-9]+(:[^}]*)?\})");
  const std::string unescaped = std::regex_replace(text, std::regex(R"(\{\{|\}\})"), "");
  for (auto it = std::sregex_iterator(unescaped.begin(), unescaped.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it) {
    out.insert(it->str());
  }
  return out;
}

std::set<std::string> Distinct(const std::multiset<std::string>& s) {
  return std::set<std::string>(s.begin(), s.end());
}

// Every path of the catalogue under `prefix` (a path and '/').
std::set<std::string> Under(const FindingTextCatalogue& c, const std::string& prefix) {
  std::set<std::string> out;
  for (const auto& [path, text] : c.texts) {
    if (path.starts_with(prefix)) out.insert(path.substr(prefix.size()));
  }
  return out;
}

std::map<std::string, std::string> Texts(const FindingTextCatalogue& c) {
  return std::map<std::string, std::string>(c.texts.begin(), c.texts.end());
}

TEST(FindingTexts, EveryCatalogueIsOfAReportLanguageOtherThanThePacksOwnAndWellFormed) {
  const std::vector<FindingTextCatalogue> catalogues = Catalogues();
  ASSERT_FALSE(catalogues.empty());
  for (const FindingTextCatalogue& c : catalogues) {
    EXPECT_TRUE(IsReportLanguage(c.language)) << c.language;
    EXPECT_NE(c.language, "en") << "English is the packs' own text";
    EXPECT_THAT(CheckFindingTextCatalogue(c), IsEmpty());
  }
}

TEST(FindingTexts, EveryRuleOfEveryShippedPackHasItsTextsWithTheSamePlaceholders) {
  for (const FindingTextCatalogue& c : Catalogues()) {
    const std::map<std::string, std::string> texts = Texts(c);
    std::set<std::string> packs;
    for (const rules::RulePack& pack : ShippedPacks()) {
      packs.insert(pack.name);
      const std::string at = StrCat("packs/", pack.name, "/");
      ASSERT_TRUE(texts.contains(at + "version")) << c.language << ": no texts of " << pack.name;
      EXPECT_EQ(texts.at(at + "version"), pack.version)
          << c.language << ": the texts of " << pack.name << " translate version "
          << texts.at(at + "version") << ", the shipped pack is " << pack.version
          << ": check them against it and raise the version";
      std::set<std::string> rules;
      for (const rules::RuleSpec& rule : pack.rules) {
        rules.insert(rule.id);
        for (const char* text : {"title", "message", "cite"}) {
          EXPECT_TRUE(texts.contains(StrCat(at, "rules/", rule.id, "/", text)))
              << c.language << ": " << pack.name << " / " << rule.id << " has no " << text;
        }
        const auto message = texts.find(StrCat(at, "rules/", rule.id, "/message"));
        if (message == texts.end()) continue;
        EXPECT_EQ(Distinct(Placeholders(message->second)), Distinct(Placeholders(rule.message)))
            << c.language << ": " << rule.id << "'s message must hold the placeholders of \""
            << rule.message << "\"";
        EXPECT_EQ(Placeholders(rule.title), std::multiset<std::string>{}) << rule.id;
      }
      std::set<std::string> translated;
      for (const std::string& path : Under(c, at + "rules/")) {
        translated.insert(path.substr(0, path.find('/')));
      }
      EXPECT_EQ(translated, rules) << c.language << ": rules of " << pack.name;

      std::set<std::string> risk, params, elements;
      for (const rules::RiskIndicator& r : pack.risk) risk.insert(r.id);
      for (const rules::PackParam& p : pack.params) params.insert(p.name);
      for (const auto& [tag, phrase] : pack.verdict.elements) {
        elements.insert(tag);
        const auto text = texts.find(StrCat(at, "verdict/elements/", tag));
        if (text == texts.end()) continue;
        EXPECT_EQ(Distinct(Placeholders(text->second)), Distinct(Placeholders(phrase)))
            << c.language << ": " << pack.name << "'s verdict element " << tag;
      }
      EXPECT_EQ(Under(c, at + "risk/"), risk) << c.language << ": risk indicators of " << pack.name;
      EXPECT_EQ(Under(c, at + "params/"), params) << c.language << ": parameters of " << pack.name;
      EXPECT_EQ(Under(c, at + "verdict/elements/"), elements)
          << c.language << ": verdict elements of " << pack.name;
      const bool named = !pack.verdict.name.empty();
      EXPECT_EQ(texts.contains(at + "verdict/name"), named) << c.language << ": " << pack.name;
      EXPECT_EQ(texts.contains(at + "verdict/offence"), named) << c.language << ": " << pack.name;
      EXPECT_TRUE(texts.contains(StrCat("jurisdictions/", rules::JurisdictionOf(pack))))
          << c.language << ": no name for the jurisdiction of " << pack.name;
    }
    std::set<std::string> translated_packs;
    for (const std::string& path : Under(c, "packs/")) {
      translated_packs.insert(path.substr(0, path.find('/')));
    }
    EXPECT_EQ(translated_packs, packs) << c.language << ": texts of packs that are not shipped";
  }
}

TEST(FindingTexts, EveryTagOfThePackFormatHasItsWord) {
  std::set<std::string> tags;
  for (const auto& [tag, meaning] : rules::TagVocabulary()) tags.insert(tag);
  for (const FindingTextCatalogue& c : Catalogues()) {
    EXPECT_EQ(Under(c, "tags/"), tags) << c.language;
  }
}

// A figure's definition is the scope's own, or for level, tier and branch
// the one they share (group).
TEST(FindingTexts, EveryFigureAndFigureParameterOfTheCatalogueIsDefined) {
  for (const FindingTextCatalogue& c : Catalogues()) {
    const std::map<std::string, std::string> texts = Texts(c);
    std::set<std::string> used;
    for (const graph::FigureSpec& spec : graph::FigureCatalogue()) {
      const std::string scope(graph::ScopeName(spec.scope));
      const std::string own = StrCat("definitions/", scope, "/", spec.name);
      const std::string group = StrCat("definitions/group/", spec.name);
      const bool grouped = spec.scope == graph::FigureScope::kLevel ||
                           spec.scope == graph::FigureScope::kTier ||
                           spec.scope == graph::FigureScope::kBranch;
      if (texts.contains(own)) {
        used.insert(own);
      } else if (grouped && texts.contains(group)) {
        used.insert(group);
      } else {
        ADD_FAILURE() << c.language << ": no definition of the " << scope << " figure " << spec.name
                      << " (\"" << spec.definition << "\")";
      }
    }
    for (const std::string& path : Under(c, "definitions/")) {
      EXPECT_TRUE(used.contains("definitions/" + path))
          << c.language << ": definitions/" << path << " defines no figure of the catalogue";
    }
    std::set<std::string> params;
    for (const graph::FigureParamSpec& p : graph::FigureParams()) params.insert(p.name);
    EXPECT_EQ(Under(c, "figure_params/"), params) << c.language;
  }
}

TEST(FindingTexts, TheBuildEmbedsEveryFileAsItIs) {
  for (const FindingTextCatalogue& c : Catalogues()) {
    EXPECT_TRUE(HasFindingTexts(c.language));
    for (const auto& [path, text] : c.texts) {
      const std::string_view* embedded = FindingTextAt(c.language, path);
      ASSERT_NE(embedded, nullptr) << c.language << ": " << path;
      EXPECT_EQ(*embedded, text) << c.language << ": " << path;
    }
  }
  EXPECT_FALSE(HasFindingTexts("en"));
}

// Every figure a page may name has a name for readers in every language.
TEST(FindingTexts, EveryFigureHasALabelInEveryLanguage) {
  for (const std::string& lang : ReportLanguages()) {
    absl::StatusOr<const ReportLabels*> labels = LabelsFor(lang);
    ASSERT_TRUE(labels.ok());
    for (const graph::FigureSpec& spec : graph::FigureCatalogue()) {
      EXPECT_NE(FigureLabel(**labels, spec.name), spec.name)
          << lang << ": figure_names has no label for " << spec.name;
    }
  }
}

// The badges of severity cannot be taken for a legal term: none says 严重
// (情节严重 is the criminal law's), 传销 or 情节.
TEST(FindingTexts, SeverityLabelsAreNoLegalTerm) {
  absl::StatusOr<const ReportLabels*> zh = LabelsFor("zh");
  ASSERT_TRUE(zh.ok());
  for (const LabelWord& w : (*zh)->severity_names) {
    for (const char* term : {"严重", "情节", "传销"}) {
      EXPECT_EQ(std::string(w.text).find(term), std::string::npos) << w.key << ": " << w.text;
    }
  }
  for (std::string_view heading :
       {(*zh)->severity, (*zh)->highest_severity, (*zh)->severity_basis, (*zh)->basis_rule}) {
    EXPECT_EQ(heading.find("严重"), std::string_view::npos) << heading;
  }
}

TEST(CheckFindingTextCatalogue, NamesPlacesOutsideTheFormatEmptyTextsAndOpenMarks) {
  absl::StatusOr<FindingTextCatalogue> c = ParseFindingTextCatalogue(R"(tags:
  pyramid: "x"
packs:
  cn:
    version: "1.0.0"
    rules:
      r1:
        title: ""
        summary: "y"
        cite: "[[In re Amway"
        message: "`code"
definitions:
  planet:
    spend: "z"
)",
                                                                     "fr.yaml");
  ASSERT_TRUE(c.ok()) << c.status();
  const std::vector<std::string> problems = CheckFindingTextCatalogue(*c);
  EXPECT_THAT(problems,
              ::testing::UnorderedElementsAre(
                  "findings/fr.yaml: `packs/cn/rules/r1/title` is empty",
                  "findings/fr.yaml: `packs/cn/rules/r1/summary` is no place of the format",
                  "findings/fr.yaml: `packs/cn/rules/r1/cite`: [[ not closed",
                  "findings/fr.yaml: `packs/cn/rules/r1/message`: ` not closed",
                  "findings/fr.yaml: `definitions/planet/spend` is no place of the format"));
}

TEST(ParseFindingTextCatalogue, RefusesAListAndAKeyHoldingASlash) {
  EXPECT_FALSE(ParseFindingTextCatalogue("tags:\n  - a\n", "zh.yaml").ok());
  EXPECT_FALSE(ParseFindingTextCatalogue("tags:\n  a/b: x\n", "zh.yaml").ok());
  EXPECT_FALSE(ParseFindingTextCatalogue("- a\n", "zh.yaml").ok());
}

}  // namespace
}  // namespace tiersight::exports
