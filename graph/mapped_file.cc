#include "graph/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "base/file_read.h"
#include "base/str_cat.h"

namespace tiersight::graph {

absl::StatusOr<MappedFile> MappedFile::Open(const std::string& path) {
  // Only a regular file is mapped: a directory, device or pipe is refused
  // with its kind named (a device would map as empty, a pipe block).
  absl::StatusOr<base::OpenedFile> opened = base::OpenRegularFile(path);
  if (!opened.ok()) return opened.status();
  const int fd = opened->fd;
  MappedFile file;
  file.size_ = static_cast<size_t>(opened->size);
  if (file.size_ > 0) {
    void* p = ::mmap(nullptr, file.size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      return absl::ErrnoToStatus(err, StrCat("cannot map ", path));
    }
    ::madvise(p, file.size_, MADV_SEQUENTIAL);
    file.data_ = p;
  }
  ::close(fd);
  return file;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void MappedFile::ReleaseBefore(const char* end) const {
  const char* begin = static_cast<const char*>(data_);
  if (data_ == nullptr || end <= begin || end > begin + size_) return;
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t length = static_cast<size_t>(end - begin) / page * page;
  if (length > 0) ::madvise(data_, length, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

}  // namespace tiersight::graph
