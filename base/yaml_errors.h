// Reading the project's YAML files (rule packs, the server's configuration,
// network.yaml) one way: strictly, and with every error located as
// "file:line:column: what".
//
// yaml-cpp alone accepts what a careful reader should not: a NUL byte that
// silently ends a value, duplicate keys (the last one wins), a second
// document that is ignored, and nesting deep enough to exhaust the stack.
// LoadYamlDocument refuses each of those. Scalars are read with the YAML 1.2
// core schema (true/false only; `yes`, `no`, `on`, `off` are text, not
// booleans). Thread-safe.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::base {

// A place in a YAML file, 1-based.
struct YamlPlace {
  std::string file;
  int line = 0;
  int column = 0;
};

YamlPlace PlaceOf(const std::string& file, const YAML::Mark& mark);
YamlPlace PlaceOf(const std::string& file, const YAML::Node& node);

// "file:line:column: message" (line and column left out when unknown).
std::string Located(const YamlPlace& place, std::string_view message);

// INVALID_ARGUMENT with the located message. The place also travels with
// the status, for YamlFaultOf.
absl::Status YamlError(const YamlPlace& place, std::string_view message);

// A YamlError taken apart again, for callers that report the place in
// fields of their own (a rule pack's diagnostics carry line and column).
struct YamlFault {
  YamlPlace place;
  std::string message;  // without the place
};

// The fault of a status YamlError made (LoadYamlDocument's included);
// nullopt for any other status.
std::optional<YamlFault> YamlFaultOf(const absl::Status& status);

inline constexpr int kMaxYamlNesting = 64;

// Parses `text` as one YAML document. INVALID_ARGUMENT, located in `file`,
// for a NUL byte, a syntax error, more than one document, a key given twice
// in one mapping, or nesting deeper than `max_nesting`. An empty text is a
// null node.
absl::StatusOr<YAML::Node> LoadYamlDocument(std::string_view text, const std::string& file,
                                            int max_nesting = kMaxYamlNesting);

// YAML 1.2 core schema booleans: true/True/TRUE, false/False/FALSE.
std::optional<bool> CoreBool(const YAML::Node& scalar);

// A decimal integer with an optional sign; nullopt for anything else
// (`01` and `1e3` included, which YAML 1.1 readers turn into numbers).
std::optional<int64_t> CoreInt(const YAML::Node& scalar);

// A decimal number (optional sign, digits, optional fraction, optional
// exponent); nullopt otherwise.
std::optional<double> CoreFloat(const YAML::Node& scalar);

}  // namespace tiersight::base
