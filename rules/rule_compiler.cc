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

// The parameters a pack's expressions may read: its own, and the figure
// parameters of the catalogue (at their defaults unless the pack sets them).
class ParamNames {
 public:
  ParamNames(const RulePack& pack, std::vector<Diagnostic>& diagnostics) {
    for (const PackParam& p : pack.params) {
      if (NamesAnyFigure(p.name)) {
        diagnostics.push_back(
            {p.where, "", StrCat("parameter name '", p.name, "' is the name of a figure")});
        continue;
      }
      if (const graph::FigureParamSpec* figure = graph::FindFigureParam(p.name)) {
        if (figure->unit != p.unit) {
          diagnostics.push_back({p.where, "",
                                 StrCat("parameter `", p.name,
                                        "` sets a figure parameter whose "
                                        "unit is ",
                                        graph::UnitName(figure->unit))});
        }
        if (p.min < figure->min || p.max > figure->max) {
          diagnostics.push_back({p.where, "",
                                 StrCat("parameter `", p.name, "` may range only within ",
                                        figure->min, "..", figure->max)});
        }
      }
      names_.insert(p.name);
    }
    for (const graph::FigureParamSpec& p : graph::FigureParams()) names_.insert(p.name);
  }
  bool Has(std::string_view name) const { return names_.contains(std::string(name)); }

 private:
  std::set<std::string> names_;
};

// Compiles one expression of a scope against the pack's conditions,
// parameters and the figure catalogue.
class ExpressionCompiler {
 public:
  ExpressionCompiler(std::string rule_id, graph::FigureScope scope, const ConditionGraph& graph,
                     const ParamNames& params, std::vector<Diagnostic>& diagnostics)
      : rule_id_(std::move(rule_id)),
        scope_(scope),
        graph_(graph),
        params_(params),
        diagnostics_(diagnostics) {}

  // `what` names the expression in messages ("`when`", "`grade.by`").
  // `condition`: its top must be a condition. nullopt when a problem was
  // reported.
  std::optional<CompiledExpression> Compile(const std::string& text, const Location& at,
                                            std::string_view what, std::string step_name,
                                            bool condition) {
    const size_t before = diagnostics_.size();
    std::optional<ExpressionProblem> problem =
        condition
            ? CheckConditionText(text, [this](std::string_view n) { return graph_.Boolean(n); })
            : CheckExpressionText(text);
    if (problem) {
      Fail(Offset(at, problem->offset), StrCat(what, " ", problem->message));
      return std::nullopt;
    }
    ParsedExpression parsed = ParseExpression(text);
    if (parsed.error_offset) {
      Fail(Offset(at, static_cast<size_t>(*parsed.error_offset)),
           StrCat(what, " does not parse: ", parsed.error));
      return std::nullopt;
    }
    CompiledExpression out;
    out.scope = scope_;
    CompiledStep self{.name = std::move(step_name),
                      .expression = text,
                      .figures = {},
                      .conditions = {},
                      .params = {}};
    Sort(parsed.identifiers, self, out,
         [&](const std::string& id) { Fail(Offset(at, WordAt(text, id)), UnknownFigure(id)); });
    out.steps.push_back(std::move(self));
    out.figures.assign(figures_.begin(), figures_.end());
    out.params.assign(params_read_.begin(), params_read_.end());
    if (diagnostics_.size() != before) return std::nullopt;
    return out;
  }

 private:
  std::string UnknownFigure(const std::string& name) const {
    return StrCat("unknown figure '", name, "' in a ", ScopeName(scope_),
                  " rule (see `tiersight rules figures`)");
  }

  // Files each identifier of a step as a condition (added before the step),
  // a parameter or a figure; `unknown` reports anything else.
  template <typename Unknown>
  void Sort(const std::vector<std::string>& identifiers, CompiledStep& step,
            CompiledExpression& out, const Unknown& unknown) {
    for (const std::string& id : identifiers) {
      if (graph_.Has(id)) {
        step.conditions.push_back(id);
        AddCondition(id, out);
      } else if (params_.Has(id)) {
        step.params.push_back(id);
        params_read_.insert(id);
      } else if (ResolveFigure(scope_, id) != nullptr) {
        step.figures.push_back(id);
        figures_.insert(id);
      } else {
        unknown(id);
      }
    }
  }

