#include "rules/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>

#include "base/str_cat.h"

namespace tiersight::rules {
namespace {

// Chains longer than this are shortened in the evidence, keeping both ends.
constexpr size_t kChainShown = 200;

std::string FormatValue(double v, bool percent) {
  if (percent) return fmt::format("{:.1f}%", v * 100.0);
  if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::floor(v)) return fmt::format("{:.0f}", v);
  std::string s = fmt::format("{:.4f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool IsDepthRule(const CompiledRule& rule) {
  for (const std::string& v : rule.variables) {
    if (v == "max_depth" || v == "network_max_depth" || v == "depth" || v == "team_levels" ||
        v == "downline_depth") {
      return true;
    }
  }
  return false;
}

std::vector<std::string> ChainIds(const graph::Network& n, std::vector<uint32_t> chain) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < chain.size(); ++i) {
    if (chain.size() > kChainShown && i == kChainShown / 2) {
      ids.push_back(StrCat("... ", chain.size() - kChainShown, " more ..."));
      i = chain.size() - kChainShown / 2;
    }
    ids.emplace_back(n.id(chain[i]));
  }
  return ids;
}

// From the top down to `deepest`.
std::vector<std::string> ChainTo(const graph::Network& n, uint32_t deepest) {
  std::vector<uint32_t> chain;
  for (uint32_t a = deepest; a != graph::kNoAgent; a = n.sponsor[a]) chain.push_back(a);
  std::reverse(chain.begin(), chain.end());
  return ChainIds(n, std::move(chain));
}

// From `root` down to its deepest descendant (the first found at that depth).
std::vector<std::string> ChainBelow(const graph::Network& n, const graph::Figures& f, uint32_t root) {
  uint32_t deepest = root;
  std::deque<uint32_t> queue{root};
  while (!queue.empty()) {
    const uint32_t a = queue.front();
    queue.pop_front();
    if (f.tree.depth[a] > f.tree.depth[deepest]) deepest = a;
    for (auto [e, end] = boost::out_edges(a, n.tree); e != end; ++e) queue.push_back(boost::target(*e, n.tree));
  }
  std::vector<uint32_t> chain;
  for (uint32_t a = deepest; a != root; a = n.sponsor[a]) chain.push_back(a);
  chain.push_back(root);
  std::reverse(chain.begin(), chain.end());
  return ChainIds(n, std::move(chain));
}

class PackRunner {
 public:
  PackRunner(const graph::Network& n, const graph::Figures& f) : n_(n), f_(f) {}

  void Prepare(const std::vector<CompiledPack>& packs) {
    absl::flat_hash_set<std::string> wanted[4];
    for (const CompiledPack& pack : packs) {
      for (const CompiledRule& rule : pack.rules) {
        auto& set = wanted[static_cast<int>(rule.spec->scope)];
        for (const std::string& v : rule.variables) set.insert(v);
        for (const std::string& v : rule.message_figures) set.insert(v);
        if (!rule.spec->rank_by.empty()) set.insert(rule.spec->rank_by);
      }
    }
    for (Scope s : {Scope::kNetwork, Scope::kLevel, Scope::kTier, Scope::kAgent}) {
      frames_[static_cast<int>(s)] = BuildFrame(s, n_, f_, wanted[static_cast<int>(s)]);
    }
  }

  void Run(CompiledRule& rule, std::vector<Finding>& out) {
    const FigureFrame& frame = frames_[static_cast<int>(rule.spec->scope)];
    std::vector<const std::vector<double>*> inputs;
    for (const std::string& v : rule.variables) inputs.push_back(frame.Column(v));
    std::vector<uint8_t> hit(frame.rows, 0);
    int64_t matches = 0;
    for (size_t r = 0; r < frame.rows; ++r) {
      for (size_t i = 0; i < inputs.size(); ++i) rule.slots[i] = (*inputs[i])[r];
      if (rule.Holds()) {
        hit[r] = 1;
        ++matches;
      }
    }
    if (rule.spec->scope == Scope::kAgent) {
      AgentFinding(rule, frame, hit, matches, out);
      return;
    }
    for (size_t r = 0; r < frame.rows; ++r) {
      if (!hit[r]) continue;
      Finding f = Base(rule);
      const std::string subject = Subject(rule.spec->scope, r);
      f.subjects.push_back(subject);
      f.matches = 1;
      f.evaluated = static_cast<int64_t>(frame.rows);
      f.values = Values(rule, frame, r);
      f.message = RenderMessage(rule.spec->message, Values(rule, frame, r, true), subject, 1);
      if (IsDepthRule(rule) && n_.size() > 0) f.deepest_chain = ChainTo(n_, f_.tree.bfs_order.back());
      out.push_back(std::move(f));
    }
  }

 private:
  Finding Base(const CompiledRule& rule) const {
    Finding f;
    f.pack = rule.pack->name;
    f.pack_version = rule.pack->version;
    f.rule_id = rule.spec->id;
    f.title = rule.spec->title;
    f.severity = rule.spec->severity;
    f.scope = rule.spec->scope;
    f.tags = rule.spec->tags;
    f.cite = rule.spec->cite;
    return f;
  }

