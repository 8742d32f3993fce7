// Compiles rule packs: checks every `when`, named condition, message and
// rank_by against the figure catalogue of the rule's scope, and orders the
// named conditions a rule uses so that each is evaluated once per row before
// whatever reads it. Conditions stay separate steps referring to each other
// by name (a graph, never a textual expansion), so a pack's compiled size is
// bounded by its text. The compiled form is immutable and may be shared by
// concurrent evaluations (each evaluation makes its own parsers).
// Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule_pack.h"

namespace tiersight::rules {

inline constexpr size_t kMaxConditions = 256;

// One expression an evaluation runs per row.
struct CompiledStep {
  std::string name;  // the condition's name, or what the expression is for
  std::string expression;
  std::vector<std::string> figures;     // figure names it reads directly
  std::vector<std::string> conditions;  // conditions it reads directly
  std::vector<std::string> params;      // parameters it reads directly
};

// An expression of one scope with the named conditions it reads, directly
// or through others, each after those it reads; the expression itself last.
struct CompiledExpression {
  graph::FigureScope scope = graph::FigureScope::kNetwork;
  std::vector<CompiledStep> steps;
  std::vector<std::string> figures;  // every figure the steps read, sorted
  std::vector<std::string> params;   // every parameter the steps read, sorted
};

struct CompiledRule {
  const RuleSpec* spec = nullptr;
  CompiledExpression when;
  std::optional<CompiledExpression> grade_by;  // a network rule's `grade.by`
  // Figures the message template names (plus "subject" and "matches").
  std::vector<std::string> message_figures;
};

struct CompiledIndicator {
  const RiskIndicator* spec = nullptr;
  CompiledExpression network;
  std::optional<CompiledExpression> organiser;
};

struct CompiledPack {
  std::shared_ptr<const RulePack> pack;
  std::vector<CompiledRule> rules;
  std::vector<CompiledIndicator> risk;
};

// Compiles every rule of `pack`; problems are appended to `diagnostics`, and
// the pack is returned only when there was none.
std::optional<CompiledPack> CompilePack(std::shared_ptr<const RulePack> pack,
                                        std::vector<Diagnostic>& diagnostics);
std::optional<CompiledPack> CompilePack(const RulePack& pack, std::vector<Diagnostic>& diagnostics);

// The figure names a message template refers to ("{name}" or "{name:%}").
std::vector<std::string> TemplateFigures(const std::string& message);

}  // namespace tiersight::rules
