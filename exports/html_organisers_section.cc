// 5. Organisers and their teams: every organiser a finding names in one
// table; the largest (OrganiserTeam.charted) each with its genealogy
// (组织结构图) and recruitment timeline.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "base/civil_date.h"
#include "base/str_cat.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "exports/number_format.h"
#include "exports/svg_team_charts.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

// On paper the table shows its first rows and the largest teams' charts,
// saying so; the page and the CSV export have them all.
constexpr size_t kOrganiserRowsPrinted = 40;
constexpr size_t kTeamsPrinted = 8;

// Money as the report carries it exactly, with the currency code unless
// `currency` is given (empty: none, where a heading names it).
std::string Money(const Context& ctx, const v1::FigureValue& v,
                  std::optional<std::string_view> currency = std::nullopt) {
  const std::string_view code = currency.value_or(ctx.currency);
  if (!v.exact().empty()) return FormatExactAmount(v.exact(), code);
  return FormatAmount(v.value(), code);
}

std::string OrDash(const std::string& text) { return text.empty() ? "—" : text; }

// A threshold as a count of people: whole, and 0 for what no count is.
int64_t WholeCount(double value) {
  if (!(value > 0)) return 0;
  return value >= 9e18 ? INT64_MAX : static_cast<int64_t>(std::ceil(value));
}

std::string People(const ReportLabels& l, int64_t count) {
  if (count == 1) return std::string(l.one_person);
  return FillLabel(l.people_count, {{"count", FormatCount(count)}});
}

// A chart's data as a table in a closed <details> right after the chart,
// as svg_charts.h gives its charts theirs.
std::string DataTable(std::string_view summary, const HtmlTable& table) {
  return StrCat("<details class=\"chart-data\"><summary>", EscapeHtml(summary), "</summary>\n",
                RenderTable(table), "</details>\n");
}

std::string Cell(std::string_view tag, bool numeric, std::string_view text) {
  return StrCat("<", tag, numeric ? " class=\"num\"" : "", ">", EscapeHtml(text), "</", tag, ">");
}

// The rule ids, each kept on one line: a line breaks between two of them.
std::string RuleIds(const v1::OrganiserTeam& t) {
  std::string out;
  for (const std::string& id : t.rule_ids()) {
    StrAppend(out, out.empty() ? "" : ", ", "<span class=\"rule-id\">", EscapeHtml(id), "</span>");
  }
  return out;
}

std::string OrganiserRow(const Context& ctx, const v1::OrganiserTeam& t, bool printed) {
  return StrCat(
      printed ? "<tr>" : "<tr class=\"print-omit\">", Cell("td", false, t.agent_id()),
      Cell("td", true, FormatCount(t.team_size())), Cell("td", true, FormatCount(t.team_levels())),
      Cell("td", false, OrDash(t.joined())), Cell("td", true, Money(ctx, t.team_paid_in(), "")),
      Cell("td", true, Money(ctx, t.own_net_cash(), "")), "<td>", RuleIds(t), "</td></tr>\n");
}

// Every organiser, outermost first: the outermost ones, then those within
// each of them under a row that names it (the model's order within each).
std::string OrganiserTable(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const auto& teams = ctx.report.organiser_teams();
  std::string out = "<table class=\"organisers\">\n<thead><tr>";
  const std::string headings[] = {std::string(l.organiser),
                                  std::string(l.team_size),
                                  std::string(l.team_levels),
                                  std::string(l.joined),
                                  StrCat(l.team_paid_in, " (", ctx.currency, ")"),
                                  StrCat(l.own_net_cash, " (", ctx.currency, ")"),
                                  std::string(l.organiser_rules)};
  for (size_t c = 0; c < std::size(headings); ++c) {
    out += Cell("th", c == 1 || c == 2 || c == 4 || c == 5, headings[c]);
  }
  out += "</tr></thead>\n<tbody>\n";
  // Outermost organisers, and the nested ones grouped by the one they are
  // within (an id no outermost row has gets a group of its own, last).
  std::vector<std::string> groups;
  std::map<std::string, std::vector<const v1::OrganiserTeam*>> within;
  size_t rows = 0;
  for (const v1::OrganiserTeam& t : teams) {
    if (t.within().empty()) {
      out += OrganiserRow(ctx, t, rows++ < kOrganiserRowsPrinted);
      groups.push_back(t.agent_id());
    } else {
      within[t.within()].push_back(&t);
    }
  }
  for (const auto& [outer, nested] : within) {
    if (std::find(groups.begin(), groups.end(), outer) == groups.end()) groups.push_back(outer);
  }
  out += "</tbody>\n";
  for (const std::string& outer : groups) {
    const auto it = within.find(outer);
    if (it == within.end()) continue;
    out += StrCat("<tbody class=\"within\">\n<tr",
                  rows < kOrganiserRowsPrinted ? "" : " class=\"print-omit\"", "><th colspan=\"",
                  std::size(headings), "\" scope=\"rowgroup\">",
                  EscapeHtml(StrCat(l.within_organiser, " ", outer, " (",
                                    FormatCount(static_cast<int64_t>(it->second.size())), ")")),
                  "</th></tr>\n");
    for (const v1::OrganiserTeam* t : it->second) {
      out += OrganiserRow(ctx, *t, rows++ < kOrganiserRowsPrinted);
    }
    out += "</tbody>\n";
  }
  out += "</table>\n";
  if (rows > kOrganiserRowsPrinted) {
    out += StrCat("<p class=\"note print-only\">",
                  EscapeHtml(PrintShownText(l, kOrganiserRowsPrinted, static_cast<int64_t>(rows))),
                  "</p>\n");
  }
  return out;
}

