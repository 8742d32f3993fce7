// Fuzzes canonical JSON and report signatures: the input is any JSON text.
// Its canonical form must be canonical already (the bytes a signature
// covers cannot depend on how often they were canonicalised); arbitrary
// JSON is checked as a signed report with report::VerifyReport; an object
// that SignReport signs must then verify, also after canonicalising, and
// must stop verifying once any of its values changes.
#include "fuzz/fuzz_support.h"
#include "report/canonical_json.h"
#include "report/report_signature.h"

namespace tiersight::fuzz {
namespace {

using Outcome = report::ReportVerification::Outcome;

void FuzzCanonicalJson(std::string_view text) {
  const report::Ed25519PrivateKey& key = FuzzKey();
  absl::StatusOr<std::string> canonical = report::CanonicalJson(text);
  if (canonical.ok()) {
    absl::StatusOr<std::string> again = report::CanonicalJson(*canonical);
    TIERSIGHT_FUZZ_CHECK(again.ok());
    TIERSIGHT_FUZZ_CHECK(*again == *canonical);
  }

  const report::ReportVerification verified = report::VerifyReport(text, key.public_key);
  TIERSIGHT_FUZZ_CHECK(!verified.message.empty());
  TIERSIGHT_FUZZ_CHECK(verified.outcome == Outcome::kNotJson || canonical.ok());
  if (verified.ok()) {
    TIERSIGHT_FUZZ_CHECK(report::VerifyReport(*canonical, key.public_key).ok());
  }

  absl::StatusOr<std::string> signed_json = report::SignReport(text, key);
  if (!signed_json.ok()) return;
  TIERSIGHT_FUZZ_CHECK(report::CanonicalJson(*signed_json).value_or("") == *signed_json);
  TIERSIGHT_FUZZ_CHECK(report::VerifyReport(*signed_json, key.public_key).ok());
  // A value added after signing is a change the signature must reveal (a
  // key the report has already would make it no JSON instead).
  if (signed_json->find("\"fuzz-added\"") != std::string::npos) return;
  std::string changed = *signed_json;
  changed.insert(1, "\"fuzz-added\":0,");
  TIERSIGHT_FUZZ_CHECK(report::VerifyReport(changed, key.public_key).outcome == Outcome::kMismatch);
}

}  // namespace
}  // namespace tiersight::fuzz

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::FuzzKey, tiersight::fuzz::FuzzCanonicalJson)
