#include "services/display_name.h"

#include <fmt/format.h>

#include "base/str_cat.h"
#include "base/utf8.h"

namespace tiersight::services {

absl::Status CheckDisplayName(std::string_view name, const std::string& field) {
  if (name.size() > kMaxDisplayNameBytes) {
    return absl::InvalidArgumentError(StrCat("`", field, "` is ", name.size(),
                                             " bytes long; at most ", kMaxDisplayNameBytes,
                                             " are allowed"));
  }
  for (size_t at = 0; at < name.size();) {
    char32_t cp = 0;
    const size_t length = base::Utf8SequenceAt(name, at, cp);
    if (length == 0) {
      return absl::InvalidArgumentError(
          StrCat("`", field, "` is not valid UTF-8 at byte ", at + 1));
    }
    // Tab and line feed too: a name is one line.
    if (cp < 0x20 || base::IsHiddenControl(cp)) {
      return absl::InvalidArgumentError(
          fmt::format("`{}` holds a control character (U+{:04X}) at byte {}", field,
                      static_cast<uint32_t>(cp), at + 1));
    }
    at += length;
  }
  return absl::OkStatus();
}

}  // namespace tiersight::services
