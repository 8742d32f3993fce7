// Reading input files that someone else chose: only regular files are read
// (a directory, device, FIFO or socket is refused with its kind named, and
// opening never blocks on a FIFO), and never more than a cap the caller
// sets, so `/dev/zero` as a key or a pack is an error, not an endless read.
// Errors say what was wrong in words ("does not exist", "permission denied",
// "is a directory", "too many levels of symbolic links"). Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace tiersight::base {

// An open regular file: the descriptor (owned by the caller) and its size.
struct OpenedFile {
  int fd = -1;
  int64_t size = 0;
};

// Opens `path` for reading if it is a regular file. NOT_FOUND when it does
// not exist; PERMISSION_DENIED; FAILED_PRECONDITION for a directory or a
// special file; other errors with the system's reason. Messages start with
// "`path`: ".
absl::StatusOr<OpenedFile> OpenRegularFile(const std::string& path);

// The whole file, refused with OUT_OF_RANGE when it holds more than
// `max_bytes` (named in the message as `what`, e.g. "a rule pack").
absl::StatusOr<std::string> ReadRegularFile(const std::string& path, int64_t max_bytes,
                                            const std::string& what = "the file");

// Whether anything is at `path` (a broken or looping symbolic link too), so
// that a file that is there but cannot be read is reported with its cause
// rather than as missing.
bool PathPresent(const std::string& path);

// Caps for the kinds of small files the product reads whole.
inline constexpr int64_t kMaxKeyFileBytes = 64 << 10;
inline constexpr int64_t kMaxTokenFileBytes = 64 << 10;
// Certificates and CA bundles; the system's whole bundle is about 220 KiB.
inline constexpr int64_t kMaxPemFileBytes = 4 << 20;
inline constexpr int64_t kMaxConfigFileBytes = 4 << 20;
inline constexpr int64_t kMaxPackFileBytes = 4 << 20;
inline constexpr int64_t kMaxReportFileBytes = 1LL << 30;

}  // namespace tiersight::base
