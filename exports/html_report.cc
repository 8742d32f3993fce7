#include "exports/html_report.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/number_format.h"
#include "exports/report_labels.h"
#include "exports/svg_charts.h"
#include "graph/figure_catalogue.h"
#include "graph/str_cat.h"
#include "rules/figure_frame.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

constexpr std::string_view kSeverityOrder[] = {"info", "low", "medium", "high", "critical"};
constexpr size_t kSubjectsListed = 10;

int SeverityRank(std::string_view severity) {
  for (size_t i = 0; i < std::size(kSeverityOrder); ++i) {
    if (kSeverityOrder[i] == severity) return static_cast<int>(i);
  }
  return -1;
}

// Everything a section needs besides the report itself.
struct Context {
  const v1::AuditReport& report;
  const ReportLabels& labels;
  const std::string& currency;
};

double Share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

std::string TierName(const Context& ctx, const std::string& tier) {
  return tier.empty() ? std::string(ctx.labels.no_tier) : tier;
}

std::string SeverityBadge(const Context& ctx, std::string_view severity) {
  return StrCat("<span class=\"severity sev-", EscapeHtml(severity), "\">",
                EscapeHtml(SeverityLabel(ctx.labels, severity)), "</span>");
}

// A chart with its caption; without one when a heading right above names it.
std::string Figure(std::string_view caption, const std::string& svg) {
  if (caption.empty()) return StrCat("<figure>\n", svg, "</figure>\n");
  return StrCat("<figure>\n<figcaption>", EscapeHtml(caption), "</figcaption>\n", svg,
                "</figure>\n");
}

// Amounts beyond the per-agent catalogue, which gives the core figures' units.
constexpr std::string_view kOtherAmounts[] = {"fees_paid", "buy_in_first_30_days",
                                              "total_fees_paid", "company_goods_revenue",
                                              "company_fee_revenue"};

// A value of a named figure in its unit: amounts with the currency, shares
// as percentages, counts and units grouped, ratios with two decimals.
// Network figures seen from a rule ("network_x") and sums over a downline
// or every agent ("downline_x", "total_x") have the unit of x.
std::string FormatFigureValue(const Context& ctx, std::string_view name, double value) {
  for (std::string_view prefix : {"network_", "downline_", "total_"}) {
    if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  }
  for (const graph::FigureInfo& info : graph::AgentFigureCatalogue()) {
    if (info.name != name) continue;
    return info.unit == graph::FigureUnit::kAmount ? FormatAmount(value, ctx.currency)
                                                   : FormatUnits(value);
  }
  if (std::find(std::begin(kOtherAmounts), std::end(kOtherAmounts), name) !=
      std::end(kOtherAmounts)) {
    return FormatAmount(value, ctx.currency);
  }
  if (name.ends_with("_share") || name == "retail_sell_through") return FormatShare(value);
  if (value == static_cast<double>(static_cast<int64_t>(value))) {
    return FormatCount(static_cast<int64_t>(value));
  }
  return FormatAmount(value, "", 2);
}

// ---- 1. Summary ---------------------------------------------------------

struct PackVerdict {
  std::string name;
  std::string version;
  std::vector<std::string> rules;
  int highest = -1;
};

std::vector<PackVerdict> Verdicts(const v1::AuditReport& report) {
  std::vector<PackVerdict> verdicts;
  for (const v1::PackProvenance& p : report.provenance().packs()) {
    verdicts.push_back({.name = p.name(), .version = p.version(), .rules = {}, .highest = -1});
  }
  for (const v1::Finding& f : report.findings()) {
    auto it = std::find_if(verdicts.begin(), verdicts.end(),
                           [&](const PackVerdict& v) { return v.name == f.pack(); });
    if (it == verdicts.end()) {
      verdicts.push_back({.name = f.pack(), .version = {}, .rules = {}, .highest = -1});
      it = verdicts.end() - 1;
    }
    if (std::find(it->rules.begin(), it->rules.end(), f.rule_id()) == it->rules.end()) {
      it->rules.push_back(f.rule_id());
    }
    it->highest = std::max(it->highest, SeverityRank(f.severity()));
  }
  return verdicts;
}

