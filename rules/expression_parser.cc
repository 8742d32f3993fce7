#include "rules/expression_parser.h"

#include <muParser.h>

#include <deque>

namespace tiersight::rules {
namespace {

double Not(double v) { return v == 0.0 ? 1.0 : 0.0; }

}  // namespace

std::unique_ptr<mu::Parser> NewConditionParser() {
  auto parser = std::make_unique<mu::Parser>();
  parser->DefineFun("not", Not);
  parser->DefineInfixOprt("!", Not);
  return parser;
}

ParsedExpression ParseExpression(const std::string& expression) {
  ParsedExpression out;
  std::unique_ptr<mu::Parser> parser = NewConditionParser();
  try {
    parser->SetExpr(expression);
    // GetUsedVar lists every identifier, defined or not, without failing on
    // the undefined ones.
    for (const auto& [name, _] : parser->GetUsedVar()) out.identifiers.push_back(name);
    // Then with every identifier defined, a full parse finds syntax errors.
    std::deque<double> slots(out.identifiers.size(), 0.0);
    size_t i = 0;
    for (const std::string& name : out.identifiers) parser->DefineVar(name, &slots[i++]);
    parser->SetExpr(expression);
    parser->Eval();
  } catch (const mu::Parser::exception_type& e) {
    out.error_offset = static_cast<int>(e.GetPos());
    out.error = e.GetMsg();
  }
  return out;
}

}  // namespace tiersight::rules
