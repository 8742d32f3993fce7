// Uploading, reading back, listing and deleting networks, and what one tenant
// can see of another's.
#include "store/network_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_reader.h"
#include "store/record_id.h"
#include "tests/store/store_test_util.h"

namespace tiersight::store {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::ListTree;
using ::testing::Not;
using testing::ReadFile;
using testing::Sample;

class NetworkStoreTest : public testing::StoreTest {};

// What `sha256sum agents.csv orders.csv payments.csv network.yaml | sha256sum` prints.
std::string ShellDigest(const std::string& dir) {
  const std::string command = "cd '" + dir +
                              "' && sha256sum agents.csv orders.csv payments.csv network.yaml"
                              " | sha256sum";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  char buffer[128] = {};
  const size_t got = std::fread(buffer, 1, sizeof buffer - 1, pipe);
  ::pclose(pipe);
  return std::string(buffer, got).substr(0, 64);
}

TEST_F(NetworkStoreTest, CommittedUploadIsStoredByteForByteAndListed) {
  auto store = Open();
  const NetworkRecord record = Upload(*store, "acme", "Sample Brand 2026-Q3");
  EXPECT_TRUE(IsWellFormedRecordId(record.id)) << record.id;
  EXPECT_EQ(record.tenant, "acme");
  EXPECT_EQ(record.name, "Sample Brand 2026-Q3");
  EXPECT_EQ(record.agent_rows, 3);
  EXPECT_EQ(record.order_rows, 2);
  EXPECT_EQ(record.payment_rows, 1);

  absl::StatusOr<std::string> dir = store->NetworkDir("acme", record.id);
  ASSERT_TRUE(dir.ok()) << dir.status();
  EXPECT_EQ(fs::path(*dir), data_dir() / "networks" / record.id);
  EXPECT_EQ(ReadFile(fs::path(*dir) / "agents.csv"), Sample().agents_csv);
  EXPECT_EQ(ReadFile(fs::path(*dir) / "orders.csv"), Sample().orders_csv);
  EXPECT_EQ(ReadFile(fs::path(*dir) / "payments.csv"), Sample().payments_csv);
  EXPECT_EQ(ReadFile(fs::path(*dir) / "network.yaml"), Sample().network_yaml);
  EXPECT_EQ(record.bytes,
            static_cast<int64_t>(Sample().agents_csv.size() + Sample().orders_csv.size() +
                                 Sample().payments_csv.size() + Sample().network_yaml.size()));

  // The digest is the format's: the same as the graph library's and the shell's.
  absl::StatusOr<std::string> digest = graph::BundleDigest(*dir);
  ASSERT_TRUE(digest.ok()) << digest.status();
  EXPECT_EQ(record.digest, *digest);
  const std::string listing = graph::Sha256OfText(Sample().agents_csv) + "  agents.csv\n" +
                              graph::Sha256OfText(Sample().orders_csv) + "  orders.csv\n" +
                              graph::Sha256OfText(Sample().payments_csv) + "  payments.csv\n" +
                              graph::Sha256OfText(Sample().network_yaml) + "  network.yaml\n";
  EXPECT_EQ(record.digest, graph::Sha256OfText(listing));
  EXPECT_EQ(record.digest, ShellDigest(*dir));

  // The stored bundle is one the reader accepts, every row intact.
  graph::LoadedBundle loaded = graph::LoadBundle(*dir, graph::LoadOptions{});
  EXPECT_TRUE(loaded.report.Usable());
  EXPECT_EQ(loaded.report.CountsFor("agents.csv").loaded, 3);
  EXPECT_EQ(loaded.report.CountsFor("orders.csv").loaded, 2);
  EXPECT_EQ(loaded.report.CountsFor("payments.csv").loaded, 1);
  EXPECT_EQ(loaded.report.TotalRejected(), 0);

  absl::StatusOr<NetworkRecord> got = store->GetNetwork("acme", record.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->digest, record.digest);
  EXPECT_EQ(got->created_at, record.created_at);
  EXPECT_EQ(got->bytes, record.bytes);

  absl::StatusOr<NetworkPage> page = store->ListNetworks("acme", 0, "");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->networks.size(), 1u);
  EXPECT_EQ(page->networks[0].id, record.id);
  EXPECT_EQ(page->next_page_token, "");
  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
}