std::string SummarySection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  std::string out = OpenSection("summary", 1, l.summary);
  out += RenderFacts({
      {std::string(l.network_name), r.bundle().name()},
      {std::string(l.as_of), r.bundle().as_of()},
      {std::string(l.participants), FormatCount(r.network().participants())},
      {std::string(l.levels), FormatCount(r.network().max_depth())},
      {std::string(l.tops), FormatCount(r.network().tops())},
      {std::string(l.currency), r.bundle().currency()},
      {std::string(l.records_loaded), FormatCount(r.load().loaded())},
      {std::string(l.records_rejected), FormatCount(r.load().rejected())},
      {std::string(l.records_ignored), FormatCount(r.load().ignored())},
  });

  out += StrCat("<h3>", EscapeHtml(l.verdicts), "</h3>\n");
  out += "<table class=\"verdicts\">\n<thead><tr>";
  for (std::string_view h : {l.pack, l.version, l.rules_fired, l.highest_severity}) {
    out += StrCat("<th>", EscapeHtml(h), "</th>");
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const PackVerdict& v : Verdicts(r)) {
    out += StrCat("<tr class=\"verdict\"><td>", EscapeHtml(v.name), "</td><td>",
                  EscapeHtml(v.version), "</td><td>");
    if (v.rules.empty()) {
      out += EscapeHtml(l.no_rule_fired);
    } else {
      out += StrCat(v.rules.size(), ": <code>", EscapeHtml(StrJoin(v.rules, ", ")), "</code>");
    }
    out += "</td><td>";
    if (v.highest >= 0) out += SeverityBadge(ctx, kSeverityOrder[v.highest]);
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";

  const v1::Provenance& p = r.provenance();
  std::string ids(l.ids_unexported);
  if (p.personal_data() == "pseudonymised") ids = l.ids_pseudonymised;
  if (p.personal_data() == "included") ids = l.ids_included;
  Facts digests{
      {std::string(l.bundle_digest), r.bundle().digest()},
  };
  for (const v1::PackProvenance& pack : p.packs()) {
    digests.emplace_back(StrCat(l.pack_digest, " (", pack.name(), " ", pack.version(), ")"),
                         pack.sha256());
  }
  digests.emplace_back(l.engine_version, p.engine_version());
  digests.emplace_back(l.generated_at, p.generated_at());
  digests.emplace_back(l.agent_ids, ids);
  if (!p.pseudonym_key_id().empty()) digests.emplace_back(l.pseudonym_key_id, p.pseudonym_key_id());
  out += StrCat("<h3>", EscapeHtml(l.digests), "</h3>\n", RenderFacts(digests), "</section>\n");
  return out;
}

// ---- 2. The pyramid -----------------------------------------------------

std::string PyramidSection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  PyramidChart chart{.id = "chart-pyramid",
                     .title = std::string(l.pyramid),
                     .value_heading = std::string(l.agents),
                     .cell_headings = {std::string(l.units_on_hand), std::string(l.units_retailed)},
                     .rows = {},
                     .format = [](double v) { return FormatUnits(v); }};
  for (const v1::LevelFigures& level : ctx.report.levels()) {
    chart.rows.push_back(
        {.label = LevelName(l, level.depth()),
         .value = static_cast<double>(level.agents()),
         .cells = {FormatUnits(level.units_on_hand()), FormatUnits(level.units_retailed())}});
  }
  return StrCat(OpenSection("pyramid", 2, l.pyramid), "<p>", EscapeHtml(l.pyramid_intro), "</p>\n",
                Figure(l.pyramid, RenderPyramidChart(chart)), "</section>\n");
}

// ---- 3. Where the stock is ----------------------------------------------

template <typename Group>
std::string SellThrough(const Context& ctx, const Group& g) {
  return StrCat(ctx.labels.sell_through, " ",
                FormatShare(Share(g.units_retailed(), g.units_bought())));
}

template <typename Group>
std::vector<std::string> StockRow(const Group& g, std::string name) {
  return {std::move(name),
          FormatCount(g.agents()),
          FormatUnits(g.units_bought()),
          FormatUnits(g.units_on_hand()),
          FormatUnits(g.units_retailed()),
          FormatShare(Share(g.units_retailed(), g.units_bought()))};
}

