// Inline SVG charts for the HTML report: plain markup with readable axes,
// value labels and legends, sized in a fixed viewBox so that they scale to
// the page and print. Every bar is a <rect class="bar" data-series="..."> so
// that a reader's tools (and the tests) can count and check them. Output
// depends only on the input. Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace tiersight::exports {

// Formats a value for an axis tick or a bar label.
using ValueFormatter = std::function<std::string(double)>;

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
};

std::string RenderPyramidChart(const PyramidChart& chart);

// Values of one series, one per category.
struct BarSeries {
  std::string key;   // data-series and the CSS class suffix
  std::string name;  // legend text
  std::vector<double> values;
};

// Horizontal bars, one group per category; values may be negative (bars then
// grow left of the zero line). A legend appears when there is more than one
// series. `notes` (optional, one per category) are printed after the bars.
struct BarChart {
  std::string id;
  std::string title;
  std::string axis_label;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  std::vector<std::string> notes;
  ValueFormatter format;
  ValueFormatter tick_format;  // the axis ticks; `format` when empty
};

std::string RenderBarChart(const BarChart& chart);

// Vertical columns over a sequence (months): one series, category labels
// thinned out when they would overlap.
struct ColumnChart {
  std::string id;
  std::string title;
  std::string axis_label;
  std::vector<std::string> categories;
  BarSeries series;
  ValueFormatter format;
};

std::string RenderColumnChart(const ColumnChart& chart);

}  // namespace tiersight::exports