TEST_F(NetworkStoreTest, FilesWithoutRowsAreLeftOutLikeInACliBundle) {
  auto store = Open();
  auto writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
  absl::StatusOr<NetworkRecord> record = (*writer)->Commit("agents only");
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_THAT(ListTree(data_dir() / "networks" / record->id), ElementsAre("agents.csv"));
  EXPECT_EQ(record->digest, *graph::BundleDigest(*store->NetworkDir("acme", record->id)));
}

TEST_F(NetworkStoreTest, WrongFieldCountIsRefusedWithoutSpoilingTheUpload) {
  auto store = Open();
  auto writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok());
  const std::vector<std::string> short_row = {"X", ""};
  absl::Status refused = (*writer)->AppendRow(RowKind::kAgent, short_row);
  EXPECT_TRUE(absl::IsInvalidArgument(refused)) << refused;
  EXPECT_THAT(refused.message(), HasSubstr("agents.csv row 1 has 2 fields, expected 7"));
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
  EXPECT_EQ((*writer)->rows(RowKind::kAgent), 1);
  EXPECT_TRUE((*writer)->Commit("ok").ok());
}

TEST_F(NetworkStoreTest, AbortLeavesNoTrace) {
  auto store = Open();
  auto writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kOrder, Sample().orders[0]).ok());
  EXPECT_THAT(ListTree(data_dir() / "staging"), Not(IsEmpty()));
  const std::string id = (*writer)->network_id();
  (*writer)->Abort();

  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
  EXPECT_THAT(ListTree(data_dir() / "networks"), IsEmpty());
  EXPECT_TRUE(absl::IsNotFound(store->GetNetwork("acme", id).status()));
  EXPECT_THAT(store->ListNetworks("acme", 0, "")->networks, IsEmpty());
  EXPECT_TRUE(
      absl::IsFailedPrecondition((*writer)->AppendRow(RowKind::kAgent, Sample().agents[1])));
  EXPECT_TRUE(absl::IsFailedPrecondition((*writer)->Commit("late").status()));
  EXPECT_THAT(ListTree(data_dir() / "networks"), IsEmpty());
}

TEST_F(NetworkStoreTest, DroppingAnUncommittedWriterLeavesNoTrace) {
  auto store = Open();
  std::string id;
  {
    auto writer = store->BeginUpload("acme");
    ASSERT_TRUE(writer.ok());
    id = (*writer)->network_id();
    ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
    ASSERT_TRUE((*writer)->SetNetworkYaml("name: x\n").ok());
  }
  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
  EXPECT_THAT(ListTree(data_dir() / "networks"), IsEmpty());
  EXPECT_TRUE(absl::IsNotFound(store->GetNetwork("acme", id).status()));
}

TEST_F(NetworkStoreTest, CommitTwiceIsRefusedAndKeepsTheFirst) {
  auto store = Open();
  auto writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
  absl::StatusOr<NetworkRecord> first = (*writer)->Commit("one");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition((*writer)->Commit("two").status()));
  (*writer)->Abort();  // after a commit: nothing to undo
  writer->reset();
  EXPECT_TRUE(store->NetworkDir("acme", first->id).ok());
}

TEST_F(NetworkStoreTest, AnotherTenantsNetworkIsIndistinguishableFromAMissingOne) {
  auto store = Open();
  const NetworkRecord mine = Upload(*store, "tenant-a");
  const AuditRecord audit = Audit(*store, "tenant-a", mine.id, "{}");
  const std::string missing = *NewRecordId();

  for (const std::string& id : {mine.id, missing}) {
    absl::Status get = store->GetNetwork("tenant-b", id).status();
    EXPECT_TRUE(absl::IsNotFound(get)) << get;
    EXPECT_EQ(get.message(), "network " + id + " not found");
    EXPECT_TRUE(absl::IsNotFound(store->NetworkDir("tenant-b", id).status()));
    absl::Status del = store->DeleteNetwork("tenant-b", id);
    EXPECT_TRUE(absl::IsNotFound(del)) << del;
    EXPECT_EQ(del.message(), "network " + id + " not found");
    NewAudit foreign{.network_id = id, .token_name = "intruder", .report_json = "{}"};
    absl::Status record = store->RecordAudit("tenant-b", foreign).status();
    EXPECT_TRUE(absl::IsNotFound(record)) << record;
    EXPECT_EQ(record.message(), "network " + id + " not found");
    EXPECT_THAT(store->ListAudits("tenant-b", 0, "", id)->audits, IsEmpty());
  }
  absl::Status get_audit = store->GetAudit("tenant-b", audit.id).status();
  EXPECT_TRUE(absl::IsNotFound(get_audit)) << get_audit;
  EXPECT_EQ(get_audit.message(), "audit " + audit.id + " not found");
  EXPECT_THAT(store->ListNetworks("tenant-b", 0, "")->networks, IsEmpty());
  EXPECT_THAT(store->ListAudits("tenant-b", 0, "", std::nullopt)->audits, IsEmpty());

  // Tenant B's attempts changed nothing of A's.
  EXPECT_TRUE(store->NetworkDir("tenant-a", mine.id).ok());
  EXPECT_EQ(store->ListAudits("tenant-a", 0, "", std::nullopt)->audits.size(), 1u);
  EXPECT_TRUE(absl::IsInvalidArgument(store->GetNetwork("", mine.id).status()));
}