std::string StockSection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  auto units = [](double v) { return FormatUnits(v); };
  std::string out =
      StrCat(OpenSection("stock", 3, l.stock), "<p>", EscapeHtml(l.stock_intro), "</p>\n");
  out += RenderFacts({
      {std::string(l.network_on_hand), FormatUnits(r.network().units_on_hand())},
      {std::string(l.retail_share), FormatShare(r.network().retail_share())},
      {std::string(l.negative_on_hand), FormatCount(r.network().agents_with_negative_on_hand())},
  });
  const std::vector<std::string> headings{
      std::string(l.level),         std::string(l.agents),         std::string(l.units_bought),
      std::string(l.units_on_hand), std::string(l.units_retailed), std::string(l.sell_through)};

  BarChart by_level{
      .id = "chart-stock-levels",
      .title = std::string(l.on_hand_by_level),
      .axis_label = std::string(l.units_on_hand),
      .categories = {},
      .series = {{.key = "on-hand", .name = std::string(l.units_on_hand), .values = {}}},
      .notes = {},
      .format = units};
  HtmlTable level_table{
      .css_class = "stock-levels", .headings = headings, .rows = {}, .numeric = {1, 2, 3, 4, 5}};
  for (const v1::LevelFigures& level : r.levels()) {
    by_level.categories.push_back(LevelName(l, level.depth()));
    by_level.series[0].values.push_back(level.units_on_hand());
    by_level.notes.push_back(SellThrough(ctx, level));
    level_table.rows.push_back(StockRow(level, LevelName(l, level.depth())));
  }
  out += Figure(l.on_hand_by_level, RenderBarChart(by_level)) + RenderTable(level_table);

  BarChart by_tier = by_level;
  by_tier.id = "chart-stock-tiers";
  by_tier.title = l.on_hand_by_tier;
  by_tier.categories.clear();
  by_tier.series[0].values.clear();
  by_tier.notes.clear();
  HtmlTable tier_table = level_table;
  tier_table.css_class = "stock-tiers";
  tier_table.headings[0] = l.tier;
  tier_table.rows.clear();
  for (const v1::TierFigures& tier : r.tiers()) {
    by_tier.categories.push_back(TierName(ctx, tier.tier()));
    by_tier.series[0].values.push_back(tier.units_on_hand());
    by_tier.notes.push_back(SellThrough(ctx, tier));
    tier_table.rows.push_back(StockRow(tier, TierName(ctx, tier.tier())));
  }
  out += Figure(l.on_hand_by_tier, RenderBarChart(by_tier)) + RenderTable(tier_table);
  out += StrCat("<p class=\"note\">", EscapeHtml(l.sell_through), ": ",
                EscapeHtml(l.sell_through_definition), "</p>\n</section>\n");
  return out;
}

// ---- 4. Where the money comes from --------------------------------------

BarChart AmountChart(const Context& ctx, std::string id, std::string_view title,
                     std::vector<std::string> categories, std::vector<double> values) {
  return BarChart{
      .id = std::move(id),
      .title = std::string(title),
      .axis_label = ctx.currency,
      .categories = std::move(categories),
      .series = {{.key = "amount", .name = std::string(title), .values = std::move(values)}},
      .notes = {},
      .format = [currency = ctx.currency](double v) { return FormatAmount(v, currency, 0); },
      // The axis label names the currency.
      .tick_format = [](double v) { return FormatAmount(v, "", 0); }};
}

