// The audit trail: who ran which packs on which network digest, with the
// report bytes, append-only and outliving the network.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "graph/bundle_digest.h"
#include "store/network_store.h"
#include "tests/store/store_test_util.h"

namespace tiersight::store {
namespace {

namespace fs = std::filesystem;
using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class AuditTrailTest : public testing::StoreTest {};

// Bytes a text-mode or re-encoding copy would alter: NUL, CR LF, UTF-8, no final newline.
const std::string kOddReport =
    std::string("{\"findings\":[\"囤货\"],\r\n\"nul\":\"") + std::string(1, '\0') + "\"}";

TEST_F(AuditTrailTest, RecordsAreListedAndReportsComeBackByteForByte) {
  auto store = Open();
  const NetworkRecord network = Upload(*store, "acme");
  const absl::Time before = absl::Now();
  const AuditRecord first = Audit(*store, "acme", network.id, kOddReport);
  const AuditRecord second = Audit(*store, "acme", network.id, "{\"second\":true}");
  EXPECT_NE(first.id, second.id);
  EXPECT_GE(first.created_at, before - absl::Milliseconds(1));
  EXPECT_EQ(first.network_digest, network.digest);  // filled in from the catalogue
  EXPECT_EQ(first.report_bytes, static_cast<int64_t>(kOddReport.size()));
  EXPECT_EQ(first.report_sha256, graph::Sha256OfText(kOddReport));

  absl::StatusOr<StoredAudit> got = store->GetAudit("acme", first.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->report_json, kOddReport);
  EXPECT_EQ(got->record.token_name, "compliance-laptop");
  EXPECT_EQ(got->record.details, "{\"findings\": 2}");
  EXPECT_EQ(got->record.tenant, "acme");
  EXPECT_EQ(got->record.network_id, network.id);
  EXPECT_EQ(got->record.created_at, first.created_at);
  EXPECT_THAT(got->record.packs, ElementsAre(PackRef{"cn", "2026.1", std::string(64, 'a')},
                                             PackRef{"inventory", "1.0", std::string(64, 'b')}));
  EXPECT_EQ(testing::ReadFile(data_dir() / "audits" / (first.id + ".json")), kOddReport);

  absl::StatusOr<AuditPage> all = store->ListAudits("acme", 0, "", std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->audits.size(), 2u);
  EXPECT_EQ(all->audits[0].id, first.id);
  EXPECT_EQ(all->audits[1].id, second.id);
  EXPECT_EQ(all->audits[1].packs.size(), 2u);
  EXPECT_EQ(all->audits[1].details, "{\"findings\": 2}");

  absl::StatusOr<AuditPage> one = store->ListAudits("acme", 1, "", std::nullopt);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->audits.size(), 1u);
  absl::StatusOr<AuditPage> rest = store->ListAudits("acme", 1, one->next_page_token, std::nullopt);
  ASSERT_TRUE(rest.ok()) << rest.status();
  ASSERT_EQ(rest->audits.size(), 1u);
  EXPECT_EQ(rest->audits[0].id, second.id);
  EXPECT_EQ(rest->next_page_token, "");
}

TEST_F(AuditTrailTest, ListingByNetworkShowsOnlyThatNetworksAudits) {
  auto store = Open();
  const NetworkRecord a = Upload(*store, "acme");
  const NetworkRecord b = Upload(*store, "acme");
  Audit(*store, "acme", a.id, "{}");
  const AuditRecord of_b = Audit(*store, "acme", b.id, "{}");
  Audit(*store, "acme", a.id, "{}");
  absl::StatusOr<AuditPage> page = store->ListAudits("acme", 0, "", b.id);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->audits.size(), 1u);
  EXPECT_EQ(page->audits[0].id, of_b.id);
  EXPECT_EQ(store->ListAudits("acme", 0, "", a.id)->audits.size(), 2u);
}

