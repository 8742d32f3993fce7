// Lower-case hexadecimal text of bytes, the one encoder every layer uses
// (digests, key ids, record ids, page tokens). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tiersight::base {

// Two lower-case hex digits per byte.
std::string HexEncode(std::string_view bytes);

// The bytes of `hex` (either case); nullopt when it is not an even number of
// hex digits.
std::optional<std::string> HexDecode(std::string_view hex);

}  // namespace tiersight::base
