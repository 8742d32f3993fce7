#include "report/pseudonymizer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "base/file_read.h"
#include "base/hex.h"
#include "base/str_cat.h"

namespace tiersight::report {
namespace {

constexpr char kDerivationLabel[] = "tiersight pseudonym key v1";
constexpr char kKeyIdLabel[] = "tiersight pseudonym key id v1";
// Pseudonyms and key ids show the first bytes of a digest only.
constexpr size_t kShownDigestBytes = 8;

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // One-shot HMAC(): no context outlives the call, hence no shared state.
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &size);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

}  // namespace

absl::StatusOr<Pseudonymizer> Pseudonymizer::FromKeyFile(const std::string& path,
                                                         base::KeyFileAccess access) {
  absl::StatusOr<std::string> read =
      base::ReadPrivateKeyFile(path, base::kMaxKeyFileBytes, "a pseudonym key", access);
  if (!read.ok()) return read.status();
  std::string key = *std::move(read);
  if (key.size() < kMinKeyBytes) {
    return absl::InvalidArgumentError(StrCat(path, ": a pseudonym key needs at least ",
                                             kMinKeyBytes, " bytes, the file has ", key.size()));
  }
  return Pseudonymizer(std::move(key));
}

Pseudonymizer Pseudonymizer::FromSigningKey(const Ed25519PrivateKey& key) {
  std::string_view seed(reinterpret_cast<const char*>(key.seed.data()), key.seed.size());
  return Pseudonymizer(HmacSha256(seed, kDerivationLabel));
}

std::string Pseudonymizer::Pseudonym(std::string_view agent_id) const {
  return "P-" + base::HexEncode(HmacSha256(key_, agent_id).substr(0, kShownDigestBytes));
}

std::string Pseudonymizer::KeyId() const {
  const std::string derived = HmacSha256(key_, kKeyIdLabel);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(derived.data()), derived.size(), digest);
  return base::HexEncode(
      std::string_view(reinterpret_cast<const char*>(digest), kShownDigestBytes));
}

}  // namespace tiersight::report
