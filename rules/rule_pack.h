// A rule pack as read from YAML, before its expressions are compiled: every
// field keeps the place it came from, so that any later diagnostic can name
// the pack file, the rule and the line and column. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/yaml_errors.h"
#include "graph/figure_catalogue.h"

namespace tiersight::rules {

// A rule runs over the rows of one scope of the figure catalogue.
using Scope = graph::FigureScope;
using graph::ParseScope;
using graph::ScopeName;

// file, line and column, 1-based; line 0 when only the file is known.
using Location = base::YamlPlace;

struct Diagnostic {
  Location where;
  std::string rule_id;  // empty for pack-level diagnostics
  std::string message;
  // "file:line:column: [rule 'id': ]message" (base::Located)
  std::string ToString() const;
};

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };
std::string_view SeverityName(Severity s);
bool ParseSeverity(std::string_view name, Severity& s);

// The documented vocabulary of harm a rule may be tagged with.
const std::vector<std::pair<std::string, std::string>>& TagVocabulary();

// A value a pack's expressions read by name, set by the pack and
// overridable per audit (`--param PACK.NAME=VALUE`). Thresholds that are
// tiersight's judgement rather than the law's are parameters marked
// heuristic, so that a reader sees them and a user can move them.
struct PackParam {
  std::string name;
  graph::FigureUnit unit = graph::FigureUnit::kRatio;  // count, money, share, ratio, months
  double default_value = 0;
  double min = 0;
  double max = 0;
  bool heuristic = false;
  std::string doc;
  Location where;
};

// Materiality: the severity of a finding from how much it concerns.
struct SeverityBand {
  double from = 0;  // the band holds values from here up to the next band's
  Severity severity = Severity::kLow;
};
struct Grade {
  // Group and agent rules: the share, over the finding's subjects, of an
  // own figure's total over all rows (`subjects` counts the subjects).
  std::string share_of;
  // Network rules: an expression over the rule's figures and parameters.
  std::string by;
  std::vector<SeverityBand> bands;  // ascending `from`
  Location where;
  Location by_at;
};

struct RuleSpec {
  std::string id;
  std::string title;
  Scope scope = Scope::kNetwork;
  std::string when;
  Severity severity = Severity::kMedium;
  std::vector<std::string> tags;
  std::string cite;
  std::string message;
  // Agent rules: how many subjects to list, ranked by which figure (highest
  // first), and how many matches it takes to fire.
  int top = 10;
  std::string rank_by;
  int64_t min_matches = 1;
  double min_share = 0.0;
  // Agent rules: list only matching agents with no matching agent above them
  // (engine 1.0; 1.1 packs use `organisers`).
  bool highest_only = false;
  // Agent rules: every matching agent is an organiser; one inside a larger
  // matching team is marked as within the outermost one, and the finding
  // carries the table of organisers with their teams.
  bool organisers = false;
  // Level, tier and branch rules: groups with fewer agents are not tested.
  int64_t min_group_agents = 0;
  // The severity is the highest the rule gives; with a grade, the band of
  // the finding's materiality decides (at most `severity`).
  std::optional<Grade> grade;
  Location where;
  Location when_at;
  Location message_at;
  Location rank_by_at;
};

// A test case shipped with a pack: a bundle and the rules that must and must
// not fire on it.
struct PackTest {
  std::string bundle;  // resolved path
  std::vector<std::string> fires;
  std::vector<std::string> silent;
  Location where;
};

// A condition the pack names once and its rules and other conditions use
// by that name.
struct NamedCondition {
  std::string name;
  std::string expression;
  Location where;  // of the expression
};

// A risk indicator: a score in [0, 1] of the network (an expression over
// network figures) and of each organiser (over its agent figures).
struct RiskIndicator {
  std::string id;
  std::string title;
  double weight = 1;
  std::string network;
  std::string organiser;  // empty: the network's score for every organiser
  Location where;
  Location network_at;
  Location organiser_at;
};

// How a pack's findings read in a verdict of its jurisdiction.
struct VerdictSpec {
  std::string name;     // "CN"
  std::string offence;  // "传销": "elements of 传销 met"
  // Tag -> phrase for an element met, with {count} (subjects) and
  // {organisers} (organisers named) filled in.
  std::vector<std::pair<std::string, std::string>> elements;
};

struct RulePack {
  std::string file;
  std::string sha256;  // of the pack file's bytes
  std::string name;
  std::string version;
  std::string title;
  std::string description;
  std::string requires_engine;
  // Codes of the jurisdictions whose networks the pack judges by default
  // (ISO 3166-1 alpha-2 in lower case, or eu), or `any` for every network.
  std::vector<std::string> jurisdictions;
  std::vector<PackParam> params;
  std::vector<NamedCondition> conditions;
  std::vector<RuleSpec> rules;
  std::vector<PackTest> tests;
  std::vector<RiskIndicator> risk;
  VerdictSpec verdict;
};

}  // namespace tiersight::rules
