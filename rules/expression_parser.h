// muparser set up the one way conditions are read: the built-in operators
// plus `not(x)` and the prefix `!x` (muparser has neither). muparser binds a
// variable to an address and a parser is not thread-safe, so every
// evaluation makes its own parsers; the compiled packs they read stay
// shared and immutable. Thread-compatible.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mu {
class Parser;
}

namespace tiersight::rules {

// A parser with `not` and `!` defined and no variables.
std::unique_ptr<mu::Parser> NewConditionParser();

// The identifiers `expression` reads (figures and conditions alike), sorted,
// or the syntax error with its byte offset.
struct ParsedExpression {
  std::vector<std::string> identifiers;
  std::optional<int> error_offset;
  std::string error;
};
ParsedExpression ParseExpression(const std::string& expression);

}  // namespace tiersight::rules
