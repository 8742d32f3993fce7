#include "base/durable_directory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace tiersight::base {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class DurableDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("durable_directory_test_" + std::to_string(::getpid()));
    fs::create_directories(root_);
    out_ = (root_ / "tables").string();
  }
  void TearDown() override { fs::remove_all(root_); }

  // Name → contents of every file in `dir`.
  static std::map<std::string, std::string> Contents(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      files[entry.path().filename().string()] = s.str();
    }
    return files;
  }
  static bool AnyTable(std::string_view name) { return name.ends_with(".csv"); }

  fs::path root_;
  std::string out_;
};

TEST_F(DurableDirectoryTest, WritesANewDirectoryAndLeavesNothingBeside) {
  ASSERT_TRUE(ReplaceDirectoryWhole(out_ + "/", {{"a.csv", "1"}, {"b.csv", "2"}}, AnyTable).ok());
  EXPECT_EQ(Contents(out_), (std::map<std::string, std::string>{{"a.csv", "1"}, {"b.csv", "2"}}));
  EXPECT_EQ(Contents(root_).size(), 1u);  // no temporary directory left
}

TEST_F(DurableDirectoryTest, ReplacesAnEarlierExportWhole) {
  ASSERT_TRUE(ReplaceDirectoryWhole(out_, {{"a.csv", "old"}, {"stale.csv", "x"}}, AnyTable).ok());
  ASSERT_TRUE(ReplaceDirectoryWhole(out_, {{"a.csv", "new"}}, AnyTable).ok());
  EXPECT_EQ(Contents(out_), (std::map<std::string, std::string>{{"a.csv", "new"}}));
  EXPECT_EQ(Contents(root_).size(), 1u);
}

// A failure midway (the second file over the file size limit, as on a full
// disk) leaves the earlier files untouched and no temporary directory.
TEST_F(DurableDirectoryTest, AFailureMidwayLeavesTheEarlierFilesWhole) {
  const std::map<std::string, std::string> earlier = {{"a.csv", "earlier a"},
                                                      {"b.csv", "earlier b"}};
  ASSERT_TRUE(
      ReplaceDirectoryWhole(out_, {{"a.csv", "earlier a"}, {"b.csv", "earlier b"}}, AnyTable).ok());

  const std::string big(64 * 1024, 'x');
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const absl::Status status =
      ReplaceDirectoryWhole(out_, {{"a.csv", "new a"}, {"b.csv", big}}, AnyTable);
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);

  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("b.csv"));
  EXPECT_EQ(Contents(out_), earlier);
  EXPECT_EQ(Contents(root_).size(), 1u);
}

TEST_F(DurableDirectoryTest, ADirectoryOfOtherFilesIsRefusedNotDeleted) {
  fs::create_directories(out_);
  std::ofstream(fs::path(out_) / "agents.csv") << "agent_id\n";
  std::ofstream(fs::path(out_) / "network.yaml") << "name: x\n";
  const absl::Status status = ReplaceDirectoryWhole(out_, {{"agents.csv", "t"}},
                                                    [](std::string_view n) { return n == "t"; });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("not a table of an earlier export"));
  EXPECT_EQ(Contents(out_).at("agents.csv"), "agent_id\n");
  EXPECT_EQ(Contents(root_).size(), 1u);
}

TEST_F(DurableDirectoryTest, AFileInThePlaceOfTheDirectoryIsRefused) {
  std::ofstream(out_) << "x";
  EXPECT_EQ(ReplaceDirectoryWhole(out_, {{"a.csv", "1"}}, AnyTable).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(fs::is_regular_file(out_));
}

}  // namespace
}  // namespace tiersight::base
