// Writes a file so that it appears whole or not at all: into a temporary file
// beside it, flushed and fsync'd, then renamed over the target.
// Not thread-safe; one writer per file.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tiersight::services {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  absl::Status Open();
  void Write(std::string_view bytes);
  absl::Status Commit();

 private:
  std::string path_;
  std::string temp_path_;
  FILE* file_ = nullptr;
  bool failed_ = false;
};

}  // namespace tiersight::services
