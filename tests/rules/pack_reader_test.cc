#include "rules/pack_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "base/str_cat.h"
#include "rules/engine_version.h"
#include "rules/rule_compiler.h"
#include "tests/rules/pack_test_util.h"

namespace tiersight::rules {
namespace {

using ::testing::HasSubstr;
using tiersight::testing::ReadPackText;
using tiersight::testing::TempBundle;

constexpr char kHeader[] = R"(pack: test
version: 1.0.0
title: Test pack
requires_engine: 1.0.0
rules:
)";

// One rule with `when` on line 7 (column 11) of the pack.
std::string OneRule(const std::string& when, const std::string& scope = "network",
                    const std::string& extra = "") {
  return std::string(kHeader) +
         "  - id: r1\n"  // line 6
         "    when: " +
         when +
         "\n"  // line 7, the expression starts at column 11
         "    title: T\n"
         "    scope: " +
         scope +
         "\n"
         "    severity: high\n"
         "    tags: [pyramid]\n"
         "    cite: Somewhere\n"
         "    message: \"m\"\n" +
         extra;
}

struct Compiled {
  tiersight::testing::PackResult read;
  std::optional<CompiledPack> compiled;
  std::vector<Diagnostic> diagnostics;
};

Compiled Compile(const TempBundle& dir, const std::string& yaml) {
  Compiled c;
  c.read = ReadPackText(dir, yaml);
  c.diagnostics = c.read.diagnostics;
  if (c.read.pack) c.compiled = CompilePack(*c.read.pack, c.diagnostics);
  return c;
}

TEST(PackReaderTest, ReadsAValidPackWithItsDigest) {
  TempBundle dir;
  Compiled c = Compile(dir, OneRule("participants >= 30 && max_depth >= 3"));
  ASSERT_TRUE(c.compiled) << c.read.All();
  EXPECT_EQ(c.read.pack->name, "test");
  EXPECT_EQ(c.read.pack->sha256.size(), 64u);
  ASSERT_EQ(c.compiled->rules.size(), 1u);
  EXPECT_THAT(c.compiled->rules[0].when.figures,
              ::testing::ElementsAre("max_depth", "participants"));
}

TEST(PackReaderTest, UnknownFigureIsReportedWithRuleLineAndColumn) {
  TempBundle dir;
  Compiled c = Compile(dir, OneRule("participants > 1 && no_such_figure > 2"));
  ASSERT_FALSE(c.compiled);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  const Diagnostic& d = c.diagnostics[0];
  EXPECT_EQ(d.rule_id, "r1");
  EXPECT_EQ(d.where.line, 7);
  EXPECT_EQ(d.where.column, 11 + 20);  // muparser's position of the token
  EXPECT_THAT(d.message, HasSubstr("unknown figure 'no_such_figure'"));
  EXPECT_THAT(d.ToString(), HasSubstr("pack.yaml:7:31: rule 'r1': "));
}

TEST(PackReaderTest, FigureOfAnotherScopeIsUnknown) {
  TempBundle dir;
  // `depth` is a level figure, not a network one.
  Compiled c = Compile(dir, OneRule("depth > 3"));
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_THAT(c.diagnostics[0].message, HasSubstr("unknown figure 'depth' in a network rule"));
}

TEST(PackReaderTest, SyntaxErrorIsReportedAtItsPosition) {
  TempBundle dir;
  Compiled c = Compile(dir, OneRule("participants > (3"));
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].where.line, 7);
  EXPECT_GE(c.diagnostics[0].where.column, 11);
  EXPECT_THAT(c.diagnostics[0].message, HasSubstr("does not parse"));
}

TEST(PackReaderTest, ANumberIsNotACondition) {
  TempBundle dir;
  Compiled c = Compile(dir, OneRule("participants * 2"));
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_THAT(c.diagnostics[0].message, HasSubstr("must be a condition"));
}

TEST(PackReaderTest, UnknownKeyIsAnErrorNotIgnored) {
  TempBundle dir;
  Compiled c = Compile(dir, OneRule("participants > 1", "network", "    priority: 3\n"));
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].where.line, 14);
  EXPECT_EQ(c.diagnostics[0].where.column, 5);
  EXPECT_THAT(c.diagnostics[0].message, HasSubstr("unknown key `priority`"));
}

