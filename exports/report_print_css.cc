#include "exports/report_print_css.h"

#include <fmt/format.h>

#include "base/utf8.h"

namespace tiersight::exports {
namespace {

// The rules that do not depend on the report. Sizes in pt: the sheet is
// A4 with 14 to 16 mm margins, 182 mm of text across.
constexpr std::string_view kPrintRules = R"css(
.print-only { display: none; }
.id { white-space: nowrap; }
table.top-subjects { font-size: .85em; }
th, td.num { overflow-wrap: normal; hyphens: manual; }
th { word-break: keep-all; }
details.chart-data { margin: .2rem 0 .8rem; font-size: .95em; }
details.chart-data summary { cursor: pointer; color: #1f4e79; }
details.chart-data table { margin-top: .3rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  a { color: inherit; text-decoration: none; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12.5pt; margin: 1rem 0 .4rem; }
  h3 { font-size: 10.5pt; margin: .7rem 0 .3rem; }
  h4 { font-size: 9.5pt; margin: .5rem 0 .2rem; }
  h1, h2, h3, h4, h5, figcaption, caption, summary, nav {
    break-after: avoid; break-inside: avoid; }
  p { orphans: 2; widows: 2; }
  nav { display: block; }
  nav ol { columns: 3; margin: .2rem 0 .6rem; }
  .report-section { break-before: auto; }
  figure { margin: .5rem 0; break-inside: avoid; }
  svg.chart, tr, img { break-inside: avoid; }
  .chart { max-width: 100%; height: auto; }
  .finding, table { break-inside: auto; }
  .finding { margin: .6rem 0; padding-left: .6rem; }
  /* A card's sub-headings beside what they head, not above it: half the
     height on paper for the same content. */
  .finding { display: grid; grid-template-columns: 8.5rem minmax(0, 1fr); column-gap: .6rem;
             align-items: start; }
  .finding > * { grid-column: 1 / -1; }
  .finding > h4 { grid-column: 1; margin: .35rem 0 0; }
  .finding > h4 + * { grid-column: 2; margin-top: .3rem; }
  .finding > dl.facts:first-of-type { break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  table { font-size: 8pt; margin: .3rem 0 .6rem; }
  th, td { padding: .05rem .35rem; overflow-wrap: break-word; }
  table.stock-levels, table.stock-tiers, table.definitions, table.top-subjects { font-size: 7.5pt; }
  dl.facts { margin: .3rem 0; gap: .05rem .8rem; }
  td.num, th.num { white-space: nowrap; }
  dl.facts dd, code, .chain, .digest { overflow-wrap: break-word; min-width: 0; }
  dl.facts dt, dl.facts dd { break-inside: avoid; }
  pre { white-space: pre-wrap; overflow-wrap: break-word; }
  details.chart-data, .print-omit { display: none; }
  .print-only { display: block; }
}
)css";

}  // namespace

std::string CssString(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    const size_t n = base::Utf8SequenceAt(text, i, cp);
    if (n == 0) {
      out += "\\FFFD ";
      ++i;
      continue;
    }
    if (base::IsHiddenControl(cp)) {
      // As EscapeHtml shows them: seen, not acting on the text around.
      out += fmt::format("[U+{:04X}]", static_cast<uint32_t>(cp));
    } else if (cp == '"' || cp == '\\' || cp == '<' || cp == '>' || cp == '&' || cp < 0x20) {
      out += fmt::format("\\{:X} ", static_cast<uint32_t>(cp));
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  out += "\"";
  return out;
}

std::string PrintStylesheet(const PrintPage& page) {
  // "Page {page} of {pages}" as CSS content: strings and counters.
  std::string number;
  std::string_view rest = page.page_number;
  while (!rest.empty()) {
    const size_t brace = rest.find('{');
    const std::string_view text = rest.substr(0, brace);
    if (!text.empty()) number += CssString(text) + " ";
    if (brace == std::string_view::npos) break;
    rest.remove_prefix(brace);
    if (rest.starts_with("{pages}")) {
      number += "counter(pages) ";
      rest.remove_prefix(7);
    } else if (rest.starts_with("{page}")) {
      number += "counter(page) ";
      rest.remove_prefix(6);
    } else {
      number += CssString("{") + " ";
      rest.remove_prefix(1);
    }
  }
  if (number.empty()) number = "counter(page) ";
  number.pop_back();
  constexpr std::string_view kMarginFont =
      "font-family: system-ui, \"Noto Sans\", \"Noto Sans CJK SC\", sans-serif; font-size: 7.5pt; "
      "color: #444;";
  return fmt::format(
      "\n@page {{ size: A4; margin: 16mm 14mm 15mm;\n"
      "  @top-left {{ content: {0}; {3} }}\n"
      "  @top-right {{ content: {1}; {3} }}\n"
      // The footer's digest is long: it takes what the page number leaves.
      "  @bottom-left {{ content: {5}; {3} font-size: 6.5pt; width: 80%; }}\n"
      "  @bottom-right {{ content: {2}; {3} width: 20%; white-space: nowrap; }}\n}}\n{4}",
      CssString(page.header_left), CssString(page.header_right), number, kMarginFont, kPrintRules,
      CssString(page.footer_left));
}

}  // namespace tiersight::exports
