// Checks of a `when` or a named condition's text made before muparser sees
// it: bounded size and nesting, no assignment (muparser's `=` assigns a
// variable, so `a = b` written for `a == b` would compile and change the
// figure), no comma lists, and a condition at the top: the operator that
// binds last must be a comparison or a logical one (or `not`, or the name of
// a condition), never arithmetic, so `(1 < 2) + 5` is refused.
// Thread-safe (pure functions).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tiersight::rules {

inline constexpr size_t kMaxExpressionChars = 4096;
inline constexpr int kMaxExpressionNesting = 32;

struct ExpressionProblem {
  size_t offset = 0;  // byte offset into the expression
  std::string message;
};

// Size, nesting, assignment and comma checks, which every expression of a
// pack must pass (named conditions may compute a number, e.g. a team's
// fees). nullopt when the text passes.
std::optional<ExpressionProblem> CheckExpressionText(std::string_view expression);

// Those checks plus a condition at the top, for `when`. `is_condition(name)`
// says whether an identifier names a named condition that is itself a
// condition (not a number).
std::optional<ExpressionProblem> CheckConditionText(
    std::string_view expression, const std::function<bool(std::string_view)>& is_condition);

}  // namespace tiersight::rules