TEST(PackReaderTest, DuplicateRuleIdIsReportedAtTheSecond) {
  TempBundle dir;
  std::string yaml = OneRule("participants > 1");
  yaml +=
      "  - id: r1\n    when: tops > 1\n    title: T\n    scope: network\n    severity: low\n"
      "    tags: [pyramid]\n    cite: C\n    message: m\n";
  Compiled c = Compile(dir, yaml);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].where.line, 14);
  EXPECT_THAT(c.diagnostics[0].message, HasSubstr("duplicate rule id 'r1'"));
}

TEST(PackReaderTest, PackNeedingANewerEngineIsRefused) {
  TempBundle dir;
  std::string yaml = OneRule("participants > 1");
  yaml.replace(yaml.find("requires_engine: 1.0.0"), 22, "requires_engine: 1.9.0");
  Compiled c = Compile(dir, yaml);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].where.line, 4);
  EXPECT_EQ(c.diagnostics[0].where.column, 18);
  EXPECT_THAT(c.diagnostics[0].message,
              HasSubstr(std::string("requires engine version 1.9.0, but this engine is ") +
                        kEngineVersion));
}

TEST(PackReaderTest, UnknownTagSeverityAndScopeAreErrors) {
  TempBundle dir;
  for (const auto& [from, to, expect] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"tags: [pyramid]", "tags: [scary]", "unknown tag 'scary'"},
           {"severity: high", "severity: urgent", "unknown severity 'urgent'"},
           {"scope: network", "scope: region", "unknown scope 'region'"}}) {
    std::string yaml = OneRule("participants > 1");
    yaml.replace(yaml.find(from), from.size(), to);
    Compiled c = Compile(dir, yaml);
    ASSERT_EQ(c.diagnostics.size(), 1u) << to;
    EXPECT_THAT(c.diagnostics[0].message, HasSubstr(expect));
  }
}

TEST(PackReaderTest, AgentOnlyFieldsAreRefusedOnOtherScopes) {
  TempBundle dir;
  Compiled c = Compile(dir, OneRule("participants > 1", "network", "    top: 5\n"));
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_THAT(c.diagnostics[0].message, HasSubstr("`top` applies to agent rules only"));
}

TEST(PackReaderTest, MessageAndRankByFiguresAreChecked) {
  TempBundle dir;
  std::string yaml = OneRule("team_size >= 30", "agent", "    rank_by: team_sized\n");
  yaml.replace(yaml.find("message: \"m\""), 12, "message: \"{team_size} and {bogus}\"");
  Compiled c = Compile(dir, yaml);
  ASSERT_EQ(c.diagnostics.size(), 2u) << c.read.All();
  EXPECT_THAT(c.diagnostics[0].message, HasSubstr("unknown figure 'bogus'"));
  EXPECT_THAT(c.diagnostics[1].message, HasSubstr("`rank_by` names unknown figure 'team_sized'"));
}

TEST(PackReaderTest, NamedConditionsBecomeStepsBeforeTheRule) {
  TempBundle dir;
  std::string yaml = OneRule("big && not(shallow)");
  yaml.insert(yaml.find("rules:"),
              "conditions:\n  big: participants >= 30\n  shallow: max_depth < 3\n");
  Compiled c = Compile(dir, yaml);
  ASSERT_TRUE(c.compiled) << c.read.All();
  const CompiledRule& rule = c.compiled->rules[0];
  ASSERT_EQ(rule.when.steps.size(), 3u);
  EXPECT_EQ(rule.when.steps[0].name, "big");
  EXPECT_EQ(rule.when.steps[0].expression, "participants >= 30");
  EXPECT_EQ(rule.when.steps[1].name, "shallow");
  EXPECT_EQ(rule.when.steps[2].expression, "big && not(shallow)");
  EXPECT_THAT(rule.when.steps[2].conditions, ::testing::ElementsAre("big", "shallow"));
  EXPECT_THAT(rule.when.figures, ::testing::ElementsAre("max_depth", "participants"));
}

