// Keeps the audit's judgements honest against corpora whose answers are known:
// for every profile and seed of tests/corpus/expectations.yaml, generates the
// bundle with its truth.yaml, audits it in process with every shipped pack,
// and checks each line of the table as its own test case, so that a run lists
// which judgements hold and which do not.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/yaml_errors.h"
#include "core/audit_runner.h"
#include "core/pack_library.h"
#include "generate/bundle_generator.h"
#include "rules/finding.h"
#include "rules/rule_compiler.h"
#include "rules/rule_pack.h"
#include "tests/generate/bundle_files.h"

namespace tiersight {
namespace {

namespace fs = std::filesystem;

// One line of the table for one seed.
struct Check {
  std::string profile;
  uint64_t seed = 0;
  uint64_t agents = 0;
  std::string kind;  // must_fire | must_not_fire | organisers | serious | only_branch | table
  std::string tag;   // must_fire, must_not_fire
  std::vector<std::string> tags;  // only_branch
  std::string branch;             // only_branch
  std::string problem;            // kind "table": what is wrong with the table itself
};

void PrintTo(const Check& c, std::ostream* os) {
  *os << c.profile << " seed " << c.seed << " " << c.kind << (c.tag.empty() ? "" : " ") << c.tag;
}

struct Table {
  std::vector<std::string> serious_rules;
  std::vector<Check> checks;
};

constexpr size_t kFewestSeeds = 3;
constexpr size_t kAgentsShown = 12;

std::vector<std::string> Strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node) out = node.as<std::vector<std::string>>();
  return out;
}

bool KnownTag(const std::string& tag) {
  for (const auto& [name, _] : rules::TagVocabulary()) {
    if (name == tag) return true;
  }
  return false;
}

// Every check of one profile's block, or a "table" check saying what is wrong.
void ReadProfile(const YAML::Node& block, std::vector<Check>& out) {
  static const std::set<std::string> kKeys = {"profile",    "why",       "seeds",
                                              "agents",     "must_fire", "must_not_fire",
                                              "organisers", "serious",   "only_branch"};
  Check base;
  base.profile = block["profile"].as<std::string>("");
  auto problem = [&](const std::string& what) {
    Check c = base;
    c.kind = "table";
    c.problem = what;
    out.push_back(c);
  };
  for (const auto& entry : block) {
    const std::string key = entry.first.as<std::string>();
    if (!kKeys.count(key)) problem("unknown key " + key);
  }
  if (!generate::ParseProfile(base.profile).ok()) return problem("unknown profile");
  if (!block["why"]) problem("no `why`");
  const std::vector<uint64_t> seeds =
      block["seeds"] ? block["seeds"].as<std::vector<uint64_t>>() : std::vector<uint64_t>{};
  if (seeds.size() < kFewestSeeds) problem("fewer than 3 seeds");
  base.agents = block["agents"].as<uint64_t>(0);
  if (base.agents == 0) return problem("no `agents`");

  std::vector<Check> lines;
  for (const char* kind : {"must_fire", "must_not_fire"}) {
    for (const std::string& tag : Strings(block[kind])) {
      if (!KnownTag(tag)) problem("unknown tag " + tag);
      Check c = base;
      c.kind = kind;
      c.tag = tag;
      lines.push_back(c);
    }
  }
  for (const char* kind : {"organisers", "serious"}) {
    if (!block[kind]) continue;
    if (block[kind].as<std::string>() != "exact") problem(std::string(kind) + " is not `exact`");
    Check c = base;
    c.kind = kind;
    lines.push_back(c);
  }
  if (const YAML::Node only = block["only_branch"]) {
    Check c = base;
    c.kind = "only_branch";
    c.tags = Strings(only["tags"]);
    c.branch = only["branch"].as<std::string>("");
    for (const std::string& tag : c.tags) {
      if (!KnownTag(tag)) problem("unknown tag " + tag);
    }
    if (c.tags.empty() || c.branch.empty()) problem("only_branch needs tags and branch");
    lines.push_back(c);
  }
  for (uint64_t seed : seeds) {
    for (Check c : lines) {
      c.seed = seed;
      out.push_back(c);
    }
  }
}

