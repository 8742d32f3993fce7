#include "exports/html_report.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <string_view>
#include <tuple>

#include "base/str_cat.h"
#include "exports/html_escape.h"
#include "exports/report_languages.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

// A small network: three levels, two tiers plus agents without a tier, two
// findings (one with hostile text) from one of two packs.
v1::AuditReport SampleReport() {
  v1::AuditReport r;
  r.mutable_bundle()->set_name("Brand <b>&</b> \"Q3\"");
  r.mutable_bundle()->set_currency("CNY");
  r.mutable_bundle()->set_as_of("2026-09-30");
  r.mutable_bundle()->set_digest(std::string(64, 'a'));
  v1::NetworkFigures* n = r.mutable_network();
  n->set_participants(1111);
  n->set_max_depth(3);
  n->set_tops(1);
  n->set_company_goods_revenue(1234567.5);
  n->set_company_fee_revenue(200000);
  n->set_fee_revenue_share(0.1394);
  n->set_units_on_hand(9000);
  n->set_loss_share(0.8);
  n->set_agents_with_loss(889);
  for (auto [month, agents] : {std::pair{"2026-07", 10}, {"2026-08", 100}, {"2026-09", 1001}}) {
    v1::MonthCount* m = n->add_recruits_by_month();
    m->set_month(month);
    m->set_agents(agents);
  }
  for (auto [p, cash] : {std::pair{0, -5000.0},
                         {10, -4000.0},
                         {25, -1000.0},
                         {50, -300.0},
                         {75, -100.0},
                         {90, 20.0},
                         {100, 90000.0}}) {
    v1::NetCashPercentile* q = n->add_net_cash_percentiles();
    q->set_percentile(p);
    q->set_net_cash(cash);
  }
  for (int d = 1; d <= 3; ++d) {
    v1::LevelFigures* level = r.add_levels();
    level->set_depth(d);
    level->set_agents(d == 1 ? 1 : d == 2 ? 110 : 1000);
    level->set_units_bought(1000.0 * d);
    level->set_units_on_hand(900.0 * d);
    level->set_units_retailed(10.0 * d);
    level->set_net_cash(d == 1 ? 50000 : -20000.0 * d);
  }
  for (const char* tier : {"总代", "特约", ""}) {
    v1::TierFigures* t = r.add_tiers();
    t->set_tier(tier);
    t->set_agents(10);
    t->set_units_on_hand(100);
  }
  v1::Finding* f = r.add_findings();
  f->set_rule_id("cn-stock-loading");
  f->set_pack("cn");
  f->set_title("Stock loading");
  f->set_severity("high");
  f->set_scope("agent");
  f->add_subjects("A-1");
  f->set_message("Agent <script>alert(\"x\")</script> holds stock");
  f->set_cite("禁止传销条例 第七条");
  v1::FigureValue* value = f->add_values();
  value->set_name("units_on_hand");
  value->set_value(4200);
  f->mutable_evidence()->add_deepest_chain("A-1");
  f->mutable_evidence()->add_deepest_chain("A-2");
  v1::SubjectEvidence* top = f->mutable_evidence()->add_top_subjects();
  top->set_subject("A-1");
  *top->add_values() = *value;
  f->mutable_evidence()->set_matches(3);
  f->mutable_evidence()->set_evaluated(1111);
  v1::Finding* g = r.add_findings();
  *g = *f;
  g->set_rule_id("cn-fees");
  g->set_severity("critical");
  for (const char* pack : {"cn", "eu"}) {
    v1::PackProvenance* p = r.mutable_provenance()->add_packs();
    p->set_name(pack);
    p->set_version("1.0.0");
    p->set_sha256(std::string(64, 'b'));
  }
  r.mutable_provenance()->set_engine_version("0.5.0");
  r.mutable_provenance()->set_generated_at("2026-09-30T00:00:00Z");
  r.mutable_provenance()->set_personal_data("pseudonymised");
  return r;
}

// The page, which every test here renders in a report language.
std::string Render(const v1::AuditReport& report, const HtmlReportOptions& options) {
  absl::StatusOr<std::string> html = RenderHtmlReport(report, options);
  EXPECT_TRUE(html.ok()) << html.status();
  return html.ok() ? *html : std::string();
}

// The markup of the <svg> with this id.
std::string_view Chart(std::string_view html, std::string_view id) {
  const size_t start = html.find("<svg id=\"" + std::string(id) + "\"");
  if (start == std::string_view::npos) return {};
  const size_t end = html.find("</svg>", start);
  return html.substr(start, end - start);
}

