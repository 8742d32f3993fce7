// What the compiler refuses, and why: conditions a typo or a hostile pack
// could slip past muparser, and conditions that refer to each other.
#include "rules/rule_compiler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "rules/expression_check.h"
#include "tests/rules/pack_test_util.h"

namespace tiersight::rules {
namespace {

using ::testing::HasSubstr;
using tiersight::testing::ReadPackText;
using tiersight::testing::TempBundle;

std::string Pack(const std::string& conditions, const std::string& when,
                 const std::string& scope = "network") {
  return "pack: t\nversion: 1.0.0\ntitle: T\nrequires_engine: 1.0.0\n" +
         (conditions.empty() ? std::string() : "conditions:\n" + conditions) +
         "rules:\n  - id: r1\n    title: T\n    scope: " + scope + "\n    when: '" + when +
         "'\n    severity: high\n    tags: [pyramid]\n    cite: C\n    message: m\n";
}

std::vector<Diagnostic> Problems(const std::string& yaml) {
  TempBundle dir;
  tiersight::testing::PackResult read = ReadPackText(dir, yaml);
  std::vector<Diagnostic> diagnostics = read.diagnostics;
  if (read.pack) CompilePack(*read.pack, diagnostics);
  return diagnostics;
}

std::string First(const std::vector<Diagnostic>& d) { return d.empty() ? "" : d[0].message; }

TEST(RuleCompilerTest, Defect18_AssignmentIsNotAComparison) {
  // `=` assigns in muparser: `max_depth = 40` would set the figure and hold.
  EXPECT_THAT(First(Problems(Pack("", "max_depth = 40"))), HasSubstr("write `==` to compare"));
  EXPECT_TRUE(Problems(Pack("", "max_depth == 40 || max_depth <= 3 || tops != 1")).empty());
}

TEST(RuleCompilerTest, Defect18_TheTopOfAConditionMustCompareOrCombine) {
  for (const std::string when :
       {"(1 < 2) + 5", "participants", "participants * 2", "(tops > 1) * 3", "tops > 1, tops"}) {
    EXPECT_FALSE(Problems(Pack("", when)).empty()) << when;
  }
  for (const std::string when : {"(tops > 1)", "!(tops > 1)", "not(tops)",
                                 "tops > 1 ? participants > 3 : participants > 30"}) {
    EXPECT_TRUE(Problems(Pack("", when)).empty())
        << when << ": " << First(Problems(Pack("", when)));
  }
  EXPECT_FALSE(Problems(Pack("", "tops > 1 ? participants : 3")).empty())
      << "a ternary whose branches are numbers is a number";
}

TEST(RuleCompilerTest, ConditionsReferringToThemselvesAreNamed) {
  const std::vector<Diagnostic> d = Problems(Pack("  a: b && tops > 1\n  b: a || tops > 2\n", "a"));
  ASSERT_FALSE(d.empty());
  EXPECT_THAT(First(d), HasSubstr("refers to itself"));
  EXPECT_GT(d[0].where.line, 0);
}

TEST(RuleCompilerTest, Defect05_ConditionsThatDoubleAtEveryLevelCompileInBoundedTime) {
  // Each condition reads the one before twice: expanded as text this pack
  // would be 2^40 copies of the first condition.
  std::string conditions = "  c0: tops > 1\n";
  for (int i = 1; i <= 40; ++i) {
    conditions += "  c" + std::to_string(i) + ": c" + std::to_string(i - 1) + " && c" +
                  std::to_string(i - 1) + "\n";
  }
  TempBundle dir;
  tiersight::testing::PackResult read = ReadPackText(dir, Pack(conditions, "c40"));
  ASSERT_TRUE(read.pack) << read.All();
  const auto start = std::chrono::steady_clock::now();
  std::vector<Diagnostic> diagnostics;
  std::optional<CompiledPack> compiled = CompilePack(*read.pack, diagnostics);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(compiled) << First(diagnostics);
  EXPECT_EQ(compiled->rules[0].when.steps.size(), 42u) << "each condition once, then the rule";
  EXPECT_LT(seconds, 5.0);
}

TEST(RuleCompilerTest, Defect23_AHugeExpressionIsRefusedWithAShortMessage) {
  const std::string when = "tops > 1" + std::string(1'200'000, ' ');
  const std::vector<Diagnostic> d = Problems(Pack("", when + " && tops < 9"));
  ASSERT_FALSE(d.empty());
  EXPECT_THAT(First(d), HasSubstr("at most 4096"));
  EXPECT_LT(First(d).size(), 200u);
}

TEST(RuleCompilerTest, AnUnknownFigureInsideAConditionNamesBoth) {
  const std::vector<Diagnostic> d = Problems(Pack("  big: team_size >= 30\n", "big", "network"));
  ASSERT_FALSE(d.empty());
  EXPECT_THAT(First(d), HasSubstr("unknown figure 'team_size' in a network rule"));
  EXPECT_THAT(First(d), HasSubstr("through condition 'big'"));
}

TEST(RuleCompilerTest, AConditionMayNotTakeAFiguresName) {
  EXPECT_THAT(First(Problems(Pack("  team_size: tops > 1\n", "team_size"))),
              HasSubstr("is the name of a figure"));
}

TEST(RuleCompilerTest, NetworkFiguresMayBePrefixedInEveryScope) {
  EXPECT_TRUE(Problems(Pack("", "network_participants > 3", "network")).empty());
  EXPECT_TRUE(Problems(Pack("", "network_participants > 3 && team_size > 1", "agent")).empty());
  EXPECT_TRUE(Problems(Pack("", "network_participants > 3 && agents > 1", "level")).empty());
}

}  // namespace
}  // namespace tiersight::rules