TEST_F(NetworkStoreTest, MalformedIdsAreNotFoundAndNeverBecomePaths) {
  auto store = Open();
  Upload(*store, "acme");
  for (const std::string id : {"", "..", "../staging", "ABCDEF", "x/y"}) {
    EXPECT_TRUE(absl::IsNotFound(store->NetworkDir("acme", id).status())) << id;
    EXPECT_TRUE(absl::IsNotFound(store->DeleteNetwork("acme", id))) << id;
    EXPECT_TRUE(absl::IsNotFound(store->GetAudit("acme", id).status())) << id;
  }
}

TEST_F(NetworkStoreTest, PagesAreStableAndComplete) {
  auto store = Open();
  std::vector<std::string> uploaded;
  for (int i = 0; i < 5; ++i)
    uploaded.push_back(Upload(*store, "acme", "n" + std::to_string(i)).id);
  Upload(*store, "other");  // another tenant's network never appears

  auto read_all = [&] {
    std::vector<std::vector<std::string>> pages;
    std::string token;
    do {
      absl::StatusOr<NetworkPage> page = store->ListNetworks("acme", 2, token);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      pages.emplace_back();
      for (const NetworkRecord& n : page->networks) pages.back().push_back(n.id);
      token = page->next_page_token;
    } while (!token.empty() && pages.size() < 10);
    return pages;
  };
  const auto pages = read_all();
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0].size(), 2u);
  EXPECT_EQ(pages[1].size(), 2u);
  EXPECT_EQ(pages[2].size(), 1u);
  std::vector<std::string> flat;
  for (const auto& p : pages) flat.insert(flat.end(), p.begin(), p.end());
  EXPECT_EQ(flat, uploaded);  // oldest first, each once
  EXPECT_EQ(std::set<std::string>(flat.begin(), flat.end()).size(), 5u);
  EXPECT_EQ(read_all(), pages);  // stable

  // Deleting a network already paged past does not shift the next page.
  absl::StatusOr<NetworkPage> first = store->ListNetworks("acme", 2, "");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(store->DeleteNetwork("acme", uploaded[0]).ok());
  absl::StatusOr<NetworkPage> second = store->ListNetworks("acme", 2, first->next_page_token);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->networks.size(), 2u);
  EXPECT_EQ(second->networks[0].id, uploaded[2]);
  EXPECT_EQ(second->networks[1].id, uploaded[3]);
}

TEST_F(NetworkStoreTest, ForeignOrForgedPageTokensAreRefused) {
  auto store = Open();
  for (int i = 0; i < 3; ++i) Upload(*store, "acme");
  absl::StatusOr<NetworkPage> page = store->ListNetworks("acme", 1, "");
  ASSERT_TRUE(page.ok());
  ASSERT_FALSE(page->next_page_token.empty());
  EXPECT_TRUE(
      absl::IsInvalidArgument(store->ListNetworks("other", 1, page->next_page_token).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      store->ListAudits("acme", 1, page->next_page_token, std::nullopt).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store->ListNetworks("acme", 1, "garbage").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store->ListNetworks("acme", -1, "").status()));
}

