// The organisers and branches sections of the HTML report, rendered from a
// small hand-built report model: two organisers (one charted), a genealogy
// of three drawn levels and two bands, a timeline with one threshold
// reached, and two branches of which one is drawn.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <string_view>

#include "base/str_cat.h"
#include "exports/html_report.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

v1::FigureValue Money(double value, const std::string& exact) {
  v1::FigureValue v;
  v.set_value(value);
  v.set_exact(exact);
  v.set_unit("money");
  return v;
}

v1::AuditReport OrganisersReport() {
  v1::AuditReport r;
  r.mutable_bundle()->set_name("Brand");
  r.mutable_bundle()->set_currency("CNY");
  r.mutable_bundle()->set_as_of("2026-09-30");
  for (const char* tier : {"联创", "总代", ""}) r.add_tiers()->set_tier(tier);

  v1::OrganiserTeam* top = r.add_organiser_teams();
  top->set_agent_id("P-<top>");
  top->set_team_size(9);
  top->set_team_levels(5);
  top->set_tier("联创");
  top->set_joined("2025-01-01");
  *top->mutable_team_paid_in() = Money(2600000.5, "2600000.5");
  *top->mutable_own_net_cash() = Money(-12.5, "-12.5");
  top->add_rule_ids("cn-224-1-criminal-threshold");
  top->add_rule_ids("cn-224-1-serious");
  top->set_charted(true);
  top->set_paid_in_dated(true);
  // The organiser, two recruits, three below them.
  const std::tuple<const char*, int, int, const char*> nodes[] = {
      {"P-<top>", -1, 0, "联创"}, {"P-a", 0, 1, "总代"},  {"P-b", 0, 1, ""},
      {"P-a1", 1, 2, "总代"},     {"P-a2", 1, 2, "总代"}, {"P-b1", 2, 2, "联创"}};
  for (const auto& [id, parent, level, tier] : nodes) {
    v1::GenealogyNode* n = top->add_nodes();
    n->set_agent_id(id);
    n->set_parent(parent);
    n->set_level(level);
    n->set_tier(tier);
    n->set_team_size(1);
  }
  for (auto [first, last, agents] : {std::tuple{3, 3, 2}, {4, 6, 1}}) {
    v1::GenealogyBand* b = top->add_bands();
    b->set_first_level(first);
    b->set_last_level(last);
    b->set_agents(agents);
  }
  for (auto [month, size, paid] :
       {std::tuple{"2025-01", 3, 100.0}, {"2025-02", 9, 2600000.5}, {"2025-03", 9, 2600000.5}}) {
    v1::TeamMonth* m = top->add_months();
    m->set_month(month);
    m->set_team_size(size);
    m->set_paid_in(paid);
  }
  for (auto [measure, threshold, day] : {std::tuple{"team_size", 30.0, ""},
                                         {"team_size", 120.0, ""},
                                         {"team_paid_in", 2500000.0, "2025-02-15"}}) {
    v1::TeamThreshold* t = top->add_thresholds();
    t->set_measure(measure);
    t->set_threshold(threshold);
    t->set_reached_on(day);
  }
  v1::OrganiserTeam* nested = r.add_organiser_teams();
  nested->set_agent_id("P-a");
  nested->set_within("P-<top>");
  nested->set_team_size(3);
  nested->set_team_levels(2);
  nested->add_rule_ids("cn-224-1-criminal-threshold");

  for (auto [top_id, agents, bought, retailed] :
       {std::tuple{"P-small", 2, 10.0, 9.0}, {"P-large", 7, 1000.0, 10.0}}) {
    v1::BranchFigures* b = r.add_branches();
    b->set_top(top_id);
    b->set_agents(agents);
    b->set_units_bought(bought);
    b->set_units_retailed(retailed);
  }
  v1::BranchPyramid* p = r.add_branch_pyramids();
  p->set_top("P-large");
  for (auto [depth, agents] : {std::pair{2, 1}, {3, 4}, {4, 2}}) {
    v1::BranchLevel* l = p->add_levels();
    l->set_depth(depth);
    l->set_agents(agents);
  }
  return r;
}

std::string Render(const v1::AuditReport& report, const std::string& lang = "en") {
  absl::StatusOr<std::string> html = RenderHtmlReport(report, {.lang = lang, .signed_json = {}});
  EXPECT_TRUE(html.ok()) << html.status();
  return html.ok() ? *html : std::string();
}