TEST_F(AuditTrailTest, DeletingTheNetworkKeepsItsAudits) {
  auto store = Open();
  const NetworkRecord network = Upload(*store, "acme");
  const AuditRecord audit = Audit(*store, "acme", network.id, kOddReport);
  ASSERT_TRUE(store->DeleteNetwork("acme", network.id).ok());

  absl::StatusOr<StoredAudit> got = store->GetAudit("acme", audit.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->report_json, kOddReport);
  EXPECT_EQ(got->record.network_digest, network.digest);
  EXPECT_EQ(store->ListAudits("acme", 0, "", network.id)->audits.size(), 1u);
  // The deleted network takes no new audits.
  NewAudit late{.network_id = network.id, .token_name = "t", .report_json = "{}"};
  EXPECT_TRUE(absl::IsNotFound(store->RecordAudit("acme", late).status()));

  // And the trail survives a restart too (the sweep keeps catalogued reports).
  store.reset();
  store = Open();
  EXPECT_EQ(store->GetAudit("acme", audit.id)->report_json, kOddReport);
}

TEST_F(AuditTrailTest, AnAuditMustNameWhoRanItAndTheStoredDigest) {
  auto store = Open();
  const NetworkRecord network = Upload(*store, "acme");
  NewAudit anonymous{.network_id = network.id, .report_json = "{}"};
  absl::Status no_token = store->RecordAudit("acme", anonymous).status();
  EXPECT_TRUE(absl::IsInvalidArgument(no_token)) << no_token;

  NewAudit stale{.network_id = network.id,
                 .network_digest = std::string(64, '0'),
                 .token_name = "t",
                 .report_json = "{}"};
  absl::Status mismatch = store->RecordAudit("acme", stale).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(mismatch)) << mismatch;
  EXPECT_THAT(mismatch.message(), HasSubstr(network.digest));

  EXPECT_THAT(store->ListAudits("acme", 0, "", std::nullopt)->audits, IsEmpty());
  EXPECT_THAT(testing::ListTree(data_dir() / "audits"), IsEmpty());
}

TEST_F(AuditTrailTest, ATamperedReportIsDataLossNotSilentlyServed) {
  auto store = Open();
  const NetworkRecord network = Upload(*store, "acme");
  const AuditRecord audit = Audit(*store, "acme", network.id, "{\"ok\":true}");
  std::ofstream(data_dir() / "audits" / (audit.id + ".json"), std::ios::binary) << "{\"ok\":false}";
  absl::Status status = store->GetAudit("acme", audit.id).status();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr(audit.id));
}

// There is no update or delete API; the catalogue itself refuses to rewrite
// the trail even when a statement tries behind the store's back.
TEST_F(AuditTrailTest, TheCatalogueRefusesToRewriteTheTrail) {
  std::string audit_id;
  {
    auto store = Open();
    const NetworkRecord network = Upload(*store, "acme");
    audit_id = Audit(*store, "acme", network.id, "{}").id;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_dir() / "catalogue.db").c_str(), &db), SQLITE_OK);
  for (const char* sql :
       {"UPDATE audits SET token_name = 'someone else'", "UPDATE audits SET details = ''",
        "DELETE FROM audits", "DELETE FROM audit_packs", "UPDATE audit_packs SET version = 'x'",
        "DELETE FROM issued_ids"}) {
    char* error = nullptr;
    EXPECT_NE(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << sql;
    if (error != nullptr) {
      EXPECT_THAT(std::string(error), AnyOf(HasSubstr("append-only"), HasSubstr("never reused")))
          << sql;
      sqlite3_free(error);
    }
  }
  sqlite3_close(db);
  auto store = Open();
  absl::StatusOr<StoredAudit> got = store->GetAudit("acme", audit_id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->record.token_name, "compliance-laptop");
  EXPECT_EQ(got->record.details, "{\"findings\": 2}");
  EXPECT_EQ(got->record.packs.size(), 2u);
}

}  // namespace
}  // namespace tiersight::store
