#include "rules/rule_compiler.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "base/str_cat.h"
#include "rules/expression_check.h"
#include "rules/expression_parser.h"
#include "rules/figure_names.h"

namespace tiersight::rules {
namespace {

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

Location Offset(const Location& at, size_t offset) {
  Location l = at;
  l.column += static_cast<int>(offset);
  return l;
}

// Byte offset of `word` as a whole identifier in `text` (0 if absent).
size_t WordAt(const std::string& text, const std::string& word) {
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t i = text.find(word); i != std::string::npos; i = text.find(word, i + 1)) {
    const bool starts = i == 0 || !ident(text[i - 1]);
    const bool ends = i + word.size() == text.size() || !ident(text[i + word.size()]);
    if (starts && ends) return i;
  }
  return 0;
}

bool NamesAnyFigure(std::string_view name) {
  for (graph::FigureScope scope : graph::kFigureScopes) {
    if (ResolveFigure(scope, name) != nullptr) return true;
  }
  return false;
}

// A pack's named conditions, each checked and parsed once whatever the
// number of rules that use it.
class ConditionGraph {
 public:
  struct Node {
    const NamedCondition* source = nullptr;
    std::vector<std::string> identifiers;
    bool ok = false;
    // Its value is a condition (0 or 1), not a number such as a team's fees.
    bool boolean = false;
  };

  ConditionGraph(const RulePack& pack, std::vector<Diagnostic>& diagnostics) {
    if (pack.conditions.size() > kMaxConditions) {
      diagnostics.push_back({pack.conditions[kMaxConditions].where, "",
                             StrCat("a pack may name at most ", kMaxConditions, " conditions")});
      return;
    }
    for (const NamedCondition& c : pack.conditions) {
      if (!IsIdentifier(c.name)) {
        diagnostics.push_back(
            {c.where, "", StrCat("condition name '", c.name, "' is not an identifier")});
        continue;
      }
      if (NamesAnyFigure(c.name)) {
        diagnostics.push_back(
            {c.where, "",
             StrCat("condition name '", c.name, "' is the name of a figure; choose another")});
        continue;
      }
      nodes_.emplace(c.name, Node{.source = &c, .identifiers = {}, .ok = false});
    }
    for (auto& [name, node] : nodes_) {
      const NamedCondition& c = *node.source;
      if (std::optional<ExpressionProblem> p = CheckExpressionText(c.expression)) {
        diagnostics.push_back(
            {Offset(c.where, p->offset), "", StrCat("condition '", name, "' ", p->message)});
        continue;
      }
      ParsedExpression parsed = ParseExpression(c.expression);
      if (parsed.error_offset) {
        diagnostics.push_back({Offset(c.where, static_cast<size_t>(*parsed.error_offset)), "",
                               StrCat("condition '", name, "' does not parse: ", parsed.error)});
        continue;
      }
      node.identifiers = std::move(parsed.identifiers);
      node.ok = true;
    }
    // Cycles are a property of the pack, reported once at the condition
    // that closes them.
    for (const auto& [name, node] : nodes_) {
      std::vector<std::string> path;
      if (ClosesCycle(name, name, path)) {
        diagnostics.push_back(
            {node.source->where, "",
             StrCat("condition '", name, "' refers to itself through ", StrJoin(path, " -> "))});
        cyclic_.insert(name);
      }
    }
    for (auto& [name, node] : nodes_) node.boolean = IsBoolean(name, 0);
  }

  bool Has(std::string_view name) const { return nodes_.contains(std::string(name)); }
  bool Boolean(std::string_view name) const {
    auto it = nodes_.find(std::string(name));
    return it != nodes_.end() && it->second.boolean;
  }
  const Node& Get(const std::string& name) const { return nodes_.at(name); }
  bool Cyclic(const std::string& name) const { return cyclic_.contains(name); }

 private:
  // Memoised, so a chain of ternaries naming each other is checked once per
  // name; a name met again while it is being checked is not boolean.
  bool IsBoolean(const std::string& name, size_t depth) {
    if (auto it = boolean_memo_.find(name); it != boolean_memo_.end()) return it->second;
    boolean_memo_[name] = false;
    const Node& node = nodes_.at(name);
    bool boolean = false;
    if (node.ok && !cyclic_.contains(name) && depth <= nodes_.size()) {
      boolean = !CheckConditionText(node.source->expression, [&](std::string_view n) {
                   return Has(n) && IsBoolean(std::string(n), depth + 1);
                 }).has_value();
    }
    return boolean_memo_[name] = boolean;
  }

  bool ClosesCycle(const std::string& start, const std::string& at,
                   std::vector<std::string>& path) const {
    if (path.size() > nodes_.size()) return false;
    for (const std::string& id : nodes_.at(at).identifiers) {
      if (!Has(id)) continue;
      path.push_back(id);
      if (id == start || ClosesCycle(start, id, path)) return true;
      path.pop_back();
    }
    return false;
  }