// Each tier's place among the report's tiers, for its colour (no tier has
// none: -1); a tier the report does not list comes after them.
class TierIndex {
 public:
  explicit TierIndex(const v1::AuditReport& report) {
    for (const v1::TierFigures& t : report.tiers()) {
      if (!t.tier().empty()) index_.try_emplace(t.tier(), static_cast<int>(index_.size()));
    }
  }
  int operator()(const std::string& tier) const {
    if (tier.empty()) return -1;
    const auto it = index_.find(tier);
    return it != index_.end() ? it->second : static_cast<int>(index_.size());
  }

 private:
  std::map<std::string, int> index_;
};

std::string TierName(const Context& ctx, const std::string& tier) {
  return tier.empty() ? std::string(ctx.labels.no_tier) : tier;
}

std::string LevelsBelow(const ReportLabels& l, int first, int last) {
  if (first == last) return FillLabel(l.genealogy_level, {{"level", StrCat(first)}});
  return FillLabel(l.genealogy_levels, {{"first", StrCat(first)}, {"last", StrCat(last)}});
}

std::string Genealogy(const Context& ctx, const v1::OrganiserTeam& t, int number) {
  const ReportLabels& l = ctx.labels;
  GenealogyChart chart{.id = StrCat("genealogy-", number),
                       .title = StrCat(l.genealogy, " — ", t.agent_id()),
                       .root_label = t.agent_id(),
                       .level_labels = {},
                       .level_values = {},
                       .nodes = {},
                       .bands = {},
                       .legend_title = std::string(l.tier),
                       .legend = {}};
  const TierIndex tier_index(ctx.report);
  std::set<int> in_legend;
  std::vector<int64_t> per_level;
  // Drawn as a tree whatever the model says: the organiser first, each
  // other node below a node drawn before it (a level below its sponsor's);
  // a node that is not is left out, and so is everything below it.
  std::vector<int> drawn_as(static_cast<size_t>(t.nodes_size()), -1);
  for (int i = 0; i < t.nodes_size(); ++i) {
    const v1::GenealogyNode& n = t.nodes(i);
    const int parent = n.parent();
    const bool placed =
        i == 0 ? parent < 0
               : (parent >= 0 && parent < i && drawn_as[static_cast<size_t>(parent)] >= 0);
    if (!placed) continue;
    const int parent_mark = i == 0 ? -1 : drawn_as[static_cast<size_t>(parent)];
    const int level = parent_mark < 0 ? 0 : chart.nodes[static_cast<size_t>(parent_mark)].level + 1;
    drawn_as[static_cast<size_t>(i)] = static_cast<int>(chart.nodes.size());
    const auto at = static_cast<size_t>(level);
    if (per_level.size() <= at) per_level.resize(at + 1, 0);
    ++per_level[at];
    const int tier = tier_index(n.tier());
    chart.nodes.push_back({.parent = parent_mark,
                           .level = level,
                           .tier_index = tier,
                           .tooltip = StrCat(n.agent_id(), " · ", TierName(ctx, n.tier()), " · ",
                                             l.team_size, " ", FormatCount(n.team_size()))});
    if (in_legend.insert(tier).second) chart.legend.emplace_back(TierName(ctx, n.tier()), tier);
  }
  // The legend in the report's tier order, no tier last.
  std::stable_sort(chart.legend.begin(), chart.legend.end(), [](const auto& a, const auto& b) {
    return static_cast<unsigned>(a.second) < static_cast<unsigned>(b.second);
  });
  for (size_t level = 0; level < per_level.size(); ++level) {
    chart.level_labels.push_back(
        level == 0 ? std::string(l.organiser)
                   : LevelsBelow(l, static_cast<int>(level), static_cast<int>(level)));
    chart.level_values.push_back(People(l, per_level[level]));
  }
  for (const v1::GenealogyBand& b : t.bands()) {
    chart.bands.push_back({.label = LevelsBelow(l, b.first_level(), b.last_level()),
                           .agents = b.agents(),
                           .levels = static_cast<int>(std::clamp<int64_t>(
                               int64_t{b.last_level()} - b.first_level() + 1, 1, INT32_MAX)),
                           .value = People(l, b.agents())});
  }
  // The chart's text alternative: its people level by level.
  HtmlTable data{.css_class = "chart-data",
                 .headings = {std::string(l.level), std::string(l.team_size)},
                 .rows = {},
                 .numeric = {1}};
  for (size_t level = 0; level < chart.level_labels.size(); ++level) {
    data.rows.push_back({chart.level_labels[level], FormatCount(per_level[level])});
  }
  for (const GenealogyBandMark& b : chart.bands)
    data.rows.push_back({b.label, FormatCount(b.agents)});
  return StrCat("<figure>\n<figcaption>", EscapeHtml(l.genealogy), "</figcaption>\n",
                RenderGenealogyChart(chart), DataTable(ChartDataText(l, l.genealogy), data),
                "</figure>\n");
}