int Count(std::string_view text, std::string_view what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, HasEverySectionInOrder) {
  const std::string html = Render(SampleReport(), {});
  size_t last = 0;
  for (const char* id : {"summary", "pyramid", "stock", "money", "organisers", "branches",
                         "findings", "method", "verify"}) {
    const size_t at = html.find("<section id=\"" + std::string(id) + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, last) << id;
    last = at;
  }
  EXPECT_EQ(Count(html, "<article class=\"finding"), 2);
}

TEST(HtmlReport, ChartsHaveOneBarPerLevelOrTier) {
  const std::string html = Render(SampleReport(), {});
  EXPECT_EQ(Count(Chart(html, "chart-pyramid"), "class=\"bar "), 3);
  EXPECT_EQ(Count(Chart(html, "chart-stock-levels"), "class=\"bar "), 3);
  EXPECT_EQ(Count(Chart(html, "chart-stock-tiers"), "class=\"bar "), 3);
  EXPECT_EQ(Count(Chart(html, "chart-net-cash-levels"), "class=\"bar "), 3);
  EXPECT_EQ(Count(Chart(html, "chart-company-revenue"), "class=\"bar "), 2);
  EXPECT_EQ(Count(Chart(html, "chart-recruits-month"), "class=\"bar "), 3);
  // The lowest and highest are stated, not charted.
  EXPECT_EQ(Count(Chart(html, "chart-net-cash-distribution"), "class=\"bar "), 5);
  EXPECT_NE(html.find("<dt>Highest</dt><dd>CNY 90,000.00</dd>"), std::string::npos);
  // Losses grow left of the zero line and are marked (and hatched).
  EXPECT_EQ(Count(Chart(html, "chart-net-cash-levels"), "class=\"bar bar-net-cash negative\""), 2);
}

TEST(HtmlReport, ChartsShowGroupedNumbersWithTheCurrency) {
  const std::string html = Render(SampleReport(), {});
  EXPECT_NE(Chart(html, "chart-pyramid").find(">1,000<"), std::string_view::npos);
  EXPECT_NE(Chart(html, "chart-company-revenue").find("CNY 1,234,568"), std::string_view::npos);
  EXPECT_NE(html.find("CNY -60,000"), std::string::npos);
}

TEST(HtmlReport, FindingFiguresInTheirUnits) {
  v1::AuditReport report = SampleReport();
  v1::Finding* f = report.mutable_findings(0);
  for (auto [name, value] : {std::pair{"downline_spend", 1234.5},
                             {"network_loss_share", 0.25},
                             {"buy_in_first_30_days", 99.0},
                             {"team_size", 2000.0},
                             {"network_total_spend", 10.0}}) {
    v1::FigureValue* v = f->add_values();
    v->set_name(name);
    v->set_value(value);
  }
  const std::string html = Render(report, {});
  EXPECT_NE(html.find("<td>Downline: spend (<code>downline_spend</code>)</td><td class=\"num\">CNY "
                      "1,234.50</td>"),
            std::string::npos);
  EXPECT_NE(html.find("(<code>network_loss_share</code>)</td><td class=\"num\">25.0%</td>"),
            std::string::npos);
  EXPECT_NE(html.find("(<code>buy_in_first_30_days</code>)</td><td class=\"num\">CNY 99.00</td>"),
            std::string::npos);
  EXPECT_NE(html.find("(<code>team_size</code>)</td><td class=\"num\">2,000</td>"),
            std::string::npos);
  EXPECT_NE(html.find("(<code>network_total_spend</code>)</td><td class=\"num\">CNY 10.00</td>"),
            std::string::npos);
  EXPECT_NE(html.find("A-1 → A-2"), std::string::npos);
}

TEST(HtmlReport, TopAgentsShownWhenTheyAddToTheTriggeringFigures) {
  v1::AuditReport report = SampleReport();
  EXPECT_EQ(Render(report, {}).find("<table class=\"top-subjects\">"), std::string::npos);
  v1::SubjectEvidence* second = report.mutable_findings(0)->mutable_evidence()->add_top_subjects();
  second->set_subject("A-7");
  v1::FigureValue* v = second->add_values();
  v->set_name("units_on_hand");
  v->set_value(3900);
  // A figure the same for every top agent is not a column.
  for (v1::SubjectEvidence& s :
       *report.mutable_findings(0)->mutable_evidence()->mutable_top_subjects()) {
    v1::FigureValue* same = s.add_values();
    same->set_name("network_loss_share");
    same->set_value(0.8);
  }
  const std::string html = Render(report, {});
  const size_t table = html.find("<table class=\"top-subjects\">");
  ASSERT_NE(table, std::string::npos);
  const std::string_view rendered =
      std::string_view(html).substr(table, html.find("</table>", table) - table);
  EXPECT_NE(rendered.find("<td>A-7</td><td class=\"num\">3,900</td></tr>"), std::string_view::npos);
  EXPECT_EQ(rendered.find("80.0%"), std::string_view::npos);
}

