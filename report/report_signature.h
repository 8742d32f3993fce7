// Signing and verifying a JSON report.
//
// The signature is a top-level member of the report itself, so that one file
// travels to the regulator:
//   "signature": {"algorithm": "ed25519", "key_id": "<KeyId>", "value": "<base64>"}
// It is computed over CanonicalJson(report without its "signature" member),
// so formatting and member order may change in transit; any value may not.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "report/ed25519_keys.h"

namespace tiersight::report {

// Returns the canonical JSON of `json` with the signature member added (the
// canonical form is also what was signed, which makes the signed file easy to
// check by hand). `json` must be a JSON object without a "signature" member:
// re-signing a signed report is refused rather than silently replacing
// another party's signature.
absl::StatusOr<std::string> SignReport(std::string_view json, const Ed25519PrivateKey& key);

struct ReportVerification {
  enum class Outcome {
    kOk,
    kNotJson,             // Not JSON, or not a JSON object.
    kNoSignature,         // No "signature" member.
    kMalformedSignature,  // Wrong algorithm, missing fields, bad base64.
    kOtherKey,            // key_id names a different key than the one given.
    kMismatch,            // The signature does not match the report's content.
  };
  Outcome outcome = Outcome::kNotJson;
  // One sentence saying exactly what is wrong, or "signature valid (key id X)".
  std::string message;

  bool ok() const { return outcome == Outcome::kOk; }
};

// Checks `signed_json` against `key`. Never fails: every problem is an
// outcome that a user must be told about.
ReportVerification VerifyReport(std::string_view signed_json, const Ed25519PublicKey& key);

// What a signed report's signature block states about its key, unchecked:
// for showing to a reader, never for deciding which key to trust. Empty
// fields where the block (or the report) does not say.
struct SignatureClaims {
  std::string key_id;
  std::string public_key_sha256;
};
SignatureClaims SignatureClaimsOf(std::string_view signed_json);

}  // namespace tiersight::report
