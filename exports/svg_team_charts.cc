#include "exports/svg_team_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "exports/html_escape.h"
#include "exports/svg_metrics.h"

namespace tiersight::exports {
namespace {

constexpr double kWidth = 760;
// The timeline stands beside the team's facts, in a narrower box whose text
// keeps its size.
constexpr double kTimelineWidth = 480;

using svg::kFontSize;
using svg::MaxTextWidth;
using svg::Num;
using svg::TextWidth;

std::string SvgOpen(const std::string& id, std::string_view css_class, const std::string& title,
                    double width, double height) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"chart {1}\" width=\"{2}\" height=\"{3}\" viewBox=\"0 0 {2} {3}\" "
      "role=\"img\" "
      "aria-labelledby=\"{0}-title\">\n<title id=\"{0}-title\">{4}</title>\n",
      EscapeHtml(id), css_class, Num(width), Num(height), EscapeHtml(title));
}

std::string Text(double x, double y, std::string_view anchor, std::string_view css_class,
                 std::string_view text) {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" class=\"{}\">{}</text>\n", Num(x),
                     Num(y), anchor, css_class, EscapeHtml(text));
}

// Round ticks from 0 to at least `hi`: steps of 1, 2 or 5 times a power of
// ten, about four of them.
std::vector<double> Ticks(double hi, bool whole) {
  if (!(hi > 0)) hi = 1;
  const double rough = hi / 4;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  const double residual = rough / magnitude;
  double step = magnitude * (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10);
  if (whole) step = std::max(step, 1.0);
  std::vector<double> ticks;
  for (int64_t i = 0; static_cast<double>(i - 1) * step < hi; ++i) {
    ticks.push_back(static_cast<double>(i) * step);
  }
  return ticks;
}

// Okabe and Ito's palette, told apart under the common colour blindnesses;
// black and yellow left out (the organiser's outline, and too faint on white).
constexpr const char* kTierColours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                        "#56B4E9", "#D55E00", "#7F6A00"};
constexpr const char* kNoTierColour = "#999999";

// Where each node stands: leaves (nodes without drawn recruits) take the
// slots left to right in breadth-first order of their subtrees; a sponsor
// stands over the middle of its recruits.
std::vector<double> Slots(const std::vector<GenealogyNodeMark>& nodes, size_t& leaves) {
  leaves = 0;
  if (nodes.empty()) return {};
  std::vector<std::vector<size_t>> children(nodes.size());
  for (size_t i = 1; i < nodes.size(); ++i) {
    if (nodes[i].parent >= 0 && static_cast<size_t>(nodes[i].parent) < i) {
      children[static_cast<size_t>(nodes[i].parent)].push_back(i);
    }
  }
  std::vector<double> slot(nodes.size(), 0);
  // Depth first without recursion: a node is placed after its recruits.
  std::vector<std::pair<size_t, bool>> stack{{0, false}};
  while (!stack.empty()) {
    auto [node, expanded] = stack.back();
    stack.pop_back();
    if (children[node].empty()) {
      slot[node] = static_cast<double>(leaves++);
    } else if (expanded) {
      slot[node] = (slot[children[node].front()] + slot[children[node].back()]) / 2;
    } else {
      stack.emplace_back(node, true);
      for (auto it = children[node].rbegin(); it != children[node].rend(); ++it) {
        stack.emplace_back(*it, false);
      }
    }
  }
  return slot;
}

}  // namespace

std::string TierColour(int tier_index) {
  if (tier_index < 0) return kNoTierColour;
  return kTierColours[static_cast<size_t>(tier_index) % std::size(kTierColours)];
}

