#include "base/durable_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tiersight::base {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class DurableFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("durable_file_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  size_t Entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }
  fs::path dir_;
};

TEST_F(DurableFileTest, ReplacesARegularFileWholeAndLeavesNoTemporaryFile) {
  const fs::path target = dir_ / "out.json";
  std::ofstream(target) << "old";
  ASSERT_TRUE(WriteFileAtomically(target.string(), "new contents").ok());
  EXPECT_EQ(Read(target), "new contents");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(DurableFileTest, Defect03_RefusesToReplaceADeviceAPipeOrADirectory) {
  absl::Status device = WriteFileAtomically("/dev/null", "x");
  EXPECT_EQ(device.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(device.message(), HasSubstr("is a device"));
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/null must still be the device";

  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THAT(WriteFileAtomically(fifo.string(), "x").message(), HasSubstr("named pipe"));
  EXPECT_THAT(WriteFileAtomically(dir_.string(), "x").message(), HasSubstr("is a directory"));
  EXPECT_EQ(Entries(), 1u) << "no temporary file left behind";
}

TEST_F(DurableFileTest, AnUncommittedFileLeavesTheTargetAsItWas) {
  const fs::path target = dir_ / "kept.txt";
  std::ofstream(target) << "before";
  {
    AtomicFile file(target.string());
    ASSERT_TRUE(file.Open().ok());
    file.Write("half");
  }
  EXPECT_EQ(Read(target), "before");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(DurableFileTest, CreatesFilesWithTheModeAsked) {
  const fs::path target = dir_ / "private";
  ASSERT_TRUE(WriteFileAtomically(target.string(), "k", 0600).ok());
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

}  // namespace
}  // namespace tiersight::base
