// What a rule found, with the evidence a reader needs to check it. Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/message.h"
#include "rules/rule_pack.h"

namespace tiersight::rules {

using FigureValues = std::vector<std::pair<std::string, double>>;

struct SubjectEvidence {
  std::string subject;  // "network", "level 3", "tier 总代", or an agent id
  FigureValues values;  // the rule's figures for that subject
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
  std::vector<std::string> subjects;           // what the finding is about
  int64_t matches = 0;                         // rows where `when` held
  int64_t evaluated = 0;                       // rows evaluated
  FigureValues values;                         // the figures that made `when` true (first subject)
  std::vector<SubjectEvidence> top_subjects;   // agent rules: the top N with their figures
  std::vector<std::string> deepest_chain;      // depth rules: top first
  int64_t deepest_chain_omitted = 0;           // agents left out after its first half
};

}  // namespace tiersight::rules
