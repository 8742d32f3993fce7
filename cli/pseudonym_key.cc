#include "cli/pseudonym_key.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/hex.h"
#include "base/str_cat.h"

namespace tiersight::cli {
namespace {

constexpr size_t kNewKeyBytes = 32;

absl::StatusOr<std::string> RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    return absl::InternalError("no random bytes for a new pseudonym key");
  }
  return base::HexEncode(raw) + "\n";
}

// Creates `path` with a new key unless it exists; O_EXCL so that two first
// runs at once cannot overwrite each other's key.
absl::Status CreateKeyFile(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::InternalError(StrCat(dir.string(), ": cannot create: ", ec.message()));
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return absl::OkStatus();
    return absl::InternalError(StrCat(path, ": cannot create: ", std::strerror(errno)));
  }
  absl::StatusOr<std::string> key = RandomHex(kNewKeyBytes);
  const bool written =
      key.ok() && ::write(fd, key->data(), key->size()) == static_cast<ssize_t>(key->size());
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    ::unlink(path.c_str());
    return absl::InternalError(StrCat(path, ": cannot write a new pseudonym key"));
  }
  spdlog::info(
      "created the pseudonym key {} (mode 0600): keep it to get the same pseudonyms in "
      "later reports",
      path);
  return absl::OkStatus();
}

}  // namespace

std::string DefaultPseudonymKeyPath() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
    return StrCat(xdg, "/tiersight/pseudonym.key");
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return StrCat(home, "/.config/tiersight/pseudonym.key");
  }
  return "";
}

absl::StatusOr<report::Pseudonymizer> ResolvePseudonymizer(
    const std::string& key_file, const report::Ed25519PrivateKey* signing_key,
    base::KeyFileAccess key_access) {
  if (!key_file.empty()) return report::Pseudonymizer::FromKeyFile(key_file, key_access);
  if (signing_key != nullptr) return report::Pseudonymizer::FromSigningKey(*signing_key);
  if (const char* env = std::getenv("TIERSIGHT_PSEUDONYM_KEY"); env != nullptr && *env != '\0') {
    return report::Pseudonymizer::FromKeyFile(env, key_access);
  }
  const std::string path = DefaultPseudonymKeyPath();
  if (path.empty()) {
    return absl::FailedPreconditionError(
        "no pseudonym key: give --pseudonym-key FILE or set $TIERSIGHT_PSEUDONYM_KEY (neither "
        "$XDG_CONFIG_HOME nor $HOME is set for a per-user key)");
  }
  if (absl::Status s = CreateKeyFile(path); !s.ok()) return s;
  spdlog::info("agent ids pseudonymised with the key {}", path);
  return report::Pseudonymizer::FromKeyFile(path, key_access);
}

}  // namespace tiersight::cli