// "30 people" or "CNY 2,500,000": a threshold as its marker names it.
std::string ThresholdValue(const Context& ctx, const v1::TeamThreshold& t) {
  if (t.measure() == "team_paid_in") return FormatAmount(t.threshold(), ctx.currency, 0);
  return People(ctx.labels, WholeCount(t.threshold()));
}

std::string ThresholdLabel(const Context& ctx, const v1::TeamThreshold& t) {
  const std::string_view text =
      t.measure() == "team_paid_in" ? ctx.labels.threshold_money : ctx.labels.threshold_people;
  const std::string value = t.measure() == "team_paid_in"
                                ? FormatAmount(t.threshold(), ctx.currency, 0)
                                : FormatCount(WholeCount(t.threshold()));
  return FillLabel(text, {{"threshold", value}});
}

// Months from the start of `first` ("YYYY-MM") to `day`.
std::optional<double> MonthsInto(const std::string& first, const std::string& day) {
  const std::optional<base::Day> start = base::ParseDay(first + "-01");
  const std::optional<base::Day> at = base::ParseDay(day);
  if (!start || !at) return std::nullopt;
  const base::YearMonthDay s = base::CalendarDateOf(*start), d = base::CalendarDateOf(*at);
  const int months = (d.year - s.year) * 12 + static_cast<int>(d.month) - static_cast<int>(s.month);
  const std::optional<base::Day> month_start = base::DayOf(d.year, d.month, 1);
  const std::optional<base::Day> next =
      d.month == 12 ? base::DayOf(d.year + 1, 1, 1) : base::DayOf(d.year, d.month + 1, 1);
  if (!month_start || !next) return std::nullopt;
  return months +
         static_cast<double>(*at - *month_start) / static_cast<double>(*next - *month_start);
}

std::string Timeline(const Context& ctx, const v1::OrganiserTeam& t, int number) {
  const ReportLabels& l = ctx.labels;
  if (t.months().empty()) return StrCat("<p>", EscapeHtml(l.not_in_report), "</p>\n");
  TimelineChart chart{.id = StrCat("timeline-", number),
                      .title = StrCat(l.timeline, " — ", t.agent_id()),
                      .months = {},
                      .team_size = {},
                      .paid_in = {},
                      .team_size_name = std::string(l.timeline_team_size),
                      .paid_in_name = StrCat(l.timeline_paid_in, " (", ctx.currency, ")"),
                      .markers = {},
                      .count_format = [](double v) { return FormatUnits(v); },
                      .money_format = [](double v) { return FormatAmount(v, "", 0); }};
  for (const v1::TeamMonth& m : t.months()) {
    chart.months.push_back(m.month());
    chart.team_size.push_back(m.team_size());
    if (t.paid_in_dated()) chart.paid_in.push_back(m.paid_in());
  }
  for (const v1::TeamThreshold& threshold : t.thresholds()) {
    if (threshold.reached_on().empty()) continue;
    const std::optional<double> at = MonthsInto(t.months(0).month(), threshold.reached_on());
    if (!at) continue;
    chart.markers.push_back(
        {.at = *at, .label = StrCat(ThresholdValue(ctx, threshold), ": ", threshold.reached_on())});
  }
  // The chart's legend and the thresholds beside it say what it shows.
  HtmlTable data{.css_class = "chart-data",
                 .headings = {std::string(l.month), std::string(l.timeline_team_size)},
                 .rows = {},
                 .numeric = {1, 2}};
  if (t.paid_in_dated()) data.headings.push_back(chart.paid_in_name);
  for (const v1::TeamMonth& m : t.months()) {
    data.rows.push_back({m.month(), FormatCount(m.team_size())});
    if (t.paid_in_dated()) data.rows.back().push_back(FormatAmount(m.paid_in(), "", 2));
  }
  std::string out = StrCat("<figure>\n", RenderTimelineChart(chart),
                           DataTable(ChartDataText(l, l.timeline), data), "</figure>\n");
  if (!t.paid_in_dated())
    out += StrCat("<p class=\"note\">", EscapeHtml(l.paid_in_undated), "</p>\n");
  return out;
}

