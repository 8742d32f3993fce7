#include "rules/rule_compiler.h"

#include <muParser.h>

#include <algorithm>
#include <optional>

#include "base/str_cat.h"

namespace tiersight::rules {
namespace {

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

// Replaces every identifier that names a condition with its parenthesised
// expression. Conditions may use conditions defined before them.
std::string Expand(const std::string& text,
                   const std::vector<std::pair<std::string, std::string>>& conditions) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (IsIdentStart(text[i]) && (i == 0 || !IsIdentChar(text[i - 1]))) {
      size_t j = i;
      while (j < text.size() && IsIdentChar(text[j])) ++j;
      const std::string word = text.substr(i, j - i);
      bool replaced = false;
      for (const auto& [name, expr] : conditions) {
        if (name == word) {
          out += "(" + expr + ")";
          replaced = true;
          break;
        }
      }
      if (!replaced) out += word;
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}

double Not(double v) { return v == 0.0 ? 1.0 : 0.0; }

bool IsCondition(const std::string& expr) {
  for (const char* op : {"<", ">", "==", "!=", "&&", "||", "not("}) {
    if (expr.find(op) != std::string::npos) return true;
  }
  return false;
}

// Position of `word` as a whole identifier in `text` (0 if absent).
int WordAt(const std::string& text, const std::string& word) {
  for (size_t i = text.find(word); i != std::string::npos; i = text.find(word, i + 1)) {
    const bool starts = i == 0 || !IsIdentChar(text[i - 1]);
    const bool ends = i + word.size() == text.size() || !IsIdentChar(text[i + word.size()]);
    if (starts && ends) return static_cast<int>(i);
  }
  return 0;
}

Location Offset(const Location& at, int pos) {
  Location l = at;
  l.column += pos;
  return l;
}

}  // namespace

CompiledRule::CompiledRule() = default;
CompiledRule::CompiledRule(CompiledRule&&) noexcept = default;
CompiledRule& CompiledRule::operator=(CompiledRule&&) noexcept = default;
CompiledRule::~CompiledRule() = default;

bool CompiledRule::Holds() const { return parser->Eval() != 0.0; }

std::vector<std::string> TemplateFigures(const std::string& message) {
  std::vector<std::string> names;
  for (size_t i = message.find('{'); i != std::string::npos; i = message.find('{', i + 1)) {
    const size_t end = message.find('}', i);
    if (end == std::string::npos) break;
    std::string name = message.substr(i + 1, end - i - 1);
    if (const size_t colon = name.find(':'); colon != std::string::npos) name.resize(colon);
    names.push_back(name);
  }
  return names;
}

std::optional<CompiledPack> CompilePack(const RulePack& pack, std::vector<Diagnostic>& diagnostics) {
  const size_t errors_before = diagnostics.size();
  CompiledPack out;
  out.pack = &pack;
  std::vector<std::pair<std::string, std::string>> conditions;
  for (const auto& [name, expr] : pack.conditions) {
    conditions.emplace_back(name, Expand(expr, conditions));
  }
  for (const RuleSpec& spec : pack.rules) {
    auto fail = [&](Location where, std::string message) {
      diagnostics.push_back({std::move(where), spec.id, std::move(message)});
    };
    CompiledRule rule;
    rule.pack = &pack;
    rule.spec = &spec;
    rule.expression = Expand(spec.when, conditions);
    const std::vector<CatalogueEntry>& catalogue = FigureCatalogue(spec.scope);
    rule.parser = std::make_unique<mu::Parser>();
    rule.slots = std::make_unique<double[]>(catalogue.size());
    try {
      mu::Parser& p = *rule.parser;
      p.DefineFun("not", Not);
      p.DefineInfixOprt("!", Not);
      for (size_t i = 0; i < catalogue.size(); ++i) p.DefineVar(catalogue[i].name, &rule.slots[i]);
      p.SetExpr(rule.expression);
      // GetUsedVar collects every identifier, defined or not.
      for (const auto& [name, _] : p.GetUsedVar()) rule.variables.push_back(name);
      bool unknown = false;
      for (const std::string& name : rule.variables) {
        if (IsKnownFigure(spec.scope, name)) continue;
        const bool expanded = rule.expression != spec.when;
        const Location where = expanded ? spec.when_at : Offset(spec.when_at, WordAt(spec.when, name));
        fail(where, StrCat("unknown figure '", name, "' in a ", ScopeName(spec.scope),
                           " rule (see `tiersight rules figures`)"));
        unknown = true;
      }
      if (unknown) continue;
      p.Eval();  // parses fully: syntax errors surface here
    } catch (const mu::Parser::exception_type& e) {
      const std::string& token = e.GetToken();
      const bool unknown = !token.empty() && IsIdentStart(token[0]) && !IsKnownFigure(spec.scope, token);
      const bool expanded = rule.expression != spec.when;
      const Location where = expanded ? spec.when_at : Offset(spec.when_at, e.GetPos());
      if (unknown) {
        fail(where, StrCat("unknown figure '", token, "' in a ", ScopeName(spec.scope),
                           " rule (see `tiersight rules figures`)"));
      } else {
        fail(where, StrCat("`when` does not parse: ", e.GetMsg()));
      }
      continue;
    }
    if (!IsCondition(rule.expression)) {
      fail(spec.when_at, "`when` must be a condition (a comparison or a logical combination), not a number");
      continue;
    }
    // Rebind only the variables used, in a compact slot array.
    rule.slots = std::make_unique<double[]>(rule.variables.size());
    rule.parser->ClearVar();
    for (size_t i = 0; i < rule.variables.size(); ++i) rule.parser->DefineVar(rule.variables[i], &rule.slots[i]);
    rule.parser->SetExpr(rule.expression);
    bool ok = true;
    for (const std::string& name : TemplateFigures(spec.message)) {
      if (name == "matches" || name == "subject" || IsKnownFigure(spec.scope, name)) {
        rule.message_figures.push_back(name);
        continue;
      }
      fail(spec.message_at, StrCat("the message names unknown figure '", name, "'"));
      ok = false;
    }
    if (!spec.rank_by.empty() && !IsKnownFigure(spec.scope, spec.rank_by)) {
      fail(spec.rank_by_at, StrCat("`rank_by` names unknown figure '", spec.rank_by, "'"));
      ok = false;
    }
    if (ok) out.rules.push_back(std::move(rule));
  }
  if (diagnostics.size() != errors_before) return std::nullopt;
  return out;
}

}  // namespace tiersight::rules
