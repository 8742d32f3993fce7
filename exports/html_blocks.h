// Markup pieces of the HTML report: tables, fact lists and the stylesheet
// (for the screen; report_print_css.h adds A4 print). Text passed in is escaped here. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tiersight::exports {

// A table with a header row; columns listed in `numeric` are right-aligned.
// A long table may be shortened on paper: with `print_rows` set, the rows
// after the first print_rows are left off the printed sheets (print-omit),
// and `print_note` (e.g. "5 of 10 shown in print; ...") is printed below.
struct HtmlTable {
  std::string css_class;
  std::vector<std::string> headings;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> numeric;
  size_t print_rows = 0;  // 0: every row is printed
  std::string print_note;
  // Columns whose cells are markup already (escaped by the caller).
  std::vector<size_t> markup;
};

std::string RenderTable(const HtmlTable& table);

// A definition list of label/value pairs.
using Facts = std::vector<std::pair<std::string, std::string>>;

std::string RenderFacts(const Facts& facts);
// The same with the values markup already (escaped by the caller), labels
// plain text.
std::string RenderMarkupFacts(const Facts& facts);

// <section id=...><h2>heading</h2> ... opened; close with "</section>".
std::string OpenSection(std::string_view id, int number, std::string_view heading);

// The report's stylesheet: system fonts only; PrintStylesheet() follows it.
std::string_view ReportStylesheet();

}  // namespace tiersight::exports
