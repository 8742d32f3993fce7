#include "services/pack_names.h"

#include <algorithm>

#include "absl/status/status.h"
#include "base/str_cat.h"

namespace tiersight::services {

bool IsPackId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

absl::StatusOr<std::string> ParsePackName(std::string_view name, std::string_view field) {
  if (!name.starts_with(kRulePackNamePrefix) ||
      !IsPackId(name.substr(kRulePackNamePrefix.size()))) {
    return absl::InvalidArgumentError(StrCat("`", field, "` \"", name,
                                             "\" must be \"rulePacks/{pack}\", e.g. "
                                             "\"rulePacks/us-ftc\""));
  }
  return std::string(name.substr(kRulePackNamePrefix.size()));
}

}  // namespace tiersight::services
