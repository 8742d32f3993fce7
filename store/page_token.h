// Page tokens of the list operations. A token carries the position after
// which the next page starts (the catalogue's seq of the last record
// returned) and a short hash of the query it belongs to, so that a token
// replayed with another tenant or filter is refused instead of silently
// paging a different list. Clients treat it as opaque. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::store {

std::string EncodePageToken(int64_t after_seq, std::string_view query_key);

// 0 for an empty token (the first page); InvalidArgument for a token that was
// not made by EncodePageToken for this `query_key`.
absl::StatusOr<int64_t> DecodePageToken(std::string_view token, std::string_view query_key);

// page_size 0 means kDefaultPageSize; anything above kMaxPageSize is read
// as kMaxPageSize; negative is InvalidArgument.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;
absl::StatusOr<int> EffectivePageSize(int page_size);

}  // namespace tiersight::store