const Table& TheTable() {
  static const Table table = [] {
    Table t;
    const std::string path = TIERSIGHT_CORPUS_EXPECTATIONS;
    auto fail = [&](const std::string& what) {
      Check c;
      c.profile = "expectations";
      c.kind = "table";
      c.problem = path + ": " + what;
      t.checks = {c};
      return t;
    };
    const std::string text = generate::bundle_files::ReadFile(path);
    if (text.empty()) return fail("unreadable or empty");
    absl::StatusOr<YAML::Node> doc = base::LoadYamlDocument(text, path);
    if (!doc.ok()) return fail(std::string(doc.status().message()));
    try {
      t.serious_rules = Strings((*doc)["serious_rules"]);
      for (const YAML::Node& block : (*doc)["profiles"]) ReadProfile(block, t.checks);
    } catch (const YAML::Exception& e) {
      return fail(e.what());
    }
    if (t.checks.empty()) return fail("no profiles");
    return t;
  }();
  return table;
}

// The shipped packs with every rule listing all the agents it matches: a
// rule's `top` limits what a report shows, not what the rule judged.
const core::LoadedPacks& EveryMatchListed() {
  static const core::LoadedPacks packs = [] {
    const core::LoadedPacks shipped = core::LoadPacks({});
    core::LoadedPacks out;
    out.diagnostics = shipped.diagnostics;
    for (const auto& pack : shipped.packs) {
      auto copy = std::make_shared<rules::RulePack>(*pack);
      for (rules::RuleSpec& rule : copy->rules) rule.top = std::numeric_limits<int>::max();
      std::optional<rules::CompiledPack> compiled = rules::CompilePack(copy, out.diagnostics);
      if (compiled) out.compiled.push_back(std::move(*compiled));
      out.packs.push_back(std::move(copy));
    }
    return out;
  }();
  return packs;
}

fs::path CorporaDir() { return fs::path(::testing::TempDir()) / "tiersight_corpus"; }

// The generated corpora are removed when the run ends.
class CorporaCleanup : public ::testing::Environment {
 public:
  void TearDown() override { fs::remove_all(CorporaDir()); }
};
::testing::Environment* const kCleanup = ::testing::AddGlobalTestEnvironment(new CorporaCleanup);

struct CorpusAudit {
  std::string error;  // why there is nothing to check
  generate::bundle_files::Truth truth;
  std::vector<rules::Finding> findings;
  std::map<std::string, std::string> top_of;  // agent id -> its top's id
};

std::map<std::string, std::string> TopsOf(const fs::path& dir) {
  const generate::bundle_files::Table agents =
      generate::bundle_files::ReadTable(dir / "agents.csv");
  std::map<std::string, std::string> sponsor;
  for (const auto& row : agents.rows) {
    sponsor[row[agents.Column("agent_id")]] = row[agents.Column("sponsor_id")];
  }
  std::map<std::string, std::string> top_of;
  for (const auto& [agent, _] : sponsor) {
    std::string top = agent;
    while (!sponsor[top].empty()) top = sponsor[top];
    top_of[agent] = top;
  }
  return top_of;
}

