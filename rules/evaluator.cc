#include "rules/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>

#include "base/str_cat.h"
#include "rules/figure_names.h"
#include "rules/rule_program.h"
#include "rules/value_text.h"

namespace tiersight::rules {
namespace {

// Chains longer than this are shortened in the evidence, keeping both ends.
constexpr size_t kChainShown = 200;

bool IsDepthRule(const CompiledRule& rule) {
  for (const std::string& v : rule.when.figures) {
    if (v == "max_depth" || v == "network_max_depth" || v == "depth" || v == "team_levels" ||
        v == "downline_depth") {
      return true;
    }
  }
  return false;
}

struct Chain {
  std::vector<std::string> ids;
  int64_t omitted = 0;  // left out after the first half of `ids`
};

Chain ChainIds(const graph::Network& n, std::vector<uint32_t> chain) {
  Chain out;
  for (size_t i = 0; i < chain.size(); ++i) {
    if (chain.size() > kChainShown && i == kChainShown / 2) {
      out.omitted = static_cast<int64_t>(chain.size() - kChainShown);
      i = chain.size() - kChainShown / 2;
    }
    out.ids.emplace_back(n.id(chain[i]));
  }
  return out;
}

// From the top down to `deepest`.
Chain ChainTo(const graph::Network& n, uint32_t deepest) {
  std::vector<uint32_t> chain;
  for (uint32_t a = deepest; a != graph::kNoAgent; a = n.sponsor[a]) chain.push_back(a);
  std::reverse(chain.begin(), chain.end());
  return ChainIds(n, std::move(chain));
}

// From `root` down to its deepest descendant (the first found at that depth).
Chain ChainBelow(const graph::Network& n, const graph::Figures& f, uint32_t root) {
  uint32_t deepest = root;
  std::deque<uint32_t> queue{root};
  while (!queue.empty()) {
    const uint32_t a = queue.front();
    queue.pop_front();
    if (f.tree.depth[a] > f.tree.depth[deepest]) deepest = a;
    for (auto [e, end] = boost::out_edges(a, n.tree); e != end; ++e)
      queue.push_back(boost::target(*e, n.tree));
  }
  std::vector<uint32_t> chain;
  for (uint32_t a = deepest; a != root; a = n.sponsor[a]) chain.push_back(a);
  chain.push_back(root);
  std::reverse(chain.begin(), chain.end());
  return ChainIds(n, std::move(chain));
}

void SetChain(Finding& f, Chain chain) {
  f.deepest_chain = std::move(chain.ids);
  f.deepest_chain_omitted = chain.omitted;
}

void SetMessage(Finding& f, base::Message message) {
  f.message = message.Render();
  f.message_template = std::move(message.templ);
  f.message_args = std::move(message.args);
}

Severity BandOf(const Grade& grade, double measure) {
  Severity severity = grade.bands.front().severity;
  for (const SeverityBand& band : grade.bands) {
    if (measure >= band.from) severity = band.severity;
  }
  return severity;
}

class RuleRun {
 public:
  RuleRun(const CompiledPack& pack, const CompiledRule& rule, graph::FigureTable& table,
          const ParamValues& params)
      : pack_(pack),
        rule_(rule),
        spec_(*rule.spec),
        table_(table),
        params_(params),
        program_(rule.when, table, params),
        n_(table.network()),
        f_(table.figures()) {}

  void Run(std::vector<Finding>& out) {
    const size_t rows = table_.Rows(spec_.scope);
    std::vector<uint8_t> hit(rows, 0);
    std::vector<uint8_t> tested(rows, 1);
    if (spec_.min_group_agents > 0) {
      const graph::FigureColumn& agents = table_.Column(spec_.scope, "agents");
      for (size_t r = 0; r < rows; ++r) tested[r] = agents.exact[r] >= spec_.min_group_agents;
    }
    int64_t matches = 0;
    int64_t evaluated = 0;
    for (size_t r = 0; r < rows; ++r) {
      if (!tested[r]) continue;
      ++evaluated;
      if (program_.Holds(r)) {
        hit[r] = 1;
        ++matches;
      }
    }
    if (spec_.scope == Scope::kAgent) {
      AgentFinding(rows, hit, matches, out);
    } else if (matches > 0) {
      GroupFinding(rows, hit, matches, evaluated, out);
    }
  }

