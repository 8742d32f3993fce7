#include "base/file_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/str_cat.h"

namespace tiersight::base {
namespace {

std::string KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a named pipe, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

absl::Status OpenError(const std::string& path, int err) {
  switch (err) {
    case ENOENT:
      return absl::NotFoundError(StrCat(path, ": does not exist"));
    case ENOTDIR:
      return absl::NotFoundError(StrCat(path, ": a part of the path is not a directory"));
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(StrCat(path, ": permission denied"));
    case ELOOP:
      return absl::FailedPreconditionError(StrCat(path, ": too many levels of symbolic links"));
    case ENAMETOOLONG:
      return absl::InvalidArgumentError(StrCat(path, ": the name is too long"));
    default:
      return absl::ErrnoToStatus(err, StrCat(path, ": cannot open: ", std::strerror(err)));
  }
}

}  // namespace

bool PathPresent(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

absl::StatusOr<OpenedFile> OpenRegularFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return OpenError(path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return absl::ErrnoToStatus(err, StrCat(path, ": cannot stat: ", std::strerror(err)));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::FailedPreconditionError(StrCat(path, ": ", KindOf(st.st_mode)));
  }
  // Regular files never block; reads are plain from here on.
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return OpenedFile{.fd = fd, .size = static_cast<int64_t>(st.st_size)};
}

absl::StatusOr<std::string> ReadRegularFile(const std::string& path, int64_t max_bytes,
                                            const std::string& what) {
  absl::StatusOr<OpenedFile> file = OpenRegularFile(path);
  if (!file.ok()) return file.status();
  auto too_big = [&] {
    return absl::OutOfRangeError(
        StrCat(path, ": larger than ", max_bytes, " bytes, the most ", what, " may hold"));
  };
  if (file->size > max_bytes) {
    ::close(file->fd);
    return too_big();
  }
  std::string text;
  text.resize(static_cast<size_t>(file->size));
  size_t have = 0;
  while (true) {
    if (have == text.size()) {
      // The file may have grown since fstat: read on, within the cap.
      if (static_cast<int64_t>(text.size()) > max_bytes) break;
      text.resize(text.size() + 4096);
    }
    const ssize_t n = ::read(file->fd, text.data() + have, text.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(file->fd);
      if (err == EISDIR) return absl::FailedPreconditionError(StrCat(path, ": is a directory"));
      return absl::ErrnoToStatus(err, StrCat(path, ": cannot read: ", std::strerror(err)));
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  ::close(file->fd);
  text.resize(have);
  if (static_cast<int64_t>(have) > max_bytes) return too_big();
  return text;
}

}  // namespace tiersight::base
