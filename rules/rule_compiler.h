// Compiles the `when` expressions of rule packs with muparser, after
// expanding the pack's named conditions, and checks every figure a rule, its
// message or its rank_by names against the catalogue of its scope. The
// compiled form is what the evaluator runs; it never touches YAML.
// Not thread-safe: a compiled rule owns its parser and its variable slots.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/rule_pack.h"

namespace mu {
class Parser;
}

namespace tiersight::rules {

struct CompiledRule {
  const RulePack* pack = nullptr;
  const RuleSpec* spec = nullptr;
  std::string expression;               // after named conditions are expanded
  std::vector<std::string> variables;   // figures the expression reads, sorted
  std::vector<std::string> message_figures;
  std::unique_ptr<mu::Parser> parser;
  std::unique_ptr<double[]> slots;      // one per variable, bound to the parser

  CompiledRule();
  CompiledRule(CompiledRule&&) noexcept;
  CompiledRule& operator=(CompiledRule&&) noexcept;
  ~CompiledRule();

  // Evaluates with slots already filled. True when the condition holds.
  bool Holds() const;
};

struct CompiledPack {
  const RulePack* pack = nullptr;
  std::vector<CompiledRule> rules;
};

// Compiles every rule of `pack`; problems are appended to `diagnostics`, and
// the pack is returned only when there was none.
std::optional<CompiledPack> CompilePack(const RulePack& pack, std::vector<Diagnostic>& diagnostics);

// The figure names a message template refers to ("{name}" or "{name:%}").
std::vector<std::string> TemplateFigures(const std::string& message);

}  // namespace tiersight::rules