TEST(HtmlReport, EscapesEveryTextFromTheReport) {
  const std::string html = Render(SampleReport(), {});
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>&</b>"), std::string::npos);
  EXPECT_NE(html.find("Brand &lt;b&gt;&amp;&lt;/b&gt; &quot;Q3&quot;"), std::string::npos);
}

TEST(HtmlReport, EscapesTextInsideCharts) {
  v1::AuditReport report = SampleReport();
  report.mutable_tiers(0)->set_tier("<VIP & \"co\">");
  const std::string html = Render(report, {});
  const std::string_view chart = Chart(html, "chart-stock-tiers");
  EXPECT_EQ(chart.find("<VIP"), std::string_view::npos);
  EXPECT_NE(chart.find(">&lt;VIP &amp; &quot;co&quot;&gt;</text>"), std::string_view::npos);
  EXPECT_NE(chart.find(">(no tier)</text>"), std::string_view::npos);
}

// Defect 19: a right-to-left override or a NUL in brand text cannot reorder or
// hide the page's text: each shows as its code point.
TEST(HtmlReport, Defect19_BidiAndControlCharactersShowAsCodePoints) {
  v1::AuditReport report = SampleReport();
  const std::string rlo = "\xE2\x80\xAE";  // U+202E
  report.mutable_tiers(0)->set_tier("VIP" + rlo + "gnisaercni");
  report.mutable_bundle()->set_name(std::string("Brand\0X", 7) + "\xE2\x81\xA6");  // NUL, U+2066
  report.mutable_findings(0)->set_rule_id("r" + rlo + "1");
  const std::string html = Render(report, {});
  EXPECT_EQ(html.find(rlo), std::string::npos);
  EXPECT_EQ(html.find('\0'), std::string::npos);
  EXPECT_EQ(html.find("\xE2\x81\xA6"), std::string::npos);
  EXPECT_NE(html.find("VIP[U+202E]gnisaercni"), std::string::npos);
  EXPECT_NE(html.find("Brand[U+0000]X[U+2066]"), std::string::npos);
  EXPECT_NE(html.find("r[U+202E]1"), std::string::npos);
}

