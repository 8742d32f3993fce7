#include "exports/html_report.h"

#include <algorithm>
#include <string_view>

#include "base/str_cat.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "exports/html_text_runs.h"
#include "exports/localized_text.h"
#include "exports/number_format.h"
#include "exports/report_labels.h"
#include "exports/report_print_css.h"
#include "exports/svg_charts.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

double Share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

std::string TierName(const Context& ctx, const std::string& tier) {
  return tier.empty() ? std::string(ctx.labels.no_tier) : tier;
}

// A chart with its caption; without one when a heading right above names it.
std::string Figure(std::string_view caption, const std::string& svg) {
  if (caption.empty()) return StrCat("<figure>\n", svg, "</figure>\n");
  return StrCat("<figure>\n<figcaption>", EscapeHtml(caption), "</figcaption>\n", svg,
                "</figure>\n");
}

// ---- 2. The pyramid -----------------------------------------------------

std::string PyramidSection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  PyramidChart chart{.id = "chart-pyramid",
                     .title = std::string(l.pyramid),
                     .value_heading = std::string(l.agents),
                     .cell_headings = {std::string(l.units_on_hand), std::string(l.units_retailed)},
                     .rows = {},
                     .format = [](double v) { return FormatUnits(v); },
                     .table = {ChartDataText(l, l.pyramid), std::string(l.level)}};
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
      .format = units,
      .tick_format = {},
      .table = {ChartDataText(l, l.on_hand_by_level), std::string(l.level)}};
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
  by_tier.table = {ChartDataText(l, l.on_hand_by_tier), std::string(l.tier)};
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
      .tick_format = [](double v) { return FormatAmount(v, "", 0); },
      .table = {ChartDataText(ctx.labels, title), std::string(ctx.labels.chart_item)},
      .negative_legend = {std::string(ctx.labels.net_cash_at_or_above_zero),
                          std::string(ctx.labels.net_cash_below_zero)}};
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

  out += MoneyFormsBlock(ctx);

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
        names.push_back(p.percentile() == 50 ? std::string(l.median)
                                             : PercentileName(l, p.percentile()));
        values.push_back(p.net_cash());
      }
    }
    BarChart chart = AmountChart(ctx, "chart-net-cash-distribution", l.net_cash_distribution,
                                 std::move(names), std::move(values));
    chart.series[0].key = "net-cash";
    chart.table.category_heading = l.percentile;
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
  by_level.table.category_heading = l.level;
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
                      .format = [](double v) { return FormatUnits(v); },
                      .table = {ChartDataText(l, l.recruits_per_month), std::string(l.month)}};
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

std::string Contents(const ReportLabels& l) {
  std::string out = StrCat("<nav aria-label=\"", EscapeHtml(l.contents), "\"><ol>\n");
  const std::pair<std::string_view, std::string_view> entries[] = {
      {"summary", l.summary},   {"pyramid", l.pyramid},       {"stock", l.stock},
      {"money", l.money},       {"organisers", l.organisers}, {"branches", l.branches},
      {"findings", l.findings}, {"method", l.method},         {"verify", l.verify}};
  for (const auto& [id, name] : entries) {
    out += StrCat("<li><a href=\"#", id, "\">", EscapeHtml(name), "</a></li>\n");
  }
  out += "</ol></nav>\n";
  return out;
}

}  // namespace

absl::StatusOr<std::string> RenderHtmlReport(const v1::AuditReport& report,
                                             const HtmlReportOptions& options) {
  absl::StatusOr<const ReportLabels*> found = LabelsFor(options.lang);
  if (!found.ok()) return found.status();
  const ReportLabels& labels = **found;
  const std::string& currency = report.bundle().currency();
  const Context ctx{.report = report, .labels = labels, .currency = currency};
  const std::string title = StrCat(labels.report_title, " — ", report.bundle().name());
  const PrintPage print{.header_left = title,
                        .header_right = StrCat(labels.as_of, " ", report.bundle().as_of()),
                        .page_number = std::string(labels.page_number),
                        .footer_left = PrintFooterText(ctx)};

  std::string out = StrCat(
      "<!DOCTYPE html>\n<html lang=\"", labels.html_lang, "\">\n<head>\n",
      "<meta charset=\"utf-8\">\n",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
      "<meta name=\"generator\" content=\"tiersight ",
      EscapeHtml(report.provenance().engine_version()), "\">\n<title>", EscapeHtml(title),
      "</title>\n<style>", ReportStylesheet(), PrintStylesheet(print),
      "</style>\n</head>\n<body>\n<header>\n<h1>", EscapeHtml(labels.report_title),
      "</h1>\n<p class=\"subtitle\">", EscapeHtml(report.bundle().name()), " · ",
      EscapeHtml(labels.as_of), " ", EscapeHtml(report.bundle().as_of()), "</p>\n</header>\n");
  out += Contents(labels);
  out += "<main>\n";
  out += SummarySection(ctx);
  out += PyramidSection(ctx);
  out += StockSection(ctx);
  out += MoneySection(ctx);
  out += OrganisersSection(ctx);
  out += BranchesSection(ctx);
  out += FindingsSection(ctx);
  out += MethodSection(ctx);
  out += VerificationSection(ctx, options.signed_json);
  out += "</main>\n";
  // Runs in another language and agent ids, marked where the text is
  // placed (html_text_runs.h); the embedded JSON below is left as it is.
  out = MarkTextRuns(out, labels.html_lang);
  if (!options.signed_json.empty()) {
    out += StrCat("<script type=\"application/json\" id=\"tiersight-report\">",
                  JsonForScriptElement(options.signed_json), "</script>\n");
  }
  out += "</body>\n</html>\n";
  return out;
}

absl::StatusOr<EmbeddedHtmlReport> ReadEmbeddedReport(std::string_view html) {
  constexpr std::string_view kOpen = "<script type=\"application/json\" id=\"tiersight-report\">";
  constexpr std::string_view kClose = "</script>";
  const size_t open = html.rfind(kOpen);
  if (open == std::string_view::npos) {
    return absl::NotFoundError(
        "the HTML report carries no signed JSON (it was exported without --sign-key)");
  }
  const size_t begin = open + kOpen.size();
  const size_t close = html.find(kClose, begin);
  if (close == std::string_view::npos) {
    return absl::InvalidArgumentError("the HTML report's embedded JSON is not closed");
  }
  EmbeddedHtmlReport out;
  out.signed_json = std::string(html.substr(begin, close - begin));
  // Every page starts <html lang="..."> as RenderHtmlReport writes it.
  constexpr std::string_view kLang = "<html lang=\"";
  const size_t lang = html.find(kLang);
  if (lang != std::string_view::npos) {
    const size_t lang_begin = lang + kLang.size();
    const size_t lang_end = html.find('"', lang_begin);
    out.html_lang = std::string(html.substr(lang_begin, lang_end - lang_begin));
    out.lang = ReportLanguageOfHtmlLang(out.html_lang);
  }
  return out;
}

}  // namespace tiersight::exports
