// The HTML report on paper: the stylesheet that Chromium's print-to-PDF
// (and any browser's print) lays out on A4, and the rules for the markup
// that only print or only the screen shows. Appended to ReportStylesheet()
// in the page's one <style> element.
//
// Each sheet carries a running header (the report and the network) and its
// number ("Page 3 of 21") in the @page margin boxes, which Chromium draws
// from version 131 (Debian 12's is newer). Headings and captions stay with
// what follows them, charts and table rows are never split, a table's
// header row repeats on each sheet, and ids, numbers and headings are never
// broken inside a word. Chart data tables (<details class="chart-data">)
// and the table rows and tables marked print-omit are left off the sheets,
// which say how many were printed (print-only). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tiersight::exports {

struct PrintPage {
  std::string header_left;   // the report's title and network
  std::string header_right;  // its as-of date
  // The sheet's number: a label with {page} and {pages} ("Page {page} of
  // {pages}").
  std::string page_number;
  // What ties a sheet to its signed original: report id and bundle digest.
  std::string footer_left;
};

// CSS text, safe inside <style>: the texts are written as CSS strings in
// which "<" is escaped, so no name can end the element.
std::string PrintStylesheet(const PrintPage& page);

// `text` as a quoted CSS string.
std::string CssString(std::string_view text);

}  // namespace tiersight::exports
