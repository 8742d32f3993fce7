#include "report/report_signature.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "report/canonical_json.h"

namespace tiersight::report {
namespace {

using ::testing::HasSubstr;
using Outcome = ReportVerification::Outcome;

// A small report in the shape the exporter writes, pretty-printed as a user
// would receive it.
constexpr char kReport[] = R"({
  "provenance": {"bundle_digest": "sha256:ab12", "engine_version": "0.1.0"},
  "figures": {"participants": 1200, "levels": 7, "fee_revenue_share": 0.62},
  "findings": [
    {"rule": "cn.recruitment_fees", "severity": "HIGH",
     "message": "62% of company revenue comes from entry fees"},
    {"rule": "cn.depth", "severity": "MEDIUM", "message": "7 levels exceed the legal 3"}
  ]
})";

class ReportSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = GenerateEd25519Key();
    ASSERT_TRUE(key.ok());
    key_ = *key;
    auto signed_report = SignReport(kReport, key_);
    ASSERT_TRUE(signed_report.ok()) << signed_report.status();
    signed_ = *signed_report;
  }

  ReportVerification VerifyReplaced(const std::string& from, const std::string& to) {
    std::string changed = signed_;
    size_t at = changed.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) changed.replace(at, from.size(), to);
    return VerifyReport(changed, key_.public_key);
  }

  Ed25519PrivateKey key_;
  std::string signed_;
};

TEST_F(ReportSignatureTest, RoundTrip) {
  ReportVerification result = VerifyReport(signed_, key_.public_key);
  EXPECT_TRUE(result.ok()) << result.message;
  EXPECT_THAT(result.message, HasSubstr(KeyId(key_.public_key)));
  EXPECT_THAT(signed_, HasSubstr(R"("signature":{"algorithm":"ed25519","key_id":")" +
                                 KeyId(key_.public_key) + "\""));
}

TEST_F(ReportSignatureTest, SignatureCoversTheReportWithoutItself) {
  // Anyone can check by hand: drop the member, canonicalise, verify.
  auto canonical = CanonicalJson(kReport);
  ASSERT_TRUE(canonical.ok());
  size_t at = signed_.find(",\"signature\":");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(signed_.substr(0, at) + "}", *canonical);
}

TEST_F(ReportSignatureTest, ChangedFigureIsDetected) {
  ReportVerification result = VerifyReplaced("\"participants\":1200", "\"participants\":1199");
  EXPECT_EQ(result.outcome, Outcome::kMismatch);
  EXPECT_EQ(result.message,
            "signature does not match the report: the report was changed after signing");
}

TEST_F(ReportSignatureTest, ChangedFindingMessageIsDetected) {
  EXPECT_EQ(VerifyReplaced("exceed the legal 3", "are within the legal 3").outcome,
            Outcome::kMismatch);
}

TEST_F(ReportSignatureTest, ChangedSeverityIsDetected) {
  EXPECT_EQ(VerifyReplaced("\"severity\":\"HIGH\"", "\"severity\":\"LOW\"").outcome,
            Outcome::kMismatch);
}

TEST_F(ReportSignatureTest, RemovedFindingIsDetected) {
  std::string second =
      R"(,{"message":"7 levels exceed the legal 3","rule":"cn.depth","severity":"MEDIUM"})";
  ASSERT_THAT(signed_, HasSubstr(second));
  EXPECT_EQ(VerifyReplaced(second, "").outcome, Outcome::kMismatch);
}

TEST_F(ReportSignatureTest, AddedMemberIsDetected) {
  EXPECT_EQ(VerifyReplaced("\"figures\":{", "\"figures\":{\"extra\":1,").outcome,
            Outcome::kMismatch);
}

TEST_F(ReportSignatureTest, AnotherKeyIsNamed) {
  auto other = GenerateEd25519Key();
  ASSERT_TRUE(other.ok());
  ReportVerification result = VerifyReport(signed_, other->public_key);
  EXPECT_EQ(result.outcome, Outcome::kOtherKey);
  EXPECT_EQ(result.message, "signed by another key (key id " + KeyId(key_.public_key) +
                                ", expected " + KeyId(other->public_key) + ")");
}

TEST_F(ReportSignatureTest, ForgedKeyIdDoesNotHelp) {
  // Re-sign the report with another key but claim ours: the id matches, the
  // signature cannot.
  auto other = GenerateEd25519Key();
  ASSERT_TRUE(other.ok());
  auto forged = SignReport(kReport, *other);
  ASSERT_TRUE(forged.ok());
  std::string text = *forged;
  text.replace(text.find(PublicKeyFingerprint(other->public_key)), 64,
               PublicKeyFingerprint(key_.public_key));
  text.replace(text.find(KeyId(other->public_key)), 16, KeyId(key_.public_key));
  EXPECT_EQ(VerifyReport(text, key_.public_key).outcome, Outcome::kMismatch);
}

