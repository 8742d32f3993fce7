#include "graph/network_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "graph/bundle_digest.h"
#include "graph/mapped_file.h"
#include "base/str_cat.h"

namespace tiersight::graph {
namespace {

constexpr char kFile[] = "network.yaml";

absl::Status ErrorAt(const YAML::Mark& mark, std::string_view what) {
  return absl::InvalidArgumentError(
      StrCat(kFile, ":", mark.line + 1, ":", mark.column + 1, ": ", what));
}

absl::StatusOr<std::string> ScalarText(const YAML::Node& node, std::string_view key) {
  if (!node.IsScalar()) return ErrorAt(node.Mark(), StrCat("`", key, "` must be text"));
  return node.Scalar();
}

}  // namespace

absl::StatusOr<NetworkConfig> ReadNetworkConfig(const std::string& path,
                                                std::vector<LoadIssue>& warnings) {
  NetworkConfig config;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return config;
  config.present = true;

  absl::StatusOr<MappedFile> bytes = MappedFile::Open(path);
  if (!bytes.ok()) return bytes.status();
  // yaml-cpp reads any bytes; tier names in another encoding would silently
  // never match agents.csv, so refuse them here.
  if (const size_t bad = FindInvalidUtf8(bytes->view()); bad != std::string_view::npos) {
    const std::string_view head = bytes->view().substr(0, bad);
    const auto line = 1 + std::count(head.begin(), head.end(), '\n');
    return absl::InvalidArgumentError(
        StrCat(kFile, ":", line, ": not valid UTF-8; network.yaml must be saved as UTF-8 "
                                 "(`encoding:` applies to the CSV files only)"));
  }

  config.sha256 = Sha256OfText(bytes->view());

  YAML::Node root;
  try {
    root = YAML::Load(std::string(bytes->view()));
  } catch (const YAML::ParserException& e) {
    return ErrorAt(e.mark, e.msg);
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(StrCat(kFile, ": ", e.what()));
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) return ErrorAt(root.Mark(), "must be a mapping of keys to values");

  absl::flat_hash_set<std::string> seen;
  for (const auto& entry : root) {
    const YAML::Node& key_node = entry.first;
    const YAML::Node& value = entry.second;
    const std::string key = key_node.as<std::string>();
    // yaml-cpp keeps the last of duplicate keys without a word; refuse instead.
    if (!seen.insert(key).second) {
      return ErrorAt(key_node.Mark(), StrCat("`", key, "` is given twice"));
    }
    if (key == "name" || key == "currency") {
      absl::StatusOr<std::string> text = ScalarText(value, key);
      if (!text.ok()) return text.status();
      (key == "name" ? config.name : config.currency) = *text;
    } else if (key == "as_of") {
      absl::StatusOr<std::string> text = ScalarText(value, key);
      if (!text.ok()) return text.status();
      std::optional<base::Day> day = base::ParseDay(*text);
      if (!day) {
        return ErrorAt(value.Mark(),
                       StrCat("`as_of` '", *text, "' is not a date (YYYY-MM-DD)"));
      }
      config.as_of = *day;
    } else if (key == "encoding") {
      absl::StatusOr<std::string> text = ScalarText(value, key);
      if (!text.ok()) return text.status();
      absl::StatusOr<TextEncoding> encoding = ParseEncodingName(*text);
      if (!encoding.ok()) return ErrorAt(value.Mark(), std::string(encoding.status().message()));
      config.encoding = *encoding;
    } else if (key == "tiers") {
      if (!value.IsSequence()) {
        return ErrorAt(value.Mark(), "`tiers` must be a list of tier names, highest first");
      }
      std::vector<std::string> tiers;
      absl::flat_hash_set<std::string> names;
      for (const YAML::Node& item : value) {
        if (!item.IsScalar() || item.Scalar().empty()) {
          return ErrorAt(item.Mark(), "each tier must be a non-empty name");
        }
        if (!names.insert(item.Scalar()).second) {
          return ErrorAt(item.Mark(), StrCat("tier '", item.Scalar(), "' is listed twice"));
        }
        tiers.push_back(item.Scalar());
      }
      config.tiers = std::move(tiers);
    } else {
      warnings.push_back(LoadIssue{
          .file = kFile,
          .line = key_node.Mark().line + 1,
          .reason = StrCat("key `", key, "` is not part of the bundle format; ignored")});
    }
  }
  return config;
}

}  // namespace tiersight::graph
