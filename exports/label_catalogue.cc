#include "exports/label_catalogue.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "base/yaml_errors.h"

namespace tiersight::exports {
namespace {

using Flat = std::map<std::string, std::string>;

// Every text by its key; a group's texts as "group.key".
Flat Flatten(const LabelCatalogue& c) {
  Flat flat(c.labels.begin(), c.labels.end());
  for (const auto& [group, words] : c.groups) {
    for (const auto& [key, text] : words) flat.emplace(StrCat(group, ".", key), text);
  }
  return flat;
}

std::set<std::string> Placeholders(const std::string& text) {
  static const std::regex kPlaceholder(R"(\{[a-z_]+\})");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it) {
    out.insert(it->str());
  }
  return out;
}

bool IsCppName(const std::string& key) {
  static const std::regex kName("[a-z][a-z0-9_]*");
  // `language` is the field that names the catalogue itself.
  return std::regex_match(key, kName) && key != "language";
}

std::string FileOf(const LabelCatalogue& c) { return c.language + ".yaml"; }

// A scalar's text; null ("key:" with nothing after it) is empty.
absl::StatusOr<std::string> Text(const YAML::Node& node, const std::string& file,
                                 const std::string& key) {
  if (node.IsNull()) return std::string();
  if (!node.IsScalar()) {
    return base::YamlError(base::PlaceOf(file, node), StrCat("`", key, "` is not a text"));
  }
  return node.Scalar();
}

void CompareWithReference(const LabelCatalogue& reference, const LabelCatalogue& c,
                          std::vector<std::string>& problems) {
  const Flat want = Flatten(reference);
  const Flat have = Flatten(c);
  for (const auto& [key, text] : want) {
    const auto it = have.find(key);
    if (it == have.end()) {
      problems.push_back(
          StrCat(FileOf(c), ": `", key, "` is missing (", FileOf(reference), " has it)"));
    } else if (Placeholders(it->second) != Placeholders(text)) {
      problems.push_back(StrCat(FileOf(c), ": `", key, "` must hold the placeholders of ",
                                FileOf(reference), ": \"", text, "\""));
    }
  }
  for (const auto& [key, text] : have) {
    if (!want.contains(key)) {
      problems.push_back(StrCat(FileOf(c), ": `", key, "` is not a key of ", FileOf(reference)));
    }
  }
}

}  // namespace

absl::StatusOr<LabelCatalogue> ParseLabelCatalogue(std::string_view yaml,
                                                   const std::filesystem::path& file) {
  const std::string name = file.string();
  absl::StatusOr<YAML::Node> root = base::LoadYamlDocument(yaml, name);
  if (!root.ok()) return root.status();
  if (!root->IsMap()) return base::YamlError({name, 0, 0}, "a catalogue maps keys to texts");
  LabelCatalogue out{.language = file.stem().string(), .labels = {}, .groups = {}};
  for (const auto& kv : *root) {
    const std::string key = kv.first.as<std::string>();
    if (!kv.second.IsMap()) {
      absl::StatusOr<std::string> text = Text(kv.second, name, key);
      if (!text.ok()) return text.status();
      out.labels.emplace_back(key, std::move(*text));
      continue;
    }
    auto& words =
        out.groups.emplace_back(key, decltype(out.groups)::value_type::second_type{}).second;
    for (const auto& word : kv.second) {
      const std::string word_key = word.first.as<std::string>();
      absl::StatusOr<std::string> text = Text(word.second, name, StrCat(key, ".", word_key));
      if (!text.ok()) return text.status();
      words.emplace_back(word_key, std::move(*text));
    }
  }
  return out;
}

absl::StatusOr<LabelCatalogue> ReadLabelCatalogue(const std::filesystem::path& file) {
  absl::StatusOr<std::string> text =
      base::ReadRegularFile(file.string(), base::kMaxConfigFileBytes, "a label catalogue");
  if (!text.ok()) return text.status();
  return ParseLabelCatalogue(*text, file);
}

