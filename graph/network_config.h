// network.yaml: the facts about the whole network (name, currency, as_of,
// tier order, CSV encoding). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/civil_date.h"
#include "graph/load_report.h"
#include "graph/text_encoding.h"

namespace tiersight::graph {

struct NetworkConfig {
  bool present = false;  // false: the bundle has no network.yaml
  std::string name;
  std::string currency;
  std::optional<base::Day> as_of;
  std::optional<std::vector<std::string>> tiers;  // highest first
  TextEncoding encoding = TextEncoding::kUnspecified;
  // Format 1.1: the jurisdiction whose packs run by default (ISO 3166-1
  // alpha-2 in lower case, or `eu`), empty when not given; and whether the
  // brand holds a 直销 licence (the licensed-direct-selling rules read it).
  std::string jurisdiction;
  bool direct_selling_licence = false;
  std::string sha256;  // hex SHA-256 of the file's bytes; empty when absent
};

// Reads network.yaml from `path`. A missing file gives a default config; a
// malformed one is an error naming `network.yaml:line:column`. Keys the format
// does not know are reported as warnings in `warnings`.
absl::StatusOr<NetworkConfig> ReadNetworkConfig(const std::string& path,
                                                std::vector<LoadIssue>& warnings);

}  // namespace tiersight::graph
