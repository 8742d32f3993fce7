#include "rules/pack_reader.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <filesystem>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "base/file_read.h"
#include "base/str_cat.h"
#include "base/yaml_errors.h"
#include "graph/bundle_digest.h"
#include "rules/engine_version.h"

namespace tiersight::rules {
namespace {

// Thrown inside the reader only; ReadRulePack turns it into a diagnostic.
struct PackError {
  Location where;
  std::string rule_id;
  std::string message;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  Location At(const YAML::Node& node) const { return base::PlaceOf(file_, node); }

  [[noreturn]] void Fail(const YAML::Node& node, std::string message) const {
    throw PackError{At(node), rule_id_, std::move(message)};
  }

  void RequireMap(const YAML::Node& node, std::string_view what) const {
    if (!node.IsMap()) Fail(node, StrCat(what, " must be a mapping"));
  }

  // Every key must be known (LoadYamlDocument has refused duplicates).
  void CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> known,
                 std::string_view what) const {
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Fail(kv.first, StrCat("unknown key `", key, "` in ", what, " (known: ",
                              StrJoin(std::vector<std::string_view>(known), ", "), ")"));
      }
    }
  }

  std::string Text(const YAML::Node& map, std::string_view key, bool required) const {
    const YAML::Node v = map[std::string(key)];
    if (!v) {
      if (required) Fail(map, StrCat("missing `", key, "`"));
      return "";
    }
    if (!v.IsScalar()) Fail(v, StrCat("`", key, "` must be text"));
    if (required && v.Scalar().empty()) Fail(v, StrCat("`", key, "` is empty"));
    return v.Scalar();
  }

  template <typename T>
  T Number(const YAML::Node& map, std::string_view key, T fallback) const {
    const YAML::Node v = map[std::string(key)];
    if (!v) return fallback;
    if (!v.IsScalar()) Fail(v, StrCat("`", key, "` must be a number"));
    T out{};
    const std::string& s = v.Scalar();
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || end != s.data() + s.size()) {
      Fail(v, StrCat("`", key, "` must be a number, not '", s, "'"));
    }
    return out;
  }

  bool Flag(const YAML::Node& map, std::string_view key) const {
    const YAML::Node v = map[std::string(key)];
    if (!v) return false;
    const std::optional<bool> flag = base::CoreBool(v);
    if (!flag) Fail(v, StrCat("`", key, "` must be true or false"));
    return *flag;
  }

  std::vector<std::string> List(const YAML::Node& map, std::string_view key) const {
    std::vector<std::string> out;
    const YAML::Node v = map[std::string(key)];
    if (!v) return out;
    if (!v.IsSequence()) Fail(v, StrCat("`", key, "` must be a list"));
    for (const YAML::Node& item : v) {
      if (!item.IsScalar() || item.Scalar().empty())
        Fail(item, StrCat("`", key, "` items must be text"));
      out.push_back(item.Scalar());
    }
    return out;
  }

  RulePack Read(const YAML::Node& root) {
    RequireMap(root, "a rule pack");
    CheckKeys(root,
              {"pack", "version", "title", "requires_engine", "description", "conditions", "rules",
               "tests"},
              "the pack header");
    RulePack pack;
    pack.file = file_;
    pack.name = Text(root, "pack", true);
    pack.version = Text(root, "version", true);
    int a, b, c;
    if (!ParseVersion(pack.version, a, b, c)) {
      Fail(root["version"], "`version` must be MAJOR.MINOR.PATCH");
    }
    pack.title = Text(root, "title", true);
    pack.description = Text(root, "description", false);
    pack.requires_engine = Text(root, "requires_engine", true);
    CheckEngine(root["requires_engine"], pack.requires_engine);
    if (const YAML::Node conditions = root["conditions"]) {
      RequireMap(conditions, "`conditions`");
      for (const auto& kv : conditions) {
        if (!kv.second.IsScalar()) Fail(kv.second, "a condition must be an expression");
        pack.conditions.push_back({kv.first.Scalar(), kv.second.Scalar(), At(kv.second)});
      }
    }
    const YAML::Node rules = root["rules"];
    if (!rules || !rules.IsSequence() || rules.size() == 0) {
      Fail(rules ? rules : root, "`rules` must be a non-empty list");
    }
    absl::flat_hash_set<std::string> ids;
    for (const YAML::Node& node : rules) {
      RuleSpec rule = ReadRule(node);
      if (!ids.insert(rule.id).second)
        Fail(node["id"], StrCat("duplicate rule id '", rule.id, "'"));
      pack.rules.push_back(std::move(rule));
      rule_id_.clear();
    }
    if (const YAML::Node tests = root["tests"]) {
      if (!tests.IsSequence()) Fail(tests, "`tests` must be a list");
      for (const YAML::Node& t : tests) pack.tests.push_back(ReadTest(t, ids));
    }
    return pack;
  }

 private:
  void CheckEngine(const YAML::Node& node, const std::string& needed) const {
    int major, minor, patch;
    if (!ParseVersion(needed, major, minor, patch)) {
      Fail(node, StrCat("`requires_engine` must be MAJOR.MINOR.PATCH, not '", needed, "'"));
    }
    const bool newer = major != kEngineMajor || minor > kEngineMinor ||
                       (minor == kEngineMinor && patch > kEnginePatch);
    if (newer) {
      Fail(node, StrCat("the pack requires engine version ", needed, ", but this engine is ",
                        kEngineVersion));
    }
  }

  RuleSpec ReadRule(const YAML::Node& node) {
    RequireMap(node, "a rule");
    RuleSpec r;
    r.where = At(node);
    r.id = Text(node, "id", true);
    rule_id_ = r.id;
    CheckKeys(node,
              {"id", "title", "scope", "when", "severity", "tags", "cite", "message", "top",
               "rank_by", "min_matches", "min_share", "highest_only"},
              "a rule");
    r.title = Text(node, "title", true);
    const std::string scope = Text(node, "scope", true);
    if (!ParseScope(scope, r.scope)) {
      Fail(node["scope"], StrCat("unknown scope '", scope, "' (network, level, tier or agent)"));
    }
    r.when = Text(node, "when", true);
    r.when_at = At(node["when"]);
    const std::string severity = Text(node, "severity", true);
    if (!ParseSeverity(severity, r.severity)) {
      Fail(node["severity"],
           StrCat("unknown severity '", severity, "' (info, low, medium, high or critical)"));
    }
    r.tags = List(node, "tags");
    if (r.tags.empty()) Fail(node, "a rule needs at least one tag in `tags`");
    for (const std::string& tag : r.tags) {
      bool known = false;
      for (const auto& [name, _] : TagVocabulary()) known |= name == tag;
      if (!known)
        Fail(node["tags"], StrCat("unknown tag '", tag, "' (see `tiersight rules tags`)"));
    }
    r.cite = Text(node, "cite", true);
    r.message = Text(node, "message", true);
    r.message_at = At(node["message"]);
    const bool agent = r.scope == Scope::kAgent;
    for (const char* key : {"top", "rank_by", "min_matches", "min_share", "highest_only"}) {
      if (!agent && node[key]) Fail(node[key], StrCat("`", key, "` applies to agent rules only"));
    }
    r.top = Number<int>(node, "top", 10);
    if (r.top < 0) Fail(node["top"], "`top` must not be negative");
    r.rank_by = Text(node, "rank_by", false);
    if (node["rank_by"]) r.rank_by_at = At(node["rank_by"]);
    r.min_matches = Number<int64_t>(node, "min_matches", 1);
    if (r.min_matches < 1) Fail(node["min_matches"], "`min_matches` must be at least 1");
    r.min_share = Number<double>(node, "min_share", 0.0);
    if (r.min_share < 0 || r.min_share > 1)
      Fail(node["min_share"], "`min_share` must be within 0..1");
    r.highest_only = Flag(node, "highest_only");
    return r;
  }

  PackTest ReadTest(const YAML::Node& node, const absl::flat_hash_set<std::string>& ids) const {
    RequireMap(node, "a test");
    CheckKeys(node, {"bundle", "fires", "silent"}, "a test");
    PackTest t;
    t.where = At(node);
    const std::string bundle = Text(node, "bundle", true);
    t.bundle = (std::filesystem::path(file_).parent_path() / bundle).lexically_normal().string();
    t.fires = List(node, "fires");
    t.silent = List(node, "silent");
    for (const auto* list : {&t.fires, &t.silent}) {
      for (const std::string& id : *list) {
        if (!ids.contains(id))
          Fail(node, StrCat("the test names rule '", id, "', which the pack does not have"));
      }
    }
    return t;
  }

  std::string file_;
  std::string rule_id_;
};