std::string_view Between(std::string_view html, std::string_view open, std::string_view close) {
  const size_t start = html.find(open);
  if (start == std::string_view::npos) return {};
  return html.substr(start, html.find(close, start) - start);
}

int Count(std::string_view text, std::string_view what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlOrganisers, SectionsComeAfterTheMoneyAndBeforeTheFindings) {
  const std::string html = Render(OrganisersReport());
  size_t last = 0;
  int number = 0;
  for (const char* id :
       {"summary", "pyramid", "stock", "money", "organisers", "branches", "findings", "method"}) {
    const size_t at = html.find(StrCat("<section id=\"", id, "\""));
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, last) << id;
    EXPECT_EQ(html.find(StrCat("<h2>", ++number, ". "), at), html.find("<h2>", at)) << id;
    EXPECT_NE(html.find(StrCat("<a href=\"#", id, "\">")), std::string::npos) << id;
    last = at;
  }
}

TEST(HtmlOrganisers, EveryOrganiserInTheTableTheChartedOnesDrawn) {
  const std::string html = Render(OrganisersReport());
  const std::string_view table = Between(html, "<table class=\"organisers\">", "</table>");
  EXPECT_EQ(Count(table, "<tr><td>"), 2);
  EXPECT_NE(table.find("<tr><td>P-&lt;top&gt;</td><td class=\"num\">9</td>"
                       "<td class=\"num\">5</td><td>2025-01-01</td>"
                       "<td class=\"num\">2,600,000.50</td><td class=\"num\">-12.50</td>"
                       "<td><span class=\"rule-id\">cn-224-1-criminal-threshold</span>, "
                       "<span class=\"rule-id\">cn-224-1-serious</span></td></tr>"),
            std::string_view::npos)
      << table;
  // The nested one under a row naming the organiser it is within, after
  // the outermost ones.
  const std::string_view group = Between(table, "<tbody class=\"within\">", "</tbody>");
  EXPECT_NE(group.find(">Within the team of P-&lt;top&gt; (1)</th></tr>\n<tr><td>P-a</td>"),
            std::string_view::npos)
      << group;
  EXPECT_NE(html.find("1 of 2 organisers charted"), std::string::npos);
  EXPECT_EQ(Count(html, "<article class=\"organiser-team\""), 1);

  const std::string_view genealogy = Between(html, "<svg id=\"genealogy-1\"", "</svg>");
  EXPECT_EQ(Count(genealogy, "<circle class=\"node"), 6);
  EXPECT_EQ(Count(genealogy, "<circle class=\"node organiser\""), 1);
  EXPECT_EQ(Count(genealogy, "<rect class=\"band\""), 2);
  EXPECT_NE(genealogy.find(">Level 3 below<"), std::string_view::npos);
  EXPECT_NE(genealogy.find(">Levels 4–6 below<"), std::string_view::npos);
  EXPECT_NE(genealogy.find(">1 person<"), std::string_view::npos);
  EXPECT_NE(genealogy.find(">2 people<"), std::string_view::npos);
  // The legend: the tiers drawn, in the report's order, no tier last.
  const size_t first = genealogy.find(">联创<"), second = genealogy.find(">总代<"),
               none = genealogy.find(">(no tier)<");
  EXPECT_LT(first, second);
  EXPECT_LT(second, none);
  EXPECT_NE(none, std::string_view::npos);
}

TEST(HtmlOrganisers, TimelineMarksTheThresholdsReachedAndSaysWhichWereNot) {
  const std::string html = Render(OrganisersReport());
  const std::string_view block = Between(html, "<article class=\"organiser-team\"", "</article>");
  EXPECT_NE(block.find("<dt>Team reached 30 people</dt><dd>not reached</dd>"),
            std::string_view::npos);
  EXPECT_NE(block.find("<dt>Paid in by the team reached CNY 2,500,000</dt><dd>2025-02-15</dd>"),
            std::string_view::npos);
  const std::string_view timeline = Between(html, "<svg id=\"timeline-1\"", "</svg>");
  EXPECT_EQ(Count(timeline, "<line class=\"marker\""), 1);
  EXPECT_NE(timeline.find(">CNY 2,500,000: 2025-02-15<"), std::string_view::npos);
  EXPECT_EQ(Count(timeline, "<path class=\"series-paid\""), 1);

  v1::AuditReport undated = OrganisersReport();
  undated.mutable_organiser_teams(0)->set_paid_in_dated(false);
  const std::string page = Render(undated);
  EXPECT_EQ(Count(Between(page, "<svg id=\"timeline-1\"", "</svg>"), "series-paid"), 0);
  EXPECT_NE(page.find("the timeline shows no money paid in"), std::string::npos);
}

