#include "rules/rule_program.h"

#include <muParser.h>

#include <algorithm>

#include "rules/expression_parser.h"
#include "rules/figure_names.h"

namespace tiersight::rules {

RuleProgram::RuleProgram(const CompiledExpression& expression, graph::FigureTable& table,
                         const ParamValues& params)
    : expression_(expression), table_(table) {
  for (const std::string& name : expression.figures) InputOf(name);
  const size_t figure_count = expression.figures.size();
  const size_t param_count = expression.params.size();
  slots_.assign(figure_count + param_count + expression.steps.size(), 0.0);
  for (size_t p = 0; p < param_count; ++p) {
    auto it = params.find(expression.params[p]);
    slots_[figure_count + p] = it == params.end() ? 0.0 : it->second;
  }
  auto slot_of = [&](const std::string& name) -> double* {
    const auto figure =
        std::lower_bound(expression.figures.begin(), expression.figures.end(), name);
    if (figure != expression.figures.end() && *figure == name) {
      return &slots_[static_cast<size_t>(figure - expression.figures.begin())];
    }
    const auto param = std::lower_bound(expression.params.begin(), expression.params.end(), name);
    if (param != expression.params.end() && *param == name) {
      return &slots_[figure_count + static_cast<size_t>(param - expression.params.begin())];
    }
    for (size_t s = 0; s + 1 < expression.steps.size(); ++s) {
      if (expression.steps[s].name == name) return &slots_[figure_count + param_count + s];
    }
    return nullptr;  // the compiler resolved every name; not reached
  };
  for (size_t s = 0; s < expression.steps.size(); ++s) {
    const CompiledStep& step = expression.steps[s];
    std::unique_ptr<mu::Parser> parser = NewConditionParser();
    for (const std::string& f : step.figures) parser->DefineVar(f, slot_of(f));
    for (const std::string& p : step.params) parser->DefineVar(p, slot_of(p));
    for (const std::string& c : step.conditions) parser->DefineVar(c, slot_of(c));
    parser->SetExpr(step.expression);
    parsers_.push_back(std::move(parser));
    step_slot_.push_back(figure_count + param_count + s);
  }
}

RuleProgram::~RuleProgram() = default;

const RuleProgram::Input& RuleProgram::InputOf(const std::string& name) {
  for (size_t i = 0; i < input_names_.size(); ++i) {
    if (input_names_[i] == name) return inputs_[i];
  }
  const graph::FigureRef ref = graph::ResolveFigureRef(expression_.scope, name);
  input_names_.push_back(name);
  inputs_.push_back(Input{.ref = ref, .column = &table_.Column(*ref.spec)});
  return inputs_.back();
}

size_t RuleProgram::RowOf(const Input& input, size_t row) const {
  switch (input.ref.reach) {
    case graph::FigureReach::kOwn:
      return row;
    case graph::FigureReach::kNetwork:
      return 0;
    case graph::FigureReach::kBranch:
      return table_.figures().branch_of[row];
  }
  return row;
}

double RuleProgram::Value(const std::string& name, size_t row) {
  const Input& input = InputOf(name);
  return input.column->AsDouble(RowOf(input, row));
}

const graph::FigureSpec& RuleProgram::SpecOf(const std::string& name) {
  return *InputOf(name).ref.spec;
}

std::optional<int64_t> RuleProgram::Exact(const std::string& name, size_t row) {
  const Input& input = InputOf(name);
  if (!graph::IsExactUnit(input.ref.spec->unit)) return std::nullopt;
  return input.column->exact[RowOf(input, row)];
}

double RuleProgram::Eval(size_t row) {
  for (size_t i = 0; i < expression_.figures.size(); ++i) {
    const Input& input = inputs_[i];
    slots_[i] = input.column->AsDouble(RowOf(input, row));
  }
  const size_t last = parsers_.size() - 1;
  for (size_t s = 0; s < last; ++s) slots_[step_slot_[s]] = parsers_[s]->Eval();
  return parsers_[last]->Eval();
}

}  // namespace tiersight::rules
