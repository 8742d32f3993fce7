#include "exports/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/svg_metrics.h"

namespace tiersight::exports {
namespace {

constexpr double kRowGap = 10;
constexpr double kBarHeight = 16;
constexpr double kTickCount = 5;

using svg::kFontSize;
using svg::MaxTextWidth;
using svg::Num;
using svg::TextWidth;

// Drawn at its natural size (width and height in CSS px), which the
// stylesheet lets shrink to the column or the sheet.
std::string SvgOpen(const std::string& id, const std::string& title, double width, double height) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"chart\" width=\"{1}\" height=\"{2}\" viewBox=\"0 0 {1} {2}\" "
      "role=\"img\" aria-labelledby=\"{0}-title\">\n<title id=\"{0}-title\">{3}</title>\n",
      EscapeHtml(id), Num(width), Num(height), EscapeHtml(title));
}

// The hatching of negative bars, so that the sign does not rest on colour
// alone: stripes over the negative colour (styled by .hatch-ground and
// .hatch-line), one pattern per chart so that ids stay unique on the page.
std::string NegativeId(const std::string& chart_id) { return chart_id + "-negative"; }

std::string HatchDefs(const std::string& chart_id) {
  return fmt::format(
      "<defs><pattern id=\"{}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
      "patternTransform=\"rotate(45)\"><rect class=\"hatch-ground\" width=\"6\" height=\"6\"/>"
      "<line class=\"hatch-line\" x1=\"1.5\" y1=\"0\" x2=\"1.5\" y2=\"6\"/></pattern></defs>\n",
      EscapeHtml(NegativeId(chart_id)));
}

// The chart's data as a table, in a closed <details> after the chart.
std::string DataTable(const ChartTable& table, std::vector<std::string> headings,
                      std::vector<std::vector<std::string>> rows) {
  if (table.summary.empty()) return {};
  HtmlTable html{.css_class = "chart-data", .headings = {}, .rows = std::move(rows), .numeric = {}};
  html.headings.push_back(table.category_heading);
  for (std::string& h : headings) {
    html.numeric.push_back(html.headings.size());
    html.headings.push_back(std::move(h));
  }
  return fmt::format("<details class=\"chart-data\"><summary>{}</summary>\n{}</details>\n",
                     EscapeHtml(table.summary), RenderTable(html));
}

std::string Text(double x, double y, std::string_view anchor, std::string_view css_class,
                 std::string_view text) {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" class=\"{}\">{}</text>\n", Num(x),
                     Num(y), anchor, css_class, EscapeHtml(text));
}

// A negative bar is filled with the chart's hatching (an inline style, which
// the stylesheet's colours of the series do not override).
std::string Bar(const std::string& chart_id, const BarSeries& series, double x, double y,
                double width, double height, std::string_view tooltip, bool negative) {
  const std::string fill =
      negative ? fmt::format(" style=\"fill: url(#{})\"", EscapeHtml(NegativeId(chart_id))) : "";
  return fmt::format(
      "<rect class=\"bar bar-{0}{1}\" data-series=\"{0}\"{7} x=\"{2}\" y=\"{3}\" width=\"{4}\" "
      "height=\"{5}\"><title>{6}</title></rect>\n",
      EscapeHtml(series.key), negative ? " negative" : "", Num(x), Num(y), Num(width), Num(height),
      EscapeHtml(tooltip), fill);
}

// Round tick positions covering [lo, hi] (which includes 0): steps of 1, 2
// or 5 times a power of ten.
std::vector<double> NiceTicks(double lo, double hi) {
  if (hi - lo <= 0) hi = lo + 1;
  const double rough = (hi - lo) / kTickCount;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  const double residual = rough / magnitude;
  const double step = magnitude * (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10);
  std::vector<double> ticks;
  const auto first = static_cast<int64_t>(std::floor(lo / step));
  const auto last = static_cast<int64_t>(std::ceil(hi / step));
  for (int64_t i = first; i <= last; ++i) ticks.push_back(static_cast<double>(i) * step);
  return ticks;
}

struct ValueRange {
  double lo = 0;
  double hi = 0;
};

// A value as drawn: a missing or non-finite value (which no figure should
// be) is drawn and labelled as 0 rather than breaking the axis.
double Drawn(const std::vector<double>& values, size_t i) {
  return i < values.size() && std::isfinite(values[i]) ? values[i] : 0.0;
}