  // Adds `name` and the conditions it reads, each after what it reads.
  void AddCondition(const std::string& name, CompiledExpression& out) {
    if (added_.contains(name) || graph_.Cyclic(name)) return;
    added_.insert(name);
    const ConditionGraph::Node& node = graph_.Get(name);
    if (!node.ok) return;  // reported with the condition already
    CompiledStep step{.name = name,
                      .expression = node.source->expression,
                      .figures = {},
                      .conditions = {},
                      .params = {}};
    const NamedCondition& c = *node.source;
    Sort(node.identifiers, step, out, [&](const std::string& id) {
      Fail(Offset(c.where, WordAt(c.expression, id)),
           StrCat(UnknownFigure(id), ", through condition '", name, "'"));
    });
    out.steps.push_back(std::move(step));
  }

  void Fail(Location where, std::string message) {
    diagnostics_.push_back({std::move(where), rule_id_, std::move(message)});
  }

  std::string rule_id_;
  graph::FigureScope scope_;
  const ConditionGraph& graph_;
  const ParamNames& params_;
  std::vector<Diagnostic>& diagnostics_;
  std::set<std::string> added_;
  std::set<std::string> figures_;
  std::set<std::string> params_read_;
};

std::optional<CompiledRule> CompileRule(const RuleSpec& spec, const ConditionGraph& graph,
                                        const ParamNames& params,
                                        std::vector<Diagnostic>& diagnostics) {
  const size_t before = diagnostics.size();
  auto fail = [&](Location where, std::string message) {
    diagnostics.push_back({std::move(where), spec.id, std::move(message)});
  };
  CompiledRule rule;
  rule.spec = &spec;
  std::optional<CompiledExpression> when =
      ExpressionCompiler(spec.id, spec.scope, graph, params, diagnostics)
          .Compile(spec.when, spec.when_at, "`when`", spec.id, /*condition=*/true);
  if (!when) return std::nullopt;
  rule.when = std::move(*when);
  for (const std::string& name : TemplateFigures(spec.message)) {
    if (name == "matches" || name == "subject" || params.Has(name) ||
        ResolveFigure(spec.scope, name) != nullptr) {
      rule.message_figures.push_back(name);
    } else {
      fail(spec.message_at, StrCat("the message names unknown figure '", name, "'"));
    }
  }
  if (!spec.rank_by.empty() && ResolveFigure(spec.scope, spec.rank_by) == nullptr) {
    fail(spec.rank_by_at, StrCat("`rank_by` names unknown figure '", spec.rank_by, "'"));
  }
  if (spec.grade) {
    const Grade& g = *spec.grade;
    if (!g.by.empty()) {
      rule.grade_by = ExpressionCompiler(spec.id, spec.scope, graph, params, diagnostics)
                          .Compile(g.by, g.by_at, "`grade.by`", "grade", /*condition=*/false);
    } else if (g.share_of != "subjects") {
      const graph::FigureRef ref = graph::ResolveFigureRef(spec.scope, g.share_of);
      if (!ref || ref.reach != graph::FigureReach::kOwn || !graph::IsExactUnit(ref.spec->unit)) {
        fail(g.where, StrCat("`grade.share_of` must name a count, units or money figure of the ",
                             ScopeName(spec.scope), " (or `subjects`), not '", g.share_of, "'"));
      }
    }
  }
  if (diagnostics.size() != before) return std::nullopt;
  return rule;
}

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
  const ParamNames params(*pack, diagnostics);
  CompiledPack out;
  for (const RuleSpec& spec : pack->rules) {
    std::optional<CompiledRule> rule = CompileRule(spec, graph, params, diagnostics);
    if (rule) out.rules.push_back(std::move(*rule));
  }
  for (const RiskIndicator& indicator : pack->risk) {
    CompiledIndicator compiled{.spec = &indicator, .network = {}, .organiser = {}};
    const std::string id = StrCat("risk ", indicator.id);
    std::optional<CompiledExpression> network =
        ExpressionCompiler(id, graph::FigureScope::kNetwork, graph, params, diagnostics)
            .Compile(indicator.network, indicator.network_at, "`network`", indicator.id, false);
    if (!network) continue;
    compiled.network = std::move(*network);
    if (!indicator.organiser.empty()) {
      compiled.organiser =
          ExpressionCompiler(id, graph::FigureScope::kAgent, graph, params, diagnostics)
              .Compile(indicator.organiser, indicator.organiser_at, "`organiser`", indicator.id,
                       false);
    }
    out.risk.push_back(std::move(compiled));
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