 private:
  Finding Base() const {
    Finding f;
    f.pack = pack_.pack->name;
    f.pack_version = pack_.pack->version;
    f.rule_id = spec_.id;
    f.title = spec_.title;
    f.severity = spec_.severity;
    f.grading.max_severity = spec_.severity;
    f.scope = spec_.scope;
    f.tags = spec_.tags;
    f.cite = spec_.cite;
    f.shown = spec_.top;
    for (const std::string& p : rule_.when.params) f.params.push_back(ParamValue(p));
    f.condition = spec_.when;
    // The steps are the named conditions, then the `when` itself.
    for (size_t s = 0; s + 1 < rule_.when.steps.size(); ++s) {
      f.named_conditions.emplace_back(rule_.when.steps[s].name, rule_.when.steps[s].expression);
    }
    return f;
  }

  FigureValue ParamValue(const std::string& name) const {
    FigureValue v{.name = name,
                  .value = params_.at(name),
                  .unit = graph::FigureUnit::kRatio,
                  .exact = std::nullopt};
    for (const PackParam& p : pack_.pack->params) {
      if (p.name == name) v.unit = p.unit;
    }
    if (const graph::FigureParamSpec* figure = graph::FindFigureParam(name)) v.unit = figure->unit;
    return v;
  }

  std::string Subject(size_t row) const {
    switch (spec_.scope) {
      case Scope::kNetwork:
        return "network";
      case Scope::kLevel:
        return StrCat("level ", f_.levels[row].depth);
      case Scope::kTier:
        return StrCat("tier ", f_.tiers[row].tier.empty() ? "\"\"" : f_.tiers[row].tier);
      // A branch is named by the agent heading it (an id, pseudonymised in exports).
      case Scope::kBranch:
        return std::string(n_.id(f_.branches[row].top));
      case Scope::kAgent:
        return std::string(n_.id(static_cast<uint32_t>(row)));
    }
    return "";
  }

  bool SubjectIsAgent() const {
    return spec_.scope == Scope::kAgent || spec_.scope == Scope::kBranch;
  }

  FigureValue FigureAt(const std::string& name, size_t row) {
    return FigureValue{.name = name,
                       .value = program_.Value(name, row),
                       .unit = program_.SpecOf(name).unit,
                       .exact = program_.Exact(name, row)};
  }

  // The rule's figures (and, for messages, the figures and parameters its
  // template names).
  FigureValues Values(size_t row, bool with_message = false) {
    FigureValues values;
    auto add = [&](const std::string& name) {
      if (name == "subject" || name == "matches") return;
      for (const FigureValue& v : values) {
        if (v.name == name) return;
      }
      if (params_.contains(name)) {
        values.push_back(ParamValue(name));
      } else {
        values.push_back(FigureAt(name, row));
      }
    };
    for (const std::string& v : rule_.when.figures) add(v);
    if (!spec_.rank_by.empty()) add(spec_.rank_by);
    if (with_message) {
      for (const std::string& v : rule_.message_figures) add(v);
    }
    return values;
  }

  const std::string& Currency() const { return n_.config.currency; }