TEST(HtmlOrganisers, NoOrganiserIsSaidInWords) {
  v1::AuditReport report = OrganisersReport();
  report.clear_organiser_teams();
  const std::string html = Render(report);
  const std::string_view section = Between(html, "<section id=\"organisers\"", "</section>");
  EXPECT_NE(section.find("<p class=\"no-organisers\">"), std::string_view::npos);
  EXPECT_EQ(section.find("<table"), std::string_view::npos);
}

TEST(HtmlOrganisers, BranchesTabledLargestFirstAndTheLargestDrawn) {
  const std::string html = Render(OrganisersReport());
  const std::string_view section = Between(html, "<section id=\"branches\"", "</section>");
  const std::string_view table = Between(section, "<table class=\"branches\">", "</table>");
  EXPECT_EQ(Count(table, "<tr>"), 3);
  EXPECT_LT(table.find("P-large"), table.find("P-small"));
  EXPECT_NE(table.find("<td class=\"num\">1.0%</td>"), std::string_view::npos);
  EXPECT_NE(section.find("1 of 2 branches drawn"), std::string_view::npos);
  EXPECT_EQ(Count(Between(section, "<svg id=\"chart-branch-1\"", "</svg>"), "<rect class=\"bar"),
            3);

  v1::AuditReport single = OrganisersReport();
  single.mutable_branches()->RemoveLast();
  const std::string one = Render(single);
  EXPECT_NE(Between(one, "<section id=\"branches\"", "</section>")
                .find("The network has a single branch"),
            std::string_view::npos);
}

TEST(HtmlOrganisers, ChineseInTheLegalTerms) {
  const std::string html = Render(OrganisersReport(), "zh");
  for (const char* term : {"组织者、领导者及其团队", "组织结构图", "下线第3层", "下线第4至6层",
                           "团队人数", "团队达到30人</dt><dd>未达到", "分支", "2人", "1人"}) {
    EXPECT_NE(html.find(term), std::string::npos) << term;
  }
}

// verify renders whatever JSON a page embeds: a model no audit makes is
// drawn as far as it is a tree, never read out of bounds.
TEST(HtmlOrganisers, AModelThatIsNoTreeIsDrawnAsFarAsItIsOne) {
  v1::AuditReport report = OrganisersReport();
  v1::OrganiserTeam& t = *report.mutable_organiser_teams(0);
  t.mutable_nodes(1)->set_parent(7);          // after itself: left out, with P-a1 and P-a2
  t.mutable_nodes(2)->set_level(2000000000);  // drawn one level below its sponsor
  t.mutable_nodes(5)->set_parent(-3);         // below nothing: left out
  t.mutable_bands(0)->set_first_level(INT32_MIN);
  t.mutable_bands(0)->set_last_level(INT32_MAX);
  t.mutable_months(1)->set_paid_in(std::numeric_limits<double>::quiet_NaN());
  t.mutable_months(2)->set_paid_in(std::numeric_limits<double>::infinity());
  t.mutable_thresholds(0)->set_threshold(std::numeric_limits<double>::quiet_NaN());
  t.mutable_thresholds(1)->set_threshold(1e300);
  const std::string html = Render(report);
  const std::string_view genealogy = Between(html, "<svg id=\"genealogy-1\"", "</svg>");
  EXPECT_EQ(Count(genealogy, "<circle class=\"node"), 2);
  EXPECT_NE(genealogy.find("data-level=\"1\""), std::string_view::npos);
  EXPECT_EQ(Count(Between(html, "<svg id=\"timeline-1\"", "</svg>"), "nan"), 0);

  v1::AuditReport rootless = OrganisersReport();
  rootless.mutable_organiser_teams(0)->mutable_nodes(0)->set_parent(0);
  EXPECT_EQ(
      Count(Between(Render(rootless), "<svg id=\"genealogy-1\"", "</svg>"), "<circle class=\"node"),
      0);
}

TEST(HtmlOrganisers, SameModelSameBytes) {
  EXPECT_EQ(Render(OrganisersReport()), Render(OrganisersReport()));
}

}  // namespace
}  // namespace tiersight::exports