ValueRange RangeOf(const std::vector<BarSeries>& series) {
  ValueRange r;
  for (const BarSeries& s : series) {
    for (size_t i = 0; i < s.values.size(); ++i) {
      const double v = Drawn(s.values, i);
      r.lo = std::min(r.lo, v);
      r.hi = std::max(r.hi, v);
    }
  }
  return r;
}

// One key per entry: a series' colour, or (`negative`) the hatching.
struct LegendEntry {
  std::string key;
  std::string name;
  bool negative = false;
};

std::string Legend(const std::string& chart_id, const std::vector<LegendEntry>& entries, double x,
                   double y) {
  std::string out;
  for (const LegendEntry& e : entries) {
    const std::string fill =
        e.negative ? fmt::format(" style=\"fill: url(#{})\"", EscapeHtml(NegativeId(chart_id)))
                   : "";
    out += fmt::format(
        "<rect class=\"legend-key bar-{}\"{} x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/>\n",
        EscapeHtml(e.key), fill, Num(x), Num(y - 10));
    out += Text(x + 16, y, "start", "legend", e.name);
    x += 16 + TextWidth(e.name) + 24;
  }
  return out;
}

bool AnyNegative(const std::vector<BarSeries>& series) {
  for (const BarSeries& s : series) {
    for (size_t i = 0; i < s.values.size(); ++i) {
      if (Drawn(s.values, i) < 0) return true;
    }
  }
  return false;
}

}  // namespace

std::string RenderPyramidChart(const PyramidChart& chart) {
  std::vector<std::string> labels;
  for (const PyramidRow& row : chart.rows) labels.push_back(row.label);
  const double label_width = MaxTextWidth(labels) + 16;
  constexpr double kBarArea = 320;
  // Each column is as wide as its widest text.
  std::vector<std::string> value_texts{chart.value_heading};
  for (const PyramidRow& row : chart.rows) value_texts.push_back(chart.format(row.value));
  std::vector<double> column_widths{MaxTextWidth(value_texts) + 24};
  for (size_t c = 0; c < chart.cell_headings.size(); ++c) {
    std::vector<std::string> texts{chart.cell_headings[c]};
    for (const PyramidRow& row : chart.rows) {
      if (c < row.cells.size()) texts.push_back(row.cells[c]);
    }
    column_widths.push_back(MaxTextWidth(texts) + 24);
  }
  double width = label_width + kBarArea + 8;
  for (double w : column_widths) width += w;
  constexpr double kHeader = 28;
  constexpr double kRow = kBarHeight + kRowGap;
  const double height = kHeader + kRow * static_cast<double>(chart.rows.size()) + 8;

  double max_value = 0;
  for (const PyramidRow& row : chart.rows) max_value = std::max(max_value, row.value);
  if (max_value <= 0) max_value = 1;

  std::string out = SvgOpen(chart.id, chart.title, width, height);
  const double centre = label_width + kBarArea / 2;
  const BarSeries series{.key = "agents", .name = chart.value_heading, .values = {}};
  // Column headings, right-aligned over their numbers.
  double x = label_width + kBarArea + 8;
  out += Text(x + column_widths[0] - 8, 18, "end", "heading", chart.value_heading);
  std::vector<double> column_right{x + column_widths[0] - 8};
  x += column_widths[0];
  for (size_t c = 0; c < chart.cell_headings.size(); ++c) {
    out += Text(x + column_widths[c + 1] - 8, 18, "end", "heading", chart.cell_headings[c]);
    column_right.push_back(x + column_widths[c + 1] - 8);
    x += column_widths[c + 1];
  }
  out += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n",
                     Num(centre), Num(kHeader - 4), Num(height - 4));
  for (size_t r = 0; r < chart.rows.size(); ++r) {
    const PyramidRow& row = chart.rows[r];
    const double y = kHeader + kRow * static_cast<double>(r);
    const double half = std::max(row.value, 0.0) / max_value * (kBarArea / 2 - 4);
    const double text_y = y + kBarHeight - 4;
    out += Text(label_width - 8, text_y, "end", "label", row.label);
    out += Bar(chart.id, series, centre - half, y, 2 * half, kBarHeight,
               row.label + ": " + chart.format(row.value), false);
    out += Text(column_right[0], text_y, "end", "value", chart.format(row.value));
    for (size_t c = 0; c < row.cells.size() && c + 1 < column_right.size(); ++c) {
      out += Text(column_right[c + 1], text_y, "end", "value", row.cells[c]);
    }
  }
  out += "</svg>\n";
  std::vector<std::vector<std::string>> table_rows;
  for (const PyramidRow& row : chart.rows) {
    std::vector<std::string> cells{row.label, chart.format(row.value)};
    cells.insert(cells.end(), row.cells.begin(), row.cells.end());
    cells.resize(chart.cell_headings.size() + 2);
    table_rows.push_back(std::move(cells));
  }
  std::vector<std::string> headings{chart.value_heading};
  headings.insert(headings.end(), chart.cell_headings.begin(), chart.cell_headings.end());
  out += DataTable(chart.table, std::move(headings), std::move(table_rows));
  return out;
}