TEST_F(NetworkStoreTest, DeleteRemovesRowAndFiles) {
  auto store = Open();
  const NetworkRecord keep = Upload(*store, "acme");
  const NetworkRecord gone = Upload(*store, "acme");
  ASSERT_TRUE(store->DeleteNetwork("acme", gone.id).ok());
  EXPECT_TRUE(absl::IsNotFound(store->GetNetwork("acme", gone.id).status()));
  EXPECT_FALSE(fs::exists(data_dir() / "networks" / gone.id));
  EXPECT_TRUE(absl::IsNotFound(store->DeleteNetwork("acme", gone.id)));
  ASSERT_EQ(store->ListNetworks("acme", 0, "")->networks.size(), 1u);
  EXPECT_TRUE(store->NetworkDir("acme", keep.id).ok());
}

TEST_F(NetworkStoreTest, ConcurrentUploadsAndAuditsAreAllKept) {
  auto store = Open();
  constexpr int kThreads = 4, kEach = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const NetworkRecord n = Upload(*store, "acme", "t" + std::to_string(t));
        Audit(*store, "acme", n.id, "{\"thread\":" + std::to_string(t) + "}");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  absl::StatusOr<NetworkPage> networks = store->ListNetworks("acme", 1000, "");
  ASSERT_TRUE(networks.ok());
  std::set<std::string> ids;
  for (const NetworkRecord& n : networks->networks) ids.insert(n.id);
  EXPECT_EQ(ids.size(), size_t{kThreads * kEach});
  EXPECT_EQ(store->ListAudits("acme", 1000, "", std::nullopt)->audits.size(),
            size_t{kThreads * kEach});
  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
}

TEST_F(NetworkStoreTest, AWriterMayFinishAfterTheStoreIsClosed) {
  auto store = Open();
  auto writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok());
  store.reset();
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
  absl::StatusOr<NetworkRecord> record = (*writer)->Commit("late");
  ASSERT_TRUE(record.ok()) << record.status();
  writer->reset();
  store = Open();
  EXPECT_TRUE(store->GetNetwork("acme", record->id).ok());
}

TEST_F(NetworkStoreTest, IdsAreUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    absl::StatusOr<std::string> id = NewRecordId();
    ASSERT_TRUE(id.ok());
    EXPECT_TRUE(IsWellFormedRecordId(*id)) << *id;
    ids.insert(*id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

TEST_F(NetworkStoreTest, SealedUploadCanBeReadBeforeCommitAndTakesNoMoreRows) {
  auto store = Open();
  auto writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
  ASSERT_TRUE((*writer)->SetNetworkYaml(Sample().network_yaml).ok());
  absl::StatusOr<std::string> staged = (*writer)->Seal();
  ASSERT_TRUE(staged.ok()) << staged.status();
  EXPECT_EQ(ReadFile(std::filesystem::path(*staged) / "network.yaml"), Sample().network_yaml);
  EXPECT_THAT(ListTree(*staged), ElementsAre("agents.csv", "network.yaml"));
  EXPECT_TRUE(
      absl::IsFailedPrecondition((*writer)->AppendRow(RowKind::kOrder, Sample().orders[0])));
  EXPECT_THAT(ListTree(*staged), ElementsAre("agents.csv", "network.yaml"));
  absl::StatusOr<NetworkRecord> record = (*writer)->Commit("sealed", "{\"kept\": true}");
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->agent_rows, 1);
  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
}

TEST_F(NetworkStoreTest, DetailsAreKeptWithTheNetworkAcrossReopen) {
  std::string id;
  {
    auto store = Open();
    auto writer = store->BeginUpload("acme");
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
    absl::StatusOr<NetworkRecord> record = (*writer)->Commit("with details", "{\"load\": 1}");
    ASSERT_TRUE(record.ok()) << record.status();
    id = record->id;
  }
  auto store = Open();
  absl::StatusOr<NetworkRecord> found = store->GetNetwork("acme", id);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->details, "{\"load\": 1}");
  absl::StatusOr<NetworkPage> page = store->ListNetworks("acme", 0, "");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->networks.size(), 1u);
  EXPECT_EQ(page->networks[0].details, "{\"load\": 1}");
}

TEST_F(NetworkStoreTest, SealedButAbortedUploadLeavesNoTrace) {
  auto store = Open();
  auto writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AppendRow(RowKind::kAgent, Sample().agents[0]).ok());
  ASSERT_TRUE((*writer)->Seal().ok());
  (*writer)->Abort();
  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
  EXPECT_THAT(ListTree(data_dir() / "networks"), IsEmpty());
}

}  // namespace
}  // namespace tiersight::store
