#include "report/report_signature.h"

#include <google/protobuf/struct.pb.h>
#include <openssl/evp.h>

#include "base/str_cat.h"
#include "report/canonical_json.h"

namespace tiersight::report {
namespace {

constexpr char kSignatureMember[] = "signature";
constexpr char kAlgorithm[] = "ed25519";

std::string Base64Encode(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return out;
}

// EVP_DecodeBlock ignores surrounding whitespace and returns the padding as
// zero bytes; accepting only the exact encoding we write (checked by
// re-encoding) keeps one signature to one spelling.
bool Base64Decode(const std::string& text, std::string& bytes) {
  if (text.empty() || text.size() % 4 != 0) return false;
  bytes.assign(3 * (text.size() / 4), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  bytes.resize(static_cast<size_t>(n) - padding);
  return Base64Encode(bytes) == text;
}

ReportVerification Result(ReportVerification::Outcome outcome, std::string message) {
  return ReportVerification{outcome, std::move(message)};
}

}  // namespace

absl::StatusOr<std::string> SignReport(std::string_view json, const Ed25519PrivateKey& key) {
  absl::StatusOr<google::protobuf::Value> report = ParseJson(json);
  if (!report.ok()) return report.status();
  if (!report->has_struct_value()) {
    return absl::InvalidArgumentError("a report must be a JSON object");
  }
  auto& fields = *report->mutable_struct_value()->mutable_fields();
  if (fields.contains(kSignatureMember)) {
    return absl::FailedPreconditionError("the report is already signed");
  }
  absl::StatusOr<std::string> signature = Sign(key, CanonicalJson(*report));
  if (!signature.ok()) return signature.status();

  google::protobuf::Value block;
  auto& block_fields = *block.mutable_struct_value()->mutable_fields();
  block_fields["algorithm"].set_string_value(kAlgorithm);
  block_fields["key_id"].set_string_value(KeyId(key.public_key));
  // Shown to the recipient so the key can be compared with the one the
  // signer published; verify never uses it (it trusts only the key it is
  // given).
  block_fields["public_key_sha256"].set_string_value(PublicKeyFingerprint(key.public_key));
  block_fields["value"].set_string_value(Base64Encode(*signature));
  fields[kSignatureMember] = std::move(block);
  return CanonicalJson(*report);
}

ReportVerification VerifyReport(std::string_view signed_json, const Ed25519PublicKey& key) {
  using Outcome = ReportVerification::Outcome;
  absl::StatusOr<google::protobuf::Value> report = ParseJson(signed_json);
  if (!report.ok()) return Result(Outcome::kNotJson, std::string(report.status().message()));
  if (!report->has_struct_value()) {
    return Result(Outcome::kNotJson, "the report is not a JSON object");
  }
  auto& fields = *report->mutable_struct_value()->mutable_fields();
  auto it = fields.find(kSignatureMember);
  if (it == fields.end()) return Result(Outcome::kNoSignature, "no signature");
  google::protobuf::Value block = std::move(it->second);
  fields.erase(it);

  if (!block.has_struct_value()) {
    return Result(Outcome::kMalformedSignature, "the signature member is not an object");
  }
  const auto& block_fields = block.struct_value().fields();
  auto text = [&](const char* name) -> const std::string* {
    auto found = block_fields.find(name);
    if (found == block_fields.end() || !found->second.has_string_value()) return nullptr;
    return &found->second.string_value();
  };
  const std::string* algorithm = text("algorithm");
  const std::string* key_id = text("key_id");
  const std::string* value = text("value");
  if (algorithm == nullptr || key_id == nullptr || value == nullptr) {
    return Result(Outcome::kMalformedSignature,
                  "the signature lacks one of algorithm, key_id, value (strings)");
  }
  if (*algorithm != kAlgorithm) {
    return Result(
        Outcome::kMalformedSignature,
        StrCat("unsupported signature algorithm \"", *algorithm, "\" (expected ", kAlgorithm, ")"));
  }
  std::string expected_id = KeyId(key);
  if (*key_id != expected_id) {
    return Result(Outcome::kOtherKey, StrCat("signed by another key (key id ", *key_id,
                                             ", expected ", expected_id, ")"));
  }
  // The fingerprint printed on the page is outside what is signed: it must
  // name the key that verifies, or a page could show another key's.
  if (auto shown = block_fields.find("public_key_sha256");
      shown != block_fields.end() && shown->second.string_value() != PublicKeyFingerprint(key)) {
    return Result(
        Outcome::kOtherKey,
        StrCat("the signature block shows the fingerprint of another key (",
               shown->second.string_value(), ", expected ", PublicKeyFingerprint(key), ")"));
  }
  std::string signature;
  if (!Base64Decode(*value, signature) || signature.size() != 64) {
    return Result(Outcome::kMalformedSignature,
                  "the signature value is not the base64 of a 64-byte Ed25519 signature");
  }
  if (!Verify(key, CanonicalJson(*report), signature)) {
    return Result(Outcome::kMismatch,
                  "signature does not match the report: the report was changed after signing");
  }
  return Result(Outcome::kOk, StrCat("signature valid (key id ", expected_id, ")"));
}

SignatureClaims SignatureClaimsOf(std::string_view signed_json) {
  SignatureClaims claims;
  absl::StatusOr<google::protobuf::Value> report = ParseJson(signed_json);
  if (!report.ok() || !report->has_struct_value()) return claims;
  const auto& fields = report->struct_value().fields();
  auto block = fields.find(kSignatureMember);
  if (block == fields.end() || !block->second.has_struct_value()) return claims;
  const auto& members = block->second.struct_value().fields();
  auto text = [&](const char* name) {
    auto found = members.find(name);
    return found == members.end() ? std::string() : found->second.string_value();
  };
  claims.key_id = text("key_id");
  claims.public_key_sha256 = text("public_key_sha256");
  return claims;
}

}  // namespace tiersight::report