  // Materiality: the measure of what the finding concerns, and the band it
  // falls in. Without a grade the rule's severity stands.
  void GradeFinding(Finding& f, const std::vector<uint32_t>& subjects) {
    if (!spec_.grade) return;
    const Grade& grade = *spec_.grade;
    FigureValue measure{.name = {}, .value = 0, .unit = graph::FigureUnit::kShare, .exact = {}};
    if (rule_.grade_by) {
      RuleProgram by(*rule_.grade_by, table_, params_);
      measure.name = grade.by;
      measure.unit = graph::FigureUnit::kRatio;
      measure.value = by.Eval(0);
      f.grading.basis = StrCat("value of ", grade.by);
    } else if (grade.share_of == "subjects") {
      measure.name = "subjects";
      measure.value = Ratio(double(subjects.size()), double(table_.Rows(spec_.scope)));
      f.grading.basis = StrCat("share of the ", ScopeName(spec_.scope), " rows");
    } else {
      const graph::FigureColumn& column = table_.Column(spec_.scope, grade.share_of);
      int64_t part = 0, whole = 0;
      for (int64_t v : column.exact) whole += v;
      for (uint32_t r : subjects) part += column.exact[r];
      measure.name = grade.share_of;
      measure.value = Ratio(double(part), double(whole));
      f.grading.basis = StrCat("share of ", grade.share_of);
    }
    f.severity = std::min(spec_.severity, BandOf(grade, measure.value));
    f.grading.measure = measure;
  }

  void GroupFinding(size_t rows, const std::vector<uint8_t>& hit, int64_t matches,
                    int64_t evaluated, std::vector<Finding>& out) {
    Finding f = Base();
    f.matches = matches;
    f.evaluated = evaluated;
    std::vector<uint32_t> failing;
    for (size_t r = 0; r < rows; ++r) {
      if (!hit[r]) continue;
      failing.push_back(static_cast<uint32_t>(r));
      f.subjects.push_back(Subject(r));
      f.subject_rows.push_back(static_cast<uint32_t>(r));
    }
    // Groups are few: every failing group's figures are evidence.
    if (spec_.scope != Scope::kNetwork) {
      for (uint32_t r : failing) f.top_subjects.push_back({Subject(r), Values(r)});
      f.shown = static_cast<int>(failing.size());
    } else {
      f.shown = 1;
    }
    f.values = Values(failing[0]);
    SetMessage(f, RenderMessage(spec_.message, Values(failing[0], true), f.subjects[0],
                                SubjectIsAgent(), matches, Currency()));
    if (IsDepthRule(rule_) && n_.size() > 0) SetChain(f, ChainTo(n_, f_.tree.bfs_order.back()));
    GradeFinding(f, failing);
    out.push_back(std::move(f));
  }

  void AgentFinding(size_t rows, std::vector<uint8_t>& hit, int64_t matches,
                    std::vector<Finding>& out) {
    if (spec_.highest_only) {
      // Keep a match only if no agent above it matched: sponsors come first
      // in breadth-first order, so one pass marks every agent under a match.
      std::vector<uint8_t> under(rows, 0);
      matches = 0;
      for (uint32_t a : f_.tree.bfs_order) {
        const uint32_t s = n_.sponsor[a];
        if (s != graph::kNoAgent) under[a] = under[s] || hit[s];
      }
      for (size_t r = 0; r < rows; ++r) {
        if (hit[r] && under[r]) hit[r] = 0;
        matches += hit[r];
      }
    }
    const double share = rows ? double(matches) / double(rows) : 0.0;
    if (matches < spec_.min_matches || share < spec_.min_share || matches == 0) return;
    std::vector<uint32_t> matched;
    matched.reserve(static_cast<size_t>(matches));
    for (size_t r = 0; r < rows; ++r) {
      if (hit[r]) matched.push_back(static_cast<uint32_t>(r));
    }
    const graph::FigureSpec* rank_spec =
        spec_.rank_by.empty() ? nullptr : ResolveFigure(spec_.scope, spec_.rank_by);
    // A network figure ranks every agent alike: ties keep agents.csv order.
    const graph::FigureColumn* rank = rank_spec != nullptr && rank_spec->scope == spec_.scope
                                          ? &table_.Column(*rank_spec)
                                          : nullptr;
    auto by_rank = [&](uint32_t a, uint32_t b) {
      if (rank != nullptr) {
        const double ra = rank->AsDouble(a), rb = rank->AsDouble(b);
        if (ra != rb) return ra > rb;
      }
      return a < b;
    };
    // Every subject is named, ranked; `top` of them are shown.
    std::stable_sort(matched.begin(), matched.end(), by_rank);
    const size_t top = std::min<size_t>(matched.size(), static_cast<size_t>(spec_.top));
    Finding f = Base();
    f.matches = matches;
    f.evaluated = static_cast<int64_t>(rows);
    f.shown = static_cast<int>(top);
    f.subjects.reserve(matched.size());
    for (uint32_t a : matched) f.subjects.emplace_back(n_.id(a));
    f.subject_rows = matched;
    for (size_t i = 0; i < top; ++i) {
      f.top_subjects.push_back({f.subjects[i], Values(matched[i])});
    }
    f.values = Values(matched[0]);
    SetMessage(f, RenderMessage(spec_.message, Values(matched[0], true), f.subjects[0], true,
                                matches, Currency()));
    if (IsDepthRule(rule_)) SetChain(f, ChainBelow(n_, f_, matched[0]));
    if (spec_.organisers) f.organisers = Organisers(hit, matched);
    GradeFinding(f, matched);
    out.push_back(std::move(f));
  }

