// The HTML report's print and accessibility pieces on their own: language
// and id marks over the text, the print stylesheet's texts, tables shortened
// on paper, and the charts' data tables and hatching. The page as a browser
// prints it is tests/browser/check_html_print.cjs's.
#include <gtest/gtest.h>

#include <string>

#include "exports/html_blocks.h"
#include "exports/html_text_runs.h"
#include "exports/report_print_css.h"
#include "exports/svg_charts.h"

namespace tiersight::exports {
namespace {

std::string Body(const std::string& text) { return "<body><p>" + text + "</p></body>"; }

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(MarkTextRuns, ChineseRunsOnAnEnglishPage) {
  EXPECT_EQ(MarkTextRuns(Body("CN: elements of 传销 met — 组织、领导传销活动罪 threshold"), "en"),
            Body("CN: elements of <span lang=\"zh\">传销</span> met — <span "
                 "lang=\"zh\">组织、领导传销活动罪</span> threshold"));
  // Digits and spaces between Chinese characters stay in the run.
  EXPECT_EQ(
      MarkTextRuns(Body("see 第 3 层 and 《刑法》第224条"), "en"),
      Body("see <span lang=\"zh\">第 3 层</span> and <span lang=\"zh\">《刑法》第224条</span>"));
  // Punctuation alone is no Chinese run.
  EXPECT_EQ(MarkTextRuns(Body("a（b）"), "en"), Body("a（b）"));
}

TEST(MarkTextRuns, EnglishStretchesOnAChinesePage) {
  EXPECT_EQ(MarkTextRuns(Body("引用：FTC Act §5; Koscot (1975)"), "zh-CN"),
            Body("引用：<span lang=\"en\">FTC Act §5; Koscot (1975)</span>"));
  // One word, a currency or an id is not English text.
  EXPECT_EQ(MarkTextRuns(Body("金额 CNY 1,234.00"), "zh-CN"), Body("金额 CNY 1,234.00"));
  EXPECT_EQ(MarkTextRuns(Body("层级 SHA-256"), "zh-CN"), Body("层级 SHA-256"));
  // Letters of a character reference are no words.
  EXPECT_EQ(MarkTextRuns(Body("甲 &amp; &quot;x&quot; 乙"), "zh-CN"),
            Body("甲 &amp; &quot;x&quot; 乙"));
}

TEST(MarkTextRuns, PseudonymsKeptOnOneLine) {
  EXPECT_EQ(MarkTextRuns(Body("P-d8ee0ce91eb0fc2e → P-7e760c72bf3c2fec"), "en"),
            Body("<span class=\"id\">P-d8ee0ce91eb0fc2e</span> → <span "
                 "class=\"id\">P-7e760c72bf3c2fec</span>"));
  // Not a pseudonym: too short, upper case, or part of a longer token.
  for (const std::string text :
       {"P-d8ee0ce9", "P-D8EE0CE91EB0FC2E", "XP-d8ee0ce91eb0fc2e", "P-d8ee0ce91eb0fc2e0"}) {
    EXPECT_EQ(MarkTextRuns(Body(text), "en"), Body(text)) << text;
  }
}

TEST(MarkTextRuns, LeavesMarkupAndVerbatimElementsAlone) {
  const std::string page =
      "<html lang=\"en\"><head><title>报告</title><style>p::after { content: \"传销\" }</style>"
      "</head><body><p title=\"传销 P-d8ee0ce91eb0fc2e\">x</p>"
      "<svg><title>传销</title><text>总代</text></svg>"
      "<script type=\"application/json\">{\"t\": \"传销 "
      "P-d8ee0ce91eb0fc2e\"}</script></body></html>";
  EXPECT_EQ(MarkTextRuns(page, "en"), page);
}

TEST(PrintStylesheet, NumbersPagesInTheReportsWords) {
  const std::string css = PrintStylesheet({.header_left = "Report — Net",
                                           .header_right = "As of 2026-09-30",
                                           .page_number = "第 {page} 页，共 {pages} 页"});
  EXPECT_NE(css.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(css.find("content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\";"),
            std::string::npos)
      << css;
  EXPECT_NE(css.find("@top-left { content: \"Report — Net\";"), std::string::npos);
  EXPECT_NE(css.find("thead { display: table-header-group; }"), std::string::npos);
  EXPECT_EQ(css.find("break-all"), std::string::npos);
}

TEST(PrintStylesheet, ANameCannotEndTheStyleElement) {
  EXPECT_EQ(CssString("a\"b\\c</style><script>"),
            "\"a\\22 b\\5C c\\3C /style\\3E \\3C script\\3E \"");
  // Bidirectional controls are shown, as EscapeHtml shows them.
  EXPECT_EQ(CssString("x\u202Ey"), "\"x[U+202E]y\"");
}

TEST(RenderTable, LongTablesShortenedOnPaper) {
  HtmlTable table{.css_class = "t",
                  .headings = {"a"},
                  .rows = {{"1"}, {"2"}, {"3"}},
                  .numeric = {},
                  .print_rows = 2,
                  .print_note = "2 of 3 shown in print"};
  const std::string html = RenderTable(table);
  EXPECT_EQ(Count(html, "<tr class=\"print-omit\">"), 1u);
  EXPECT_NE(html.find("<p class=\"note print-only\">2 of 3 shown in print</p>"), std::string::npos);
  table.print_rows = 3;
  EXPECT_EQ(RenderTable(table).find("print-"), std::string::npos);
}

TEST(Charts, DataTableBelowEachChart) {
  const std::string bars =
      RenderBarChart({.id = "c",
                      .title = "Net cash",
                      .axis_label = "CNY",
                      .categories = {"Level 1", "Level 2"},
                      .series = {{.key = "net-cash", .name = "Net cash", .values = {5, -3}}},
                      .notes = {},
                      .format = [](double v) { return std::to_string(static_cast<int>(v)); },
                      .tick_format = {},
                      .table = {.summary = "Data table: Net cash", .category_heading = "Level"},
                      .negative_legend = {"zero or more", "below zero (hatched)"}});
  const size_t svg_end = bars.find("</svg>");
  ASSERT_NE(svg_end, std::string::npos);
  const std::string table = bars.substr(svg_end);
  EXPECT_NE(table.find("<details class=\"chart-data\"><summary>Data table: Net cash</summary>"),
            std::string::npos);
  EXPECT_NE(table.find("<th>Level</th><th class=\"num\">Net cash</th>"), std::string::npos);
  EXPECT_NE(table.find("<td>Level 2</td><td class=\"num\">-3</td>"), std::string::npos);
  // The negative bar is hatched, and the legend keys both.
  EXPECT_NE(bars.find("<pattern id=\"c-negative\""), std::string::npos);
  EXPECT_EQ(Count(bars, "style=\"fill: url(#c-negative)\""), 2u);  // the bar and its key
  EXPECT_NE(bars.find(">below zero (hatched)<"), std::string::npos);
  // Every value printed, not only in tooltips.
  EXPECT_EQ(Count(bars, "class=\"value\""), 2u);

  // Without a summary, no table.
  EXPECT_EQ(RenderColumnChart({.id = "m",
                               .title = "Recruits",
                               .axis_label = "Month",
                               .categories = {"2026-01"},
                               .series = {.key = "recruits", .name = "Recruits", .values = {4}},
                               .format = [](double v) { return std::to_string(v); }})
                .find("<details"),
            std::string::npos);
}

TEST(Charts, ColumnValuesTurnUprightWhenColumnsAreNarrow) {
  ColumnChart chart{.id = "m",
                    .title = "Recruits",
                    .axis_label = "Month",
                    .categories = {},
                    .series = {.key = "recruits", .name = "Recruits", .values = {}},
                    .format = [](double v) { return std::to_string(static_cast<int>(v)); }};
  for (int i = 0; i < 40; ++i) {
    chart.categories.push_back("m" + std::to_string(i));
    chart.series.values.push_back(100000 + i);
  }
  const std::string svg = RenderColumnChart(chart);
  EXPECT_EQ(Count(svg, "class=\"value\""), 40u);
  EXPECT_EQ(Count(svg, "transform=\"rotate(-90"), 40u);
}

}  // namespace
}  // namespace tiersight::exports
