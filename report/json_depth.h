// A bound on how deeply a JSON text nests, checked before it is parsed.
//
// protobuf's JSON parser recurses per level and slows down sharply on deep
// nesting (tens of thousands of `[` take minutes), so every reader of JSON
// from outside — `verify`, `sign`, report diffs — measures the depth first
// with a flat scan and refuses a text deeper than any report can be.
#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace tiersight::report {

// Deeper than any report tiersight writes (about ten levels) by a wide margin,
// and below where protobuf's own parser gives up without saying why (~60).
inline constexpr int kMaxJsonDepth = 32;

// OK, or InvalidArgument naming the byte offset where `json` first nests
// deeper than `max_depth` objects and arrays. Brackets inside strings do not
// count; the text need not be valid JSON (the parser judges that).
absl::Status CheckJsonDepth(std::string_view json, int max_depth = kMaxJsonDepth);

}  // namespace tiersight::report