// Generates and audits each (profile, seed) once for all its checks.
const CorpusAudit& AuditFor(const Check& check) {
  static std::map<std::pair<std::string, uint64_t>, CorpusAudit> audits;
  const auto key = std::make_pair(check.profile, check.seed);
  if (const auto it = audits.find(key); it != audits.end()) return it->second;
  CorpusAudit& audit = audits[key];

  generate::GeneratorOptions options;
  options.profile = *generate::ParseProfile(check.profile);
  options.agents = check.agents;
  options.seed = check.seed;
  const fs::path dir = CorporaDir() / (check.profile + "-" + std::to_string(check.seed));
  options.out_dir = dir.string();
  if (absl::StatusOr<generate::GeneratorStats> made = generate::GenerateBundle(options);
      !made.ok()) {
    audit.error = "generate: " + std::string(made.status().message());
    return audit;
  }
  const core::LoadedPacks& packs = EveryMatchListed();
  if (!packs.ok()) {
    audit.error = "packs: " + packs.diagnostics.front().ToString();
    return audit;
  }
  core::AuditRun run = core::RunAudit(options.out_dir, packs, {});
  if (!run.status.ok()) {
    audit.error = "audit: " + std::string(run.status.message());
    return audit;
  }
  audit.truth = generate::bundle_files::ReadTruth(dir);
  audit.findings = std::move(run.findings);
  audit.top_of = TopsOf(dir);
  return audit;
}

// --- what the findings say ---------------------------------------------------

bool Counts(const rules::Finding& f) { return f.severity >= rules::Severity::kMedium; }

bool Carries(const rules::Finding& f, const std::string& tag) {
  return std::find(f.tags.begin(), f.tags.end(), tag) != f.tags.end();
}

std::vector<std::string> NamedAgents(const rules::Finding& f) {
  return f.scope == rules::Scope::kAgent ? f.subjects : std::vector<std::string>{};
}

std::string Some(const std::set<std::string>& agents) {
  std::ostringstream out;
  size_t shown = 0;
  for (const std::string& agent : agents) {
    if (shown == kAgentsShown) {
      out << " and " << agents.size() - shown << " more";
      break;
    }
    out << (shown++ ? ", " : "") << agent;
  }
  return out.str();
}

// "cn-7-2-entry-fee (high) names 283 agents: A0004, ..." or "... on network".
std::string Describe(const rules::Finding& f) {
  std::ostringstream out;
  out << f.rule_id << " (" << rules::SeverityName(f.severity) << ")";
  if (f.scope == rules::Scope::kAgent) {
    const std::vector<std::string> named = NamedAgents(f);
    out << " names " << named.size()
        << " agents: " << Some(std::set<std::string>(named.begin(), named.end()));
  } else {
    out << " on " << (f.subjects.empty() ? std::string("?") : f.subjects.front());
  }
  return out.str();
}

// The agents named by counted findings that `select` picks, and their rules.
struct Named {
  std::set<std::string> agents;
  std::set<std::string> rules;
};

template <typename Select>
Named NamedBy(const std::vector<rules::Finding>& findings, Select select) {
  Named named;
  for (const rules::Finding& f : findings) {
    if (!Counts(f) || !select(f)) continue;
    named.rules.insert(f.rule_id);
    for (const std::string& agent : NamedAgents(f)) named.agents.insert(agent);
  }
  return named;
}

std::string Rules(const std::set<std::string>& rules) {
  return rules.empty() ? "no rule" : Some(rules);
}

