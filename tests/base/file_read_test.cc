#include "base/file_read.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tiersight::base {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class FileReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("file_read_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  fs::path dir_;
};

TEST_F(FileReadTest, ReadsARegularFileWhole) {
  const std::string path = Write("a.txt", std::string("a\0b", 3));
  absl::StatusOr<std::string> text = ReadRegularFile(path, 100);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, std::string("a\0b", 3));
}

TEST_F(FileReadTest, Defect08_RefusesAFileOverTheCapNamingIt) {
  const std::string path = Write("big.txt", std::string(101, 'x'));
  absl::StatusOr<std::string> text = ReadRegularFile(path, 100, "a rule pack");
  ASSERT_EQ(text.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(text.status().message(), HasSubstr("a rule pack"));
}

TEST_F(FileReadTest, Defect22_NamesTheCauseOfEachKindOfFailure) {
  EXPECT_THAT(ReadRegularFile((dir_ / "none").string(), 10).status().message(),
              HasSubstr("does not exist"));
  EXPECT_THAT(ReadRegularFile(dir_.string(), 10).status().message(), HasSubstr("is a directory"));
  EXPECT_THAT(ReadRegularFile("/dev/zero", 10).status().message(), HasSubstr("device"));
  const std::string loop = (dir_ / "loop").string();
  fs::create_symlink(loop, loop);
  EXPECT_THAT(ReadRegularFile(loop, 10).status().message(), HasSubstr("symbolic links"));
}

TEST_F(FileReadTest, Defect08_RefusesANamedPipeWithoutWaitingForAWriter) {
  const std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  absl::StatusOr<std::string> text = ReadRegularFile(fifo, 10);
  EXPECT_THAT(text.status().message(), HasSubstr("named pipe"));
}

TEST_F(FileReadTest, Defect22_NamesAPermissionProblem) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const std::string path = Write("secret", "x");
  ::chmod(path.c_str(), 0);
  EXPECT_EQ(ReadRegularFile(path, 10).status().code(), absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace tiersight::base
