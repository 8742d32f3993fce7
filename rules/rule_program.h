// One compiled rule made runnable over one figure table: its figure columns
// looked up once, its steps (named conditions, then `when`) as parsers bound
// to one slot array. Internal to the evaluator. Not thread-safe: one program
// per evaluation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/figure_table.h"
#include "rules/rule_compiler.h"

namespace mu {
class Parser;
}

namespace tiersight::rules {

class RuleProgram {
 public:
  RuleProgram(const CompiledRule& rule, graph::FigureTable& table);
  ~RuleProgram();
  RuleProgram(const RuleProgram&) = delete;
  RuleProgram& operator=(const RuleProgram&) = delete;

  // Whether the rule's condition holds for `row` of its scope.
  bool Holds(size_t row);

  // The value of a figure the rule may name, at `row` of its scope (a
  // network figure has one value for every row).
  double Value(const std::string& name, size_t row);

 private:
  struct Input {
    const graph::FigureColumn* column;
    bool network_wide;  // a network figure read from another scope
  };
  const Input& InputOf(const std::string& name);

  const CompiledRule& rule_;
  graph::FigureTable& table_;
  std::vector<std::string> input_names_;
  std::vector<Input> inputs_;
  // Figures first (in rule_.figures order), then one slot per condition
  // step; parsers hold addresses into it, so it is never resized.
  std::vector<double> slots_;
  std::vector<std::unique_ptr<mu::Parser>> parsers_;  // one per step
  std::vector<size_t> step_slot_;                     // slot of each condition step
};

}  // namespace tiersight::rules
