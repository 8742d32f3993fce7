// Page tokens of lists computed in memory (levels, tiers, recruits): a
// request's page size and token read as the positions core/drill_down.h
// pages by, and the position where the next page starts written back as a
// token, with store/page_token.h binding each token to the list it came
// from. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "core/drill_down.h"
#include "store/page_token.h"

namespace tiersight::services {

// How many items a page holds when the request says 0, and at most.
struct PageSizes {
  int default_size = store::kDefaultPageSize;
  int max_size = store::kMaxPageSize;
};

// The page after the position `page_token` carries; a size above
// sizes.max_size is read as that. INVALID_ARGUMENT for a negative size or a
// token not made for `query_key`.
absl::StatusOr<core::PageRequest> ParsePageRequest(int page_size, const std::string& page_token,
                                                   const std::string& query_key,
                                                   PageSizes sizes = {});

// The token of the page that starts at `next_offset`; empty when there is no
// next page.
std::string NextPageToken(std::optional<size_t> next_offset, const std::string& query_key);

}  // namespace tiersight::services
