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

// The pack id of the shipped pack `name` ("rulePacks/{pack}"), which
// names its file in the packs directory; INVALID_ARGUMENT for a malformed
// name, naming `field`.
absl::StatusOr<std::string> ParsePackName(std::string_view name, std::string_view field);

}  // namespace tiersight::services
