// What survives a restart and a crash: every committed network and audit,
// whole; nothing of an upload that was not committed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "graph/bundle_digest.h"
#include "store/network_store.h"
#include "store/record_id.h"
#include "tests/store/store_test_util.h"

namespace tiersight::store {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::ListTree;
using ::testing::Not;
using testing::ReadFile;
using testing::Sample;

class CrashRecoveryTest : public testing::StoreTest {};

TEST_F(CrashRecoveryTest, ARestartFindsEverythingAgain) {
  NetworkRecord network, deleted;
  AuditRecord audit;
  {
    auto store = Open();
    network = Upload(*store, "acme", "kept");
    deleted = Upload(*store, "acme", "deleted");
    audit = Audit(*store, "acme", network.id, "{\"restart\":1}");
    ASSERT_TRUE(store->DeleteNetwork("acme", deleted.id).ok());
  }
  auto store = Open();
  absl::StatusOr<NetworkRecord> got = store->GetNetwork("acme", network.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->name, "kept");
  EXPECT_EQ(got->digest, network.digest);
  EXPECT_EQ(got->created_at, network.created_at);
  EXPECT_EQ(got->agent_rows, 3);
  EXPECT_EQ(*graph::BundleDigest(*store->NetworkDir("acme", network.id)), network.digest);
  EXPECT_TRUE(absl::IsNotFound(store->GetNetwork("acme", deleted.id).status()));
  ASSERT_EQ(store->ListNetworks("acme", 0, "")->networks.size(), 1u);

  absl::StatusOr<StoredAudit> stored = store->GetAudit("acme", audit.id);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->report_json, "{\"restart\":1}");
  EXPECT_EQ(stored->record.created_at, audit.created_at);

  // New records after the restart get fresh ids and come after the old ones.
  const NetworkRecord later = Upload(*store, "acme", "later");
  const auto page = store->ListNetworks("acme", 0, "");
  ASSERT_EQ(page->networks.size(), 2u);
  EXPECT_EQ(page->networks[1].id, later.id);
}

TEST_F(CrashRecoveryTest, OneProcessAtATimeOwnsTheDataDirectory) {
  auto store = Open();
  absl::StatusOr<std::unique_ptr<NetworkStore>> second = OpenSqliteStore(data_dir().string());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  store.reset();
  EXPECT_TRUE(OpenSqliteStore(data_dir().string()).ok());
}

// The states a crash can leave, made by hand: an upload still in staging, a
// bundle renamed into place whose catalogue row was never inserted, a report
// written without its row, and a report's temporary file.
TEST_F(CrashRecoveryTest, LeftoversOfInterruptedWritesAreSweptOnOpen) {
  NetworkRecord kept;
  AuditRecord kept_audit;
  {
    auto store = Open();
    kept = Upload(*store, "acme");
    kept_audit = Audit(*store, "acme", kept.id, "{}");
  }
  const std::string staged = *NewRecordId(), orphan = *NewRecordId(), report = *NewRecordId();
  fs::create_directories(data_dir() / "staging" / staged);
  std::ofstream(data_dir() / "staging" / staged / "agents.csv") << "agent_id,sponsor_id\nA,\n";
  fs::create_directories(data_dir() / "networks" / orphan);
  std::ofstream(data_dir() / "networks" / orphan / "agents.csv") << "agent_id,sponsor_id\nA,\n";
  std::ofstream(data_dir() / "audits" / (report + ".json")) << "{}";
  std::ofstream(data_dir() / "audits" / (report + ".json.tmp")) << "{";
  std::ofstream(data_dir() / "audits" / (kept_audit.id + ".json.tmp")) << "{";

  auto store = Open();
  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
  EXPECT_THAT(ListTree(data_dir() / "networks"),
              ElementsAre(kept.id, kept.id + "/agents.csv", kept.id + "/network.yaml",
                          kept.id + "/orders.csv", kept.id + "/payments.csv"));
  EXPECT_THAT(ListTree(data_dir() / "audits"), ElementsAre(kept_audit.id + ".json"));
  EXPECT_TRUE(store->GetAudit("acme", kept_audit.id).ok());
  EXPECT_EQ(*graph::BundleDigest(*store->NetworkDir("acme", kept.id)), kept.digest);
}

