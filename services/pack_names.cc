#include "services/pack_names.h"

#include <algorithm>
#include <filesystem>

#include "absl/status/status.h"
#include "base/str_cat.h"

namespace tiersight::services {

bool IsPackId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
  });
}

absl::StatusOr<std::string> ShippedPackPath(const std::string& packs_dir, std::string_view name,
                                            std::string_view field) {
  if (!name.starts_with(kRulePackNamePrefix) ||
      !IsPackId(name.substr(kRulePackNamePrefix.size()))) {
    return absl::InvalidArgumentError(StrCat("`", field, "` \"", name,
                                             "\" must be \"rulePacks/{pack}\", e.g. "
                                             "\"rulePacks/us-ftc\""));
  }
  const std::filesystem::path path =
      std::filesystem::path(packs_dir) / StrCat(name.substr(kRulePackNamePrefix.size()), ".yaml");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return absl::NotFoundError(StrCat("no rule pack ", name));
  }
  return path.string();
}

}  // namespace tiersight::services