std::string RenderGenealogyChart(const GenealogyChart& chart) {
  std::vector<std::string> labels = chart.level_labels;
  std::vector<std::string> values = chart.level_values;
  for (const GenealogyBandMark& b : chart.bands) {
    labels.push_back(b.label);
    values.push_back(b.value);
  }
  const double left = MaxTextWidth(labels) + 12;
  const double right = MaxTextWidth(values) + 12;
  const double plot_left = left + 4, plot_width = kWidth - left - right - 8;
  constexpr double kTop = 14, kLevel = 32, kBand = 13, kLegend = 24;
  const size_t drawn_levels = std::max<size_t>(chart.level_labels.size(), 1);
  const double bands_top = kTop + kLevel * static_cast<double>(drawn_levels) - 12;
  const double height = bands_top + kBand * static_cast<double>(chart.bands.size()) + kLegend;

  std::string out = SvgOpen(chart.id, "genealogy", chart.title, kWidth, height);
  size_t leaves = 0;
  const std::vector<double> slot = Slots(chart.nodes, leaves);
  const double slot_width = plot_width / static_cast<double>(std::max<size_t>(leaves, 1));
  auto x_of = [&](size_t i) { return plot_left + (slot[i] + 0.5) * slot_width; };
  // Each level's circles as large as the closest two of them leave room
  // for; breadth-first order is left to right within a level.
  // Levels beyond the number of nodes (which no tree has) share one gap.
  std::vector<double> gap(chart.nodes.size() + 2, plot_width);
  auto gap_of = [&](size_t i) -> double& {
    const auto level = static_cast<size_t>(std::max(chart.nodes[i].level, 0));
    return gap[std::min(level, gap.size() - 1)];
  };
  for (size_t i = 1; i < chart.nodes.size(); ++i) {
    if (chart.nodes[i - 1].level == chart.nodes[i].level) {
      gap_of(i) = std::min(gap_of(i), x_of(i) - x_of(i - 1));
    }
  }
  auto r_of = [&](size_t i) {
    if (i == 0) return 7.0;
    return std::clamp(gap_of(i) * 0.38, 2.0, 7.0);
  };
  auto y_of = [&](size_t i) {
    return kTop + 8 + kLevel * static_cast<double>(chart.nodes[i].level);
  };
  for (size_t l = 0; l < chart.level_labels.size(); ++l) {
    const double y = kTop + 12 + kLevel * static_cast<double>(l);
    out += Text(left, y, "end", "label", chart.level_labels[l]);
    if (l < chart.level_values.size()) {
      out += Text(kWidth - 4, y, "end", "value", chart.level_values[l]);
    }
  }
  // Lines from each sponsor down to its recruits: one path per sponsor.
  std::vector<std::vector<size_t>> children(chart.nodes.size());
  for (size_t i = 1; i < chart.nodes.size(); ++i) {
    const int parent = chart.nodes[i].parent;
    if (parent >= 0 && static_cast<size_t>(parent) < i) {
      children[static_cast<size_t>(parent)].push_back(i);
    }
  }
  for (size_t p = 0; p < chart.nodes.size(); ++p) {
    if (children[p].empty()) continue;
    const double mid = y_of(p) + kLevel / 2;
    std::string d =
        fmt::format("M{},{}V{}M{},{}H{}", Num(x_of(p)), Num(y_of(p) + r_of(p)), Num(mid),
                    Num(x_of(children[p].front())), Num(mid), Num(x_of(children[p].back())));
    for (size_t c : children[p])
      d += fmt::format("M{},{}V{}", Num(x_of(c)), Num(mid), Num(y_of(c) - r_of(c)));
    out += fmt::format("<path class=\"edge\" d=\"{}\" fill=\"none\" stroke=\"#8c8c8c\"/>\n", d);
  }
  for (size_t i = 0; i < chart.nodes.size(); ++i) {
    const GenealogyNodeMark& n = chart.nodes[i];
    const bool root = i == 0;
    out += fmt::format(
        "<circle class=\"node{}\" data-level=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"{}>"
        "<title>{}</title></circle>\n",
        root ? " organiser" : "", n.level, Num(x_of(i)), Num(y_of(i)), Num(r_of(i)),
        TierColour(n.tier_index), root ? " stroke=\"#1a1a1a\" stroke-width=\"2\"" : "",
        EscapeHtml(n.tooltip));
  }
  if (!chart.nodes.empty()) {
    const double x = x_of(0);
    // Beside the organiser, on the side with room.
    const bool room_right = x + 12 + TextWidth(chart.root_label) < kWidth - right;
    out += Text(room_right ? x + 12 : x - 12, y_of(0) + 4, room_right ? "start" : "end", "heading",
                chart.root_label);
  }
  auto per_level = [](const GenealogyBandMark& b) {
    return static_cast<double>(b.agents) / static_cast<double>(std::max(b.levels, 1));
  };
  double widest = 1;
  for (const GenealogyBandMark& b : chart.bands) widest = std::max(widest, per_level(b));
  for (size_t b = 0; b < chart.bands.size(); ++b) {
    const GenealogyBandMark& band = chart.bands[b];
    const double y = bands_top + kBand * static_cast<double>(b);
    const double w = std::max(2.0, per_level(band) / widest * plot_width);
    out += Text(left, y + 9.5, "end", "label band-label", band.label);
    out += fmt::format(
        "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#a9b4c2\">"
        "<title>{}</title></rect>\n",
        Num(plot_left + (plot_width - w) / 2), Num(y), Num(w), Num(kBand - 4),
        EscapeHtml(band.label + ": " + band.value));
    out += Text(kWidth - 4, y + 9.5, "end", "value band-label", band.value);
  }
  // The tiers' colours.
  double x = plot_left;
  const double y = height - 8;
  out += Text(x, y, "start", "legend", chart.legend_title + ":");
  x += TextWidth(chart.legend_title) + 16;
  for (const auto& [name, tier] : chart.legend) {
    out += fmt::format("<circle class=\"legend-key\" cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/>\n",
                       Num(x + 5), Num(y - 4), TierColour(tier));
    out += Text(x + 14, y, "start", "legend", name);
    x += 14 + TextWidth(name) + 16;
  }
  out += "</svg>\n";
  return out;
}

