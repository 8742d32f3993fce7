// `tiersight audit --out report.pdf`: the format chosen by the extension,
// the PDF printed by headless Chromium where it is installed (skipped where
// it is not), and a clear error naming the Debian package where the browser
// is missing.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "cli/export_files.h"
#include "cli/pdf_printer.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::cli {
namespace {

using Layout = ExportTarget::Layout;

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

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct ShellRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs a shell command line; its output joined.
ShellRun Shell(const std::string& command) {
  ShellRun run;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The audit of the healthy example with a pseudonym key made for the test.
std::string AuditCommand(const testing::TempBundle& dir, const std::string& out) {
  const std::string key = dir.dir() + "/pseudonym.key";
  if (!std::filesystem::exists(key)) {
    std::ofstream(key) << "a pseudonym key for the PDF export test\n";
    std::filesystem::permissions(
        key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  return std::string(TIERSIGHT_BINARY) + " audit " + TIERSIGHT_EXAMPLES_DIR +
         "/healthy-network --reproducible --log-level warn --pseudonym-key " + key + " --out " +
         out;
}

TEST(PdfExportTest, PdfExtensionOrFormatPrintsTheHtmlReport) {
  for (auto [out, format] : {std::pair{"r.pdf", ""}, std::pair{"r.x", "pdf"}}) {
    absl::StatusOr<ExportTarget> t = ChooseExportTarget(out, format);
    ASSERT_TRUE(t.ok()) << out << ": " << t.status();
    EXPECT_EQ(t->format, exports::ExportFormat::kHtml) << out;
    EXPECT_EQ(t->layout, Layout::kPdf) << out;
  }
}

TEST(PdfExportTest, MissingChromiumIsNamedWithItsDebianPackage) {
  ScopedEnv chromium(std::string(kChromiumVariable).c_str(), "/nonexistent/chromium");
  absl::StatusOr<std::string> found = FindChromium();
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.status().message().find("/nonexistent/chromium"), std::string::npos);
  EXPECT_NE(found.status().message().find("apt-get install chromium"), std::string::npos)
      << found.status();

  testing::TempBundle dir;
  const std::string out = dir.dir() + "/report.pdf";
  const absl::Status printed = PrintHtmlToPdf("<!DOCTYPE html><p>x</p>", out);
  EXPECT_EQ(printed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(printed.message().find("report.pdf"), std::string::npos) << printed;
  EXPECT_NE(printed.message().find("package chromium"), std::string::npos) << printed;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(PdfExportTest, CliExitsNonZeroNamingThePackageWhenChromiumIsMissing) {
  testing::TempBundle dir;
  const std::string out = dir.dir() + "/report.pdf";
  const ShellRun run = Shell("TIERSIGHT_CHROMIUM=/nonexistent " + AuditCommand(dir, out));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("package chromium"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(PdfExportTest, CliWritesAnA4PdfWithChromium) {
  {
    ScopedEnv unset(std::string(kChromiumVariable).c_str(), "");
    if (!FindChromium().ok()) GTEST_SKIP() << "no chromium on PATH (Debian package chromium)";
  }
  testing::TempBundle dir;
  const std::string out = dir.dir() + "/report.pdf";
  const ShellRun run = Shell(AuditCommand(dir, out));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string pdf = ReadAll(out);
  ASSERT_TRUE(pdf.starts_with("%PDF-")) << pdf.substr(0, 40);
  // A4 in points, as the page's @page rule asks.
  EXPECT_NE(pdf.find("/MediaBox [0 0 594.95996 841.91998]"), std::string::npos)
      << "not A4: " << pdf.substr(pdf.find("/MediaBox"), 60);
  // Nothing left beside it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.dir()), {}), 2);
}

}  // namespace
}  // namespace tiersight::cli
