// Names of shipped rule packs ("rulePacks/{pack}"), shared by the rule pack
// and audit services so that a name can never reach outside the packs
// directory. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::services {

inline constexpr std::string_view kRulePackNamePrefix = "rulePacks/";

// Letters, digits, '-' and '_' only, at most 128 characters.
bool IsPackId(std::string_view id);

// The path of the shipped pack `name` ("rulePacks/{pack}") in `packs_dir`:
// INVALID_ARGUMENT for a malformed name (naming `field`), NOT_FOUND when
// there is no such pack.
absl::StatusOr<std::string> ShippedPackPath(const std::string& packs_dir, std::string_view name,
                                            std::string_view field);

}  // namespace tiersight::services
