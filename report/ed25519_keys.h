// Ed25519 signing keys for reports: generation, PEM files and signatures.
//
// Keys are held as their raw 32-byte forms (RFC 8032) rather than as OpenSSL
// handles so that they are plain values: copyable, comparable, and usable by
// the pseudonymizer to derive its key. OpenSSL objects live only inside one
// call, which also makes every function here safe to call concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/file_read.h"

namespace tiersight::report {

struct Ed25519PublicKey {
  std::array<uint8_t, 32> raw{};
  bool operator==(const Ed25519PublicKey&) const = default;
};

struct Ed25519PrivateKey {
  std::array<uint8_t, 32> seed{};  // The RFC 8032 private key.
  Ed25519PublicKey public_key;
};

// A fresh key pair from OpenSSL's CSPRNG.
absl::StatusOr<Ed25519PrivateKey> GenerateEd25519Key();

// First 16 hex characters of SHA-256 of the raw public key: short enough to
// print in a report, long enough that two brands' keys do not collide by
// accident. It identifies a key; it does not authenticate it.
std::string KeyId(const Ed25519PublicKey& key);

// Lower-case hex SHA-256 of the raw public key (KeyId is its first 16 hex
// digits): what a recipient compares with the key the signer published.
std::string PublicKeyFingerprint(const Ed25519PublicKey& key);

// Writes `name.key` (PKCS#8 PEM, mode 0600, created only if absent so that
// keygen never silently replaces a brand's signing key) and `name.pub`
// (SubjectPublicKeyInfo PEM, mode 0644).
absl::Status WriteKeyPair(const Ed25519PrivateKey& key, const std::string& name);

// Read the files written above (any PKCS#8 / SPKI PEM Ed25519 key works).
// Errors name the file. A private key file that group or others may access
// is refused unless `access` allows it (base::ReadPrivateKeyFile).
absl::StatusOr<Ed25519PrivateKey> ReadPrivateKey(
    const std::string& path, base::KeyFileAccess access = base::KeyFileAccess::kOwnerOnly);
absl::StatusOr<Ed25519PublicKey> ReadPublicKey(const std::string& path);

// The 64-byte Ed25519 signature of `bytes` (pure Ed25519: OpenSSL is given a
// NULL digest, the message is hashed by the algorithm itself).
absl::StatusOr<std::string> Sign(const Ed25519PrivateKey& key, std::string_view bytes);

// True only if `signature` is a valid signature of `bytes` by `key`.
bool Verify(const Ed25519PublicKey& key, std::string_view bytes, std::string_view signature);

}  // namespace tiersight::report
