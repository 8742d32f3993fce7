#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cli/export_files.h"
#include "cli/pseudonym_key.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::cli {
namespace {

using exports::ExportFormat;
using Layout = ExportTarget::Layout;

void ExpectTarget(const std::string& out, const std::string& format, ExportFormat want_format,
                  Layout want_layout) {
  absl::StatusOr<ExportTarget> t = ChooseExportTarget(out, format);
  ASSERT_TRUE(t.ok()) << out << ": " << t.status();
  EXPECT_EQ(t->format, want_format) << out;
  EXPECT_EQ(t->layout, want_layout) << out;
}

TEST(ChooseExportTargetTest, ByExtensionOrOverride) {
  ExpectTarget("r.json", "", ExportFormat::kJson, Layout::kFile);
  ExpectTarget("r.html", "", ExportFormat::kHtml, Layout::kFile);
  ExpectTarget("r.zip", "", ExportFormat::kCsv, Layout::kZip);
  ExpectTarget("tables/", "", ExportFormat::kCsv, Layout::kDirectory);
  ExpectTarget("tables", "", ExportFormat::kCsv, Layout::kDirectory);
  ExpectTarget("r.txt", "json", ExportFormat::kJson, Layout::kFile);
  ExpectTarget("r.zip", "csv", ExportFormat::kCsv, Layout::kZip);
  ExpectTarget("out.d", "csv", ExportFormat::kCsv, Layout::kDirectory);
}

TEST(ChooseExportTargetTest, RefusalsNameThePath) {
  absl::StatusOr<ExportTarget> csv = ChooseExportTarget("r.csv", "");
  ASSERT_FALSE(csv.ok());
  EXPECT_NE(csv.status().message().find("r.csv"), std::string::npos);
  EXPECT_NE(csv.status().message().find("several tables"), std::string::npos);
  EXPECT_FALSE(ChooseExportTarget("r.txt", "").ok());
  EXPECT_FALSE(ChooseExportTarget("r.json", "docx").ok());
}

// Defect 2: CSV tables exported to a directory that fail midway (here the
// second table is over the file size limit, as on a full disk) leave the
// earlier export's tables as they were, not one audit's tables beside
// another's.
TEST(WriteExportedFilesTest, Defect02_TablesFailingMidwayLeaveTheEarlierExportWhole) {
  testing::TempBundle dir;
  const std::string out = dir.dir() + "/tables";
  const ExportTarget target{ExportFormat::kCsv, Layout::kDirectory};
  std::vector<exports::ExportedFile> earlier = {{"network.csv", "text/csv", "earlier network"},
                                                {"findings.csv", "text/csv", "earlier findings"}};
  ASSERT_TRUE(WriteExportedFiles(earlier, target, out).ok());

  std::vector<exports::ExportedFile> later = {
      {"network.csv", "text/csv", "later network"},
      {"findings.csv", "text/csv", std::string(64 * 1024, 'x')}};
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const absl::Status status = WriteExportedFiles(later, target, out);
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);

  EXPECT_FALSE(status.ok());
  for (const exports::ExportedFile& f : earlier) {
    std::ifstream in(std::filesystem::path(out) / f.name, std::ios::binary);
    const std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(kept, f.data) << f.name;
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.dir()), {}), 1);
}

// A table too large to be made in memory (the evidence annex) is written
// chunk by chunk as it is made; one whose making fails leaves the earlier
// export as it was, as any other failing table.
TEST(WriteExportedFilesTest, AStreamedTableIsWrittenByChunksAndItsFailureKeepsTheEarlierExport) {
  testing::TempBundle dir;
  const std::string out = dir.dir() + "/tables";
  const ExportTarget target{ExportFormat::kCsv, Layout::kDirectory};
  const auto streamed = [](absl::Status end) {
    return exports::ExportedFile{
        .name = "evidence_records.csv",
        .content_type = "text/csv",
        .write = [end](const exports::TextSink& sink) {
          for (std::string_view chunk : {"file,", "record_id\r\n", "orders.csv,O1\r\n"}) {
            if (absl::Status s = sink(chunk); !s.ok()) return s;
          }
          return end;
        }};
  };
  std::vector<exports::ExportedFile> earlier = {{"network.csv", "text/csv", "earlier network"},
                                                streamed(absl::OkStatus())};
  ASSERT_TRUE(WriteExportedFiles(earlier, target, out).ok());
  const auto read = [&](const std::string& name) {
    std::ifstream in(std::filesystem::path(out) / name, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  EXPECT_EQ(read("evidence_records.csv"), "file,record_id\r\norders.csv,O1\r\n");

  std::vector<exports::ExportedFile> later = {
      {"network.csv", "text/csv", "later network"},
      streamed(absl::FailedPreconditionError("orders.csv: SHA-256 differs"))};
  const absl::Status status = WriteExportedFiles(later, target, out);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(read("network.csv"), "earlier network");
  EXPECT_EQ(read("evidence_records.csv"), "file,record_id\r\norders.csv,O1\r\n");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.dir()), {}), 1);
}

// Sets an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

class PseudonymKeyTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = (std::filesystem::path(dir_.dir()) / name).string();
    std::ofstream(path, std::ios::binary) << content;
    // A key file is its owner's alone (base::ReadPrivateKeyFile).
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return path;
  }
  testing::TempBundle dir_;
  ScopedEnv xdg_{"XDG_CONFIG_HOME", dir_.dir() + "/config"};
};

TEST_F(PseudonymKeyTest, KeyFileFirstThenSigningKeyThenEnvironmentThenUserKey) {
  const std::string file = Write("given.key", "a given pseudonym key, 32 bytes");
  const std::string env_file = Write("env.key", "the environment's pseudonym key");
  const report::Ed25519PrivateKey signing = *report::GenerateEd25519Key();
  ScopedEnv env("TIERSIGHT_PSEUDONYM_KEY", env_file);

  EXPECT_EQ(ResolvePseudonymizer(file, &signing)->KeyId(),
            report::Pseudonymizer("a given pseudonym key, 32 bytes").KeyId());
  EXPECT_EQ(ResolvePseudonymizer("", &signing)->KeyId(),
            report::Pseudonymizer::FromSigningKey(signing).KeyId());
  EXPECT_EQ(ResolvePseudonymizer("", nullptr)->KeyId(),
            report::Pseudonymizer("the environment's pseudonym key").KeyId());
  EXPECT_FALSE(std::filesystem::exists(DefaultPseudonymKeyPath()));
}

TEST_F(PseudonymKeyTest, UserKeyCreatedOnceWithMode0600) {
  ScopedEnv env("TIERSIGHT_PSEUDONYM_KEY", "");
  const std::string path = DefaultPseudonymKeyPath();
  EXPECT_EQ(path, dir_.dir() + "/config/tiersight/pseudonym.key");
  absl::StatusOr<report::Pseudonymizer> first = ResolvePseudonymizer("", nullptr);
  ASSERT_TRUE(first.ok()) << first.status();
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(ResolvePseudonymizer("", nullptr)->KeyId(), first->KeyId());
}

TEST_F(PseudonymKeyTest, ShortKeyFileIsRefusedByName) {
  const std::string file = Write("short.key", "short");
  absl::StatusOr<report::Pseudonymizer> p = ResolvePseudonymizer(file, nullptr);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("short.key"), std::string::npos);
}

}  // namespace
}  // namespace tiersight::cli