  absl::flat_hash_map<std::string, Node> nodes_;
  std::set<std::string> cyclic_;
  std::map<std::string, bool> boolean_memo_;
};

class RuleCompiler {
 public:
  RuleCompiler(const RuleSpec& spec, const ConditionGraph& graph,
               std::vector<Diagnostic>& diagnostics)
      : spec_(spec), graph_(graph), diagnostics_(diagnostics) {}

  std::optional<CompiledRule> Compile() {
    const size_t before = diagnostics_.size();
    CompiledRule rule;
    rule.spec = &spec_;
    if (std::optional<ExpressionProblem> p = CheckConditionText(
            spec_.when, [this](std::string_view n) { return graph_.Boolean(n); })) {
      Fail(Offset(spec_.when_at, p->offset), StrCat("`when` ", p->message));
      return std::nullopt;
    }
    ParsedExpression parsed = ParseExpression(spec_.when);
    if (parsed.error_offset) {
      // An unknown figure is the likelier mistake than a syntax error when
      // muparser stops at an identifier.
      Fail(Offset(spec_.when_at, static_cast<size_t>(*parsed.error_offset)),
           StrCat("`when` does not parse: ", parsed.error));
      return std::nullopt;
    }
    CompiledStep when{.name = spec_.id, .expression = spec_.when, .figures = {}, .conditions = {}};
    std::set<std::string> figures;
    for (const std::string& id : parsed.identifiers) {
      if (graph_.Has(id)) {
        when.conditions.push_back(id);
        AddCondition(id, rule.steps, figures);
      } else if (ResolveFigure(spec_.scope, id) != nullptr) {
        when.figures.push_back(id);
        figures.insert(id);
      } else {
        Fail(Offset(spec_.when_at, WordAt(spec_.when, id)), UnknownFigure(id));
      }
    }
    rule.steps.push_back(std::move(when));
    rule.figures.assign(figures.begin(), figures.end());
    for (const std::string& name : TemplateFigures(spec_.message)) {
      if (name == "matches" || name == "subject" || ResolveFigure(spec_.scope, name) != nullptr) {
        rule.message_figures.push_back(name);
      } else {
        Fail(spec_.message_at, StrCat("the message names unknown figure '", name, "'"));
      }
    }
    if (!spec_.rank_by.empty() && ResolveFigure(spec_.scope, spec_.rank_by) == nullptr) {
      Fail(spec_.rank_by_at, StrCat("`rank_by` names unknown figure '", spec_.rank_by, "'"));
    }
    if (diagnostics_.size() != before) return std::nullopt;
    return rule;
  }

 private:
  std::string UnknownFigure(const std::string& name) const {
    return StrCat("unknown figure '", name, "' in a ", ScopeName(spec_.scope),
                  " rule (see `tiersight rules figures`)");
  }

  // Adds `name` and the conditions it reads, each after what it reads.
  void AddCondition(const std::string& name, std::vector<CompiledStep>& steps,
                    std::set<std::string>& figures) {
    if (added_.contains(name) || graph_.Cyclic(name)) return;
    added_.insert(name);
    const ConditionGraph::Node& node = graph_.Get(name);
    if (!node.ok) {
      return;  // reported with the condition already
    }
    CompiledStep step{
        .name = name, .expression = node.source->expression, .figures = {}, .conditions = {}};
    for (const std::string& id : node.identifiers) {
      if (graph_.Has(id)) {
        step.conditions.push_back(id);
        AddCondition(id, steps, figures);
      } else if (ResolveFigure(spec_.scope, id) != nullptr) {
        step.figures.push_back(id);
        figures.insert(id);
      } else {
        const NamedCondition& c = *node.source;
        Fail(Offset(c.where, WordAt(c.expression, id)),
             StrCat(UnknownFigure(id), ", through condition '", name, "'"));
      }
    }
    steps.push_back(std::move(step));
  }

  void Fail(Location where, std::string message) {
    diagnostics_.push_back({std::move(where), spec_.id, std::move(message)});
  }

  const RuleSpec& spec_;
  const ConditionGraph& graph_;
  std::vector<Diagnostic>& diagnostics_;
  std::set<std::string> added_;
};

}  // namespace

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

std::optional<CompiledPack> CompilePack(std::shared_ptr<const RulePack> pack,
                                        std::vector<Diagnostic>& diagnostics) {
  const size_t before = diagnostics.size();
  ConditionGraph graph(*pack, diagnostics);
  CompiledPack out;
  for (const RuleSpec& spec : pack->rules) {
    std::optional<CompiledRule> rule = RuleCompiler(spec, graph, diagnostics).Compile();
    if (rule) out.rules.push_back(std::move(*rule));
  }
  if (diagnostics.size() != before) return std::nullopt;
  out.pack = std::move(pack);
  return out;
}

std::optional<CompiledPack> CompilePack(const RulePack& pack,
                                        std::vector<Diagnostic>& diagnostics) {
  return CompilePack(std::make_shared<const RulePack>(pack), diagnostics);
}

}  // namespace tiersight::rules
