#include "rules/rule_program.h"

#include <muParser.h>

#include <algorithm>

#include "rules/expression_parser.h"
#include "rules/figure_names.h"

namespace tiersight::rules {

RuleProgram::RuleProgram(const CompiledRule& rule, graph::FigureTable& table)
    : rule_(rule), table_(table) {
  for (const std::string& name : rule.figures) InputOf(name);
  const size_t figure_count = rule.figures.size();
  slots_.assign(figure_count + rule.steps.size(), 0.0);
  auto slot_of = [&](const std::string& name) -> double* {
    const auto figure = std::lower_bound(rule.figures.begin(), rule.figures.end(), name);
    if (figure != rule.figures.end() && *figure == name) {
      return &slots_[static_cast<size_t>(figure - rule.figures.begin())];
    }
    for (size_t s = 0; s + 1 < rule.steps.size(); ++s) {
      if (rule.steps[s].name == name) return &slots_[figure_count + s];
    }
    return nullptr;  // the compiler resolved every name; not reached
  };
  for (size_t s = 0; s < rule.steps.size(); ++s) {
    const CompiledStep& step = rule.steps[s];
    std::unique_ptr<mu::Parser> parser = NewConditionParser();
    for (const std::string& f : step.figures) parser->DefineVar(f, slot_of(f));
    for (const std::string& c : step.conditions) parser->DefineVar(c, slot_of(c));
    parser->SetExpr(step.expression);
    parsers_.push_back(std::move(parser));
    step_slot_.push_back(figure_count + s);
  }
}

RuleProgram::~RuleProgram() = default;

const RuleProgram::Input& RuleProgram::InputOf(const std::string& name) {
  for (size_t i = 0; i < input_names_.size(); ++i) {
    if (input_names_[i] == name) return inputs_[i];
  }
  const graph::FigureSpec* spec = ResolveFigure(rule_.spec->scope, name);
  input_names_.push_back(name);
  inputs_.push_back(
      Input{.column = &table_.Column(*spec), .network_wide = spec->scope != rule_.spec->scope});
  return inputs_.back();
}

double RuleProgram::Value(const std::string& name, size_t row) {
  const Input& input = InputOf(name);
  return input.column->AsDouble(input.network_wide ? 0 : row);
}

bool RuleProgram::Holds(size_t row) {
  for (size_t i = 0; i < rule_.figures.size(); ++i) {
    const Input& input = inputs_[i];
    slots_[i] = input.column->AsDouble(input.network_wide ? 0 : row);
  }
  const size_t last = parsers_.size() - 1;
  for (size_t s = 0; s < last; ++s) slots_[step_slot_[s]] = parsers_[s]->Eval();
  return parsers_[last]->Eval() != 0.0;
}

}  // namespace tiersight::rules
