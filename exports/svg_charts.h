// Inline SVG charts for the HTML report: plain markup with readable axes,
// value labels and legends, drawn at their natural size (1 unit = 1 CSS px)
// and shrunk to fit the page or the sheet. Every bar is a <rect class="bar"
// data-series="..."> so that a reader's tools (and the tests) can count and
// check them; every value is printed beside its bar, negative bars are
// hatched as well as coloured, and a chart given a ChartTable has its data
// as a table in a <details> below it (the text alternative of the chart).
// Output depends only on the input. Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tiersight::exports {

// Formats a value for an axis tick or a bar label.
using ValueFormatter = std::function<std::string(double)>;

// The chart's data as a table in a closed <details> after the <svg>: one row
// per category (pyramid row), a column per series (cell). None when
// `summary` is empty.
struct ChartTable {
  std::string summary;           // the <summary> text, e.g. "Data table: ..."
  std::string category_heading;  // the first column's heading
};

// One row of the pyramid: a centred bar and the cells beside it.
struct PyramidRow {
  std::string label;
  double value = 0;
  std::vector<std::string> cells;  // one per PyramidChart::cell_headings
};

struct PyramidChart {
  std::string id;     // the <svg> element's id
  std::string title;  // its accessible name
  std::string value_heading;
  std::vector<std::string> cell_headings;
  std::vector<PyramidRow> rows;  // top level first
  ValueFormatter format;
  ChartTable table;
};

std::string RenderPyramidChart(const PyramidChart& chart);

// Values of one series, one per category.
struct BarSeries {
  std::string key;   // data-series and the CSS class suffix
  std::string name;  // legend text
  std::vector<double> values;
};

// Horizontal bars, one group per category; values may be negative (bars then
// grow left of the zero line, hatched). A legend appears when there is more
// than one series, or when a value is negative and `negative_legend` is set
// (then it keys the plain and the hatched bar). `notes` (optional, one per
// category) are printed after the bars.
struct BarChart {
  std::string id;
  std::string title;
  std::string axis_label;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  std::vector<std::string> notes;
  ValueFormatter format;
  ValueFormatter tick_format;  // the axis ticks; `format` when empty
  ChartTable table;
  // {at or above zero, below zero}: the legend of a chart with negative bars.
  std::pair<std::string, std::string> negative_legend;
};

std::string RenderBarChart(const BarChart& chart);

// Vertical columns over a sequence (months): one series, category labels
// thinned out when they would overlap; values over the columns, turned
// upright when they are wider than a column.
struct ColumnChart {
  std::string id;
  std::string title;
  std::string axis_label;
  std::vector<std::string> categories;
  BarSeries series;
  ValueFormatter format;
  ChartTable table;
};

std::string RenderColumnChart(const ColumnChart& chart);

}  // namespace tiersight::exports
