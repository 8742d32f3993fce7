#include "services/network_yaml.h"

#include <yaml-cpp/yaml.h>

#include "absl/status/status.h"
#include "base/str_cat.h"
#include "graph/text_encoding.h"

namespace tiersight::services {

absl::StatusOr<std::string> NetworkYamlFromFacts(const tiersight::v1::NetworkFacts& facts) {
  if (!facts.encoding().empty()) {
    absl::StatusOr<graph::TextEncoding> encoding = graph::ParseEncodingName(facts.encoding());
    if (!encoding.ok() || *encoding != graph::TextEncoding::kUtf8) {
      return absl::InvalidArgumentError(
          StrCat("header.facts.encoding \"", facts.encoding(),
                 "\": uploaded records are UTF-8 protobuf strings; leave it empty or \"utf-8\""));
    }
  }
  if (facts.name().empty() && facts.currency().empty() && facts.as_of().empty() &&
      facts.tiers().empty() && facts.encoding().empty() && facts.jurisdiction().empty() &&
      !facts.direct_selling_licence()) {
    return std::string();
  }
  YAML::Emitter out;
  out << YAML::BeginMap;
  // Quoted, so that a name like "no" or "2026" stays text.
  auto text = [&](const char* key, const std::string& value) {
    if (!value.empty()) out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
  };
  text("name", facts.name());
  text("currency", facts.currency());
  text("as_of", facts.as_of());
  if (facts.tiers_size() > 0) {
    out << YAML::Key << "tiers" << YAML::Value << YAML::BeginSeq;
    for (const std::string& tier : facts.tiers()) out << YAML::DoubleQuoted << tier;
    out << YAML::EndSeq;
  }
  text("encoding", facts.encoding());
  // Quoted too: Norway's code, no, would read as false.
  text("jurisdiction", facts.jurisdiction());
  if (facts.direct_selling_licence()) {
    out << YAML::Key << "direct_selling_licence" << YAML::Value << true;
  }
  out << YAML::EndMap;
  if (!out.good()) {
    return absl::InvalidArgumentError(
        StrCat("header.facts cannot be written as network.yaml: ", out.GetLastError()));
  }
  return StrCat(out.c_str(), "\n");
}

}  // namespace tiersight::services
