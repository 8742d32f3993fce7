// File-system steps that survive a crash of the process or the machine: data
// is fsync'd before it is renamed into place, and the directory holding a
// new name is fsync'd so the name itself is durable. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tiersight::store {

// fsyncs a file or directory.
absl::Status FsyncPath(const std::string& path);

// Creates `path` (and missing parents) and makes its name durable.
absl::Status EnsureDirectory(const std::string& path);

// Renames `from` to `to` (atomic on one file system) and fsyncs the
// directories of both names.
absl::Status RenameDurably(const std::string& from, const std::string& to);

// Writes `bytes` to `path` so that it appears whole or not at all: into
// `path`.tmp, fsync'd, renamed over `path`, directory fsync'd.
absl::Status WriteFileDurably(const std::string& path, std::string_view bytes);

// Removes a file or a directory tree; a missing path is not an error.
absl::Status RemoveTree(const std::string& path);

// A buffered append-only file, fsync'd on Close. Not thread-safe.
class DurableFileWriter {
 public:
  DurableFileWriter() = default;
  ~DurableFileWriter();  // closes without fsync; the caller discards the file
  DurableFileWriter(const DurableFileWriter&) = delete;
  DurableFileWriter& operator=(const DurableFileWriter&) = delete;

  // Creates (truncating) the file.
  absl::Status Open(const std::string& path);
  absl::Status Append(std::string_view bytes);
  // Flushes, fsyncs and closes.
  absl::Status Close();

  bool is_open() const { return file_ != nullptr; }
  int64_t bytes() const { return bytes_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  int64_t bytes_ = 0;
};

}  // namespace tiersight::store
