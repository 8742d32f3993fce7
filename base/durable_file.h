// Writing files so that they survive a crash and are never seen half
// written: data is fsync'd before it is renamed into place, and the
// directory holding a new name is fsync'd so the name itself is durable.
//
// AtomicFile is the one way the product replaces a file, for the store's
// records and for the outputs a user names (reports, CSV tables): into a
// temporary file beside the target, then renamed over it. A target that
// exists and is not a regular file (a device such as /dev/full, a named
// pipe, a directory) is refused rather than replaced.
// Thread-safe (no shared state); one writer per file.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tiersight::base {

// fsyncs a file or directory.
absl::Status FsyncPath(const std::string& path);

// Creates `path` (and missing parents) with `mode` and makes its name durable.
absl::Status EnsureDirectory(const std::string& path, mode_t mode = 0755);

// Renames `from` to `to` (atomic on one file system) and fsyncs the
// directories of both names.
absl::Status RenameDurably(const std::string& from, const std::string& to);

// Removes a file or a directory tree; a missing path is not an error.
absl::Status RemoveTree(const std::string& path);

// FAILED_PRECONDITION when `path` exists and is not a regular file (the
// kind is named); OK when it is a regular file or does not exist.
absl::Status CheckReplaceable(const std::string& path);

// A file written whole or not at all. Default mode 0644 (less the umask);
// data the product keeps for others uses 0600.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path, mode_t mode = 0644);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Refuses a target that is not a regular file, then creates the
  // temporary file.
  absl::Status Open();
  // Errors are remembered and returned by Commit.
  void Write(std::string_view bytes);
  // Flushes, fsyncs, renames over the target and fsyncs its directory.
  absl::Status Commit();

 private:
  std::string path_;
  std::string temp_path_;
  mode_t mode_;
  std::FILE* file_ = nullptr;
  int write_errno_ = 0;
};

// AtomicFile in one call.
absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes,
                                 mode_t mode = 0644);

// A buffered append-only new file, fsync'd on Close; for files that are
// renamed into place as part of a larger whole (a staged bundle). Not
// thread-safe.
class DurableFileWriter {
 public:
  DurableFileWriter() = default;
  ~DurableFileWriter();  // closes without fsync; the caller discards the file
  DurableFileWriter(const DurableFileWriter&) = delete;
  DurableFileWriter& operator=(const DurableFileWriter&) = delete;

  // Creates (truncating) the file with `mode`.
  absl::Status Open(const std::string& path, mode_t mode = 0600);
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

}  // namespace tiersight::base
