#include "rules/pack_fields.h"

#include <algorithm>
#include <optional>

#include "base/yaml_errors.h"

namespace tiersight::rules {

Location PackFields::At(const YAML::Node& node) const { return base::PlaceOf(file_, node); }

void PackFields::Fail(const YAML::Node& node, std::string message) const {
  throw PackError{At(node), rule_id_, std::move(message)};
}

void PackFields::RequireMap(const YAML::Node& node, std::string_view what) const {
  if (!node.IsMap()) Fail(node, StrCat(what, " must be a mapping"));
}

void PackFields::CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> known,
                           std::string_view what) const {
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      Fail(kv.first, StrCat("unknown key `", key, "` in ", what,
                            " (known: ", StrJoin(std::vector<std::string_view>(known), ", "), ")"));
    }
  }
}

std::string PackFields::Text(const YAML::Node& map, std::string_view key, bool required) const {
  const YAML::Node v = map[std::string(key)];
  if (!v) {
    if (required) Fail(map, StrCat("missing `", key, "`"));
    return "";
  }
  if (!v.IsScalar()) Fail(v, StrCat("`", key, "` must be text"));
  if (required && v.Scalar().empty()) Fail(v, StrCat("`", key, "` is empty"));
  return v.Scalar();
}

std::string PackFields::Identifier(const YAML::Node& map, std::string_view key) const {
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

bool PackFields::Flag(const YAML::Node& map, std::string_view key) const {
  const YAML::Node v = map[std::string(key)];
  if (!v) return false;
  const std::optional<bool> flag = base::CoreBool(v);
  if (!flag) Fail(v, StrCat("`", key, "` must be true or false"));
  return *flag;
}

std::vector<std::string> PackFields::List(const YAML::Node& map, std::string_view key) const {
  std::vector<std::string> out;
  const YAML::Node v = map[std::string(key)];
  if (!v) return out;
  if (!v.IsSequence()) Fail(v, StrCat("`", key, "` must be a list"));
  for (const YAML::Node& item : v) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      Fail(item, StrCat("`", key, "` items must be text"));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

double PackFields::Real(const YAML::Node& map, std::string_view key, double fallback) const {
  const YAML::Node v = map[std::string(key)];
  if (!v) return fallback;
  const std::optional<double> value = base::CoreFloat(v);
  if (!value) Fail(v, StrCat("`", key, "` must be a number"));
  return *value;
}

}  // namespace tiersight::rules
