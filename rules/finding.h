// What a rule found, with the evidence a reader needs to check it. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/message.h"
#include "graph/figure_catalogue.h"
#include "rules/rule_pack.h"

namespace tiersight::rules {

// A figure (or parameter) as a finding states it: its value, its unit, and
// for counts, units and money the exact integer it was computed from (money
// in 1/10,000 of the currency).
struct FigureValue {
  std::string name;
  double value = 0;
  graph::FigureUnit unit = graph::FigureUnit::kRatio;
  std::optional<int64_t> exact;
  bool operator==(const FigureValue&) const = default;
};
using FigureValues = std::vector<FigureValue>;

struct SubjectEvidence {
  std::string subject;  // "network", "level 3", "tier 总代", or an agent id
  FigureValues values;  // the rule's figures for that subject
};

// An organiser of a criminal-threshold finding and its team.
struct OrganiserRow {
  uint32_t agent = 0;
  std::string agent_id;
  std::string within;  // the outermost organiser above it, or empty
  int64_t team_size = 0;
  int64_t team_levels = 0;
  int64_t team_paid_in = 0;  // money, exact
  int64_t own_net_cash = 0;  // money, exact
};

// Why the finding has its severity.
struct Grading {
  std::string basis = "rule";  // or what was measured, e.g. "share of units_on_hand"
  std::optional<FigureValue> measure;
  Severity max_severity = Severity::kInfo;
};

struct Finding {
  std::string pack;
  std::string pack_version;
  std::string rule_id;
  std::string title;
  Severity severity = Severity::kInfo;
  Scope scope = Scope::kNetwork;
  std::vector<std::string> tags;
  std::string cite;
  std::string message;                         // rendered from the two below
  std::string message_template;                // the pack's message as written
  std::vector<base::MessageArg> message_args;  // one per placeholder, in order
  // Every subject the finding concerns (ranked for agent rules, in row order
  // for groups); `shown` of them are in the message and the evidence.
  std::vector<std::string> subjects;
  std::vector<uint32_t> subject_rows;  // the rows of `subjects` in the rule's scope
  int shown = 0;
  int64_t matches = 0;    // rows where `when` held
  int64_t evaluated = 0;  // rows evaluated
  FigureValues values;    // the figures that made `when` true (first subject)
  FigureValues params;    // the pack parameters the rule read
  // The rule's `when` as the pack writes it, and the named conditions it
  // reads (directly or through others), each after those it reads.
  std::string condition;
  std::vector<std::pair<std::string, std::string>> named_conditions;
  std::vector<SubjectEvidence> top_subjects;  // the shown subjects with their figures
  std::vector<OrganiserRow> organisers;       // organiser rules: every organiser
  Grading grading;
  std::vector<std::string> deepest_chain;  // depth rules: top first
  int64_t deepest_chain_omitted = 0;       // agents left out after its first half
};

}  // namespace tiersight::rules