std::string RenderTimelineChart(const TimelineChart& chart) {
  const size_t months = chart.months.size();
  double max_size = 0, max_paid = 0;
  // A value that is no number (which no report holds) is drawn as 0
  // rather than breaking the axes.
  auto finite = [](std::vector<double> values) {
    for (double& v : values) v = std::isfinite(v) ? v : 0.0;
    return values;
  };
  const std::vector<double> team_size = finite(chart.team_size);
  const std::vector<double> paid_in = finite(chart.paid_in);
  for (double v : team_size) max_size = std::max(max_size, v);
  for (double v : paid_in) max_paid = std::max(max_paid, v);
  const bool money = !chart.paid_in.empty();
  const std::vector<double> size_ticks = Ticks(max_size, true);
  const std::vector<double> paid_ticks = money ? Ticks(max_paid, false) : std::vector<double>{};
  std::vector<std::string> left_texts, right_texts;
  for (double t : size_ticks) left_texts.push_back(chart.count_format(t));
  for (double t : paid_ticks) right_texts.push_back(chart.money_format(t));
  constexpr double kWidth = kTimelineWidth, kTop = 40, kPlotHeight = 85;
  const double plot_left = MaxTextWidth(left_texts) + 14;
  const double plot_right = kWidth - (money ? MaxTextWidth(right_texts) + 14 : 10);
  const double plot_width = plot_right - plot_left;
  const double height = kTop + kPlotHeight + 40;
  const double step = plot_width / static_cast<double>(std::max<size_t>(months, 1));
  auto x_at = [&](double month) { return plot_left + month * step; };
  auto y_size = [&](double v) { return kTop + kPlotHeight * (1 - v / size_ticks.back()); };
  auto y_paid = [&](double v) { return kTop + kPlotHeight * (1 - v / paid_ticks.back()); };

  std::string out = SvgOpen(chart.id, "timeline", chart.title, kWidth, height);
  // The legend.
  out += fmt::format(
      "<line class=\"series-team\" x1=\"{0}\" y1=\"10\" x2=\"{1}\" y2=\"10\" "
      "stroke=\"#0072B2\" stroke-width=\"2\"/>\n",
      Num(plot_left), Num(plot_left + 20));
  out += Text(plot_left + 24, 14, "start", "legend", chart.team_size_name);
  if (money) {
    const double x = plot_left + 24 + TextWidth(chart.team_size_name) + 24;
    out += fmt::format(
        "<line class=\"series-paid\" x1=\"{0}\" y1=\"10\" x2=\"{1}\" y2=\"10\" "
        "stroke=\"#D55E00\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n",
        Num(x), Num(x + 20));
    out += Text(x + 24, 14, "start", "legend", chart.paid_in_name);
  }
  for (size_t i = 0; i < size_ticks.size(); ++i) {
    const double y = y_size(size_ticks[i]);
    out += fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                       i == 0 ? "axis" : "grid", Num(plot_left), Num(y), Num(plot_right), Num(y));
    out += Text(plot_left - 6, y + 4, "end", "tick", left_texts[i]);
  }
  for (size_t i = 0; i < paid_ticks.size(); ++i) {
    out += Text(plot_right + 6, y_paid(paid_ticks[i]) + 4, "start", "tick", right_texts[i]);
  }
  // Month labels, thinned out so that they do not run into each other.
  const auto every = static_cast<size_t>(
      std::max(1.0, std::ceil((MaxTextWidth(chart.months) + 8) / std::max(step, 1.0))));
  for (size_t m = 0; m < months; m += every) {
    out += Text(x_at(static_cast<double>(m) + 0.5), kTop + kPlotHeight + 16, "middle", "tick",
                chart.months[m]);
  }
  // Steps: each month's value from its start to its end.
  auto steps = [&](const std::vector<double>& values, auto y_of) {
    if (values.empty() || months == 0) return std::string("M0,0");
    std::string d = fmt::format("M{},{}", Num(x_at(0)), Num(y_of(values[0])));
    for (size_t m = 0; m < months && m < values.size(); ++m) {
      d += fmt::format("V{}H{}", Num(y_of(values[m])), Num(x_at(static_cast<double>(m + 1))));
    }
    return d;
  };
  out += fmt::format(
      "<path class=\"series-team\" d=\"{}\" fill=\"none\" stroke=\"#0072B2\" "
      "stroke-width=\"2\"/>\n",
      steps(team_size, y_size));
  if (money) {
    out += fmt::format(
        "<path class=\"series-paid\" d=\"{}\" fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2\" "
        "stroke-dasharray=\"5 3\"/>\n",
        steps(paid_in, y_paid));
  }
  for (size_t i = 0; i < chart.markers.size(); ++i) {
    const TimelineMarker& m = chart.markers[i];
    if (!std::isfinite(m.at)) continue;
    const double x = x_at(m.at);
    out += fmt::format(
        "<line class=\"marker\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#1a1a1a\" "
        "stroke-dasharray=\"2 2\"/>\n",
        Num(x), Num(kTop + 14.0 * static_cast<double>(i) - 2), Num(kTop + kPlotHeight));
    const bool room_right = x + 4 + TextWidth(m.label) < kWidth;
    out += Text(room_right ? x + 4 : x - 4, kTop + 14.0 * static_cast<double>(i) + 8,
                room_right ? "start" : "end", "note", m.label);
  }
  out += "</svg>\n";
  return out;
}

}  // namespace tiersight::exports
