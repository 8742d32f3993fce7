#include "graph/string_interner.h"

namespace tiersight::graph {

StringInterner::StringInterner()
    : storage_(std::make_unique<Storage>()), index_(0, Hash{storage_.get()}, Eq{storage_.get()}) {}

std::pair<uint32_t, bool> StringInterner::Intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return {storage_->HeaderAt(*it).index, false};
  const auto index = static_cast<uint32_t>(size());
  const uint64_t offset = storage_->arena.size();
  const Storage::Header header{index, static_cast<uint32_t>(s.size())};
  storage_->arena.append(reinterpret_cast<const char*>(&header), sizeof header);
  storage_->arena.append(s);
  storage_->offsets.push_back(offset);
  index_.insert(offset);
  return {index, true};
}

uint32_t StringInterner::Find(std::string_view s) const {
  auto it = index_.find(s);
  return it == index_.end() ? kNotFound : storage_->HeaderAt(*it).index;
}

void StringInterner::Reserve(size_t strings, size_t bytes) {
  storage_->arena.reserve(bytes + strings * sizeof(Storage::Header));
  storage_->offsets.reserve(strings);
  index_.reserve(strings);
}

}  // namespace tiersight::graph