std::string MoneySection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  const v1::NetworkFigures& n = r.network();
  std::string out =
      StrCat(OpenSection("money", 4, l.money), "<p>", EscapeHtml(l.money_intro), "</p>\n");

  out += StrCat("<h3>", EscapeHtml(l.company_revenue), "</h3>\n");
  out += RenderFacts({{std::string(l.fee_revenue_share), FormatShare(n.fee_revenue_share())}});
  out += Figure(
      "", RenderBarChart(AmountChart(ctx, "chart-company-revenue", l.company_revenue,
                                     {std::string(l.goods_revenue), std::string(l.fee_revenue)},
                                     {n.company_goods_revenue(), n.company_fee_revenue()})));

  double recruitment = 0, retail = 0;
  for (const v1::LevelFigures& level : r.levels()) {
    recruitment += level.recruitment_rewards();
    retail += level.retail_rewards();
  }
  out += StrCat("<h3>", EscapeHtml(l.rewards_paid), "</h3>\n");
  out += RenderFacts(
      {{std::string(l.recruitment_reward_share), FormatShare(n.recruitment_reward_share())}});
  out += Figure("", RenderBarChart(AmountChart(
                        ctx, "chart-rewards", l.rewards_paid,
                        {std::string(l.recruitment_rewards), std::string(l.retail_rewards)},
                        {recruitment, retail})));

  out += StrCat("<h3>", EscapeHtml(l.net_cash_distribution), "</h3>\n");
  out += RenderFacts({{std::string(l.loss_share),
                       StrCat(FormatShare(n.loss_share()), " (", FormatCount(n.agents_with_loss()),
                              " / ", FormatCount(n.participants()), ")")}});
  if (n.net_cash_percentiles().empty()) {
    out += StrCat("<p>", EscapeHtml(l.not_in_report), "</p>\n");
  } else {
    // The extremes are one agent each and would flatten the bars of
    // everyone else, so they are stated rather than charted.
    std::vector<std::string> names;
    std::vector<double> values;
    Facts extremes;
    for (const v1::NetCashPercentile& p : n.net_cash_percentiles()) {
      if (p.percentile() == 0 || p.percentile() == 100) {
        extremes.emplace_back(p.percentile() == 0 ? l.lowest : l.highest,
                              FormatAmount(p.net_cash(), ctx.currency));
      } else {
        names.push_back(p.percentile() == 50
                            ? std::string(l.median)
                            : StrCat(l.percentile_prefix, p.percentile(), l.percentile_suffix));
        values.push_back(p.net_cash());
      }
    }
    BarChart chart = AmountChart(ctx, "chart-net-cash-distribution", l.net_cash_distribution,
                                 std::move(names), std::move(values));
    chart.series[0].key = "net-cash";
    out += Figure("", RenderBarChart(chart)) + RenderFacts(extremes);
  }
  std::vector<std::string> level_names;
  std::vector<double> level_cash;
  for (const v1::LevelFigures& level : r.levels()) {
    level_names.push_back(LevelName(l, level.depth()));
    level_cash.push_back(level.net_cash());
  }
  BarChart by_level = AmountChart(ctx, "chart-net-cash-levels", l.net_cash_by_level,
                                  std::move(level_names), std::move(level_cash));
  by_level.series[0].key = "net-cash";
  out += Figure(l.net_cash_by_level, RenderBarChart(by_level));

  out += StrCat("<h3>", EscapeHtml(l.recruits_per_month), "</h3>\n");
  if (n.recruits_by_month().empty()) {
    out += StrCat("<p>", EscapeHtml(l.not_in_report), "</p>\n");
  } else {
    ColumnChart chart{.id = "chart-recruits-month",
                      .title = std::string(l.recruits_per_month),
                      .axis_label = std::string(l.month),
                      .categories = {},
                      .series = {.key = "recruits", .name = std::string(l.recruits), .values = {}},
                      .format = [](double v) { return FormatUnits(v); }};
    for (const v1::MonthCount& m : n.recruits_by_month()) {
      chart.categories.push_back(m.month());
      chart.series.values.push_back(m.agents());
    }
    out += Figure("", RenderColumnChart(chart));
  }
  if (n.agents_without_joined_at() > 0) {
    out += RenderFacts(
        {{std::string(l.recruits_without_date), FormatCount(n.agents_without_joined_at())}});
  }
  out += "</section>\n";
  return out;
}

// ---- 5. Findings --------------------------------------------------------

std::string FigureTable(const Context& ctx,
                        const google::protobuf::RepeatedPtrField<v1::FigureValue>& values) {
  HtmlTable table{.css_class = "figures",
                  .headings = {std::string(ctx.labels.figure), std::string(ctx.labels.value)},
                  .rows = {},
                  .numeric = {1}};
  for (const v1::FigureValue& v : values) {
    std::string_view name = v.name();
    table.rows.push_back({StrCat(FigureLabel(ctx.labels, name), " (", name, ")"),
                          FormatFigureValue(ctx, name, v.value())});
  }
  return RenderTable(table);
}

