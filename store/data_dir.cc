#include "store/data_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "base/durable_file.h"
#include "base/str_cat.h"

namespace tiersight::store {

absl::Status DataDirLayout::Create() const {
  for (const std::string& dir : {root_, networks(), staging(), audits()}) {
    absl::Status created = base::EnsureDirectory(dir);
    if (!created.ok()) return created;
  }
  return absl::OkStatus();
}

absl::StatusOr<DataDirLock> DataDirLock::Acquire(const DataDirLayout& layout) {
  const std::string path = layout.lock_file();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return absl::ErrnoToStatus(errno, StrCat("cannot open ", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return absl::FailedPreconditionError(
          StrCat("data directory ", layout.root(), " is in use by another open store"));
    }
    return absl::ErrnoToStatus(err, StrCat("cannot lock ", path));
  }
  return DataDirLock(fd);
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace tiersight::store
