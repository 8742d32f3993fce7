// Splits a file's bytes into the chunks of a server stream. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace tiersight::services {

// The data of one message of a server stream: well under the 4 MiB a gRPC
// client accepts per message by default.
inline constexpr size_t kStreamChunkBytes = 1 << 20;

// Calls `send` with consecutive pieces of `data` of at most `chunk_bytes`
// (at least one piece, empty for empty data), `first` set on the first.
// Stops and returns false as soon as `send` does.
bool ForEachChunk(std::string_view data, size_t chunk_bytes,
                  const std::function<bool(std::string_view piece, bool first)>& send);

}  // namespace tiersight::services
