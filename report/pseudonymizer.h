// Keyed pseudonyms of agent ids for exported reports.
//
// Pseudonym(id) = "P-" + the first 16 hex characters (64 bits) of
// HMAC-SHA256(key, id). The same key gives the same pseudonym, so a regulator
// can follow an agent across reports of one brand; without the key the
// pseudonym cannot be reversed by trying candidate ids (agent ids are short
// and guessable, which is why a plain hash would not do). 64 bits keep
// accidental collisions negligible (about 3e-12 for 10,000 agents, 3e-8 for
// a million).
//
// Thread-safe: the key is immutable after construction and every call uses
// only its own OpenSSL state.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/file_read.h"
#include "report/ed25519_keys.h"

namespace tiersight::report {

class Pseudonymizer {
 public:
  // Shortest key accepted: 128 bits, below which guessing the key becomes a
  // way to reverse pseudonyms.
  static constexpr size_t kMinKeyBytes = 16;

  // Any key bytes; callers that take a key from a user use the factories.
  explicit Pseudonymizer(std::string key) : key_(std::move(key)) {}

  // The key is the whole content of the file, taken as bytes (no decoding,
  // no trimming); it must hold at least kMinKeyBytes bytes. Errors name the
  // file. A file that group or others may access is refused unless `access`
  // allows it (base::ReadPrivateKeyFile).
  static absl::StatusOr<Pseudonymizer> FromKeyFile(
      const std::string& path, base::KeyFileAccess access = base::KeyFileAccess::kOwnerOnly);

  // Derived from the brand's signing key, so that one key file gives both
  // signatures and stable pseudonyms: key = HMAC-SHA256(seed,
  // "tiersight pseudonym key v1"), where seed is the 32-byte Ed25519 private
  // key. The derivation is one-way: pseudonyms reveal nothing of the signing
  // key, and the pseudonym key cannot sign.
  static Pseudonymizer FromSigningKey(const Ed25519PrivateKey& key);

  std::string Pseudonym(std::string_view agent_id) const;

  // Names the key without revealing it: the first 16 hex characters of
  // SHA-256(HMAC-SHA256(key, "tiersight pseudonym key id v1")). Reports with
  // the same key id use the same pseudonyms.
  std::string KeyId() const;

 private:
  std::string key_;
};

}  // namespace tiersight::report
