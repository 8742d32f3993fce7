// The display name a tenant gives a network: shown in listings and reports
// beside other text, so it must be short, well-formed and free of characters
// that act on the text around it. Thread-safe (a free function).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tiersight::services {

inline constexpr size_t kMaxDisplayNameBytes = 200;

// OK for an empty name or one of at most kMaxDisplayNameBytes bytes of valid
// UTF-8 without C0 or C1 controls, DEL or bidirectional controls; otherwise
// INVALID_ARGUMENT naming `field` and the first offending byte.
absl::Status CheckDisplayName(std::string_view name, const std::string& field);

}  // namespace tiersight::services