// The indexes of the figures that tell the top agents apart: a figure with
// the same value for all of them (a network figure a rule compares with) is
// in the triggering figures already.
std::vector<int> VaryingFigures(const v1::Evidence& e) {
  std::vector<int> varying;
  const v1::SubjectEvidence& first = e.top_subjects(0);
  for (int f = 0; f < first.values_size(); ++f) {
    const bool differs = std::any_of(
        e.top_subjects().begin(), e.top_subjects().end(), [&](const v1::SubjectEvidence& s) {
          return f >= s.values_size() || s.values(f).value() != first.values(f).value();
        });
    if (differs || e.top_subjects_size() == 1) varying.push_back(f);
  }
  return varying;
}

// One row per top agent when its figures fit across the page; otherwise one
// row per figure, a column per agent, a table per few agents.
std::string TopSubjectsTable(const Context& ctx, const v1::Evidence& e) {
  constexpr size_t kFiguresAcross = 4;
  constexpr int kAgentsAcross = 5;
  const ReportLabels& l = ctx.labels;
  const std::vector<int> figures = VaryingFigures(e);
  const v1::SubjectEvidence& first = e.top_subjects(0);
  auto value_of = [&](const v1::SubjectEvidence& s, int f) {
    return f < s.values_size() ? FormatFigureValue(ctx, s.values(f).name(), s.values(f).value())
                               : std::string();
  };
  if (figures.size() <= kFiguresAcross) {
    HtmlTable table{.css_class = "top-subjects",
                    .headings = {std::string(l.subject)},
                    .rows = {},
                    .numeric = {}};
    for (int f : figures) {
      table.numeric.push_back(table.headings.size());
      table.headings.push_back(FigureLabel(l, first.values(f).name()));
    }
    for (const v1::SubjectEvidence& s : e.top_subjects()) {
      std::vector<std::string> row{s.subject()};
      for (int f : figures) row.push_back(value_of(s, f));
      table.rows.push_back(std::move(row));
    }
    return RenderTable(table);
  }
  std::string out;
  for (int begin = 0; begin < e.top_subjects_size(); begin += kAgentsAcross) {
    const int end = std::min(begin + kAgentsAcross, e.top_subjects_size());
    HtmlTable table{.css_class = "top-subjects",
                    .headings = {std::string(l.figure)},
                    .rows = {},
                    .numeric = {}};
    for (int a = begin; a < end; ++a) {
      table.numeric.push_back(table.headings.size());
      table.headings.push_back(e.top_subjects(a).subject());
    }
    for (int f : figures) {
      std::vector<std::string> row{FigureLabel(l, first.values(f).name())};
      for (int a = begin; a < end; ++a) row.push_back(value_of(e.top_subjects(a), f));
      table.rows.push_back(std::move(row));
    }
    out += RenderTable(table);
  }
  return out;
}

std::string EvidenceBlock(const Context& ctx, const v1::Finding& f) {
  const ReportLabels& l = ctx.labels;
  const v1::Evidence& e = f.evidence();
  std::string out = StrCat("<h4>", EscapeHtml(l.evidence), "</h4>\n");
  out += RenderFacts({{std::string(l.rows_matched), FormatCount(e.matches())},
                      {std::string(l.rows_evaluated), FormatCount(e.evaluated())}});
  if (!e.deepest_chain().empty()) {
    out += StrCat("<p>", EscapeHtml(l.deepest_chain), " (", e.deepest_chain_size(),
                  ")</p>\n<p class=\"chain\">", EscapeHtml(StrJoin(e.deepest_chain(), " → ")),
                  "</p>\n");
  }
  // One top agent whose figures are the triggering ones says nothing new.
  const bool repeats_values =
      e.top_subjects_size() == 1 && e.top_subjects(0).values_size() == f.values_size() &&
      std::equal(f.values().begin(), f.values().end(), e.top_subjects(0).values().begin(),
                 [](const v1::FigureValue& a, const v1::FigureValue& b) {
                   return a.name() == b.name() && a.value() == b.value();
                 });
  if (!e.top_subjects().empty() && !repeats_values) {
    out += StrCat("<p>", EscapeHtml(l.top_subjects), "</p>\n", TopSubjectsTable(ctx, e));
  }
  return out;
}