TEST_F(ReportSignatureTest, BlockShowsTheSigningKeysFingerprint) {
  const std::string fingerprint = PublicKeyFingerprint(key_.public_key);
  ASSERT_EQ(fingerprint.size(), 64u);
  EXPECT_EQ(fingerprint.substr(0, 16), KeyId(key_.public_key));
  EXPECT_THAT(signed_, HasSubstr(R"("public_key_sha256":")" + fingerprint + "\""));
}

TEST_F(ReportSignatureTest, ClaimsOfTheBlockAreReadForShowing) {
  const SignatureClaims claims = SignatureClaimsOf(signed_);
  EXPECT_EQ(claims.key_id, KeyId(key_.public_key));
  EXPECT_EQ(claims.public_key_sha256, PublicKeyFingerprint(key_.public_key));
  EXPECT_EQ(SignatureClaimsOf(kReport).key_id, "");
  EXPECT_EQ(SignatureClaimsOf("not json").public_key_sha256, "");
}

// The fingerprint a page prints is not signed; verify refuses a block whose
// fingerprint names another key, so a page cannot show a key other than the
// one that verifies it.
TEST_F(ReportSignatureTest, ShownFingerprintOfAnotherKeyIsRefused) {
  auto other = GenerateEd25519Key();
  ASSERT_TRUE(other.ok());
  ReportVerification result = VerifyReplaced(PublicKeyFingerprint(key_.public_key),
                                             PublicKeyFingerprint(other->public_key));
  EXPECT_EQ(result.outcome, Outcome::kOtherKey);
  EXPECT_THAT(result.message, HasSubstr("fingerprint of another key"));
}

TEST_F(ReportSignatureTest, MissingSignature) {
  ReportVerification result = VerifyReport(kReport, key_.public_key);
  EXPECT_EQ(result.outcome, Outcome::kNoSignature);
  EXPECT_EQ(result.message, "no signature");
}

TEST_F(ReportSignatureTest, MalformedSignatureValue) {
  size_t at = signed_.find("\"value\":\"");
  ASSERT_NE(at, std::string::npos);
  std::string changed = signed_;
  changed.replace(at, 9, "\"value\":\"!!");
  EXPECT_EQ(VerifyReport(changed, key_.public_key).outcome, Outcome::kMalformedSignature);
  EXPECT_EQ(VerifyReplaced("\"algorithm\":\"ed25519\"", "\"algorithm\":\"rsa\"").outcome,
            Outcome::kMalformedSignature);
}

TEST_F(ReportSignatureTest, NotJson) {
  EXPECT_EQ(VerifyReport("{\"a\":", key_.public_key).outcome, Outcome::kNotJson);
  EXPECT_EQ(VerifyReport("[1,2]", key_.public_key).outcome, Outcome::kNotJson);
}

TEST_F(ReportSignatureTest, WhitespaceAndKeyOrderDoNotBreakVerification) {
  // The same signed report, reordered and pretty-printed by hand.
  std::string value_start = "\"value\":\"";
  size_t at = signed_.find(value_start) + value_start.size();
  std::string value = signed_.substr(at, signed_.find('"', at) - at);
  std::string reformatted = R"({
    "signature": {
      "value": ")" + value + R"(",
      "key_id": ")" + KeyId(key_.public_key) +
                            R"(",
      "algorithm": "ed25519"
    },
    "findings": [
      { "severity": "HIGH", "rule": "cn.recruitment_fees",
        "message": "62% of company revenue comes from entry fees" },
      { "message": "7 levels exceed the legal 3", "severity": "MEDIUM", "rule": "cn.depth" }
    ],
    "figures": { "levels": 7.0, "fee_revenue_share": 0.62, "participants": 1200 },
    "provenance": { "engine_version": "0.1.0", "bundle_digest": "sha256:ab12" }
  })";
  ReportVerification result = VerifyReport(reformatted, key_.public_key);
  EXPECT_TRUE(result.ok()) << result.message;
}

TEST_F(ReportSignatureTest, ReorderingFindingsIsAChange) {
  // Arrays keep their order: the order of findings is content.
  std::string first =
      R"({"message":"62% of company revenue comes from entry fees","rule":"cn.recruitment_fees","severity":"HIGH"})";
  std::string second =
      R"({"message":"7 levels exceed the legal 3","rule":"cn.depth","severity":"MEDIUM"})";
  EXPECT_EQ(VerifyReplaced(first + "," + second, second + "," + first).outcome, Outcome::kMismatch);
}

TEST_F(ReportSignatureTest, RefusesToResign) {
  auto again = SignReport(signed_, key_);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(SignReport("[1]", key_).ok());
}

}  // namespace
}  // namespace tiersight::report
