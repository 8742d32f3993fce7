#include "services/page_window.h"

#include "store/page_token.h"

namespace tiersight::services {

absl::StatusOr<core::PageRequest> ParsePageRequest(int page_size, const std::string& page_token,
                                                   const std::string& query_key) {
  absl::StatusOr<int> size = store::EffectivePageSize(page_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<int64_t> after = store::DecodePageToken(page_token, query_key);
  if (!after.ok()) return after.status();
  return core::PageRequest{.offset = static_cast<size_t>(*after),
                           .limit = static_cast<size_t>(*size)};
}

std::string NextPageToken(std::optional<size_t> next_offset, const std::string& query_key) {
  if (!next_offset) return "";
  return store::EncodePageToken(static_cast<int64_t>(*next_offset), query_key);
}

}  // namespace tiersight::services
