// 6. Branches: every branch (the team under a top, or under each recruit of
// a single top) in one table, and a pyramid for each of the largest, so
// that a lawful branch and a loading one are seen apart.
#include <algorithm>
#include <string_view>

#include "base/str_cat.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "exports/number_format.h"
#include "exports/svg_charts.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

double Share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

std::string BranchTable(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  HtmlTable table{.css_class = "branches",
                  .headings = {std::string(l.branch_top), std::string(l.agents),
                               std::string(l.levels), std::string(l.units_bought),
                               std::string(l.units_on_hand), std::string(l.sell_through),
                               StrCat(FigureLabel(l, "spend"), " (", ctx.currency, ")"),
                               StrCat(l.net_cash, " (", ctx.currency, ")")},
                  .rows = {},
                  .numeric = {1, 2, 3, 4, 5, 6, 7}};
  // The largest first, as the pyramids below.
  std::vector<const v1::BranchFigures*> branches;
  for (const v1::BranchFigures& b : ctx.report.branches()) branches.push_back(&b);
  std::stable_sort(branches.begin(), branches.end(),
                   [](const v1::BranchFigures* a, const v1::BranchFigures* b) {
                     return a->agents() > b->agents();
                   });
  for (const v1::BranchFigures* b : branches) {
    table.rows.push_back({b->top(), FormatCount(b->agents()), FormatCount(b->levels()),
                          FormatUnits(b->units_bought()), FormatUnits(b->units_on_hand()),
                          FormatShare(Share(b->units_retailed(), b->units_bought())),
                          FormatAmount(b->spend(), ""), FormatAmount(b->net_cash(), "")});
  }
  return RenderTable(table);
}

std::string BranchPyramid(const Context& ctx, const v1::BranchPyramid& p, int number) {
  const ReportLabels& l = ctx.labels;
  const std::string caption = FillLabel(l.branch_pyramid, {{"top", p.top()}});
  PyramidChart chart{.id = StrCat("chart-branch-", number),
                     .title = caption,
                     .value_heading = std::string(l.agents),
                     .cell_headings = {std::string(l.units_on_hand), std::string(l.units_retailed)},
                     .rows = {},
                     .format = [](double v) { return FormatUnits(v); },
                     .table = {ChartDataText(l, caption), std::string(l.level)}};
  for (const v1::BranchLevel& level : p.levels()) {
    chart.rows.push_back(
        {.label = LevelName(l, level.depth()),
         .value = static_cast<double>(level.agents()),
         .cells = {FormatUnits(level.units_on_hand()), FormatUnits(level.units_retailed())}});
  }
  return StrCat("<figure>\n<figcaption>", EscapeHtml(caption), "</figcaption>\n",
                RenderPyramidChart(chart), "</figure>\n");
}

}  // namespace

std::string BranchesSection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  std::string out =
      StrCat(OpenSection("branches", 6, l.branches), "<p>", EscapeHtml(l.branches_intro), "</p>\n");
  if (r.branches_size() <= 1) {
    return StrCat(out, "<p>", EscapeHtml(l.single_branch), "</p>\n</section>\n");
  }
  out += BranchTable(ctx);
  if (r.branch_pyramids_size() < r.branches_size()) {
    out += StrCat(
        "<p class=\"note\">",
        EscapeHtml(FillLabel(l.branches_drawn, {{"shown", FormatCount(r.branch_pyramids_size())},
                                                {"count", FormatCount(r.branches_size())}})),
        "</p>\n");
  }
  out += "<div class=\"branch-pyramids\">\n";
  int number = 0;
  for (const v1::BranchPyramid& p : r.branch_pyramids()) out += BranchPyramid(ctx, p, ++number);
  out += "</div>\n</section>\n";
  return out;
}

}  // namespace tiersight::exports