// A pack-level diagnostic from a base error: placed where the YAML was
// refused, or for a file that cannot be read, at the file alone (base's
// messages start with the path, which the place already names).
Diagnostic DiagnosticOf(const std::string& path, const absl::Status& status) {
  if (std::optional<base::YamlFault> fault = base::YamlFaultOf(status)) {
    return {fault->place, "", fault->message};
  }
  std::string message(status.message());
  if (const std::string prefix = path + ": "; message.starts_with(prefix)) {
    message.erase(0, prefix.size());
  }
  return {Location{path, 0, 0}, "", message};
}

}  // namespace

std::string Diagnostic::ToString() const {
  if (rule_id.empty()) return base::Located(where, message);
  return base::Located(where, StrCat("rule '", rule_id, "': ", message));
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "?";
}

bool ParseSeverity(std::string_view name, Severity& s) {
  for (Severity v :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (SeverityName(v) == name) {
      s = v;
      return true;
    }
  }
  return false;
}

const std::vector<std::pair<std::string, std::string>>& TagVocabulary() {
  static const std::vector<std::pair<std::string, std::string>> kTags = {
      {"pyramid", "rewards or revenue driven by recruitment rather than sales to consumers"},
      {"entry_fee", "paying a fee, or buying goods, to join or to rise a tier"},
      {"team_pay", "pay computed on the downline's purchases or team volume"},
      {"inventory_loading", "stock bought to qualify or rise, piling up unsold"},
      {"deep_hierarchy", "many levels of sponsors above the participants"},
      {"criminal_threshold", "a criminal-law threshold (headcount, levels, money) is reached"},
      {"data_quality", "the records are inconsistent or incomplete"},
      {"participant_loss", "most participants lose money"},
      {"buy_back", "unsold stock is not bought back when participants leave"},
  };
  return kTags;
}

