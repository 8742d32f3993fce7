// Page tokens of every list operation (catalogue lists, rule packs, levels,
// tiers, recruits). A token carries the position after which the next page
// starts (a number, e.g. the catalogue's seq of the last record returned or
// how many items were returned so far, or a key such as the last name
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

// The same with a text position (any bytes; carried hex-encoded). Decode
// gives "" for an empty token.
std::string EncodeKeyPageToken(std::string_view after_key, std::string_view query_key);
absl::StatusOr<std::string> DecodeKeyPageToken(std::string_view token, std::string_view query_key);

// page_size 0 means kDefaultPageSize; anything above kMaxPageSize is read
// as kMaxPageSize; negative is InvalidArgument.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;
absl::StatusOr<int> EffectivePageSize(int page_size);

}  // namespace tiersight::store
