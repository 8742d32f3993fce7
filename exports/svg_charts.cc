#include "exports/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "exports/html_escape.h"

namespace tiersight::exports {
namespace {

constexpr double kFontSize = 12;
constexpr double kRowGap = 10;
constexpr double kBarHeight = 16;
constexpr double kTickCount = 5;

// SVG has no text metrics without a renderer; this estimate (Latin glyphs
// about 0.6 em, CJK glyphs 1 em) keeps labels clear of the plot.
double TextWidth(std::string_view text) {
  double width = 0;
  for (unsigned char c : text) {
    if (c < 0x80) {
      width += 0.6 * kFontSize;
    } else if (c >= 0xC0) {
      width += 1.0 * kFontSize;
    }
  }
  return width;
}

double MaxTextWidth(const std::vector<std::string>& texts) {
  double width = 0;
  for (const std::string& t : texts) width = std::max(width, TextWidth(t));
  return width;
}

std::string Num(double v) { return fmt::format("{:.1f}", std::abs(v) < 0.05 ? 0.0 : v); }

std::string SvgOpen(const std::string& id, const std::string& title, double width, double height) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"chart\" viewBox=\"0 0 {1} {2}\" "
      "role=\"img\" aria-labelledby=\"{0}-title\">\n<title id=\"{0}-title\">{3}</title>\n",
      EscapeHtml(id), Num(width), Num(height), EscapeHtml(title));
}

std::string Text(double x, double y, std::string_view anchor, std::string_view css_class,
                 std::string_view text) {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" class=\"{}\">{}</text>\n", Num(x),
                     Num(y), anchor, css_class, EscapeHtml(text));
}

std::string Bar(const BarSeries& series, double x, double y, double width, double height,
                std::string_view tooltip, bool negative) {
  return fmt::format(
      "<rect class=\"bar bar-{0}{1}\" data-series=\"{0}\" x=\"{2}\" y=\"{3}\" width=\"{4}\" "
      "height=\"{5}\"><title>{6}</title></rect>\n",
      EscapeHtml(series.key), negative ? " negative" : "", Num(x), Num(y), Num(width), Num(height),
      EscapeHtml(tooltip));
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

std::string Legend(const std::vector<BarSeries>& series, double x, double y) {
  std::string out;
  for (const BarSeries& s : series) {
    out += fmt::format(
        "<rect class=\"legend-key bar-{}\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/>\n",
        EscapeHtml(s.key), Num(x), Num(y - 10));
    out += Text(x + 16, y, "start", "legend", s.name);
    x += 16 + TextWidth(s.name) + 24;
  }
  return out;
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
    out += Bar(series, centre - half, y, 2 * half, kBarHeight,
               row.label + ": " + chart.format(row.value), false);
    out += Text(column_right[0], text_y, "end", "value", chart.format(row.value));
    for (size_t c = 0; c < row.cells.size() && c + 1 < column_right.size(); ++c) {
      out += Text(column_right[c + 1], text_y, "end", "value", row.cells[c]);
    }
  }
  out += "</svg>\n";
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
  const bool legend = chart.series.size() > 1;
  const double top = legend ? 30 : 10;
  const double group_height = kBarHeight * static_cast<double>(chart.series.size()) +
                              2 * (chart.series.size() - 1) + kRowGap;
  const double plot_height = group_height * static_cast<double>(chart.categories.size());
  const double height = top + plot_height + 44;

  const ValueRange range = RangeOf(chart.series);
  const std::vector<double> ticks = NiceTicks(range.lo, range.hi);
  const double lo = ticks.front(), hi = ticks.back();
  auto x_of = [&](double v) { return plot_left + (v - lo) / (hi - lo) * plot_width; };

  std::string out = SvgOpen(chart.id, chart.title, width, height);
  if (legend) out += Legend(chart.series, plot_left, 18);
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
      out += Bar(series, x1, y, x2 - x1, kBarHeight,
                 chart.categories[c] + " — " + series.name + ": " + text, v < 0);
      out += Text(x2 + 4, y + kBarHeight - 4, "start", "value", text);
    }
    if (c < chart.notes.size()) {
      out += Text(width - note_width + 8, y0 + group_height / 2 - kRowGap / 2 + 4, "start", "note",
                  chart.notes[c]);
    }
  }
  out += "</svg>\n";
  return out;
}

std::string RenderColumnChart(const ColumnChart& chart) {
  const ValueRange range = RangeOf({chart.series});
  const std::vector<double> ticks = NiceTicks(range.lo, range.hi);
  std::vector<std::string> tick_texts;
  for (double t : ticks) tick_texts.push_back(chart.format(t));
  constexpr double kWidth = 760, kPlotHeight = 220, kTop = 16;
  const double plot_left = MaxTextWidth(tick_texts) + 16;
  const double plot_width = kWidth - plot_left - 10;
  const double n = std::max<double>(1, static_cast<double>(chart.categories.size()));
  const double slot = plot_width / n;
  // Print every k-th category so that labels do not run into each other.
  const auto every =
      static_cast<size_t>(std::max(1.0, std::ceil((MaxTextWidth(chart.categories) + 8) / slot)));
  const double lo = ticks.front(), hi = ticks.back();
  auto y_of = [&](double v) { return kTop + (hi - v) / (hi - lo) * kPlotHeight; };
  const double height = kTop + kPlotHeight + 46;

  std::string out = SvgOpen(chart.id, chart.title, kWidth, height);
  for (double t : ticks) {
    out += fmt::format("<line class=\"{0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>\n",
                       t == 0 ? "axis" : "grid", Num(plot_left), Num(y_of(t)),
                       Num(plot_left + plot_width));
    out += Text(plot_left - 6, y_of(t) + 4, "end", "tick", chart.format(t));
  }
  std::vector<std::string> value_texts;
  for (double v : chart.series.values) value_texts.push_back(chart.format(v));
  // Values go over the columns when they fit in a column's slot.
  const bool label_values = MaxTextWidth(value_texts) + 4 < slot;
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    const double v = Drawn(chart.series.values, c);
    const double x = plot_left + slot * static_cast<double>(c) + slot * 0.15;
    const double y1 = y_of(std::max(v, 0.0)), y2 = y_of(std::min(v, 0.0));
    out += Bar(chart.series, x, y1, slot * 0.7, y2 - y1,
               chart.categories[c] + ": " + chart.format(v), v < 0);
    if (label_values) out += Text(x + slot * 0.35, y1 - 3, "middle", "value", chart.format(v));
    if (c % every == 0) {
      out += Text(x + slot * 0.35, kTop + kPlotHeight + 16, "middle", "tick", chart.categories[c]);
    }
  }
  out += Text(plot_left + plot_width / 2, kTop + kPlotHeight + 38, "middle", "axis-label",
              chart.axis_label);
  out += "</svg>\n";
  return out;
}

}  // namespace tiersight::exports
