#include "services/page_window.h"

#include <algorithm>

#include "store/page_token.h"

namespace tiersight::services {

absl::StatusOr<PageWindow> Window(size_t total, int page_size, const std::string& page_token,
                                  const std::string& query_key) {
  absl::StatusOr<int> size = store::EffectivePageSize(page_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<int64_t> after = store::DecodePageToken(page_token, query_key);
  if (!after.ok()) return after.status();
  PageWindow w;
  w.begin = std::min(static_cast<size_t>(*after), total);
  w.end = std::min(w.begin + static_cast<size_t>(*size), total);
  if (w.end < total) {
    w.next_page_token = store::EncodePageToken(static_cast<int64_t>(w.end), query_key);
  }
  return w;
}

}  // namespace tiersight::services