  // Every matching agent with its team; one below another match is within
  // the outermost match above it (sponsors come first in breadth-first
  // order, so one pass finds it).
  std::vector<OrganiserRow> Organisers(const std::vector<uint8_t>& hit,
                                       const std::vector<uint32_t>& matched) {
    std::vector<uint32_t> outermost(n_.size(), graph::kNoAgent);
    for (uint32_t a : f_.tree.bfs_order) {
      const uint32_t s = n_.sponsor[a];
      if (s == graph::kNoAgent) continue;
      outermost[a] =
          outermost[s] != graph::kNoAgent ? outermost[s] : (hit[s] ? s : graph::kNoAgent);
    }
    const graph::FigureColumn& paid_in = table_.Column(Scope::kAgent, "downline_spend");
    const graph::FigureColumn& net_cash = table_.Column(Scope::kAgent, "net_cash");
    std::vector<OrganiserRow> rows;
    rows.reserve(matched.size());
    for (uint32_t a : matched) {
      rows.push_back(OrganiserRow{.agent = a,
                                  .agent_id = std::string(n_.id(a)),
                                  .within = outermost[a] == graph::kNoAgent
                                                ? std::string()
                                                : std::string(n_.id(outermost[a])),
                                  .team_size = int64_t{f_.tree.downline_size[a]} + 1,
                                  .team_levels = int64_t{f_.tree.downline_depth[a]} + 1,
                                  .team_paid_in = paid_in.exact[a],
                                  .own_net_cash = net_cash.exact[a]});
    }
    return rows;
  }

  static double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

