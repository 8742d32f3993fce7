#include "services/tenant_keys.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <filesystem>

#include "absl/status/status.h"
#include "base/durable_file.h"
#include "base/hex.h"
#include "base/str_cat.h"
#include "store/data_dir.h"

namespace tiersight::services {
namespace {

constexpr size_t kKeyBytes = 32;

absl::Status WriteAll(int fd, const unsigned char* data, size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::ErrnoToStatus(errno, StrCat("cannot write ", path));
    data += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

// The temporary file of a key not yet published (see CreateKey).
bool IsUnpublishedKey(const std::string& name) {
  return name.find(".key.tmp.") != std::string::npos;
}

}  // namespace

TenantKeys::TenantKeys(std::string data_dir) : dir_(std::move(data_dir) + "/pseudonym-keys") {
  std::error_code ec;
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    if (IsUnpublishedKey(entry.path().filename().string()) &&
        std::filesystem::remove(entry.path(), ec)) {
      ++removed;
    }
  }
  if (removed > 0) {
    spdlog::info("{}: removed {} key file(s) a crash left unpublished", dir_, removed);
  }
}

std::string TenantKeys::KeyFile(const std::string& tenant) const {
  // Hex, so that any tenant name is a safe file name and no two collide.
  return StrCat(dir_, "/", base::HexEncode(tenant), ".key");
}

absl::Status TenantKeys::CreateKey(const std::string& path) const {
  std::array<unsigned char, kKeyBytes> key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    return absl::InternalError("cannot draw random bytes for a pseudonym key");
  }
  // Named so that IsUnpublishedKey knows it after a crash.
  const std::string temp = StrCat(path, ".tmp.", ::getpid(), ".", ::gettid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return absl::ErrnoToStatus(errno, StrCat("cannot create ", temp));
  absl::Status written = WriteAll(fd, key.data(), key.size(), temp);
  if (written.ok() && ::fsync(fd) != 0)
    written = absl::ErrnoToStatus(errno, StrCat("cannot fsync ", temp));
  ::close(fd);
  // link() never replaces an existing key: whoever links first wins, and
  // everyone then reads the winner's key.
  if (written.ok() && ::link(temp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
    written = absl::ErrnoToStatus(errno, StrCat("cannot publish ", path));
  }
  ::unlink(temp.c_str());
  if (!written.ok()) return written;
  return base::FsyncPath(dir_);
}

absl::StatusOr<std::shared_ptr<const report::Pseudonymizer>> TenantKeys::For(
    const std::string& tenant) {
  std::lock_guard lock(mu_);
  if (auto it = loaded_.find(tenant); it != loaded_.end()) return it->second;
  absl::Status dir = base::EnsureDirectory(dir_, store::kPrivateDirMode);
  if (!dir.ok()) return dir;
  const std::string path = KeyFile(tenant);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    absl::Status created = CreateKey(path);
    if (!created.ok()) return created;
  }
  absl::StatusOr<report::Pseudonymizer> pseudonymizer = report::Pseudonymizer::FromKeyFile(path);
  if (!pseudonymizer.ok()) return pseudonymizer.status();
  auto shared = std::make_shared<const report::Pseudonymizer>(*std::move(pseudonymizer));
  loaded_.emplace(tenant, shared);
  return shared;
}

}  // namespace tiersight::services
