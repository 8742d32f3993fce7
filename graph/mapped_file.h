// A read-only memory map of a whole file: the page cache holds the bytes, so a
// multi-gigabyte CSV costs address space, not heap. Move-only; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::graph {

class MappedFile {
 public:
  // Maps `path`. An empty file maps to an empty view.
  static absl::StatusOr<MappedFile> Open(const std::string& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view view() const { return {static_cast<const char*>(data_), size_}; }

  // Tells the kernel the bytes before `end` (a pointer into view()) will not
  // be needed soon, so a sequential pass over a huge file keeps only a window
  // of it resident. They are read again from the file if touched.
  void ReleaseBefore(const char* end) const;

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace tiersight::graph
