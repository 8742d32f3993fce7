#include "services/chunks.h"

#include <algorithm>

namespace tiersight::services {

bool ForEachChunk(std::string_view data, size_t chunk_bytes,
                  const std::function<bool(std::string_view piece, bool first)>& send) {
  size_t offset = 0;
  do {
    const size_t size = std::min(chunk_bytes, data.size() - offset);
    if (!send(data.substr(offset, size), offset == 0)) return false;
    offset += size;
  } while (offset < data.size());
  return true;
}

}  // namespace tiersight::services