// Fails unless `named` are exactly `truth`.
void ExpectExactly(const Named& named, const std::set<std::string>& truth, const char* what) {
  std::set<std::string> missing;
  std::set<std::string> extra;
  std::set_difference(truth.begin(), truth.end(), named.agents.begin(), named.agents.end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(named.agents.begin(), named.agents.end(), truth.begin(), truth.end(),
                      std::inserter(extra, extra.end()));
  EXPECT_TRUE(missing.empty() && extra.empty())
      << what << " named by " << Rules(named.rules) << ": " << named.agents.size() << " of "
      << truth.size() << " in truth.yaml; missing: " << Some(missing)
      << "; named but not in truth.yaml: " << Some(extra);
}

// --- the test ------------------------------------------------------------------

class CorpusExpectationTest : public ::testing::TestWithParam<Check> {};

TEST_P(CorpusExpectationTest, Holds) {
  const Check& check = GetParam();
  ASSERT_NE(check.kind, "table") << check.problem;
  SCOPED_TRACE(check.profile + " seed " + std::to_string(check.seed));
  const CorpusAudit& audit = AuditFor(check);
  ASSERT_TRUE(audit.error.empty()) << audit.error;
  const std::vector<rules::Finding>& findings = audit.findings;

  if (check.kind == "must_fire") {
    std::vector<std::string> lower;
    for (const rules::Finding& f : findings) {
      if (!Carries(f, check.tag)) continue;
      if (Counts(f)) return;
      lower.push_back(Describe(f));
    }
    ADD_FAILURE() << "must_fire " << check.tag << ": no finding of medium or above carries it"
                  << (lower.empty() ? std::string()
                                    : "; lower: " + Some({lower.begin(), lower.end()}));
  } else if (check.kind == "must_not_fire") {
    for (const rules::Finding& f : findings) {
      EXPECT_FALSE(Counts(f) && Carries(f, check.tag))
          << "must_not_fire " << check.tag << ": " << Describe(f);
    }
  } else if (check.kind == "organisers") {
    ASSERT_TRUE(audit.truth.lists_organisers) << "truth.yaml lists no organisers";
    std::set<std::string> truth;
    for (const auto& o : audit.truth.organisers) truth.insert(o.agent);
    ExpectExactly(
        NamedBy(findings, [](const rules::Finding& f) { return Carries(f, "criminal_threshold"); }),
        truth, "organisers");
  } else if (check.kind == "serious") {
    const std::vector<std::string>& serious_rules = TheTable().serious_rules;
    bool shipped = false;
    for (const auto& pack : EveryMatchListed().packs) {
      for (const rules::RuleSpec& rule : pack->rules) {
        shipped |= std::count(serious_rules.begin(), serious_rules.end(), rule.id) > 0;
      }
    }
    ASSERT_TRUE(shipped) << "no shipped pack has any of serious_rules";
    ExpectExactly(NamedBy(findings,
                          [&](const rules::Finding& f) {
                            return std::count(serious_rules.begin(), serious_rules.end(),
                                              f.rule_id) > 0;
                          }),
                  {audit.truth.serious.begin(), audit.truth.serious.end()}, "serious organisers");
  } else if (check.kind == "only_branch") {
    std::string top;
    for (const auto& [agent, kind] : audit.truth.branch_kind) {
      if (kind == check.branch) top = agent;
    }
    ASSERT_FALSE(top.empty()) << "truth.yaml has no " << check.branch << " branch";
    for (const rules::Finding& f : findings) {
      if (!Counts(f)) continue;
      if (std::none_of(check.tags.begin(), check.tags.end(),
                       [&](const std::string& tag) { return Carries(f, tag); })) {
        continue;
      }
      std::set<std::string> outside;
      for (const std::string& agent : NamedAgents(f)) {
        const auto it = audit.top_of.find(agent);
        if (it == audit.top_of.end() || it->second != top) outside.insert(agent);
      }
      EXPECT_TRUE(outside.empty()) << "only_branch " << check.branch << ": " << f.rule_id << " ("
                                   << rules::SeverityName(f.severity) << ") names "
                                   << outside.size() << " agents outside it: " << Some(outside);
    }
  } else {
    FAIL() << "unknown check " << check.kind;
  }
}

std::string CheckName(const ::testing::TestParamInfo<Check>& info) {
  const Check& c = info.param;
  std::string name = c.profile + "_seed" + std::to_string(c.seed) + "_" + c.kind;
  if (!c.tag.empty()) name += "_" + c.tag;
  if (c.kind == "table") name += "_" + std::to_string(info.index);
  std::replace_if(
      name.begin(), name.end(),
      [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusExpectationTest, ::testing::ValuesIn(TheTable().checks),
                         CheckName);

}  // namespace
}  // namespace tiersight