std::string FindingBlock(const Context& ctx, const v1::Finding& f, int index) {
  const ReportLabels& l = ctx.labels;
  std::string subjects;
  for (int i = 0; i < f.subjects_size() && i < static_cast<int>(kSubjectsListed); ++i) {
    if (i > 0) subjects += ", ";
    subjects += f.subjects(i);
  }
  if (f.subjects_size() > static_cast<int>(kSubjectsListed)) {
    subjects += StrCat(", … (", FormatCount(f.subjects_size()), ")");
  }
  std::string out =
      StrCat("<article class=\"finding sev-", EscapeHtml(f.severity()), "\" id=\"finding-", index,
             "\">\n<h3>", SeverityBadge(ctx, f.severity()), EscapeHtml(f.title()), "</h3>\n");
  Facts facts{{std::string(l.rule), StrCat(f.pack(), " / ", f.rule_id())},
              {std::string(l.scope), std::string(ScopeLabel(l, f.scope()))},
              {std::string(l.subjects), subjects},
              {std::string(l.citation), f.cite()}};
  if (!f.tags().empty()) facts.emplace_back(l.tags, StrJoin(f.tags(), ", "));
  out += RenderFacts(facts);
  out += StrCat("<p class=\"message\">", EscapeHtml(f.message()), "</p>\n");
  if (!f.values().empty()) {
    out +=
        StrCat("<h4>", EscapeHtml(l.triggering_figures), "</h4>\n", FigureTable(ctx, f.values()));
  }
  out += EvidenceBlock(ctx, f);
  out += "</article>\n";
  return out;
}

std::string FindingsSection(const Context& ctx) {
  std::string out = OpenSection("findings", 5, ctx.labels.findings);
  if (ctx.report.findings().empty())
    out += StrCat("<p>", EscapeHtml(ctx.labels.no_findings), "</p>\n");
  int index = 0;
  for (const v1::Finding& f : ctx.report.findings()) out += FindingBlock(ctx, f, ++index);
  out += "</section>\n";
  return out;
}

// ---- 6. Method ----------------------------------------------------------

// The definitions of the figures shown: the per-agent figures, the network
// figures, and any other figure a finding names, each once.
std::vector<rules::CatalogueEntry> DefinitionsUsed(const v1::AuditReport& report) {
  std::vector<rules::CatalogueEntry> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& name, const std::string& definition) {
    if (seen.insert(name).second) out.push_back({name, definition});
  };
  for (const graph::FigureInfo& info : graph::AgentFigureCatalogue()) {
    add(std::string(info.name), std::string(info.definition));
  }
  for (const rules::CatalogueEntry& e : rules::FigureCatalogue(rules::Scope::kNetwork)) {
    add(e.name, e.definition);
  }
  for (const v1::Finding& f : report.findings()) {
    rules::Scope scope = rules::Scope::kNetwork;
    if (!rules::ParseScope(f.scope(), scope)) continue;
    std::vector<std::string> names;
    for (const v1::FigureValue& v : f.values()) names.push_back(v.name());
    for (const v1::SubjectEvidence& s : f.evidence().top_subjects()) {
      for (const v1::FigureValue& v : s.values()) names.push_back(v.name());
    }
    for (const std::string& name : names) {
      if (name.starts_with("network_")) continue;  // listed with the network figures
      for (const rules::CatalogueEntry& e : rules::FigureCatalogue(scope)) {
        if (e.name == name) add(e.name, e.definition);
      }
    }
  }
  return out;
}

