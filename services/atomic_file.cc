#include "services/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "absl/strings/str_cat.h"

namespace tiersight::services {

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)), temp_path_(absl::StrCat(path_, ".tmp-", ::getpid())) {}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

absl::Status AtomicFile::Open() {
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) return absl::ErrnoToStatus(errno, absl::StrCat("cannot write ", path_));
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  return absl::OkStatus();
}

void AtomicFile::Write(std::string_view bytes) {
  if (file_ != nullptr && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    failed_ = true;
  }
}

absl::Status AtomicFile::Commit() {
  if (file_ == nullptr) return absl::FailedPreconditionError("file not open");
  const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const int err = errno;
  std::fclose(file_);
  file_ = nullptr;
  if (failed_ || !flushed) {
    std::remove(temp_path_.c_str());
    return absl::ErrnoToStatus(err, absl::StrCat("cannot write ", path_));
  }
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const int rename_err = errno;
    std::remove(temp_path_.c_str());
    return absl::ErrnoToStatus(rename_err, absl::StrCat("cannot write ", path_));
  }
  return absl::OkStatus();
}

}  // namespace tiersight::services