bool ParseVersion(std::string_view text, int& major, int& minor, int& patch) {
  int* parts[] = {&major, &minor, &patch};
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    const size_t end = i < 2 ? text.find('.', pos) : text.size();
    if (end == std::string_view::npos || end == pos) return false;
    const auto [p, ec] = std::from_chars(text.data() + pos, text.data() + end, *parts[i]);
    if (ec != std::errc() || p != text.data() + end) return false;
    pos = end + 1;
  }
  return true;
}

std::optional<RulePack> ReadRulePack(const std::string& path,
                                     std::vector<Diagnostic>& diagnostics) {
  absl::StatusOr<std::string> text =
      base::ReadRegularFile(path, base::kMaxPackFileBytes, "a rule pack");
  if (!text.ok()) {
    diagnostics.push_back(DiagnosticOf(path, text.status()));
    return std::nullopt;
  }
  return ReadRulePackText(*text, path, diagnostics);
}

std::optional<RulePack> ReadRulePackText(std::string_view text, const std::string& file,
                                         std::vector<Diagnostic>& diagnostics) {
  absl::StatusOr<YAML::Node> root = base::LoadYamlDocument(text, file);
  if (!root.ok()) {
    diagnostics.push_back(DiagnosticOf(file, root.status()));
    return std::nullopt;
  }
  try {
    RulePack pack = Reader(file).Read(*root);
    pack.sha256 = graph::Sha256OfText(text);
    return pack;
  } catch (const PackError& e) {
    diagnostics.push_back({e.where, e.rule_id, e.message});
  } catch (const YAML::Exception& e) {
    diagnostics.push_back({base::PlaceOf(file, e.mark), "", e.msg});
  }
  return std::nullopt;
}

}  // namespace tiersight::rules