std::string MethodSection(const Context& ctx, bool json_embedded) {
  const ReportLabels& l = ctx.labels;
  std::string out = StrCat(OpenSection("method", 6, l.method), "<p>", EscapeHtml(l.method_intro),
                           "</p>\n<h3>", EscapeHtml(l.definitions), "</h3>\n");
  if (!l.definitions_note.empty()) out += StrCat("<p>", EscapeHtml(l.definitions_note), "</p>\n");
  HtmlTable definitions{
      .css_class = "definitions",
      .headings = {std::string(l.label), std::string(l.figure), std::string(l.definition)},
      .rows = {},
      .numeric = {}};
  for (const rules::CatalogueEntry& e : DefinitionsUsed(ctx.report)) {
    definitions.rows.push_back({FigureLabel(l, e.name), e.name, e.definition});
  }
  // Figures of this report only, named by their labels.
  for (auto [label, definition] :
       {std::pair{l.sell_through, l.sell_through_definition},
        std::pair{l.net_cash_distribution, l.net_cash_percentiles_definition},
        std::pair{l.recruits_per_month, l.recruits_per_month_definition}}) {
    definitions.rows.push_back({std::string(label), "", std::string(definition)});
  }
  out += RenderTable(definitions);

  HtmlTable packs{.css_class = "packs",
                  .headings = {std::string(l.pack), std::string(l.version), "SHA-256",
                               std::string(l.pack_file)},
                  .rows = {},
                  .numeric = {}};
  for (const v1::PackProvenance& p : ctx.report.provenance().packs()) {
    packs.rows.push_back({p.name(), p.version(), p.sha256(), p.file()});
  }
  out += StrCat("<h3>", EscapeHtml(l.packs), "</h3>\n", RenderTable(packs));
  out += RenderFacts({{std::string(l.engine_version), ctx.report.provenance().engine_version()}});

  out += StrCat(
      "<h3>", EscapeHtml(l.verify), "</h3>\n<p>", EscapeHtml(l.verify_intro), "</p>\n",
      "<pre><code>tiersight verify report.json --pubkey brand.pub --bundle BUNDLE</code></pre>\n",
      "<p>", EscapeHtml(l.verify_bundle_note), "</p>\n<p>",
      EscapeHtml(json_embedded ? l.embedded_json : l.no_embedded_json), "</p>\n</section>\n");
  return out;
}

std::string Contents(const ReportLabels& l) {
  std::string out = StrCat("<nav aria-label=\"", EscapeHtml(l.contents), "\"><ol>\n");
  const std::pair<std::string_view, std::string_view> entries[] = {
      {"summary", l.summary}, {"pyramid", l.pyramid},   {"stock", l.stock},
      {"money", l.money},     {"findings", l.findings}, {"method", l.method}};
  for (const auto& [id, name] : entries) {
    out += StrCat("<li><a href=\"#", id, "\">", EscapeHtml(name), "</a></li>\n");
  }
  out += "</ol></nav>\n";
  return out;
}

}  // namespace

std::string RenderHtmlReport(const v1::AuditReport& report, const HtmlReportOptions& options) {
  const ReportLabels& labels = LabelsFor(options.lang);
  const std::string& currency = report.bundle().currency();
  const Context ctx{.report = report, .labels = labels, .currency = currency};
  const std::string title = StrCat(labels.report_title, " — ", report.bundle().name());

  std::string out =
      StrCat("<!DOCTYPE html>\n<html lang=\"", labels.html_lang, "\">\n<head>\n",
             "<meta charset=\"utf-8\">\n",
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
             "<meta name=\"generator\" content=\"tiersight ",
             EscapeHtml(report.provenance().engine_version()), "\">\n<title>", EscapeHtml(title),
             "</title>\n<style>", ReportStylesheet(), "</style>\n</head>\n<body>\n<header>\n<h1>",
             EscapeHtml(labels.report_title), "</h1>\n<p class=\"subtitle\">",
             EscapeHtml(report.bundle().name()), " · ", EscapeHtml(labels.as_of), " ",
             EscapeHtml(report.bundle().as_of()), "</p>\n</header>\n");
  out += Contents(labels);
  out += "<main>\n";
  out += SummarySection(ctx);
  out += PyramidSection(ctx);
  out += StockSection(ctx);
  out += MoneySection(ctx);
  out += FindingsSection(ctx);
  out += MethodSection(ctx, !options.signed_json.empty());
  out += "</main>\n";
  if (!options.signed_json.empty()) {
    out += StrCat("<script type=\"application/json\" id=\"tiersight-report\">",
                  JsonForScriptElement(options.signed_json), "</script>\n");
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace tiersight::exports