  const CompiledPack& pack_;
  const CompiledRule& rule_;
  const RuleSpec& spec_;
  graph::FigureTable& table_;
  const ParamValues& params_;
  RuleProgram program_;
  const graph::Network& n_;
  const graph::Figures& f_;
};

}  // namespace

base::Message RenderMessage(const std::string& message, const FigureValues& values,
                            const std::string& subject, bool subject_is_agent, int64_t matches,
                            std::string_view currency) {
  base::Message out{.templ = message, .args = {}};
  for (size_t open = message.find('{'); open != std::string::npos;
       open = message.find('{', open + 1)) {
    if (open + 1 < message.size() && message[open + 1] == '{') {
      ++open;  // a literal brace
      continue;
    }
    const size_t close = message.find('}', open);
    if (close == std::string::npos) break;
    std::string name = message.substr(open + 1, close - open - 1);
    bool percent = false;
    if (const size_t colon = name.find(':'); colon != std::string::npos) {
      percent = name.substr(colon + 1) == "%";
      name.resize(colon);
    }
    base::MessageArg arg{.name = name, .text = {}, .kind = base::MessageArg::Kind::kNumber};
    if (name == "subject") {
      arg.text = subject;
      arg.kind =
          subject_is_agent ? base::MessageArg::Kind::kAgentId : base::MessageArg::Kind::kText;
    } else if (name == "matches") {
      arg.text = GroupedInteger(matches);
    } else {
      for (const FigureValue& v : values) {
        if (v.name == name) arg.text = ValueText(v, currency, percent);
      }
    }
    out.args.push_back(std::move(arg));
    open = close;
  }
  return out;
}

absl::StatusOr<PackParamValues> ResolveParams(const std::vector<CompiledPack>& packs,
                                              const std::map<std::string, std::string>& overrides) {
  PackParamValues values(packs.size());
  for (size_t i = 0; i < packs.size(); ++i) {
    for (const PackParam& p : packs[i].pack->params) values[i][p.name] = p.default_value;
    // Figure parameters a pack reads without declaring them keep the
    // catalogue's default.
    for (const graph::FigureParamSpec& p : graph::FigureParams()) {
      values[i].emplace(p.name, p.default_value);
    }
  }
  for (const auto& [key, text] : overrides) {
    const size_t dot = key.find('.');
    if (dot == std::string::npos) {
      return absl::InvalidArgumentError(
          StrCat("parameter '", key, "': name it as PACK.PARAMETER, e.g. cn.join_share"));
    }
    const std::string pack_name = key.substr(0, dot);
    const std::string name = key.substr(dot + 1);
    size_t index = packs.size();
    for (size_t i = 0; i < packs.size(); ++i) {
      if (packs[i].pack->name == pack_name) index = i;
    }
    if (index == packs.size()) {
      return absl::InvalidArgumentError(
          StrCat("parameter '", key, "': no pack '", pack_name, "' is in this audit"));
    }
    const PackParam* param = nullptr;
    for (const PackParam& p : packs[index].pack->params) {
      if (p.name == name) param = &p;
    }
    if (param == nullptr) {
      std::vector<std::string> known;
      for (const PackParam& p : packs[index].pack->params) known.push_back(p.name);
      return absl::InvalidArgumentError(StrCat("parameter '", key, "': pack '", pack_name,
                                               "' has no parameter '", name, "' (it has ",
                                               known.empty() ? "none" : StrJoin(known, ", "), ")"));
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      return absl::InvalidArgumentError(
          StrCat("parameter '", key, "': '", text, "' is not a number"));
    }
    if (param->unit == graph::FigureUnit::kCount && value != std::floor(value)) {
      return absl::InvalidArgumentError(
          StrCat("parameter '", key, "': a count must be a whole number, not ", text));
    }
    if (value < param->min || value > param->max) {
      return absl::InvalidArgumentError(StrCat(
          "parameter '", key, "': ", text, " is outside its range ", param->min, "..", param->max));
    }
    values[index][name] = value;
  }
  return values;
}

std::map<std::string, double> FigureParamValues(const CompiledPack& pack,
                                                const ParamValues& values) {
  std::map<std::string, double> out;
  for (const graph::FigureParamSpec& p : graph::FigureParams()) {
    auto it = values.find(p.name);
    out[p.name] = it == values.end() ? p.default_value : it->second;
  }
  (void)pack;
  return out;
}

std::optional<std::vector<Finding>> Evaluate(const std::vector<CompiledPack>& packs,
                                             graph::FigureTable& table,
                                             const EvaluateOptions& options) {
  PackParamValues defaults;
  const PackParamValues* params = &options.params;
  if (options.params.size() != packs.size()) {
    defaults = *ResolveParams(packs, {});
    params = &defaults;
  }
  std::vector<Finding> findings;
  for (size_t i = 0; i < packs.size(); ++i) {
    const CompiledPack& pack = packs[i];
    table.BindParams(FigureParamValues(pack, (*params)[i]));
    for (const CompiledRule& rule : pack.rules) {
      if (options.stop && options.stop()) return std::nullopt;
      RuleRun(pack, rule, table, (*params)[i]).Run(findings);
    }
  }
  // Stable: within a rule, subjects keep their natural (level, tier, rank) order.
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.pack != b.pack) return a.pack < b.pack;
    return a.rule_id < b.rule_id;
  });
  return findings;
}

std::vector<Finding> Evaluate(const std::vector<CompiledPack>& packs, const graph::Network& network,
                              const graph::Figures& figures) {
  graph::FigureTable table(network, figures);
  return *Evaluate(packs, table, EvaluateOptions{});
}

}  // namespace tiersight::rules