std::string RenderBarChart(const BarChart& chart) {
  const double label_width = MaxTextWidth(chart.categories) + 16;
  std::vector<std::string> value_texts;
  for (const BarSeries& s : chart.series) {
    for (double v : s.values) value_texts.push_back(chart.format(v));
  }
  const double value_width = MaxTextWidth(value_texts) + 12;
  const double note_width = chart.notes.empty() ? 0 : MaxTextWidth(chart.notes) + 16;
  constexpr double kWidth = 760;
  const double plot_left = label_width;
  const double plot_width = std::max(200.0, kWidth - label_width - value_width - note_width);
  const double width = plot_left + plot_width + value_width + note_width;
  const bool negative = AnyNegative(chart.series);
  std::vector<LegendEntry> legend;
  if (chart.series.size() > 1) {
    for (const BarSeries& s : chart.series) legend.push_back({s.key, s.name, false});
  } else if (negative && !chart.series.empty() && !chart.negative_legend.first.empty()) {
    legend.push_back({chart.series[0].key, chart.negative_legend.first, false});
    legend.push_back({chart.series[0].key, chart.negative_legend.second, true});
  }
  const double top = legend.empty() ? 10 : 30;
  const double group_height = kBarHeight * static_cast<double>(chart.series.size()) +
                              2 * (chart.series.size() - 1) + kRowGap;
  const double plot_height = group_height * static_cast<double>(chart.categories.size());
  const double height = top + plot_height + 44;

  const ValueRange range = RangeOf(chart.series);
  const std::vector<double> ticks = NiceTicks(range.lo, range.hi);
  const double lo = ticks.front(), hi = ticks.back();
  auto x_of = [&](double v) { return plot_left + (v - lo) / (hi - lo) * plot_width; };

  std::string out = SvgOpen(chart.id, chart.title, width, height);
  if (negative) out += HatchDefs(chart.id);
  if (!legend.empty()) out += Legend(chart.id, legend, plot_left, 18);
  for (double t : ticks) {
    out +=
        fmt::format("<line class=\"{0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{1}\" y2=\"{3}\"/>\n",
                    t == 0 ? "axis" : "grid", Num(x_of(t)), Num(top - 4), Num(top + plot_height));
    out += Text(x_of(t), top + plot_height + 16, "middle", "tick",
                chart.tick_format ? chart.tick_format(t) : chart.format(t));
  }
  out += Text(plot_left + plot_width / 2, top + plot_height + 36, "middle", "axis-label",
              chart.axis_label);
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    const double y0 = top + group_height * static_cast<double>(c);
    out += Text(plot_left - 8, y0 + group_height / 2 - kRowGap / 2 + 4, "end", "label",
                chart.categories[c]);
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const BarSeries& series = chart.series[s];
      const double v = Drawn(series.values, c);
      const double y = y0 + (kBarHeight + 2) * static_cast<double>(s);
      const double x1 = x_of(std::min(v, 0.0)), x2 = x_of(std::max(v, 0.0));
      const std::string text = chart.format(v);
      out += Bar(chart.id, series, x1, y, x2 - x1, kBarHeight,
                 chart.categories[c] + " — " + series.name + ": " + text, v < 0);
      out += Text(x2 + 4, y + kBarHeight - 4, "start", "value", text);
    }
    if (c < chart.notes.size()) {
      out += Text(width - note_width + 8, y0 + group_height / 2 - kRowGap / 2 + 4, "start", "note",
                  chart.notes[c]);
    }
  }
  out += "</svg>\n";
  std::vector<std::string> headings;
  for (const BarSeries& s : chart.series) headings.push_back(s.name);
  std::vector<std::vector<std::string>> rows;
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    std::vector<std::string> row{chart.categories[c]};
    for (const BarSeries& s : chart.series) row.push_back(chart.format(Drawn(s.values, c)));
    rows.push_back(std::move(row));
  }
  out += DataTable(chart.table, std::move(headings), std::move(rows));
  return out;
}

