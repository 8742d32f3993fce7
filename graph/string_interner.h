// Maps strings (agent ids, tier labels) to dense uint32 indexes, storing each
// distinct string once in one arena. A 10M-agent network costs its id bytes
// plus about 25 bytes an id, instead of a std::string and a hash node each.
// Movable; not thread-safe for writes, safe for concurrent Find().
#pragma once

#include <cstdint>
#include <cstring>
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
  std::string_view Get(uint32_t index) const { return storage_->Text(storage_->offsets[index]); }

  size_t size() const { return storage_->offsets.size(); }

  void Reserve(size_t strings, size_t bytes);

 private:
  // The arena holds, per string, a header (index, length) and the bytes, so
  // that a lookup touches the hash slot and one arena record: the two cache
  // misses a lookup in a ten-million-id table cannot avoid.
  struct Storage {
    std::string arena;
    std::vector<uint64_t> offsets;  // index -> record offset

    struct Header {
      uint32_t index;
      uint32_t size;
    };
    Header HeaderAt(uint64_t offset) const {
      Header h;
      std::memcpy(&h, arena.data() + offset, sizeof h);
      return h;
    }
    std::string_view Text(uint64_t offset) const {
      return std::string_view(arena.data() + offset + sizeof(Header), HeaderAt(offset).size);
    }
  };

  // Hash and equality that see a record offset as the string it holds, so
  // that the set answers lookups by string_view.
  struct Hash {
    using is_transparent = void;
    const Storage* storage;
    size_t operator()(uint64_t offset) const {
      return absl::Hash<std::string_view>{}(storage->Text(offset));
    }
    size_t operator()(std::string_view s) const { return absl::Hash<std::string_view>{}(s); }
  };
  struct Eq {
    using is_transparent = void;
    const Storage* storage;
    bool operator()(uint64_t a, uint64_t b) const { return a == b; }
    bool operator()(uint64_t a, std::string_view b) const { return storage->Text(a) == b; }
    bool operator()(std::string_view a, uint64_t b) const { return (*this)(b, a); }
  };

  // Heap-held so that the functors' pointers survive a move of the interner.
  std::unique_ptr<Storage> storage_;
  absl::flat_hash_set<uint64_t, Hash, Eq> index_;
};

}  // namespace tiersight::graph
