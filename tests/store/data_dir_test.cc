// The data directory as the store leaves it on disk: its owner's alone, and
// held by one process at a time.
#include "store/data_dir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/store/store_test_util.h"

namespace tiersight::store {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;

class DataDirTest : public testing::StoreTest {};

mode_t ModeOf(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// Stored records name people: nothing the store creates may be readable by
// group or others, whatever the umask.
TEST_F(DataDirTest, Defect12_EverythingTheStoreCreatesIsItsOwnersAlone) {
  const mode_t umask_before = ::umask(022);
  auto store = Open();
  ASSERT_NE(store, nullptr);
  // An upload's staging directory while it is written.
  absl::StatusOr<std::unique_ptr<UploadWriter>> writer = store->BeginUpload("acme");
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (const auto& e : fs::directory_iterator(data_dir() / "staging")) {
    EXPECT_EQ(ModeOf(e.path()), 0700u) << e.path();
  }
  writer->reset();
  const NetworkRecord network = Upload(*store, "acme");
  const AuditRecord audit = Audit(*store, "acme", network.id, "{\"report\": 1}");
  ::umask(umask_before);

  size_t checked = 0;
  for (const fs::path& dir : {data_dir(), data_dir() / "networks", data_dir() / "staging",
                              data_dir() / "audits", data_dir() / "networks" / network.id}) {
    EXPECT_EQ(ModeOf(dir), 0700u) << dir;
    ++checked;
  }
  for (const auto& e : fs::recursive_directory_iterator(data_dir())) {
    if (!e.is_regular_file()) continue;
    EXPECT_EQ(ModeOf(e.path()), 0600u) << e.path();
    ++checked;
  }
  EXPECT_GE(checked, 5u + 4u + 3u);  // bundle files, the audit, catalogue.db and LOCK at least
  EXPECT_TRUE(fs::exists(data_dir() / "audits" / (audit.id + ".json")));
}

TEST_F(DataDirTest, Defect04_ASecondOpenNamesTheDirectoryAndTheHoldersPid) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<std::unique_ptr<NetworkStore>> second = OpenSqliteStore(data_dir().string());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(second.status().message()),
              AllOf(HasSubstr(data_dir().string()), HasSubstr("in use"),
                    HasSubstr("(pid " + std::to_string(::getpid()) + ")")));
}

}  // namespace
}  // namespace tiersight::store
