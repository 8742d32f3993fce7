#include "rules/expression_check.h"

#include <cctype>
#include <vector>

#include "base/str_cat.h"

namespace tiersight::rules {
namespace {

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

// A span of the expression, trimmed of spaces and of parentheses that wrap
// all of it.
struct Span {
  size_t begin;
  size_t end;
};

Span Trim(std::string_view e, Span s) {
  while (true) {
    while (s.begin < s.end && std::isspace(static_cast<unsigned char>(e[s.begin]))) ++s.begin;
    while (s.end > s.begin && std::isspace(static_cast<unsigned char>(e[s.end - 1]))) --s.end;
    if (s.end - s.begin < 2 || e[s.begin] != '(' || e[s.end - 1] != ')') return s;
    // Strip only when the opening parenthesis closes at the very end.
    int depth = 0;
    for (size_t i = s.begin; i < s.end; ++i) {
      if (e[i] == '(') ++depth;
      if (e[i] == ')' && --depth == 0 && i != s.end - 1) return s;
    }
    ++s.begin;
    --s.end;
  }
}

// Offsets of operators found outside parentheses.
struct TopLevel {
  std::vector<size_t> question;  // '?'
  std::vector<size_t> colon;     // ':'
  bool logical = false;          // && ||
  bool comparison = false;       // < > <= >= == !=
  bool arithmetic = false;       // + - * / ^ after an operand
};

TopLevel Scan(std::string_view e, Span s) {
  TopLevel top;
  int depth = 0;
  bool after_operand = false;
  for (size_t i = s.begin; i < s.end; ++i) {
    const char c = e[i];
    if (c == '(') {
      ++depth;
      after_operand = false;
      continue;
    }
    if (c == ')') {
      --depth;
      after_operand = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (depth != 0) continue;
    const char next = i + 1 < s.end ? e[i + 1] : '\0';
    if ((c == '&' && next == '&') || (c == '|' && next == '|')) {
      top.logical = true;
      after_operand = false;
      ++i;
    } else if (c == '<' || c == '>' || ((c == '=' || c == '!') && next == '=')) {
      top.comparison = true;
      after_operand = false;
      if (next == '=') ++i;
    } else if (c == '?') {
      top.question.push_back(i);
      after_operand = false;
    } else if (c == ':') {
      top.colon.push_back(i);
      after_operand = false;
    } else if (c == '+' || c == '-' || c == '*' || c == '/' || c == '^') {
      if (after_operand) top.arithmetic = true;
      after_operand = false;
    } else if (c == '!') {
      after_operand = false;
    } else {
      after_operand = true;
    }
  }
  return top;
}

std::optional<ExpressionProblem> IsConditionAt(
    std::string_view e, Span s, const std::function<bool(std::string_view)>& is_condition,
    int depth) {
  s = Trim(e, s);
  const ExpressionProblem not_a_condition{
      s.begin, "must be a condition (a comparison or a logical combination), not a number"};
  if (depth > kMaxExpressionNesting) return ExpressionProblem{s.begin, "nested too deeply"};
  if (s.begin >= s.end) return ExpressionProblem{s.begin, "is empty"};
  const TopLevel top = Scan(e, s);
  if (!top.question.empty()) {
    // a ? b : c, with the first `?` and the last `:` at the top binding last
    // (muparser's ternary is right-associative).
    if (top.colon.empty()) return ExpressionProblem{top.question[0], "`?` without `:`"};
    const size_t q = top.question.front();
    const size_t colon = top.colon.back();
    if (auto p = IsConditionAt(e, {q + 1, colon}, is_condition, depth + 1)) return p;
    return IsConditionAt(e, {colon + 1, s.end}, is_condition, depth + 1);
  }
  if (top.logical || top.comparison) return std::nullopt;
  if (top.arithmetic) return not_a_condition;
  std::string_view text = e.substr(s.begin, s.end - s.begin);
  // `!x` with nothing binding after it is 0 or 1 whatever x is.
  if (text[0] == '!') return std::nullopt;
  if (text.starts_with("not") && text.size() > 3 && !IsIdentChar(text[3])) {
    return std::nullopt;  // not(x) is 0 or 1 whatever x is
  }
  size_t n = 0;
  while (n < text.size() && IsIdentChar(text[n])) ++n;
  if (n == text.size() && IsIdentStart(text[0]) && is_condition(text)) return std::nullopt;
  return not_a_condition;
}

}  // namespace

std::optional<ExpressionProblem> CheckExpressionText(std::string_view expression) {
  if (expression.size() > kMaxExpressionChars) {
    return ExpressionProblem{0, StrCat("is ", expression.size(), " characters long; at most ",
                                       kMaxExpressionChars, " are allowed")};
  }
  int depth = 0;
  for (size_t i = 0; i < expression.size(); ++i) {
    const char c = expression[i];
    if (c == '(' && ++depth > kMaxExpressionNesting) {
      return ExpressionProblem{i, StrCat("nests parentheses deeper than ", kMaxExpressionNesting)};
    }
    if (c == ')') --depth;
    if (c == '=') {
      const char before = i > 0 ? expression[i - 1] : '\0';
      const char after = i + 1 < expression.size() ? expression[i + 1] : '\0';
      const bool part_of_comparison =
          after == '=' || before == '=' || before == '<' || before == '>' || before == '!';
      if (!part_of_comparison) {
        return ExpressionProblem{i, "`=` assigns in an expression; write `==` to compare"};
      }
    }
    if (c == ',' && depth == 0) {
      return ExpressionProblem{i, "a comma outside a function call; write one expression"};
    }
  }
  return std::nullopt;
}

std::optional<ExpressionProblem> CheckConditionText(
    std::string_view expression, const std::function<bool(std::string_view)>& is_condition) {
  if (std::optional<ExpressionProblem> p = CheckExpressionText(expression)) return p;
  return IsConditionAt(expression, {0, expression.size()}, is_condition, 0);
}

}  // namespace tiersight::rules
