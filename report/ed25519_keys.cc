#include "report/ed25519_keys.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "base/file_read.h"
#include "base/hex.h"
#include "base/str_cat.h"

namespace tiersight::report {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

// OpenSSL's error queue is per thread; draining it keeps a stale error from
// being blamed on a later, unrelated call.
std::string OpenSslError() {
  unsigned long code = ERR_get_error();
  std::string text = code == 0 ? "unknown OpenSSL error" : ERR_error_string(code, nullptr);
  ERR_clear_error();
  return text;
}

Pkey PrivatePkey(const Ed25519PrivateKey& key) {
  return Pkey(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, key.seed.data(), key.seed.size()));
}

Pkey PublicPkey(const Ed25519PublicKey& key) {
  return Pkey(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.raw.data(), key.raw.size()));
}

absl::StatusOr<Ed25519PrivateKey> FromPkey(EVP_PKEY* pkey) {
  if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("not an Ed25519 key");
  }
  Ed25519PrivateKey key;
  size_t size = key.seed.size();
  if (EVP_PKEY_get_raw_private_key(pkey, key.seed.data(), &size) != 1 || size != key.seed.size()) {
    return absl::InternalError(StrCat("cannot read the private key: ", OpenSslError()));
  }
  size = key.public_key.raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey, key.public_key.raw.data(), &size) != 1 ||
      size != key.public_key.raw.size()) {
    return absl::InternalError(StrCat("cannot read the public key: ", OpenSslError()));
  }
  return key;
}

absl::StatusOr<std::string> ReadPublicKeyFile(const std::string& path) {
  return base::ReadRegularFile(path, base::kMaxKeyFileBytes, "a key file");
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, size > 0 ? static_cast<size_t>(size) : 0);
}

// Writes all of `text` to a file created with `mode`; `exclusive` refuses an
// existing file. The mode is given to open() itself so that the private key
// is never readable by others, not even for an instant.
absl::Status WriteFile(const std::string& path, const std::string& text, mode_t mode,
                       bool exclusive) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC);
  int fd = ::open(path.c_str(), flags, mode);
  if (fd < 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(StrCat(path, ": already exists; not replacing a key"));
    }
    return absl::PermissionDeniedError(StrCat(path, ": cannot create: ", std::strerror(errno)));
  }
  // umask can only narrow the mode; fchmod makes it exact either way.
  bool ok = ::fchmod(fd, mode) == 0;
  size_t done = 0;
  while (ok && done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  int saved = errno;
  if (::close(fd) != 0) ok = false;
  if (!ok) return absl::InternalError(StrCat(path, ": cannot write: ", std::strerror(saved)));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Ed25519PrivateKey> GenerateEd25519Key() {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return absl::InternalError(StrCat("cannot generate an Ed25519 key: ", OpenSslError()));
  }
  Pkey pkey(raw);
  return FromPkey(pkey.get());
}

std::string PublicKeyFingerprint(const Ed25519PublicKey& key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(key.raw.data(), key.raw.size(), digest, &size, EVP_sha256(), nullptr);
  return base::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), size));
}

std::string KeyId(const Ed25519PublicKey& key) { return PublicKeyFingerprint(key).substr(0, 16); }

absl::Status WriteKeyPair(const Ed25519PrivateKey& key, const std::string& name) {
  Pkey pkey = PrivatePkey(key);
  Bio private_pem(BIO_new(BIO_s_mem()));
  Bio public_pem(BIO_new(BIO_s_mem()));
  if (!pkey || !private_pem || !public_pem ||
      PEM_write_bio_PrivateKey(private_pem.get(), pkey.get(), nullptr, nullptr, 0, nullptr,
                               nullptr) != 1 ||
      PEM_write_bio_PUBKEY(public_pem.get(), pkey.get()) != 1) {
    return absl::InternalError(StrCat("cannot encode the key pair: ", OpenSslError()));
  }
  std::string private_path = StrCat(name, ".key");
  std::string public_path = StrCat(name, ".pub");
  // Refuse before writing anything, so that a half-replaced pair never exists.
  if (::access(public_path.c_str(), F_OK) == 0) {
    return absl::AlreadyExistsError(StrCat(public_path, ": already exists; not replacing a key"));
  }
  if (auto status = WriteFile(private_path, BioText(private_pem.get()), 0600, true); !status.ok()) {
    return status;
  }
  return WriteFile(public_path, BioText(public_pem.get()), 0644, true);
}

absl::StatusOr<Ed25519PrivateKey> ReadPrivateKey(const std::string& path,
                                                 base::KeyFileAccess access) {
  absl::StatusOr<std::string> text =
      base::ReadPrivateKeyFile(path, base::kMaxKeyFileBytes, "a private key", access);
  if (!text.ok()) return text.status();
  Bio bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
  Pkey pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) {
    return absl::InvalidArgumentError(StrCat(path, ": not a PEM private key: ", OpenSslError()));
  }
  absl::StatusOr<Ed25519PrivateKey> key = FromPkey(pkey.get());
  if (!key.ok())
    return absl::InvalidArgumentError(StrCat(path, ": ", std::string(key.status().message())));
  return key;
}

absl::StatusOr<Ed25519PublicKey> ReadPublicKey(const std::string& path) {
  absl::StatusOr<std::string> text = ReadPublicKeyFile(path);
  if (!text.ok()) return text.status();
  Bio bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
  Pkey pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) {
    return absl::InvalidArgumentError(StrCat(path, ": not a PEM public key: ", OpenSslError()));
  }
  if (EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError(StrCat(path, ": not an Ed25519 key"));
  }
  Ed25519PublicKey key;
  size_t size = key.raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey.get(), key.raw.data(), &size) != 1 ||
      size != key.raw.size()) {
    return absl::InvalidArgumentError(StrCat(path, ": cannot read the key: ", OpenSslError()));
  }
  return key;
}

absl::StatusOr<std::string> Sign(const Ed25519PrivateKey& key, std::string_view bytes) {
  Pkey pkey = PrivatePkey(key);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::string signature(64, '\0');
  size_t size = signature.size();
  // Ed25519 is one-shot: EVP_DigestSign, never the Update/Final pair.
  if (!pkey || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1 ||
      size != 64) {
    return absl::InternalError(StrCat("cannot sign: ", OpenSslError()));
  }
  return signature;
}

bool Verify(const Ed25519PublicKey& key, std::string_view bytes, std::string_view signature) {
  if (signature.size() != 64) return false;
  Pkey pkey = PublicPkey(key);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  bool ok = pkey && ctx &&
            EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) == 1 &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                             bytes.size()) == 1;
  ERR_clear_error();  // A bad signature leaves an error queued; it is an answer, not a fault.
  return ok;
}

}  // namespace tiersight::report