TEST(HtmlEscape, KeepsValidTextAndMarksBrokenBytes) {
  EXPECT_EQ(EscapeHtml("总代\tA&B\n"), "总代\tA&amp;B\n");
  EXPECT_EQ(EscapeHtml("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(EscapeHtml("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong "/"
  EXPECT_EQ(EscapeHtml("\xE4\xB8"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
  EXPECT_EQ(EscapeHtml("\x7F\xC2\x85"), "[U+007F][U+0085]");
}

TEST(HtmlReport, RendersAReportWithoutFigures) {
  // A failed load still reports; every section is there, charts are empty.
  const std::string html = Render(v1::AuditReport(), {});
  EXPECT_NE(html.find("<section id=\"method\""), std::string::npos);
  EXPECT_EQ(Count(Chart(html, "chart-pyramid"), "class=\"bar "), 0);
  EXPECT_NE(html.find("No rule fired."), std::string::npos);
  EXPECT_EQ(html.find("\"nan"), std::string::npos);  // no NaN coordinates
  EXPECT_EQ(html.find(">nan"), std::string::npos);
}

TEST(HtmlReport, NonFiniteValuesDoNotBreakTheAxis) {
  v1::AuditReport report = SampleReport();
  report.mutable_levels(1)->set_net_cash(std::numeric_limits<double>::infinity());
  const std::string html = Render(report, {});
  const std::string_view chart = Chart(html, "chart-net-cash-levels");
  EXPECT_EQ(Count(chart, "class=\"bar "), 3);
  EXPECT_EQ(chart.find("inf"), std::string_view::npos);
}

TEST(HtmlReport, ChineseReportUsesChineseLabels) {
  const std::string html = Render(SampleReport(), {.lang = "zh", .signed_json = {}});
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  for (const char* word : {"层级", "代理人数", "库存", "零售", "发现", "依据", "方法", "第3层",
                           "高风险", "第10百分位"}) {
    EXPECT_NE(html.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(html.find(">5. Findings<"), std::string::npos);
  EXPECT_EQ(html.find("Units on hand"), std::string::npos);
  EXPECT_EQ(html.find(">P10<"), std::string::npos);
}

TEST(HtmlReport, UnknownLanguageIsRefusedRatherThanRenderedInAnother) {
  for (const char* lang : {"fr", "", "zh-CN", "EN"}) {
    const absl::StatusOr<std::string> html =
        RenderHtmlReport(SampleReport(), {.lang = lang, .signed_json = {}});
    ASSERT_FALSE(html.ok()) << lang;
    EXPECT_EQ(html.status().code(), absl::StatusCode::kInvalidArgument);
    const std::string message(html.status().message());
    EXPECT_NE(message.find(StrCat("\"", lang, "\"")), std::string::npos) << message;
    for (const std::string& known : ReportLanguages()) {
      EXPECT_NE(message.find(known), std::string::npos) << message;
    }
  }
}

TEST(HtmlReport, EveryLanguageIsReadBackFromItsPage) {
  ASSERT_GE(ReportLanguages().size(), 2u);
  for (const std::string& lang : ReportLanguages()) {
    const std::string html = Render(SampleReport(), {.lang = lang, .signed_json = "{}"});
    const absl::StatusOr<EmbeddedHtmlReport> embedded = ReadEmbeddedReport(html);
    ASSERT_TRUE(embedded.ok()) << lang << ": " << embedded.status();
    EXPECT_EQ(embedded->lang, lang);
    EXPECT_EQ(embedded->signed_json, "{}");
  }
}

TEST(HtmlReport, PageInALanguageOfNoCatalogueNamesNone) {
  std::string html = Render(SampleReport(), {.lang = "en", .signed_json = "{}"});
  const std::string_view tag = "<html lang=\"en\">";
  ASSERT_NE(html.find(tag), std::string::npos);
  html.replace(html.find(tag), tag.size(), "<html lang=\"fr\">");
  const absl::StatusOr<EmbeddedHtmlReport> embedded = ReadEmbeddedReport(html);
  ASSERT_TRUE(embedded.ok()) << embedded.status();
  EXPECT_EQ(embedded->html_lang, "fr");
  EXPECT_EQ(embedded->lang, "");
}

TEST(HtmlReport, FetchesNothing) {
  const std::string html = Render(SampleReport(), {});
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  // url(#...) only: the hatching of negative bars, defined in the page.
  for (size_t at = html.find("url("); at != std::string::npos; at = html.find("url(", at + 1)) {
    EXPECT_EQ(html.substr(at, 5), "url(#");
  }
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST(HtmlReport, SameInputSameBytes) {
  const v1::AuditReport report = SampleReport();
  EXPECT_EQ(Render(report, {}), Render(report, {}));
  v1::AuditReport later = report;
  later.mutable_provenance()->set_generated_at("2027-01-01T00:00:00Z");
  EXPECT_NE(Render(later, {}), Render(report, {}));
}

TEST(HtmlReport, SummaryGivesEachPacksVerdict) {
  const std::string html = Render(SampleReport(), {});
  // cn fired two rules, the worst critical; eu fired none.
  EXPECT_NE(html.find("2: <code>cn-stock-loading, cn-fees</code></td><td><span class=\"severity "
                      "sev-critical\">critical</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>eu</td><td>1.0.0</td><td>no rule fired</td>"), std::string::npos);
}

// SampleReport judged under cn and us, its first finding graded, reading a
// parameter and naming more agents than its card lists.
v1::AuditReport JudgedReport() {
  v1::AuditReport r = SampleReport();
  for (auto [code, text, index, band] :
       {std::tuple{"cn", "CN: elements of 传销 met — criminal threshold reached by 12 organisers",
                   0.75, "highest"},
        {"us", "US: no element of a pyramid scheme met", 0.25, "general"}}) {
    v1::JurisdictionVerdict* v = r.add_verdicts();
    v->set_jurisdiction(code);
    v->set_verdict(text);
    v->mutable_risk()->set_index(index);
    v->mutable_risk()->set_band(band);
  }
  *r.mutable_risk() = r.verdicts(0).risk();
  v1::Finding* f = r.mutable_findings(0);
  for (int i = 2; i <= 743; ++i) f->add_subjects("A-" + std::to_string(i));
  f->set_subject_count(743);
  f->set_shown(10);
  v1::FigureValue* param = f->add_params();
  param->set_name("join_share");
  param->set_value(0.5);
  param->set_unit("share");
  v1::FigureValue* money = f->add_values();
  money->set_name("team_paid_in");
  money->set_value(1234567.8912);
  money->set_exact("1234567.8912");
  money->set_unit("money");
  f->mutable_grading()->set_basis("share of units_on_hand");
  f->mutable_grading()->mutable_measure()->set_name("units_on_hand");
  f->mutable_grading()->mutable_measure()->set_value(0.4231);
  f->mutable_grading()->mutable_measure()->set_unit("share");
  f->mutable_grading()->set_max_severity("critical");
  return r;
}

TEST(HtmlReport, SummaryGivesEachJurisdictionsVerdictAndTheRiskIndex) {
  const std::string html = Render(JudgedReport(), {});
  const std::string summary = html.substr(0, html.find("<section id=\"pyramid\""));
  EXPECT_NE(summary.find("<td>cn</td><td>CN: elements of <span lang=\"zh\">传销</span> met — "
                         "criminal threshold reached by "
                         "12 organisers</td><td class=\"num\">0.75 (highest)</td>"),
            std::string::npos);
  EXPECT_NE(summary.find("<td>us</td><td>US: no element of a pyramid scheme met</td><td "
                         "class=\"num\">0.25 (general)</td>"),
            std::string::npos);
  EXPECT_NE(summary.find("<dt>Risk index of the network</dt><dd>0.75 (highest)</dd>"),
            std::string::npos);
  // Before the verdicts per pack.
  EXPECT_LT(summary.find("Verdict per jurisdiction"), summary.find("Verdict per rule pack"));
  const std::string zh = Render(JudgedReport(), {.lang = "zh", .signed_json = {}});
  EXPECT_NE(zh.find("各法域结论"), std::string::npos);
  EXPECT_NE(zh.find("0.75 (高度疑似)"), std::string::npos);
  EXPECT_NE(Render(SampleReport(), {}).find("No rule pack ran."), std::string::npos);
}

TEST(HtmlReport, FindingCardSaysHowManyOfItsSubjectsItShows) {
  const std::string html = Render(JudgedReport(), {});
  const size_t first = html.find("<article class=\"finding");
  const std::string card = html.substr(first, html.find("</article>", first) - first);
  EXPECT_NE(card.find("<dd>A-1, A-2, A-3, A-4, A-5, A-6, A-7, A-8, A-9, A-10 — 10 of 743 "
                      "shown</dd>"),
            std::string::npos);
  EXPECT_EQ(card.find("A-11"), std::string::npos);
  const size_t second = html.find("<article class=\"finding", first + 1);
  const std::string uncapped = html.substr(second, html.find("</article>", second) - second);
  EXPECT_NE(uncapped.find("<dd>A-1</dd>"), std::string::npos);
  EXPECT_EQ(uncapped.find(" shown"), std::string::npos);
  EXPECT_NE(Render(JudgedReport(), {.lang = "zh", .signed_json = {}}).find("共 743 个，显示 10 个"),
            std::string::npos);
}

TEST(HtmlReport, FindingCardListsTheParametersReadExactMoneyAndTheSeverityBasis) {
  const std::string html = Render(JudgedReport(), {});
  EXPECT_NE(html.find("<h4>Parameters the rule read</h4>"), std::string::npos);
  EXPECT_NE(html.find("<td><code>join_share</code></td><td class=\"num\">50.0%</td>"),
            std::string::npos);
  EXPECT_NE(html.find("(<code>team_paid_in</code>)</td><td class=\"num\">CNY 1,234,567.8912</td>"),
            std::string::npos);
  EXPECT_NE(
      html.find("<dt>Severity basis</dt><dd>share of <code>units_on_hand</code> = 42.3%</dd>"),
      std::string::npos);
  EXPECT_NE(html.find("<dt>Severity basis</dt><dd>the rule&#39;s own severity</dd>"),
            std::string::npos);
}

TEST(HtmlReport, EmbedsTheSignedJsonSoItCannotCloseTheScript) {
  const std::string json = R"({"message":"</script><b>","signature":{}})";
  const std::string html = Render(SampleReport(), {.lang = "en", .signed_json = json});
  EXPECT_NE(html.find("<script type=\"application/json\" id=\"tiersight-report\">"
                      "{\"message\":\"\\u003c/script>\\u003cb>\",\"signature\":{}}</script>"),
            std::string::npos);
  EXPECT_EQ(Count(html, "</script>"), 1);
  EXPECT_EQ(Render(SampleReport(), {}).find("tiersight-report\">"), std::string::npos);
}

TEST(HtmlReport, MethodDefinesTheFigures) {
  const std::string html = Render(SampleReport(), {});
  const std::string method = html.substr(html.find("<section id=\"method\""));
  EXPECT_NE(method.find("<td><code>units_on_hand</code></td>"), std::string::npos);
  EXPECT_NE(
      method.find("<td><code>loss_share</code></td><td>share of agents with net_cash &lt; 0</td>"),
      std::string::npos);
}

// Page one: the verdicts, then who and how much, then the three findings
// that matter most in words, before anything else.
TEST(HtmlReport, PageOneGivesTheKeyFiguresAndTheWeightiestFindings) {
  v1::AuditReport r = SampleReport();
  for (auto [name, exact, unit] :
       {std::tuple{"paid_in_total", "13012345.5", "money"},
        std::tuple{"median_loss", "-812.25", "money"}, std::tuple{"loss_share", "", "share"}}) {
    v1::FigureValue* v = r.add_key_figures();
    v->set_name(name);
    v->set_exact(exact);
    v->set_unit(unit);
    v->set_value(std::string_view(name) == "loss_share" ? 0.8 : 0);
  }
  v1::Organiser* o = r.mutable_findings(0)->add_organisers();
  o->set_agent_id("A-9");
  o->set_team_size(1204);
  o->set_team_levels(9);
  v1::Organiser* nested = r.mutable_findings(0)->add_organisers();
  nested->set_agent_id("A-10");
  nested->set_team_size(31);
  nested->set_within("A-9");
  *r.mutable_findings(1)->add_organisers() = *o;  // named by two findings, counted once
  const std::string html = Render(r, {});
  const std::string page_one = html.substr(0, html.find("<h3>The network and the data</h3>"));
  EXPECT_NE(page_one.find("<dt>Paid in by participants (goods and fees)</dt><dd>CNY "
                          "13,012,345.50</dd>"),
            std::string::npos);
  EXPECT_NE(page_one.find("<dt>Median loss of those who lost money</dt><dd>CNY -812.25</dd>"),
            std::string::npos);
  EXPECT_NE(page_one.find("<dt>Loss share</dt><dd>80.0%</dd>"), std::string::npos);
  EXPECT_NE(page_one.find("<dt>Organisers named by the findings</dt><dd>2</dd>"),
            std::string::npos);
  EXPECT_NE(page_one.find("<dd>1,204 people over 9 levels</dd>"), std::string::npos);
  // The critical finding (the report's second) comes first, linked to its card.
  const size_t list = page_one.find("<ol class=\"top-findings\">");
  ASSERT_NE(list, std::string::npos);
  EXPECT_NE(
      page_one.find("<li><a href=\"#finding-2\"><span class=\"severity sev-critical\">", list),
      std::string::npos);
  EXPECT_LT(page_one.find("#finding-2"), page_one.find("#finding-1"));
  EXPECT_NE(page_one.find("2 findings in all"), std::string::npos);
  EXPECT_NE(html.find("id=\"finding-2\""), std::string::npos);
}

v1::MoneyFlow* AddFlow(v1::AuditReport& r, std::string form,
                       std::initializer_list<std::pair<const char*, double>> amounts) {
  v1::MoneyFlow* flow = r.mutable_network()->add_money_flows();
  flow->set_form(std::move(form));
  double total = 0;
  for (auto [direction, amount] : amounts) {
    v1::MoneyDirectionAmount* d = flow->add_directions();
    d->set_direction(direction);
    d->set_amount(amount);
    total += amount;
  }
  flow->set_total(total);
  return flow;
}

TEST(HtmlReport, MoneySectionSplitsEachLegalFormByWhoPaidWhom) {
  v1::AuditReport r = SampleReport();
  AddFlow(r, "joining_purchases", {{"agents_to_company", 200}, {"between_agents", 13000000}});
  AddFlow(r, "recruitment_bonus",
          {{"agents_to_company", 0}, {"company_to_agents", 1500.5}, {"between_agents", 0}});
  AddFlow(r, "retail_sales", {{"consumers_to_agents", 330851}});
  for (const char* lang : {"en", "zh"}) {
    const std::string html = Render(r, {.lang = lang, .signed_json = {}});
    const size_t money = html.find("id=\"money\"");
    const size_t table = html.find("<table class=\"money-forms\">", money);
    ASSERT_NE(table, std::string::npos) << lang;
    const std::string rows = html.substr(table, html.find("</table>", table) - table);
    // A purchase ladder's entry money between agents, not only the company's.
    const bool en = std::string_view(lang) == "en";
    EXPECT_NE(rows.find(en ? "Joining purchases" : "入门进货"), std::string::npos) << lang;
    EXPECT_NE(rows.find("13,000,000.00"), std::string::npos) << lang;
    EXPECT_NE(rows.find(en ? "Per-head recruitment bonuses" : "拉人头"), std::string::npos);
    EXPECT_NE(rows.find("1,500.50"), std::string::npos) << lang;
    // Directions a form never takes are dashes; retail has one column only.
    EXPECT_EQ(Count(rows, "—"), 2 + 1 + 3) << lang;
  }
}

// The network's own jurisdiction first (the verdicts' order), each card
// keeping its number in the report.
TEST(HtmlReport, FindingsAreGroupedByJurisdictionTheNetworksOwnFirst) {
  v1::AuditReport r = SampleReport();
  v1::Finding* eu = r.add_findings();
  *eu = r.findings(0);
  eu->set_pack("eu");
  eu->set_rule_id("eu-ucpd-annex-14");
  v1::Finding* loose = r.add_findings();
  *loose = r.findings(0);
  loose->set_pack("brand-policy");
  loose->set_rule_id("brand-own-rule");
  for (auto [code, pack] : {std::pair{"eu", "eu"}, {"cn", "cn"}}) {
    v1::JurisdictionVerdict* v = r.add_verdicts();
    v->set_jurisdiction(code);
    v->add_packs(pack);
  }
  const std::string html = Render(r, {});
  const size_t section = html.find("id=\"findings\"");
  const size_t eu_heading = html.find("<h3 class=\"jurisdiction-group\">", section);
  ASSERT_NE(eu_heading, std::string::npos);
  const size_t cn_heading = html.find("<h3 class=\"jurisdiction-group\">", eu_heading + 1);
  const size_t other_heading =
      html.find("<h3 class=\"jurisdiction-group\">Other packs: 1 finding", cn_heading + 1);
  ASSERT_NE(cn_heading, std::string::npos);
  ASSERT_NE(other_heading, std::string::npos);
  EXPECT_NE(html.substr(cn_heading, 200).find(": 2 findings</h3>"), std::string::npos);
  // The eu finding (the report's third) under the first heading, the cn ones
  // (first and second) under the next, the pack of no verdict last. A
  // group's heading opens its first card, so that paper keeps them together.
  const auto card = [&](int n) { return html.find(StrCat("id=\"finding-", n, "\">\n<h3 class")); };
  EXPECT_EQ(card(3) + std::string_view("id=\"finding-3\">\n").size(), eu_heading);
  EXPECT_EQ(card(1) + std::string_view("id=\"finding-1\">\n").size(), cn_heading);
  EXPECT_EQ(card(4) + std::string_view("id=\"finding-4\">\n").size(), other_heading);
  EXPECT_EQ(card(2), std::string::npos);  // not the first of its group
  EXPECT_LT(cn_heading, html.find("id=\"finding-2\""));
  EXPECT_LT(html.find("id=\"finding-2\""), other_heading);
}

TEST(HtmlReport, FindingCardShowsTheConditionAndTheNamedConditionsItReads) {
  v1::AuditReport r = SampleReport();
  v1::Finding* f = r.mutable_findings(0);
  f->set_condition("team_paid_by_head && downline_size >= min_team");
  v1::NamedCondition* c = f->add_named_conditions();
  c->set_name("team_paid_by_head");
  c->set_expression("team_bonuses > 0");
  const std::string html = Render(r, {});
  const size_t card = html.find("id=\"finding-1\"");
  const std::string block = html.substr(card, html.find("</article>", card) - card);
  EXPECT_NE(block.find("<h4>Condition</h4>\n<p class=\"condition\"><code>team_paid_by_head "
                       "&amp;&amp; downline_size &gt;= min_team</code></p>"),
            std::string::npos)
      << block;
  EXPECT_NE(block.find("<dt>team_paid_by_head</dt><dd><code>team_bonuses &gt; 0</code></dd>"),
            std::string::npos)
      << block;
  // The other card's rule carries no condition (a report recorded before
  // conditions): no empty heading.
  const size_t second = html.find("id=\"finding-2\"");
  EXPECT_EQ(html.substr(second, html.find("</article>", second) - second).find("Condition"),
            std::string::npos);
}

// A citation names public sources; the pack's own mark for a threshold of
// its making is said in words.
TEST(HtmlReport, AHeuristicCitationIsSaidInWordsNotAsTheMark) {
  v1::AuditReport r = SampleReport();
  r.mutable_findings(0)->set_pack("brand-policy");
  r.mutable_findings(0)->set_cite("[HEURISTIC] depth calibration on public cases");
  const std::string html = Render(r, {});
  const std::string page = html.substr(0, html.find("<script"));
  EXPECT_EQ(page.find("[HEURISTIC]"), std::string::npos);
  EXPECT_NE(page.find("<dd>tiersight&#39;s own threshold, not set by law or a case; calibrated "
                      "on: depth calibration on public cases</dd>"),
            std::string::npos);
}

TEST(HtmlReport, AFixedTimeIsSaidToBeFixed) {
  v1::AuditReport r = SampleReport();
  EXPECT_EQ(Render(r, {}).find("--reproducible"), std::string::npos);
  r.mutable_provenance()->set_time_fixed(true);
  EXPECT_NE(Render(r, {}).find("<dd>2026-09-30T00:00:00Z — fixed to the as-of date "
                               "(--reproducible), not the time the report was made</dd>"),
            std::string::npos);
}

// What a recipient needs to check the page: the key's id and fingerprint as
// the signature block states them, every file's SHA-256 and the commands;
// the report id and digest at the foot of each printed page.
TEST(HtmlReport, VerificationNamesTheKeyTheFilesAndTheCommands) {
  v1::AuditReport r = SampleReport();
  r.mutable_provenance()->set_report_id("0123456789abcdef");
  for (const char* file : {"agents.csv", "orders.csv", "payments.csv", "network.yaml"}) {
    v1::FileLoadCounts* f = r.mutable_load()->add_files();
    f->set_file(file);
    f->set_present(std::string_view(file) != "network.yaml");
    f->set_sha256(f->present() ? std::string(64, file[0]) : "");
  }
  const std::string json = R"({"signature":{"key_id":"fedcba9876543210",)"
                           R"("public_key_sha256":"fedcba98765432100000","value":"x"}})";
  const std::string html = Render(r, {.lang = "en", .signed_json = json});
  const std::string verify = html.substr(html.find("<section id=\"verify\""));
  EXPECT_NE(verify.find("<dt>Report id</dt><dd>0123456789abcdef</dd>"), std::string::npos);
  EXPECT_NE(verify.find("<dt>Signing key id</dt><dd>fedcba9876543210</dd>"), std::string::npos);
  EXPECT_NE(verify.find("<dd>fedcba98765432100000</dd>"), std::string::npos);
  EXPECT_NE(verify.find("<dt>SHA-256 orders.csv</dt><dd>" + std::string(64, 'o') + "</dd>"),
            std::string::npos);
  EXPECT_NE(verify.find("tiersight verify report.html --pubkey brand.pub</code>"),
            std::string::npos);
  EXPECT_NE(verify.find("sha256sum agents.csv orders.csv payments.csv | sha256sum"),
            std::string::npos);
  EXPECT_NE(verify.find("tiersight verify report.html --pubkey brand.pub --bundle BUNDLE"),
            std::string::npos);
  EXPECT_NE(html.find("@bottom-left { content: \"Report id 0123456789abcdef · Bundle digest "
                      "(SHA-256) " +
                      std::string(64, 'a') + "\";"),
            std::string::npos);
  // Unsigned: no key is claimed, and the reader is sent to the JSON.
  const std::string unsigned_page = Render(r, {});
  EXPECT_EQ(unsigned_page.find("Signing key id"), std::string::npos);
  EXPECT_NE(unsigned_page.find("tiersight verify report.json --pubkey brand.pub --bundle BUNDLE"),
            std::string::npos);
}

TEST(HtmlReport, PrintsOnA4WithNumberedPages) {
  const std::string html = Render(SampleReport(), {});
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(html.find("content: \"Page \" counter(page) \" of \" counter(pages);"),
            std::string::npos);
  EXPECT_NE(html.find("thead { display: table-header-group; }"), std::string::npos);
  // Sections follow on: the browser test checks that no sheet ends on a
  // heading (tests/browser/check_html_print.cjs).
  EXPECT_EQ(html.find("break-before: page"), std::string::npos);
}

}  // namespace
}  // namespace tiersight::exports
