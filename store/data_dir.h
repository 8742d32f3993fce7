// Where a store keeps what, under its data directory, and the lock that lets
// one process at a time own it (the startup sweep of leftovers would
// otherwise delete another process's upload in progress).
#pragma once

#include <sys/types.h>

#include <string>

#include "absl/status/statusor.h"

namespace tiersight::store {

// Stored records name people (agents, their sponsors and payments): every
// directory and file the store creates is its owner's alone.
inline constexpr mode_t kPrivateDirMode = 0700;
inline constexpr mode_t kPrivateFileMode = 0600;

class DataDirLayout {
 public:
  explicit DataDirLayout(std::string root) : root_(std::move(root)) {}

  const std::string& root() const { return root_; }
  std::string catalogue() const { return root_ + "/catalogue.db"; }
  std::string lock_file() const { return root_ + "/LOCK"; }
  std::string networks() const { return root_ + "/networks"; }
  std::string staging() const { return root_ + "/staging"; }
  std::string audits() const { return root_ + "/audits"; }

  // Callers pass only ids that IsWellFormedRecordId accepts, so a path never
  // escapes its directory.
  std::string network_dir(const std::string& id) const { return networks() + "/" + id; }
  std::string staging_dir(const std::string& id) const { return staging() + "/" + id; }
  std::string audit_file(const std::string& id) const { return audits() + "/" + id + ".json"; }

  // Creates the root and its subdirectories (kPrivateDirMode); existing
  // ones keep their mode.
  absl::Status Create() const;

 private:
  std::string root_;
};

// An exclusive flock on data_dir/LOCK, released when destroyed or when the
// process dies (so a kill -9 never leaves a stale lock behind). The file
// holds the holder's pid, for the message a refused process gives.
class DataDirLock {
 public:
  // FailedPrecondition naming the directory and the holder's pid when
  // another open store holds it.
  static absl::StatusOr<DataDirLock> Acquire(const DataDirLayout& layout);
  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace tiersight::store
