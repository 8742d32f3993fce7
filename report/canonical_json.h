// The canonical bytes of a JSON document, which report signatures cover.
//
// Two reports that mean the same JSON value must give the same bytes, however
// they were indented or ordered, so that re-saving a report in an editor or
// reformatting it with jq does not break its signature, while any change of a
// value does. The canonical form (tiersight canonical JSON, version 1):
//   - the document is parsed by protobuf's JSON parser into a
//     google.protobuf.Value (so any JSON value is accepted at the top). The
//     parser rejects duplicate keys, NaN and Infinity; it tolerates a
//     trailing comma and unquoted keys, which is harmless here because the
//     canonical bytes are those of the value it read;
//   - no insignificant whitespace anywhere;
//   - object members sorted by the UTF-8 bytes of their keys (unsigned byte
//     order); duplicate keys are rejected by the parser;
//   - strings: UTF-8 as is, except `"` and `\` escaped as \" and \\, the
//     control characters U+0008, U+0009, U+000A, U+000C, U+000D as \b \t \n
//     \f \r and every other character below U+0020 as \u00XX (lower-case hex);
//     `/` and non-ASCII characters are never escaped;
//   - numbers are IEEE doubles (as protobuf holds them): an integral value of
//     magnitude below 2^53 is printed as an integer without exponent or point
//     (-0 prints as 0); any other is printed by std::to_chars(double): the
//     shortest form that reads back to the same double, fixed or scientific
//     whichever is shorter, fixed on a tie (e.g. 0.1, 2.5, 1e+300, 1.5e-07).
//     Integers beyond 2^53 therefore lose precision: reports carry such
//     values (exact amounts, digests) as strings;
//   - true, false and null as those words.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace google::protobuf {
class Value;
}

namespace tiersight::report {

// The canonical bytes of `json`, or InvalidArgument if it is not JSON.
absl::StatusOr<std::string> CanonicalJson(std::string_view json);

// The same for an already parsed value (report_signature uses it to avoid a
// second parse).
std::string CanonicalJson(const google::protobuf::Value& value);

// Parses `json` into a Value; InvalidArgument with the parser's message.
absl::StatusOr<google::protobuf::Value> ParseJson(std::string_view json);

}  // namespace tiersight::report