// yaml-cpp alone would keep the last of two keys, cut a value at a NUL byte
// and ignore a second document; each is refused at its place instead.
TEST(PackReaderTest, Defect20_YamlThatIsNotOneStrictDocumentIsRefusedAtItsPlace) {
  TempBundle dir;
  struct Case {
    std::string yaml;
    int line;
    int column;
    std::string message;
  };
  std::string with_nul = OneRule("participants > 1");
  with_nul.replace(with_nul.find("cite: Somewhere"), 15, std::string("cite: Some\0where", 16));
  const Case cases[] = {
      {OneRule("big") + "conditions:\n  big: participants > 1\n  big: participants > 9\n", 16, 3,
       "`big` is given twice"},
      {with_nul, 12, 15, "a NUL byte"},
      {OneRule("participants > 1") + "---\npack: second\n", 15, 1, "a second YAML document"},
  };
  for (const Case& c : cases) {
    Compiled compiled = Compile(dir, c.yaml);
    ASSERT_EQ(compiled.diagnostics.size(), 1u) << c.message << "\n" << compiled.read.All();
    const Diagnostic& d = compiled.diagnostics[0];
    EXPECT_EQ(d.where.line, c.line) << c.message;
    EXPECT_EQ(d.where.column, c.column) << c.message;
    EXPECT_THAT(d.message, HasSubstr(c.message));
    EXPECT_THAT(d.ToString(), HasSubstr(StrCat("pack.yaml:", c.line, ":", c.column, ": ")));
  }
}

TEST(PackReaderTest, FlagsAreYaml12CoreBooleans) {
  TempBundle dir;
  for (const std::string& yes : {"true", "True", "TRUE"}) {
    Compiled c =
        Compile(dir, OneRule("team_size >= 3", "agent", "    highest_only: " + yes + "\n"));
    ASSERT_TRUE(c.read.pack) << c.read.All();
    EXPECT_TRUE(c.read.pack->rules[0].highest_only) << yes;
  }
  // YAML 1.1 booleans are text in YAML 1.2: `yes` must not quietly mean true.
  for (const std::string& text : {"yes", "on", "no", "off", "1"}) {
    Compiled c =
        Compile(dir, OneRule("team_size >= 3", "agent", "    highest_only: " + text + "\n"));
    ASSERT_EQ(c.diagnostics.size(), 1u) << text;
    EXPECT_EQ(c.diagnostics[0].where.line, 14) << text;
    EXPECT_THAT(c.diagnostics[0].message, HasSubstr("`highest_only` must be true or false"));
  }
}

TEST(PackReaderTest, Defect08_APackFileThatCannotBeReadIsNamedWithTheReason) {
  TempBundle dir;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(ReadRulePack(dir.path("absent.yaml"), diagnostics));
  EXPECT_FALSE(ReadRulePack(dir.dir(), diagnostics));
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].where.line, 0);
  EXPECT_EQ(diagnostics[0].ToString(), dir.path("absent.yaml") + ": does not exist");
  EXPECT_EQ(diagnostics[1].ToString(), dir.dir() + ": is a directory");
}

TEST(PackReaderTest, YamlSyntaxErrorHasItsPosition) {
  TempBundle dir;
  Compiled c = Compile(dir, std::string(kHeader) + "  - id: [unclosed\n");
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_GT(c.diagnostics[0].where.line, 0);
}

// Defect 19: rule ids and pack names are shown raw in reports, HTML and file
// names, so they may hold no NUL, control or bidirectional character.
TEST(PackReaderTest, Defect19_RuleIdsAndPackNamesUseASafeCharacterSet) {
  TempBundle dir;
  const std::string rule = OneRule("participants > 1");
  const std::string rlo = "\xE2\x80\xAE";
  struct Case {
    std::string yaml;
    int line;
  };
  // A NUL written as YAML's escape, which the text itself may carry.
  const std::string nul_id = std::regex_replace(rule, std::regex("id: r1"), "id: \"r\\01\"");
  const Case cases[] = {
      {std::regex_replace(rule, std::regex("id: r1"), "id: r" + rlo + "1"), 6},
      {nul_id, 6},
      {std::regex_replace(rule, std::regex("pack: test"), "pack: \"te st\""), 1},
      {std::regex_replace(rule, std::regex("id: r1"), "id: -r1"), 6},
      {std::regex_replace(rule, std::regex("id: r1"), "id: " + std::string(65, 'r')), 6},
  };
  for (const Case& c : cases) {
    Compiled compiled = Compile(dir, c.yaml);
    ASSERT_FALSE(compiled.diagnostics.empty()) << c.yaml;
    EXPECT_EQ(compiled.diagnostics[0].where.line, c.line) << c.yaml;
    EXPECT_THAT(compiled.diagnostics[0].message, HasSubstr("must be ASCII letters, digits"));
  }
  Compiled fine = Compile(dir, std::regex_replace(rule, std::regex("id: r1"), "id: cn-7.2_b"));
  EXPECT_TRUE(fine.diagnostics.empty()) << fine.read.All();
}

}  // namespace
}  // namespace tiersight::rules
