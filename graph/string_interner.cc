#include "graph/string_interner.h"

namespace tiersight::graph {
namespace {

std::string_view View(const std::string& bytes, const std::vector<uint64_t>& offsets,
                      uint32_t index) {
  return std::string_view(bytes).substr(offsets[index], offsets[index + 1] - offsets[index]);
}

}  // namespace

StringInterner::StringInterner()
    : storage_(std::make_unique<Storage>()),
      index_(0, Hash{storage_.get()}, Eq{storage_.get()}) {}

size_t StringInterner::Hash::operator()(uint32_t index) const {
  return absl::Hash<std::string_view>{}(View(storage->bytes, storage->offsets, index));
}

bool StringInterner::Eq::operator()(uint32_t a, std::string_view b) const {
  return View(storage->bytes, storage->offsets, a) == b;
}

std::pair<uint32_t, bool> StringInterner::Intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return {*it, false};
  const auto index = static_cast<uint32_t>(size());
  storage_->bytes.append(s);
  storage_->offsets.push_back(storage_->bytes.size());
  index_.insert(index);
  return {index, true};
}

uint32_t StringInterner::Find(std::string_view s) const {
  auto it = index_.find(s);
  return it == index_.end() ? kNotFound : *it;
}

void StringInterner::Reserve(size_t strings, size_t bytes) {
  storage_->bytes.reserve(bytes);
  storage_->offsets.reserve(strings + 1);
  index_.reserve(strings);
}

}  // namespace tiersight::graph