// Reads one line the child reports through the pipe.
std::string ReadLine(FILE* in) {
  char buffer[256] = {};
  if (std::fgets(buffer, sizeof buffer, in) == nullptr) return "";
  std::string line(buffer);
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

// A real kill -9: a child process commits a network and an audit, then
// streams a second upload until it is killed mid-write. The parent must find
// the first network and audit whole, and nothing of the second.
TEST_F(CrashRecoveryTest, KillNineMidUploadLosesNothingCommitted) {
  const std::string report = "{\"audit\":\"before the kill\"}";
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  // The parent holds no store while forking: a flock is shared with a child
  // through the inherited descriptor.
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Child: never returns into the test framework; any failure is an exit code.
    ::close(fds[0]);
    FILE* out = ::fdopen(fds[1], "w");
    auto opened = OpenSqliteStore(data_dir().string());
    if (!opened.ok()) ::_exit(10);
    NetworkStore& store = **opened;
    auto writer = store.BeginUpload("acme");
    if (!writer.ok()) ::_exit(11);
    for (const auto& row : Sample().agents) (void)(*writer)->AppendRow(RowKind::kAgent, row);
    for (const auto& row : Sample().orders) (void)(*writer)->AppendRow(RowKind::kOrder, row);
    for (const auto& row : Sample().payments) (void)(*writer)->AppendRow(RowKind::kPayment, row);
    (void)(*writer)->SetNetworkYaml(Sample().network_yaml);
    auto network = (*writer)->Commit("survivor");
    if (!network.ok()) ::_exit(12);
    NewAudit audit{.network_id = network->id, .token_name = "child", .report_json = report};
    auto recorded = store.RecordAudit("acme", audit);
    if (!recorded.ok()) ::_exit(13);
    std::fprintf(out, "%s\n%s\n", network->id.c_str(), recorded->id.c_str());
    std::fflush(out);

    auto doomed = store.BeginUpload("acme");
    if (!doomed.ok()) ::_exit(14);
    for (int64_t i = 0; i < 50'000'000; ++i) {
      const std::string id = "agent-" + std::to_string(i);
      const std::vector<std::string> row = {id, "", "特约", "2026-01-01", "", "Hunan", "某人"};
      if (!(*doomed)->AppendRow(RowKind::kAgent, row).ok()) ::_exit(15);
      if (i == 20'000) {
        std::fprintf(out, "streaming\n");
        std::fflush(out);
      }
    }
    ::_exit(16);  // the parent should have killed us long before
  }

  ::close(fds[1]);
  FILE* in = ::fdopen(fds[0], "r");
  const std::string network_id = ReadLine(in);
  const std::string audit_id = ReadLine(in);
  const std::string streaming = ReadLine(in);
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  std::fclose(in);
  ASSERT_EQ(streaming, "streaming")
      << "child exited early with status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  // The half upload is on disk at the moment of the kill.
  ASSERT_THAT(ListTree(data_dir() / "staging"), Not(IsEmpty()));

  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(ListTree(data_dir() / "staging"), IsEmpty());
  absl::StatusOr<NetworkPage> networks = store->ListNetworks("acme", 0, "");
  ASSERT_TRUE(networks.ok());
  ASSERT_EQ(networks->networks.size(), 1u);
  EXPECT_EQ(networks->networks[0].id, network_id);
  EXPECT_EQ(networks->networks[0].name, "survivor");
  EXPECT_THAT(ListTree(data_dir() / "networks"), ::testing::Contains(network_id));
  EXPECT_EQ(ListTree(data_dir() / "networks").size(), 5u);  // the dir and its 4 files

  absl::StatusOr<std::string> dir = store->NetworkDir("acme", network_id);
  ASSERT_TRUE(dir.ok()) << dir.status();
  EXPECT_EQ(ReadFile(fs::path(*dir) / "agents.csv"), Sample().agents_csv);
  EXPECT_EQ(ReadFile(fs::path(*dir) / "orders.csv"), Sample().orders_csv);
  EXPECT_EQ(ReadFile(fs::path(*dir) / "payments.csv"), Sample().payments_csv);
  EXPECT_EQ(ReadFile(fs::path(*dir) / "network.yaml"), Sample().network_yaml);
  EXPECT_EQ(*graph::BundleDigest(*dir), networks->networks[0].digest);

  absl::StatusOr<StoredAudit> audit = store->GetAudit("acme", audit_id);
  ASSERT_TRUE(audit.ok()) << audit.status();
  EXPECT_EQ(audit->report_json, report);
  EXPECT_EQ(audit->record.token_name, "child");
  EXPECT_EQ(audit->record.network_digest, networks->networks[0].digest);
}

}  // namespace
}  // namespace tiersight::store
