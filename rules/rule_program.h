// One compiled expression made runnable over one figure table: its figure
// columns looked up once, its parameters set, its steps (named conditions,
// then the expression) as parsers bound to one slot array. Internal to the
// evaluator. Not thread-safe: one program per evaluation.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graph/figure_table.h"
#include "rules/rule_compiler.h"

namespace mu {
class Parser;
}

namespace tiersight::rules {

// A pack's parameters with the values of one audit.
using ParamValues = std::map<std::string, double>;

class RuleProgram {
 public:
  // `params` holds a value for every parameter the expression reads.
  RuleProgram(const CompiledExpression& expression, graph::FigureTable& table,
              const ParamValues& params);
  ~RuleProgram();
  RuleProgram(const RuleProgram&) = delete;
  RuleProgram& operator=(const RuleProgram&) = delete;

  // The expression's value for `row` of its scope.
  double Eval(size_t row);
  bool Holds(size_t row) { return Eval(row) != 0.0; }

  // The value of a figure the expression's scope may name, at `row` (a
  // network figure has one value for every row, a branch figure one per
  // branch).
  double Value(const std::string& name, size_t row);
  // Its catalogue entry and exact value, when its unit has one.
  const graph::FigureSpec& SpecOf(const std::string& name);
  std::optional<int64_t> Exact(const std::string& name, size_t row);

 private:
  struct Input {
    graph::FigureRef ref;
    const graph::FigureColumn* column;
  };
  const Input& InputOf(const std::string& name);
  size_t RowOf(const Input& input, size_t row) const;

  const CompiledExpression& expression_;
  graph::FigureTable& table_;
  std::vector<std::string> input_names_;
  std::vector<Input> inputs_;
  // Figures first (in expression_.figures order), then parameters, then one
  // slot per condition step; parsers hold addresses into it, so it is never
  // resized.
  std::vector<double> slots_;
  std::vector<std::unique_ptr<mu::Parser>> parsers_;  // one per step
  std::vector<size_t> step_slot_;                     // slot of each condition step
};

}  // namespace tiersight::rules
