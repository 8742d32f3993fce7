// A rule pack as read from YAML, before its expressions are compiled: every
// field keeps the place it came from, so that any later diagnostic can name
// the pack file, the rule and the line and column. Plain data.
#pragma once

#include <cstdint>
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
  // (the organisers, not everyone in their teams).
  bool highest_only = false;
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

struct RulePack {
  std::string file;
  std::string sha256;  // of the pack file's bytes
  std::string name;
  std::string version;
  std::string title;
  std::string description;
  std::string requires_engine;
  std::vector<NamedCondition> conditions;
  std::vector<RuleSpec> rules;
  std::vector<PackTest> tests;
};

}  // namespace tiersight::rules
