#include "report/pseudonymizer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "graph/str_cat.h"

namespace tiersight::report {
namespace {

constexpr char kDerivationLabel[] = "tiersight pseudonym key v1";

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // One-shot HMAC(): no context outlives the call, hence no shared state.
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &size);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

}  // namespace

absl::StatusOr<Pseudonymizer> Pseudonymizer::FromKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(StrCat(path, ": cannot open: ", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  std::string key = text.str();
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
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string digest = HmacSha256(key_, agent_id);
  std::string out = "P-";
  for (size_t i = 0; i < 8; ++i) {
    auto byte = static_cast<unsigned char>(digest[i]);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 15]);
  }
  return out;
}

}  // namespace tiersight::report
