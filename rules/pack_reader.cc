#include "rules/pack_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
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

  // A name that reports, file names and HTML show as it is: ASCII letters and
  // digits, then also '.', '_' and '-', at most 64 characters. Never a
  // control or bidirectional character that could disguise it.
  std::string Identifier(const YAML::Node& map, std::string_view key) const {
    std::string text = Text(map, key, true);
    const auto alnum = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    const bool starts_well = alnum(text.front());
    const bool rest_safe = std::all_of(text.begin(), text.end(), [&](char c) {
      return alnum(c) || c == '.' || c == '_' || c == '-';
    });
    if (!starts_well || !rest_safe || text.size() > 64) {
      Fail(map[std::string(key)],
           StrCat("`", key,
                  "` must be ASCII letters, digits, '.', '_' and '-', starting with a "
                  "letter or digit, at most 64 characters"));
    }
    return text;
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
              {"pack", "version", "title", "requires_engine", "description", "jurisdictions",
               "params", "conditions", "rules", "tests", "risk", "verdict"},
              "the pack header");
    RulePack pack;
    pack.file = file_;
    pack.name = Identifier(root, "pack");
    pack.version = Text(root, "version", true);
    int a, b, c;
    if (!ParseVersion(pack.version, a, b, c)) {
      Fail(root["version"], "`version` must be MAJOR.MINOR.PATCH");
    }
    pack.title = Text(root, "title", true);
    pack.description = Text(root, "description", false);
    pack.requires_engine = Text(root, "requires_engine", true);
    CheckEngine(root["requires_engine"], pack.requires_engine);
    pack.jurisdictions = List(root, "jurisdictions");
    for (const std::string& code : pack.jurisdictions) {
      if (!IsJurisdictionCode(code)) {
        Fail(root["jurisdictions"],
             StrCat("jurisdiction '", code,
                    "' is not a code (ISO 3166-1 alpha-2 in lower case, eu, or any)"));
      }
    }
    if (pack.jurisdictions.empty()) pack.jurisdictions.push_back("any");
    if (const YAML::Node params = root["params"]) {
      RequireMap(params, "`params`");
      for (const auto& kv : params) pack.params.push_back(ReadParam(kv.first, kv.second));
    }
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
    if (const YAML::Node risk = root["risk"]) {
      if (!risk.IsSequence()) Fail(risk, "`risk` must be a list of indicators");
      for (const YAML::Node& i : risk) pack.risk.push_back(ReadIndicator(i));
    }
    if (const YAML::Node verdict = root["verdict"]) pack.verdict = ReadVerdict(verdict);
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

  static bool IsJurisdictionCode(std::string_view code) {
    if (code == "any") return true;
    return code.size() == 2 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }

  static bool IsIdentifier(std::string_view s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
  }

  double Real(const YAML::Node& map, std::string_view key, double fallback) const {
    const YAML::Node v = map[std::string(key)];
    if (!v) return fallback;
    const std::optional<double> value = base::CoreFloat(v);
    if (!value) Fail(v, StrCat("`", key, "` must be a number"));
    return *value;
  }

  PackParam ReadParam(const YAML::Node& key, const YAML::Node& node) const {
    PackParam p;
    p.name = key.Scalar();
    p.where = At(key);
    if (!IsIdentifier(p.name))
      Fail(key, StrCat("parameter name '", p.name, "' is not an identifier"));
    RequireMap(node, StrCat("parameter `", p.name, "`"));
    CheckKeys(node, {"default", "min", "max", "unit", "heuristic", "doc"}, "a parameter");
    if (!node["default"]) Fail(node, StrCat("parameter `", p.name, "` needs a `default`"));
    p.default_value = Real(node, "default", 0);
    const std::string unit = Text(node, "unit", true);
    bool known = false;
    for (graph::FigureUnit u :
         {graph::FigureUnit::kCount, graph::FigureUnit::kMoney, graph::FigureUnit::kShare,
          graph::FigureUnit::kRatio, graph::FigureUnit::kMonths, graph::FigureUnit::kUnits}) {
      if (graph::UnitName(u) == unit) {
        p.unit = u;
        known = true;
      }
    }
    if (!known) {
      Fail(node["unit"],
           StrCat("unknown unit '", unit, "' (count, units, money, share, ratio or months)"));
    }
    const bool share = p.unit == graph::FigureUnit::kShare;
    p.min = Real(node, "min", share ? 0.0 : 0.0);
    p.max = Real(node, "max", share ? 1.0 : 1e15);
    if (p.min > p.max) Fail(node, StrCat("parameter `", p.name, "`: `min` is above `max`"));
    if (p.default_value < p.min || p.default_value > p.max) {
      Fail(node["default"],
           StrCat("parameter `", p.name, "`: the default is outside ", p.min, "..", p.max));
    }
    p.heuristic = Flag(node, "heuristic");
    p.doc = Text(node, "doc", true);
    return p;
  }

  RiskIndicator ReadIndicator(const YAML::Node& node) const {
    RequireMap(node, "a risk indicator");
    CheckKeys(node, {"id", "title", "weight", "network", "organiser"}, "a risk indicator");
    RiskIndicator i;
    i.where = At(node);
    i.id = Identifier(node, "id");
    i.title = Text(node, "title", true);
    i.weight = Real(node, "weight", 1.0);
    if (!(i.weight > 0)) Fail(node["weight"], "`weight` must be greater than 0");
    i.network = Text(node, "network", true);
    i.network_at = At(node["network"]);
    i.organiser = Text(node, "organiser", false);
    if (node["organiser"]) i.organiser_at = At(node["organiser"]);
    return i;
  }

  VerdictSpec ReadVerdict(const YAML::Node& node) const {
    RequireMap(node, "`verdict`");
    CheckKeys(node, {"name", "offence", "elements"}, "`verdict`");
    VerdictSpec v;
    v.name = Text(node, "name", true);
    v.offence = Text(node, "offence", true);
    if (const YAML::Node elements = node["elements"]) {
      RequireMap(elements, "`verdict.elements`");
      for (const auto& kv : elements) {
        bool known = false;
        for (const auto& [name, _] : TagVocabulary()) known |= name == kv.first.Scalar();
        if (!known) Fail(kv.first, StrCat("unknown tag '", kv.first.Scalar(), "'"));
        if (!kv.second.IsScalar()) Fail(kv.second, "an element must be a phrase");
        v.elements.emplace_back(kv.first.Scalar(), kv.second.Scalar());
      }
    }
    return v;
  }

  Grade ReadGrade(const YAML::Node& node, Severity max, Scope scope) const {
    RequireMap(node, "`grade`");
    CheckKeys(node, {"share_of", "by", "bands"}, "`grade`");
    Grade g;
    g.where = At(node);
    g.share_of = Text(node, "share_of", false);
    g.by = Text(node, "by", false);
    if (node["by"]) g.by_at = At(node["by"]);
    if (g.share_of.empty() == g.by.empty()) Fail(node, "`grade` needs one of `share_of` or `by`");
    if (!g.by.empty() && scope != Scope::kNetwork) {
      Fail(node["by"], "`grade.by` applies to network rules; group and agent rules use `share_of`");
    }
    if (!g.share_of.empty() && scope == Scope::kNetwork) {
      Fail(node["share_of"],
           "`grade.share_of` applies to group and agent rules; network rules use `by`");
    }
    const YAML::Node bands = node["bands"];
    if (!bands || !bands.IsSequence() || bands.size() == 0) {
      Fail(bands ? bands : node, "`grade.bands` must be a non-empty list");
    }
    for (const YAML::Node& b : bands) {
      RequireMap(b, "a band");
      CheckKeys(b, {"from", "severity"}, "a band");
      SeverityBand band;
      band.from = Real(b, "from", 0);
      const std::string severity = Text(b, "severity", true);
      if (!ParseSeverity(severity, band.severity)) Fail(b["severity"], "unknown severity");
      if (band.severity > max) {
        Fail(b["severity"],
             StrCat("a band's severity is above the rule's (", SeverityName(max), ")"));
      }
      if (!g.bands.empty() && band.from <= g.bands.back().from) {
        Fail(b["from"], "bands must be in ascending order of `from`");
      }
      g.bands.push_back(band);
    }
    return g;
  }

  RuleSpec ReadRule(const YAML::Node& node) {
    RequireMap(node, "a rule");
    RuleSpec r;
    r.where = At(node);
    r.id = Identifier(node, "id");
    rule_id_ = r.id;
    CheckKeys(
        node,
        {"id", "title", "scope", "when", "severity", "tags", "cite", "message", "top", "rank_by",
         "min_matches", "min_share", "highest_only", "organisers", "min_group_agents", "grade"},
        "a rule");
    r.title = Text(node, "title", true);
    const std::string scope = Text(node, "scope", true);
    if (!ParseScope(scope, r.scope)) {
      Fail(node["scope"],
           StrCat("unknown scope '", scope, "' (network, level, tier, branch or agent)"));
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
    for (const char* key :
         {"top", "rank_by", "min_matches", "min_share", "highest_only", "organisers"}) {
      if (!agent && node[key]) Fail(node[key], StrCat("`", key, "` applies to agent rules only"));
    }
    const bool group =
        r.scope == Scope::kLevel || r.scope == Scope::kTier || r.scope == Scope::kBranch;
    if (!group && node["min_group_agents"]) {
      Fail(node["min_group_agents"], "`min_group_agents` applies to level, tier and branch rules");
    }
    r.min_group_agents = Number<int64_t>(node, "min_group_agents", 0);
    if (r.min_group_agents < 0)
      Fail(node["min_group_agents"], "`min_group_agents` must not be negative");
    r.organisers = Flag(node, "organisers");
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
    if (r.highest_only && r.organisers) {
      Fail(node["organisers"], "`organisers` names every organiser; drop `highest_only`");
    }
    if (const YAML::Node grade = node["grade"]) r.grade = ReadGrade(grade, r.severity, r.scope);
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
      {"training_fee", "fees for training, which licensed direct selling must give free"},
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
