#include "tests/exports/english_runs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tiersight::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Runs(std::string_view html, EnglishRunAllowList allow = {}) {
  return EnglishRuns(html, allow);
}

TEST(EnglishRuns, NamesEachRunOfEnglishWordsOnce) {
  EXPECT_THAT(Runs("<html lang=\"zh-CN\"><p>代理 Agents paid 12 fees。代理</p>"
                   "<td>level 9</td><td>level 9</td></html>"),
              ElementsAre("Agents paid 12 fees", "level 9"));
}

TEST(EnglishRuns, ReadsTextInChartsAndTheAttributesReadAloud) {
  EXPECT_THAT(Runs("<svg><title>Pyramid</title><text x=\"1\">第1层</text></svg>"
                   "<nav aria-label=\"Contents\"></nav><img alt=\"chart\">"
                   "<span title=\"hover text\">中</span><a href=\"#money\" class=\"big\">钱</a>"),
              ElementsAre("Pyramid", "Contents", "chart", "hover text"));
}

TEST(EnglishRuns, SkipsScriptsStylesCommentsCodeAndTextMarkedEnglish) {
  EXPECT_THAT(Runs("<style>body { font-family: serif; }</style>"
                   "<script type=\"application/json\">{\"title\": \"Stock loading\"}</script>"
                   "<!-- a comment -->"
                   "<p>指标 <code>units_on_hand</code>；<pre><code>tiersight verify x</code></pre>"
                   "依据 <span lang=\"en\">In re Amway Corp., 93 F.T.C. 618 (1979)</span> 规则</p>"
                   "<div lang=\"en-GB\"><b>Trading Schemes</b> Act</div>"),
              IsEmpty());
}

TEST(EnglishRuns, TheRootLanguageOfAPageDoesNotExemptIt) {
  EXPECT_THAT(Runs("<html lang=\"en\"><p>Summary</p></html>"), ElementsAre("Summary"));
}

TEST(EnglishRuns, AllowsCodesDigestsPseudonymsFileNamesNumbersAndIds) {
  EXPECT_THAT(Runs("<p id=\"tiersight-report\">SHA-256 数据包 0be0b4f02d919f99fb42ce4808d1e8a0 "
                   "代理 P-8a9c93bd915a9f87、P-01712a3bf974f4a8；CNY 1,234.50；12.5%；"
                   "2026-09-30T00:00:00Z；report.json；元素 \"tiersight-report\"；A4；HMAC</p>"),
              IsEmpty());
}

TEST(EnglishRuns, AllowsTheStringsAndTokensItIsGiven) {
  EnglishRunAllowList allow;
  allow.strings = {"Example hoarding 微商 brand 2026-Q3", "Gold Tier"};
  allow.tokens = {"cn-7-2-entry-fee", "inventory"};
  EXPECT_THAT(Runs("<h1>报告 — Example hoarding 微商 brand 2026-Q3</h1>"
                   "<td>Gold Tier</td><td>inventory / cn-7-2-entry-fee</td><td>Gold medal</td>",
                   allow),
              ElementsAre("Gold medal"));
}

TEST(EnglishRuns, DecodesCharacterReferences) {
  EXPECT_THAT(Runs("<p>代理&#39;s &amp; the agents&#x27; stock</p>"),
              ElementsAre("'s & the agents' stock"));
}

TEST(EnglishRuns, ClosesWhatItOpensSoThatTextAfterCodeIsRead) {
  EXPECT_THAT(Runs("<td><code>spend</code> of all agents</td><br><p>after the break</p>"),
              ElementsAre("of all agents", "after the break"));
}

}  // namespace
}  // namespace tiersight::testing