std::vector<std::string> CheckLabelCatalogues(const std::vector<LabelCatalogue>& catalogues) {
  std::vector<std::string> problems;
  if (catalogues.empty()) return {"no label catalogue"};
  const LabelCatalogue& reference = catalogues.front();
  for (const auto& [key, text] : reference.labels) {
    if (!IsCppName(key)) {
      problems.push_back(StrCat(FileOf(reference), ": `", key,
                                "` is no name for a field (lower case, digits and _)"));
    }
  }
  for (const auto& [group, words] : reference.groups) {
    if (!IsCppName(group)) {
      problems.push_back(StrCat(FileOf(reference), ": `", group,
                                "` is no name for a field (lower case, digits and _)"));
    }
  }
  static const std::regex kLanguageCode("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  // A BCP 47 tag as pages carry it ("zh-CN"); written into the page as it is.
  static const std::regex kLanguageTag("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  std::map<std::string, std::string> html_langs;  // html_lang -> file
  for (const LabelCatalogue& c : catalogues) {
    if (!std::regex_match(c.language, kLanguageCode)) {
      problems.push_back(StrCat(FileOf(c), ": \"", c.language,
                                "\" is no language code (such as en, zh or zh-TW)"));
    }
    if (&c != &reference) CompareWithReference(reference, c, problems);
    for (const auto& [key, text] : Flatten(c)) {
      if (text.empty()) problems.push_back(StrCat(FileOf(c), ": `", key, "` is empty"));
    }
    const auto html_lang = std::find_if(c.labels.begin(), c.labels.end(),
                                        [](const auto& kv) { return kv.first == "html_lang"; });
    if (html_lang == c.labels.end()) {
      problems.push_back(StrCat(FileOf(c), ": `html_lang` (the page's <html lang>) is missing"));
    } else if (!std::regex_match(html_lang->second, kLanguageTag)) {
      problems.push_back(StrCat(FileOf(c), ": html_lang \"", html_lang->second,
                                "\" is no language tag (such as en or zh-CN)"));
    } else if (auto [it, fresh] = html_langs.emplace(html_lang->second, FileOf(c)); !fresh) {
      problems.push_back(StrCat(FileOf(c), ": html_lang \"", html_lang->second,
                                "\" is also the one of ", it->second,
                                "; verify tells the languages of pages apart by it"));
    }
  }
  return problems;
}

namespace {

absl::Status FlattenTexts(const YAML::Node& node, const std::string& file, const std::string& path,
                          FindingTextCatalogue& out) {
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (key.empty() || key.find('/') != std::string::npos) {
      return base::YamlError(base::PlaceOf(file, kv.first),
                             StrCat("`", key, "` is no key (empty or holding '/')"));
    }
    const std::string at = path.empty() ? key : StrCat(path, "/", key);
    if (kv.second.IsMap()) {
      if (absl::Status s = FlattenTexts(kv.second, file, at, out); !s.ok()) return s;
      continue;
    }
    absl::StatusOr<std::string> text = Text(kv.second, file, at);
    if (!text.ok()) return text.status();
    out.texts.emplace_back(at, std::move(*text));
  }
  return absl::OkStatus();
}

// Whether `path` (split at '/') is a place the format has.
bool IsFindingTextPath(const std::vector<std::string>& p) {
  static const std::set<std::string> kScopes = {"network", "level", "tier",
                                                "branch",  "agent", "group"};
  static const std::set<std::string> kRuleTexts = {"title", "message", "cite"};
  if (p.size() == 2) {
    return p[0] == "tags" || p[0] == "jurisdictions" || p[0] == "figure_params";
  }
  if (p.size() == 3 && p[0] == "definitions") return kScopes.contains(p[1]);
  if (p.empty() || p[0] != "packs") return false;
  if (p.size() == 3) return p[2] == "version";
  if (p.size() == 4) {
    return (p[2] == "verdict" && (p[3] == "name" || p[3] == "offence")) || p[2] == "risk" ||
           p[2] == "params";
  }
  if (p.size() == 5) {
    return (p[2] == "verdict" && p[3] == "elements") ||
           (p[2] == "rules" && kRuleTexts.contains(p[4]));
  }
  return false;
}

// What is wrong with the markup of `text`: `code` and [[foreign text]]
// must each be closed, and not nested.
std::string MarkupProblem(std::string_view text) {
  bool code = false, foreign = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '`') {
      code = !code;
    } else if (!code && text.substr(i, 2) == "[[") {
      if (foreign) return "[[ inside [[...]]";
      foreign = true;
      ++i;
    } else if (!code && text.substr(i, 2) == "]]") {
      if (!foreign) return "]] without [[";
      foreign = false;
      ++i;
    }
  }
  if (code) return "` not closed";
  if (foreign) return "[[ not closed";
  return {};
}

}  // namespace

absl::StatusOr<FindingTextCatalogue> ParseFindingTextCatalogue(std::string_view yaml,
                                                               const std::filesystem::path& file) {
  const std::string name = file.string();
  absl::StatusOr<YAML::Node> root = base::LoadYamlDocument(yaml, name);
  if (!root.ok()) return root.status();
  if (!root->IsMap()) return base::YamlError({name, 0, 0}, "a catalogue maps keys to texts");
  FindingTextCatalogue out{.language = file.stem().string(), .texts = {}};
  if (absl::Status s = FlattenTexts(*root, name, "", out); !s.ok()) return s;
  return out;
}

absl::StatusOr<FindingTextCatalogue> ReadFindingTextCatalogue(const std::filesystem::path& file) {
  absl::StatusOr<std::string> text =
      base::ReadRegularFile(file.string(), base::kMaxConfigFileBytes, "a finding text catalogue");
  if (!text.ok()) return text.status();
  return ParseFindingTextCatalogue(*text, file);
}

std::vector<std::string> CheckFindingTextCatalogue(const FindingTextCatalogue& c) {
  std::vector<std::string> problems;
  const std::string file = StrCat("findings/", c.language, ".yaml");
  static const std::regex kLanguageCode("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  if (!std::regex_match(c.language, kLanguageCode)) {
    problems.push_back(StrCat(file, ": \"", c.language, "\" is no language code"));
  }
  for (const auto& [path, text] : c.texts) {
    std::vector<std::string> parts;
    for (size_t begin = 0;;) {
      const size_t end = path.find('/', begin);
      parts.push_back(path.substr(begin, end - begin));
      if (end == std::string::npos) break;
      begin = end + 1;
    }
    if (!IsFindingTextPath(parts)) {
      problems.push_back(StrCat(file, ": `", path, "` is no place of the format"));
    }
    if (text.empty()) problems.push_back(StrCat(file, ": `", path, "` is empty"));
    if (const std::string markup = MarkupProblem(text); !markup.empty()) {
      problems.push_back(StrCat(file, ": `", path, "`: ", markup));
    }
  }
  return problems;
}

}  // namespace tiersight::exports