  std::string Subject(Scope scope, size_t row) const {
    switch (scope) {
      case Scope::kNetwork: return "network";
      case Scope::kLevel: return StrCat("level ", f_.levels[row].depth);
      case Scope::kTier: return StrCat("tier ", f_.tiers[row].tier.empty() ? "\"\"" : f_.tiers[row].tier);
      case Scope::kAgent: return std::string(n_.id(static_cast<uint32_t>(row)));
    }
    return "";
  }

  // The rule's variables (and, for messages, the figures its template names).
  FigureValues Values(const CompiledRule& rule, const FigureFrame& frame, size_t row,
                      bool with_message = false) const {
    FigureValues values;
    auto add = [&](const std::string& name) {
      for (const auto& [k, _] : values) {
        if (k == name) return;
      }
      if (const std::vector<double>* col = frame.Column(name)) values.emplace_back(name, (*col)[row]);
    };
    for (const std::string& v : rule.variables) add(v);
    if (!rule.spec->rank_by.empty()) add(rule.spec->rank_by);
    if (with_message) {
      for (const std::string& v : rule.message_figures) add(v);
    }
    return values;
  }

  void AgentFinding(const CompiledRule& rule, const FigureFrame& frame, std::vector<uint8_t>& hit,
                    int64_t matches, std::vector<Finding>& out) const {
    const RuleSpec& spec = *rule.spec;
    if (spec.highest_only) {
      // Keep a match only if no agent above it matched: sponsors come first
      // in breadth-first order, so one pass marks every agent under a match.
      std::vector<uint8_t> under(frame.rows, 0);
      matches = 0;
      for (uint32_t a : f_.tree.bfs_order) {
        const uint32_t s = n_.sponsor[a];
        if (s != graph::kNoAgent) under[a] = under[s] || hit[s];
      }
      for (size_t r = 0; r < frame.rows; ++r) {
        if (hit[r] && under[r]) hit[r] = 0;
        matches += hit[r];
      }
    }
    const double share = frame.rows ? double(matches) / double(frame.rows) : 0.0;
    if (matches < spec.min_matches || share < spec.min_share || matches == 0) return;
    std::vector<uint32_t> rows;
    for (size_t r = 0; r < frame.rows; ++r) {
      if (hit[r]) rows.push_back(static_cast<uint32_t>(r));
    }
    const std::vector<double>* rank = spec.rank_by.empty() ? nullptr : frame.Column(spec.rank_by);
    const size_t top = std::min<size_t>(rows.size(), static_cast<size_t>(spec.top));
    // Highest rank first; ties in agents.csv order, so the result is stable.
    auto by_rank = [&](uint32_t a, uint32_t b) {
      if (rank != nullptr && (*rank)[a] != (*rank)[b]) return (*rank)[a] > (*rank)[b];
      return a < b;
    };
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(top), rows.end(), by_rank);
    Finding f = Base(rule);
    f.matches = matches;
    f.evaluated = static_cast<int64_t>(frame.rows);
    for (size_t i = 0; i < top; ++i) {
      const std::string id(n_.id(rows[i]));
      f.subjects.push_back(id);
      f.top_subjects.push_back({id, Values(rule, frame, rows[i])});
    }
    if (!rows.empty()) {
      f.values = Values(rule, frame, rows[0]);
      f.message = RenderMessage(spec.message, Values(rule, frame, rows[0], true),
                                std::string(n_.id(rows[0])), matches);
      if (IsDepthRule(rule)) f.deepest_chain = ChainBelow(n_, f_, rows[0]);
    }
    out.push_back(std::move(f));
  }

  const graph::Network& n_;
  const graph::Figures& f_;
  FigureFrame frames_[4];
};

}  // namespace

std::string RenderMessage(const std::string& message, const FigureValues& values,
                          const std::string& subject, int64_t matches) {
  std::string out;
  size_t i = 0;
  while (i < message.size()) {
    const size_t open = message.find('{', i);
    const size_t close = open == std::string::npos ? open : message.find('}', open);
    if (close == std::string::npos) {
      out.append(message, i, std::string::npos);
      break;
    }
    out.append(message, i, open - i);
    std::string name = message.substr(open + 1, close - open - 1);
    bool percent = false;
    if (const size_t colon = name.find(':'); colon != std::string::npos) {
      percent = name.substr(colon + 1) == "%";
      name.resize(colon);
    }
    if (name == "subject") {
      out += subject;
    } else if (name == "matches") {
      out += fmt::format("{}", matches);
    } else {
      for (const auto& [k, v] : values) {
        if (k == name) out += FormatValue(v, percent);
      }
    }
    i = close + 1;
  }
  return out;
}

std::optional<std::vector<Finding>> EvaluateUnlessStopped(std::vector<CompiledPack>& packs,
                                                          const graph::Network& network,
                                                          const graph::Figures& figures,
                                                          const std::function<bool()>& stop) {
  PackRunner runner(network, figures);
  runner.Prepare(packs);
  std::vector<Finding> findings;
  for (CompiledPack& pack : packs) {
    for (CompiledRule& rule : pack.rules) {
      if (stop && stop()) return std::nullopt;
      runner.Run(rule, findings);
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

std::vector<Finding> Evaluate(std::vector<CompiledPack>& packs, const graph::Network& network,
                              const graph::Figures& figures) {
  return *EvaluateUnlessStopped(packs, network, figures, {});
}

}  // namespace tiersight::rules
