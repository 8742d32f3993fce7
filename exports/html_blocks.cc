#include "exports/html_blocks.h"

#include <algorithm>

#include "base/str_cat.h"
#include "exports/html_escape.h"

namespace tiersight::exports {

std::string RenderTable(const HtmlTable& table) {
  auto cell = [&](std::string_view tag, size_t column, const std::string& text) {
    const bool numeric =
        std::find(table.numeric.begin(), table.numeric.end(), column) != table.numeric.end();
    const bool markup =
        std::find(table.markup.begin(), table.markup.end(), column) != table.markup.end();
    return StrCat("<", tag, numeric ? " class=\"num\"" : "", ">",
                  markup && tag == "td" ? text : EscapeHtml(text), "</", tag, ">");
  };
  std::string out = StrCat("<table class=\"", EscapeHtml(table.css_class), "\">\n<thead><tr>");
  for (size_t c = 0; c < table.headings.size(); ++c) out += cell("th", c, table.headings[c]);
  out += "</tr></thead>\n<tbody>\n";
  const bool capped = table.print_rows > 0 && table.rows.size() > table.print_rows;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    out += capped && r >= table.print_rows ? "<tr class=\"print-omit\">" : "<tr>";
    for (size_t c = 0; c < table.rows[r].size(); ++c) out += cell("td", c, table.rows[r][c]);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (capped && !table.print_note.empty()) {
    out += StrCat("<p class=\"note print-only\">", EscapeHtml(table.print_note), "</p>\n");
  }
  return out;
}

std::string RenderFacts(const Facts& facts) {
  std::string out = "<dl class=\"facts\">\n";
  for (const auto& [label, value] : facts) {
    out += StrCat("<dt>", EscapeHtml(label), "</dt><dd>", EscapeHtml(value), "</dd>\n");
  }
  out += "</dl>\n";
  return out;
}

std::string RenderMarkupFacts(const Facts& facts) {
  std::string out = "<dl class=\"facts\">\n";
  for (const auto& [label, value] : facts) {
    out += StrCat("<dt>", EscapeHtml(label), "</dt><dd>", value, "</dd>\n");
  }
  out += "</dl>\n";
  return out;
}

std::string OpenSection(std::string_view id, int number, std::string_view heading) {
  return StrCat("<section id=\"", EscapeHtml(id), "\" class=\"report-section\">\n<h2>", number,
                ". ", EscapeHtml(heading), "</h2>\n");
}

std::string_view ReportStylesheet() {
  // System fonts only: the file is opened offline, so nothing may be fetched.
  // Colours: the Okabe-Ito palette, which readers with a colour vision
  // deficiency tell apart (negative bars are hatched as well), and text at
  // 4.5:1 contrast or more (WCAG AA), white on every severity badge
  // included. The print rules are report_print_css.h's.
  return R"css(
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1a1a1a; background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
    "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif;
  font-size: 11pt; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: 1rem; margin: .8rem 0 .3rem; }
.subtitle { color: #444; margin: 0 0 1rem; }
nav ol { columns: 2; margin: .3rem 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95em; }
th, td { border-bottom: 1px solid #ccc; padding: .2rem .6rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #eef2f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .digest { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .9em; overflow-wrap: anywhere; }
pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
.chart { max-width: 100%; height: auto; }
.chart text { font-size: 12px; fill: #1a1a1a; }
.chart .heading, .chart .axis-label { font-weight: 600; }
.chart .tick { fill: #444; }
.chart .note { fill: #444; }
.chart .grid { stroke: #ddd; }
.chart .axis { stroke: #555; }
.bar-agents { fill: #0072b2; }
.bar-on-hand { fill: #e69f00; }
.bar-retailed { fill: #009e73; }
.bar-amount { fill: #0072b2; }
.bar-net-cash { fill: #0072b2; }
.bar-recruits { fill: #0072b2; }
.bar.negative { fill: #d55e00; }
.hatch-ground { fill: #d55e00; }
.hatch-line { stroke: #fff; stroke-width: 2; }
.finding { border-left: 4px solid #888; padding: .2rem 0 .4rem 1rem; margin: 1rem 0; }
.severity { display: inline-block; padding: 0 .4rem; border-radius: 3px; color: #fff;
  background: #666; font-size: .85em; margin-right: .4rem; }
.sev-critical { border-color: #7a0014; } .severity.sev-critical { background: #7a0014; }
.sev-high { border-color: #b00020; } .severity.sev-high { background: #b00020; }
.sev-medium { border-color: #a14a00; } .severity.sev-medium { background: #a14a00; }
.sev-low { border-color: #6b5e00; } .severity.sev-low { background: #6b5e00; }
.sev-info { border-color: #1f4e79; } .severity.sev-info { background: #1f4e79; }
.chain { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em;
  overflow-wrap: anywhere; }
.message { font-size: 1.05em; }
.branch-pyramids { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
  gap: 0 1.5rem; }
table.organisers td, table.branches td { overflow-wrap: normal; }
table.organisers { font-size: .85em; width: 100%; }
table.organisers th, table.branches th { overflow-wrap: normal; }
table.branches { width: 100%; }
table.organisers .rule-id { white-space: nowrap; }
table.organisers tbody.within th { text-align: left; font-weight: 600; }
.chart .band-label { font-size: 10.5px; }
@media print { .organiser-team { break-inside: avoid; } }
.team-timeline { display: grid; grid-template-columns: minmax(12rem, 2fr) 3fr; gap: 0 1rem;
  align-items: start; }
.team-timeline figure { margin: 0; }
.team-timeline dl.facts { grid-template-columns: 1fr max-content; }
table.organisers td:first-child, table.organisers td:nth-child(4),
  table.branches td:first-child { white-space: nowrap; }
)css";
}

}  // namespace tiersight::exports
