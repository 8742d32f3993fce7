// Pages over lists computed in memory (levels, tiers, recruits): the window
// of positions one page covers, with page tokens from store/page_token.h
// bound to the list they came from. Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace tiersight::services {

struct PageWindow {
  size_t begin = 0;
  size_t end = 0;               // one past the last position of the page
  std::string next_page_token;  // empty on the last page
};

// The page of a list of `total` items after the position `page_token`
// carries. INVALID_ARGUMENT for a negative size or a token not made for
// `query_key`. With total 0 it only checks the request.
absl::StatusOr<PageWindow> Window(size_t total, int page_size, const std::string& page_token,
                                  const std::string& query_key);

}  // namespace tiersight::services
