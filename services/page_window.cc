#include "services/page_window.h"

#include <algorithm>

#include "base/str_cat.h"

namespace tiersight::services {

absl::StatusOr<core::PageRequest> ParsePageRequest(int page_size, const std::string& page_token,
                                                   const std::string& query_key, PageSizes sizes) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(StrCat("page_size ", page_size, " is negative"));
  }
  const int effective = page_size == 0 ? sizes.default_size : std::min(page_size, sizes.max_size);
  absl::StatusOr<int64_t> after = store::DecodePageToken(page_token, query_key);
  if (!after.ok()) return after.status();
  return core::PageRequest{.offset = static_cast<size_t>(*after),
                           .limit = static_cast<size_t>(effective)};
}

std::string NextPageToken(std::optional<size_t> next_offset, const std::string& query_key) {
  if (!next_offset) return "";
  return store::EncodePageToken(static_cast<int64_t>(*next_offset), query_key);
}

}  // namespace tiersight::services