std::string RenderColumnChart(const ColumnChart& chart) {
  const ValueRange range = RangeOf({chart.series});
  const std::vector<double> ticks = NiceTicks(range.lo, range.hi);
  std::vector<std::string> tick_texts;
  for (double t : ticks) tick_texts.push_back(chart.format(t));
  constexpr double kWidth = 760, kPlotHeight = 220;
  const double plot_left = MaxTextWidth(tick_texts) + 16;
  const double plot_width = kWidth - plot_left - 10;
  const double n = std::max<double>(1, static_cast<double>(chart.categories.size()));
  const double slot = plot_width / n;
  // Print every k-th category so that labels do not run into each other.
  const auto every =
      static_cast<size_t>(std::max(1.0, std::ceil((MaxTextWidth(chart.categories) + 8) / slot)));
  std::vector<std::string> value_texts;
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    value_texts.push_back(chart.format(Drawn(chart.series.values, c)));
  }
  // Values go over the columns, across when they fit in a column's slot,
  // else upright (reading upwards) when a line of text fits in it; the
  // space above the plot leaves room for the value over the tallest column.
  const double value_width = MaxTextWidth(value_texts);
  const bool across = value_width + 4 < slot;
  const bool upright = !across && kFontSize + 2 <= slot;
  const double top = upright ? std::max(16.0, value_width + 6) : 16;
  const double lo = ticks.front(), hi = ticks.back();
  auto y_of = [&](double v) { return top + (hi - v) / (hi - lo) * kPlotHeight; };
  const double height = top + kPlotHeight + 46;

  std::string out = SvgOpen(chart.id, chart.title, kWidth, height);
  if (AnyNegative({chart.series})) out += HatchDefs(chart.id);
  for (double t : ticks) {
    out += fmt::format("<line class=\"{0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>\n",
                       t == 0 ? "axis" : "grid", Num(plot_left), Num(y_of(t)),
                       Num(plot_left + plot_width));
    out += Text(plot_left - 6, y_of(t) + 4, "end", "tick", chart.format(t));
  }
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    const double v = Drawn(chart.series.values, c);
    const double x = plot_left + slot * static_cast<double>(c) + slot * 0.15;
    const double y1 = y_of(std::max(v, 0.0)), y2 = y_of(std::min(v, 0.0));
    out += Bar(chart.id, chart.series, x, y1, slot * 0.7, y2 - y1,
               chart.categories[c] + ": " + chart.format(v), v < 0);
    if (across) {
      out += Text(x + slot * 0.35, y1 - 3, "middle", "value", chart.format(v));
    } else if (upright) {
      const double tx = x + slot * 0.35 + kFontSize / 2 - 2, ty = y1 - 3;
      out += fmt::format(
          "<text x=\"{0}\" y=\"{1}\" text-anchor=\"start\" class=\"value\" "
          "transform=\"rotate(-90 {0} {1})\">{2}</text>\n",
          Num(tx), Num(ty), EscapeHtml(chart.format(v)));
    }
    if (c % every == 0) {
      out += Text(x + slot * 0.35, top + kPlotHeight + 16, "middle", "tick", chart.categories[c]);
    }
  }
  out += Text(plot_left + plot_width / 2, top + kPlotHeight + 38, "middle", "axis-label",
              chart.axis_label);
  out += "</svg>\n";
  std::vector<std::vector<std::string>> rows;
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    rows.push_back({chart.categories[c], chart.format(Drawn(chart.series.values, c))});
  }
  out += DataTable(chart.table, {chart.series.name}, std::move(rows));
  return out;
}

}  // namespace tiersight::exports
