#include "base/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "base/str_cat.h"

namespace tiersight::base {
namespace fs = std::filesystem;

namespace {

std::string ParentOf(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// A name no other writer in this or another process uses at the same time.
std::string TempNameFor(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  return StrCat(path, ".tmp-", ::getpid(), "-", counter.fetch_add(1));
}

std::FILE* CreateFile(const std::string& path, mode_t mode, bool exclusive) {
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC);
  const int fd = ::open(path.c_str(), flags, mode);
  if (fd < 0) return nullptr;
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    ::close(fd);
    return nullptr;
  }
  std::setvbuf(file, nullptr, _IOFBF, 1 << 20);
  return file;
}

// Flushes, fsyncs and closes; the first errno on failure, 0 on success.
int FinishFile(std::FILE* file) {
  int err = 0;
  if (std::fflush(file) != 0 || ::fsync(::fileno(file)) != 0) err = errno;
  if (std::fclose(file) != 0 && err == 0) err = errno;
  return err;
}

}  // namespace

absl::Status FsyncPath(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::ErrnoToStatus(errno, StrCat("cannot open ", path, " to sync it"));
  const int result = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (result != 0) return absl::ErrnoToStatus(err, StrCat("cannot sync ", path));
  return absl::OkStatus();
}

absl::Status EnsureDirectory(const std::string& path, mode_t mode) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return absl::OkStatus();
  fs::create_directories(path, ec);
  if (ec) return absl::ErrnoToStatus(ec.value(), StrCat("cannot create directory ", path));
  if (::chmod(path.c_str(), mode) != 0) {
    return absl::ErrnoToStatus(errno, StrCat("cannot set the mode of ", path));
  }
  // Sync the new directory and its parent, so the new name survives a crash.
  absl::Status synced = FsyncPath(path);
  if (!synced.ok()) return synced;
  return FsyncPath(ParentOf(path));
}

absl::Status RenameDurably(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    return absl::ErrnoToStatus(errno, StrCat("cannot rename ", from, " to ", to));
  }
  absl::Status synced = FsyncPath(ParentOf(to));
  if (!synced.ok()) return synced;
  if (ParentOf(from) != ParentOf(to)) return FsyncPath(ParentOf(from));
  return absl::OkStatus();
}

absl::Status RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return absl::ErrnoToStatus(ec.value(), StrCat("cannot remove ", path));
  return absl::OkStatus();
}

absl::Status CheckReplaceable(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return absl::ErrnoToStatus(errno, StrCat(path, ": ", std::strerror(errno)));
  }
  if (S_ISREG(st.st_mode)) return absl::OkStatus();
  if (S_ISLNK(st.st_mode)) {
    // Renaming replaces the link itself, never what it points to; a link to
    // something that is not a regular file is refused all the same.
    struct stat target {};
    if (::stat(path.c_str(), &target) != 0 || S_ISREG(target.st_mode)) return absl::OkStatus();
    st = target;
  }
  std::string kind = "is not a regular file";
  if (S_ISDIR(st.st_mode)) kind = "is a directory";
  if (S_ISFIFO(st.st_mode)) kind = "is a named pipe";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) kind = "is a device";
  if (S_ISSOCK(st.st_mode)) kind = "is a socket";
  return absl::FailedPreconditionError(
      StrCat(path, ": ", kind, "; only a regular file is replaced by an output"));
}

AtomicFile::AtomicFile(std::string path, mode_t mode)
    : path_(std::move(path)), temp_path_(TempNameFor(path_)), mode_(mode) {}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

absl::Status AtomicFile::Open() {
  absl::Status replaceable = CheckReplaceable(path_);
  if (!replaceable.ok()) return replaceable;
  file_ = CreateFile(temp_path_, mode_, /*exclusive=*/true);
  if (file_ == nullptr) {
    return absl::ErrnoToStatus(errno, StrCat("cannot write ", path_, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

void AtomicFile::Write(std::string_view bytes) {
  if (file_ == nullptr || write_errno_ != 0) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    write_errno_ = errno != 0 ? errno : EIO;
  }
}

absl::Status AtomicFile::Commit() {
  if (file_ == nullptr) return absl::FailedPreconditionError(StrCat(path_, " is not open"));
  int err = FinishFile(file_);
  file_ = nullptr;
  if (write_errno_ != 0) err = write_errno_;
  if (err != 0) {
    std::remove(temp_path_.c_str());
    return absl::ErrnoToStatus(err, StrCat("cannot write ", path_, ": ", std::strerror(err)));
  }
  // Checked again: the target may have been replaced while we wrote.
  absl::Status replaceable = CheckReplaceable(path_);
  if (replaceable.ok()) replaceable = RenameDurably(temp_path_, path_);
  if (!replaceable.ok()) std::remove(temp_path_.c_str());
  return replaceable;
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes, mode_t mode) {
  AtomicFile file(path, mode);
  absl::Status opened = file.Open();
  if (!opened.ok()) return opened;
  file.Write(bytes);
  return file.Commit();
}

DurableFileWriter::~DurableFileWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status DurableFileWriter::Open(const std::string& path, mode_t mode) {
  path_ = path;
  file_ = CreateFile(path, mode, /*exclusive=*/false);
  if (file_ == nullptr) return absl::ErrnoToStatus(errno, StrCat("cannot create ", path));
  bytes_ = 0;
  return absl::OkStatus();
}

absl::Status DurableFileWriter::Append(std::string_view bytes) {
  if (file_ == nullptr) return absl::FailedPreconditionError(StrCat(path_, " is not open"));
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return absl::ErrnoToStatus(errno, StrCat("cannot write ", path_));
  }
  bytes_ += static_cast<int64_t>(bytes.size());
  return absl::OkStatus();
}

absl::Status DurableFileWriter::Close() {
  if (file_ == nullptr) return absl::FailedPreconditionError(StrCat(path_, " is not open"));
  const int err = FinishFile(file_);
  file_ = nullptr;
  if (err != 0) return absl::ErrnoToStatus(err, StrCat("cannot write ", path_));
  return absl::OkStatus();
}

}  // namespace tiersight::base
