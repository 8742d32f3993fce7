#include "graph/network_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "base/file_read.h"
#include "base/str_cat.h"
#include "base/yaml_errors.h"
#include "graph/bundle_digest.h"

namespace tiersight::graph {
namespace {

// Errors name the file as the bundle format does, not by its path.
constexpr char kFile[] = "network.yaml";

absl::Status ErrorAt(const YAML::Node& node, std::string_view what) {
  return base::YamlError(base::PlaceOf(kFile, node), what);
}

absl::StatusOr<std::string> ScalarText(const YAML::Node& node, std::string_view key) {
  if (!node.IsScalar()) return ErrorAt(node, StrCat("`", key, "` must be text"));
  return node.Scalar();
}

}  // namespace

absl::StatusOr<NetworkConfig> ReadNetworkConfig(const std::string& path,
                                                std::vector<LoadIssue>& warnings) {
  NetworkConfig config;
  if (!base::PathPresent(path)) return config;
  config.present = true;

  absl::StatusOr<std::string> bytes = base::ReadRegularFile(path, base::kMaxConfigFileBytes, kFile);
  if (!bytes.ok()) return bytes.status();
  // yaml-cpp reads any bytes; tier names in another encoding would silently
  // never match agents.csv, so refuse them here.
  if (const size_t bad = FindInvalidUtf8(*bytes); bad != std::string_view::npos) {
    const std::string_view head = std::string_view(*bytes).substr(0, bad);
    const auto line = 1 + std::count(head.begin(), head.end(), '\n');
    return absl::InvalidArgumentError(
        StrCat(kFile, ":", line,
               ": not valid UTF-8; network.yaml must be saved as UTF-8 "
               "(`encoding:` applies to the CSV files only)"));
  }

  config.sha256 = Sha256OfText(*bytes);

  absl::StatusOr<YAML::Node> loaded = base::LoadYamlDocument(*bytes, kFile);
  if (!loaded.ok()) return loaded.status();
  const YAML::Node& root = *loaded;
  if (root.IsNull()) return config;
  if (!root.IsMap()) return ErrorAt(root, "must be a mapping of keys to values");

  for (const auto& entry : root) {
    const YAML::Node& key_node = entry.first;
    const YAML::Node& value = entry.second;
    if (!key_node.IsScalar()) return ErrorAt(key_node, "a key must be text");
    const std::string& key = key_node.Scalar();
    if (key == "name" || key == "currency") {
      absl::StatusOr<std::string> text = ScalarText(value, key);
      if (!text.ok()) return text.status();
      (key == "name" ? config.name : config.currency) = *text;
    } else if (key == "as_of") {
      absl::StatusOr<std::string> text = ScalarText(value, key);
      if (!text.ok()) return text.status();
      std::optional<base::Day> day = base::ParseDay(*text);
      if (!day) {
        return ErrorAt(value, StrCat("`as_of` '", *text, "' is not a date (YYYY-MM-DD)"));
      }
      config.as_of = *day;
    } else if (key == "encoding") {
      absl::StatusOr<std::string> text = ScalarText(value, key);
      if (!text.ok()) return text.status();
      absl::StatusOr<TextEncoding> encoding = ParseEncodingName(*text);
      if (!encoding.ok()) return ErrorAt(value, std::string(encoding.status().message()));
      config.encoding = *encoding;
    } else if (key == "jurisdiction") {
      absl::StatusOr<std::string> text = ScalarText(value, key);
      if (!text.ok()) return text.status();
      const bool code = (text->size() == 2) && std::all_of(text->begin(), text->end(), [](char c) {
                          return c >= 'a' && c <= 'z';
                        });
      if (!code) {
        return ErrorAt(value, StrCat("`jurisdiction` '", *text,
                                     "' is not a code (ISO 3166-1 alpha-2 in lower case, or eu)"));
      }
      config.jurisdiction = *text;
    } else if (key == "direct_selling_licence") {
      std::optional<bool> licensed = base::CoreBool(value);
      if (!licensed) return ErrorAt(value, "`direct_selling_licence` must be true or false");
      config.direct_selling_licence = *licensed;
    } else if (key == "tiers") {
      if (!value.IsSequence()) {
        return ErrorAt(value, "`tiers` must be a list of tier names, highest first");
      }
      std::vector<std::string> tiers;
      absl::flat_hash_set<std::string> names;
      for (const YAML::Node& item : value) {
        if (!item.IsScalar() || item.Scalar().empty()) {
          return ErrorAt(item, "each tier must be a non-empty name");
        }
        if (!names.insert(item.Scalar()).second) {
          return ErrorAt(item, StrCat("tier '", item.Scalar(), "' is listed twice"));
        }
        tiers.push_back(item.Scalar());
      }
      config.tiers = std::move(tiers);
    } else {
      warnings.push_back(
          LoadIssue{.file = kFile,
                    .line = base::PlaceOf(kFile, key_node).line,
                    .reason = StrCat("key `", key, "` is not part of the bundle format; ignored")});
    }
  }
  return config;
}

}  // namespace tiersight::graph
