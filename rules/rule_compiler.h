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
  std::string name;  // the condition's name, or the rule id for `when`
  std::string expression;
  std::vector<std::string> figures;     // figure names it reads directly
  std::vector<std::string> conditions;  // conditions it reads directly
};

struct CompiledRule {
  const RuleSpec* spec = nullptr;
  // The conditions the rule reads, directly or through others, each after
  // those it reads; the rule's own `when` last.
  std::vector<CompiledStep> steps;
  // Every figure the steps read, sorted.
  std::vector<std::string> figures;
  // Figures the message template names (plus "subject" and "matches").
  std::vector<std::string> message_figures;
};

struct CompiledPack {
  std::shared_ptr<const RulePack> pack;
  std::vector<CompiledRule> rules;
};

// Compiles every rule of `pack`; problems are appended to `diagnostics`, and
// the pack is returned only when there was none.
std::optional<CompiledPack> CompilePack(std::shared_ptr<const RulePack> pack,
                                        std::vector<Diagnostic>& diagnostics);
std::optional<CompiledPack> CompilePack(const RulePack& pack, std::vector<Diagnostic>& diagnostics);

// The figure names a message template refers to ("{name}" or "{name:%}").
std::vector<std::string> TemplateFigures(const std::string& message);

}  // namespace tiersight::rules
