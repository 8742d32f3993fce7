#include "store/data_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <utility>

#include "base/durable_file.h"
#include "base/str_cat.h"

namespace tiersight::store {
namespace {

// The lock file's text: the holder's pid, so that a refused second
// process can name who has the directory.
std::string ReadHolder(int fd) {
  char text[32] = {};
  const ssize_t n = ::pread(fd, text, sizeof(text) - 1, 0);
  std::string pid;
  for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i) pid.push_back(text[i]);
  return pid;
}

void WriteHolder(int fd) {
  const std::string pid = StrCat(::getpid(), "\n");
  // Best effort: the flock, not the text, is what excludes others.
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
}

}  // namespace

absl::Status DataDirLayout::Create() const {
  for (const std::string& dir : {root_, networks(), staging(), audits()}) {
    absl::Status created = base::EnsureDirectory(dir, kPrivateDirMode);
    if (!created.ok()) return created;
  }
  return absl::OkStatus();
}

absl::StatusOr<DataDirLock> DataDirLock::Acquire(const DataDirLayout& layout) {
  const std::string path = layout.lock_file();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0) return absl::ErrnoToStatus(errno, StrCat("cannot open ", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string holder = ReadHolder(fd);
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return absl::FailedPreconditionError(StrCat(
          "data directory ", layout.root(), " is in use by another process",
          holder.empty() ? "" : StrCat(" (pid ", holder, ")"),
          "; one server at a time may open it: stop that one or give another data directory"));
    }
    return absl::ErrnoToStatus(err, StrCat("cannot lock ", path));
  }
  WriteHolder(fd);
  return DataDirLock(fd);
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace tiersight::store
