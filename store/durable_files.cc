#include "store/durable_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "graph/str_cat.h"

namespace tiersight::store {
namespace fs = std::filesystem;

namespace {

std::string ParentOf(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

absl::Status FromErrorCode(const std::error_code& ec, const std::string& what) {
  return absl::ErrnoToStatus(ec.value(), what);
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

absl::Status EnsureDirectory(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return absl::OkStatus();
  fs::create_directories(path, ec);
  if (ec) return FromErrorCode(ec, StrCat("cannot create directory ", path));
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

absl::Status WriteFileDurably(const std::string& path, std::string_view bytes) {
  const std::string temp = StrCat(path, ".tmp");
  DurableFileWriter writer;
  absl::Status status = writer.Open(temp);
  if (status.ok()) status = writer.Append(bytes);
  if (status.ok()) status = writer.Close();
  if (status.ok()) status = RenameDurably(temp, path);
  if (!status.ok()) std::remove(temp.c_str());
  return status;
}

absl::Status RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return FromErrorCode(ec, StrCat("cannot remove ", path));
  return absl::OkStatus();
}

DurableFileWriter::~DurableFileWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status DurableFileWriter::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wbe");  // "e": O_CLOEXEC, no leak into children
  if (file_ == nullptr) return absl::ErrnoToStatus(errno, StrCat("cannot create ", path));
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
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
  bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  int err = errno;
  if (std::fclose(file_) != 0 && ok) {
    ok = false;
    err = errno;
  }
  file_ = nullptr;
  if (!ok) return absl::ErrnoToStatus(err, StrCat("cannot write ", path_));
  return absl::OkStatus();
}

}  // namespace tiersight::store
