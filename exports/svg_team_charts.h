// Inline SVG charts of one organiser's team for the HTML report: its
// genealogy (组织结构图), drawn agent by agent down to the levels the report
// model holds and as counted bands below, and its recruitment timeline.
// Plain markup in a fixed viewBox, like svg_charts.h: every agent is a
// <circle class="node">, every band a <rect class="band">, so that readers'
// tools (and the tests) can count them. Output depends only on the input.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "exports/svg_charts.h"

namespace tiersight::exports {

// The colour of a tier by its place in the report's tier order (-1: no
// tier): a colour-blind-safe palette, repeated after its seventh colour.
std::string TierColour(int tier_index);

struct GenealogyNodeMark {
  int parent = -1;  // index of its sponsor in GenealogyChart::nodes; -1 for the root
  int level = 0;    // 0 for the organiser
  int tier_index = -1;
  std::string tooltip;
};

struct GenealogyBandMark {
  std::string label;  // "Level 4 below"
  int64_t agents = 0;
  // Levels the band holds: it is drawn as wide as their average level.
  int levels = 1;
  std::string value;  // "312 people"
};

struct GenealogyChart {
  std::string id;
  std::string title;
  std::string root_label;  // the organiser's id, written beside it
  // Per drawn level (0 = the organiser's): its name and its count.
  std::vector<std::string> level_labels;
  std::vector<std::string> level_values;
  std::vector<GenealogyNodeMark> nodes;  // breadth first, the organiser first
  std::vector<GenealogyBandMark> bands;
  std::string legend_title;
  std::vector<std::pair<std::string, int>> legend;  // tier name, tier index
};

std::string RenderGenealogyChart(const GenealogyChart& chart);

// A vertical line at a day of the timeline: `at` in months from the start
// of the first month (1.5 is the middle of the second).
struct TimelineMarker {
  double at = 0;
  std::string label;
};

// Team size (a step line on the left axis) and, when given, money paid in
// (a dashed step line on the right axis) at the end of each month.
struct TimelineChart {
  std::string id;
  std::string title;
  std::vector<std::string> months;
  std::vector<double> team_size;
  std::vector<double> paid_in;  // empty: no money line
  std::string team_size_name;
  std::string paid_in_name;
  std::vector<TimelineMarker> markers;
  ValueFormatter count_format;
  ValueFormatter money_format;
};

std::string RenderTimelineChart(const TimelineChart& chart);

}  // namespace tiersight::exports