std::string TeamBlock(const Context& ctx, const v1::OrganiserTeam& t, int number, bool printed) {
  const ReportLabels& l = ctx.labels;
  std::string out =
      StrCat("<article class=\"organiser-team", printed ? "" : " print-omit", "\" id=\"organiser-",
             number, "\">\n<h3>",
             EscapeHtml(FillLabel(l.organiser_heading, {{"organiser", t.agent_id()}})), "</h3>\n");
  // The table's row in a line, then the thresholds beside the timeline.
  std::vector<std::string> summary{StrCat(l.team_size, ": ", FormatCount(t.team_size())),
                                   StrCat(l.team_levels, ": ", FormatCount(t.team_levels())),
                                   StrCat(l.tier, ": ", TierName(ctx, t.tier())),
                                   StrCat(l.joined, ": ", OrDash(t.joined())),
                                   StrCat(l.team_paid_in, ": ", Money(ctx, t.team_paid_in())),
                                   StrCat(l.own_net_cash, ": ", Money(ctx, t.own_net_cash()))};
  if (!t.within().empty()) summary.push_back(StrCat(l.within_organiser, ": ", t.within()));
  out += StrCat("<p class=\"team-summary\">", EscapeHtml(StrJoin(summary, " · ")), "</p>\n");
  Facts facts;
  for (const v1::TeamThreshold& threshold : t.thresholds()) {
    facts.emplace_back(ThresholdLabel(ctx, threshold), threshold.reached_on().empty()
                                                           ? std::string(l.not_reached)
                                                           : threshold.reached_on());
  }
  if (t.members_without_joined() > 0) {
    facts.emplace_back(l.members_without_joined, FormatCount(t.members_without_joined()));
  }
  out += StrCat("<div class=\"team-timeline\">\n", RenderFacts(facts), Timeline(ctx, t, number),
                "</div>\n");
  out += Genealogy(ctx, t, number);
  out += "</article>\n";
  return out;
}

}  // namespace

std::string OrganisersSection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  std::string out = StrCat(OpenSection("organisers", 5, l.organisers), "<p>",
                           EscapeHtml(l.organisers_intro), "</p>\n");
  if (r.organiser_teams().empty()) {
    return StrCat(out, "<p class=\"no-organisers\">", EscapeHtml(l.no_organisers),
                  "</p>\n</section>\n");
  }
  out += OrganiserTable(ctx);
  // The charted teams, the largest first (the model's order within a size).
  std::vector<const v1::OrganiserTeam*> charted;
  for (const v1::OrganiserTeam& t : r.organiser_teams()) {
    if (t.charted()) charted.push_back(&t);
  }
  std::stable_sort(charted.begin(), charted.end(),
                   [](const v1::OrganiserTeam* a, const v1::OrganiserTeam* b) {
                     return a->team_size() > b->team_size();
                   });
  if (charted.size() < static_cast<size_t>(r.organiser_teams_size())) {
    out +=
        StrCat("<p class=\"note\">",
               EscapeHtml(FillLabel(l.organisers_charted,
                                    {{"shown", FormatCount(static_cast<int64_t>(charted.size()))},
                                     {"count", FormatCount(r.organiser_teams_size())}})),
               "</p>\n");
  }
  if (!charted.empty()) {
    out += StrCat("<p class=\"note\">", EscapeHtml(l.genealogy_note), " ",
                  EscapeHtml(l.thresholds_note), "</p>\n");
  }
  int number = 0;
  for (const v1::OrganiserTeam* t : charted) {
    out += TeamBlock(ctx, *t, number + 1, static_cast<size_t>(number) < kTeamsPrinted);
    ++number;
  }
  if (charted.size() > kTeamsPrinted) {
    out +=
        StrCat("<p class=\"note print-only\">",
               EscapeHtml(PrintShownText(l, kTeamsPrinted, static_cast<int64_t>(charted.size()))),
               "</p>\n");
  }
  out += "</section>\n";
  return out;
}

}  // namespace tiersight::exports
