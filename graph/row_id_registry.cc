#include "graph/row_id_registry.h"

#include <algorithm>

#include "absl/hash/hash.h"
#include "graph/csv_reader.h"

namespace tiersight::graph {
namespace {

// Re-reading an earlier row parses at most this many records.
constexpr uint64_t kCheckpointEvery = 1024;

}  // namespace

int64_t RowIdRegistry::Register(std::string_view id, uint64_t offset, int64_t line) {
  if (registered_++ % kCheckpointEvery == 0) checkpoints_.emplace_back(offset, line);
  const uint64_t hash = absl::Hash<std::string_view>{}(id);
  auto [it, inserted] = first_offset_by_hash_.try_emplace(hash, offset);
  if (inserted) return 0;
  auto [earlier_id, earlier_line] = ReadBack(it->second);
  if (earlier_id == id) return earlier_line;
  auto [c, added] = collided_.try_emplace(std::string(id), line);
  return added ? 0 : c->second;
}

std::pair<std::string, int64_t> RowIdRegistry::ReadBack(uint64_t offset) const {
  auto cp =
      std::upper_bound(checkpoints_.begin(), checkpoints_.end(), std::make_pair(offset, INT64_MAX));
  --cp;  // the first registered record is always a checkpoint
  CsvReader reader(text_.substr(cp->first));
  CsvRecord record;
  while (reader.Next(record)) {
    const auto at = static_cast<uint64_t>(record.raw.data() - text_.data());
    if (at == offset) {
      const auto column = static_cast<size_t>(id_column_);
      std::string id = column < record.fields.size() ? std::string(record.fields[column]) : "";
      return {std::move(id), cp->second + record.line - 1};
    }
    if (at > offset) break;
  }
  return {"", 0};
}

}  // namespace tiersight::graph
