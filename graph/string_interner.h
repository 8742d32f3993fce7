// Maps strings (agent ids, tier labels) to dense uint32 indexes, storing each
// distinct string once in one arena. A 10M-agent network costs its id bytes
// plus about 13 bytes an id, instead of a std::string and a hash node each.
// Movable; not thread-safe for writes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace tiersight::graph {

class StringInterner {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  StringInterner();

  // Returns the string's index and whether it was added by this call.
  std::pair<uint32_t, bool> Intern(std::string_view s);

  // The index of `s`, or kNotFound.
  uint32_t Find(std::string_view s) const;

  // REQUIRES: index < size(). The view is invalidated by the next Intern().
  std::string_view Get(uint32_t index) const {
    const Storage& st = *storage_;
    return std::string_view(st.bytes).substr(st.offsets[index],
                                             st.offsets[index + 1] - st.offsets[index]);
  }

  size_t size() const { return storage_->offsets.size() - 1; }

  void Reserve(size_t strings, size_t bytes);

 private:
  struct Storage;

  // Hash and equality that see an index as the string it stands for, so that
  // the set holds 4-byte indexes and still answers lookups by string_view.
  struct Hash {
    using is_transparent = void;
    const Storage* storage;
    size_t operator()(uint32_t index) const;
    size_t operator()(std::string_view s) const { return absl::Hash<std::string_view>{}(s); }
  };
  struct Eq {
    using is_transparent = void;
    const Storage* storage;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t a, std::string_view b) const;
    bool operator()(std::string_view a, uint32_t b) const { return (*this)(b, a); }
  };

  struct Storage {
    std::string bytes;
    std::vector<uint64_t> offsets{0};
  };

  // Heap-held so that the functors' pointers survive a move of the interner.
  std::unique_ptr<Storage> storage_;
  absl::flat_hash_set<uint32_t, Hash, Eq> index_;
};

}  // namespace tiersight::graph
