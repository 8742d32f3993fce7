#include "rules/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>

#include "base/str_cat.h"
#include "rules/figure_names.h"
#include "rules/rule_program.h"

namespace tiersight::rules {
namespace {

// Chains longer than this are shortened in the evidence, keeping both ends.
constexpr size_t kChainShown = 200;

std::string FormatValue(double v, bool percent) {
  if (percent) return fmt::format("{:.1f}%", v * 100.0);
  if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::floor(v))
    return fmt::format("{:.0f}", v);
  std::string s = fmt::format("{:.4f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool IsDepthRule(const CompiledRule& rule) {
  for (const std::string& v : rule.figures) {
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

class RuleRun {
 public:
  RuleRun(const CompiledPack& pack, const CompiledRule& rule, graph::FigureTable& table)
      : pack_(pack),
        rule_(rule),
        spec_(*rule.spec),
        table_(table),
        program_(rule, table),
        n_(table.network()),
        f_(table.figures()) {}

  void Run(std::vector<Finding>& out) {
    const size_t rows = table_.Rows(spec_.scope);
    std::vector<uint8_t> hit(rows, 0);
    int64_t matches = 0;
    for (size_t r = 0; r < rows; ++r) {
      if (program_.Holds(r)) {
        hit[r] = 1;
        ++matches;
      }
    }
    if (spec_.scope == Scope::kAgent) {
      AgentFinding(rows, hit, matches, out);
      return;
    }
    for (size_t r = 0; r < rows; ++r) {
      if (!hit[r]) continue;
      Finding f = Base();
      const std::string subject = Subject(r);
      f.subjects.push_back(subject);
      f.matches = 1;
      f.evaluated = static_cast<int64_t>(rows);
      f.values = Values(r);
      SetMessage(f, RenderMessage(spec_.message, Values(r, true), subject,
                                  spec_.scope == Scope::kBranch, 1));
      if (IsDepthRule(rule_) && n_.size() > 0) SetChain(f, ChainTo(n_, f_.tree.bfs_order.back()));
      out.push_back(std::move(f));
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
    f.scope = spec_.scope;
    f.tags = spec_.tags;
    f.cite = spec_.cite;
    return f;
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

  // The rule's figures (and, for messages, the figures its template names).
  FigureValues Values(size_t row, bool with_message = false) {
    FigureValues values;
    auto add = [&](const std::string& name) {
      if (name == "subject" || name == "matches") return;
      for (const auto& [k, _] : values) {
        if (k == name) return;
      }
      values.emplace_back(name, program_.Value(name, row));
    };
    for (const std::string& v : rule_.figures) add(v);
    if (!spec_.rank_by.empty()) add(spec_.rank_by);
    if (with_message) {
      for (const std::string& v : rule_.message_figures) add(v);
    }
    return values;
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
    for (size_t r = 0; r < rows; ++r) {
      if (hit[r]) matched.push_back(static_cast<uint32_t>(r));
    }
    const size_t top = std::min<size_t>(matched.size(), static_cast<size_t>(spec_.top));
    // Highest rank first; ties in agents.csv order, so the result is stable.
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
    std::partial_sort(matched.begin(), matched.begin() + static_cast<std::ptrdiff_t>(top),
                      matched.end(), by_rank);
    Finding f = Base();
    f.matches = matches;
    f.evaluated = static_cast<int64_t>(rows);
    for (size_t i = 0; i < top; ++i) {
      const std::string id(n_.id(matched[i]));
      f.subjects.push_back(id);
      f.top_subjects.push_back({id, Values(matched[i])});
    }
    if (!matched.empty()) {
      f.values = Values(matched[0]);
      SetMessage(f, RenderMessage(spec_.message, Values(matched[0], true),
                                  std::string(n_.id(matched[0])), true, matches));
      if (IsDepthRule(rule_)) SetChain(f, ChainBelow(n_, f_, matched[0]));
    }
    out.push_back(std::move(f));
  }

  const CompiledPack& pack_;
  const CompiledRule& rule_;
  const RuleSpec& spec_;
  graph::FigureTable& table_;
  RuleProgram program_;
  const graph::Network& n_;
  const graph::Figures& f_;
};

}  // namespace

base::Message RenderMessage(const std::string& message, const FigureValues& values,
                            const std::string& subject, bool subject_is_agent, int64_t matches) {
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
      arg.text = fmt::format("{}", matches);
    } else {
      for (const auto& [k, v] : values) {
        if (k == name) arg.text = FormatValue(v, percent);
      }
    }
    out.args.push_back(std::move(arg));
    open = close;
  }
  return out;
}

std::optional<std::vector<Finding>> Evaluate(const std::vector<CompiledPack>& packs,
                                             graph::FigureTable& table,
                                             const EvaluateOptions& options) {
  std::vector<Finding> findings;
  for (const CompiledPack& pack : packs) {
    for (const CompiledRule& rule : pack.rules) {
      if (options.stop && options.stop()) return std::nullopt;
      RuleRun(pack, rule, table).Run(findings);
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
