// Detects duplicate order_id / payment_id values in files of tens of millions
// of rows without holding every id as a string: it keeps a 64-bit hash and the
// row's offset in the mapped text, and confirms a hash match by re-reading the
// earlier row, so a hash collision never rejects a row. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace tiersight::graph {

class RowIdRegistry {
 public:
  // `text` is the decoded file; `id_column` the id's field index.
  RowIdRegistry(std::string_view text, int id_column) : text_(text), id_column_(id_column) {}

  // Registers the id of the record starting at `offset` on `line`. Returns the
  // line of an earlier record with the same id, or 0 when the id is new.
  int64_t Register(std::string_view id, uint64_t offset, int64_t line);

 private:
  // The id and line of the record at `offset`.
  std::pair<std::string, int64_t> ReadBack(uint64_t offset) const;

  std::string_view text_;
  int id_column_;
  absl::flat_hash_map<uint64_t, uint64_t> first_offset_by_hash_;
  absl::flat_hash_map<std::string, int64_t> collided_;     // ids whose hash another id owns
  std::vector<std::pair<uint64_t, int64_t>> checkpoints_;  // (offset, line), ascending
  uint64_t registered_ = 0;
};

}  // namespace tiersight::graph
