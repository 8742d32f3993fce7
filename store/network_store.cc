#include "store/network_store.h"

#include <array>
#include <vector>

namespace tiersight::store {

absl::Status UploadWriter::AppendRow(RowKind kind, std::span<const std::string> fields) {
  // Rows have at most 8 columns; a longer one is refused by the count check
  // all the same, so it only needs to reach it.
  std::array<std::string_view, 8> small;
  if (fields.size() <= small.size()) {
    for (size_t i = 0; i < fields.size(); ++i) small[i] = fields[i];
    return AppendRow(kind, std::span<const std::string_view>(small.data(), fields.size()));
  }
  std::vector<std::string_view> views(fields.begin(), fields.end());
  return AppendRow(kind, std::span<const std::string_view>(views));
}

}  // namespace tiersight::store
