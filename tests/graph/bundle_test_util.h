// Writes small bundles from inline text into a fresh temporary directory, so
// that every test states its input next to its assertions.
#pragma once

#include <gmock/gmock.h>

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <string_view>

#include "graph/bundle_reader.h"
#include "graph/figures.h"

namespace tiersight::graph {

// Readable failure output for matchers over load issues.
inline void PrintTo(const LoadIssue& issue, std::ostream* os) {
  *os << issue.file << ":" << issue.line << ": " << issue.reason;
}

}  // namespace tiersight::graph

namespace tiersight::testing {

// Amounts are held in ten-thousandths of the currency unit.
inline constexpr int64_t kUnit = 10'000;

// A load issue at `file`:`line` whose reason contains `reason_part`.
inline ::testing::Matcher<const graph::LoadIssue&> IssueAt(const std::string& file, int64_t line,
                                                           const std::string& reason_part) {
  using graph::LoadIssue;
  return ::testing::AllOf(
      ::testing::Field("file", &LoadIssue::file, file),
      ::testing::Field("line", &LoadIssue::line, line),
      ::testing::Field("reason", &LoadIssue::reason, ::testing::HasSubstr(reason_part)));
}

class TempBundle {
 public:
  TempBundle();
  ~TempBundle();
  TempBundle(const TempBundle&) = delete;
  TempBundle& operator=(const TempBundle&) = delete;

  // Writes `content` byte for byte as `file` inside the bundle.
  TempBundle& Write(const std::string& file, const std::string& content);
  std::string dir() const { return dir_.string(); }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }

 private:
  std::filesystem::path dir_;
};

// Converts UTF-8 text to `charset` ("GB18030", "GBK") with iconv(3), as a
// spreadsheet program would save it.
std::string FromUtf8(std::string_view utf8, const char* charset);

// Loads the bundle; the result keeps the network alive.
graph::LoadedBundle Load(const TempBundle& bundle, bool lenient = false);

// Loads strictly, expects no error, and computes the figures.
struct Computed {
  graph::LoadedBundle loaded;
  graph::Figures figures;
  const graph::Network& network() const { return *loaded.network; }
  // One agent's figures by id; fails the test if the id is not loaded.
  graph::AgentFigureValues Agent(const std::string& id) const;
};
Computed ComputeOrFail(const TempBundle& bundle, bool lenient = false);

// "file:line: reason" for every error, for readable failure messages.
std::string DescribeErrors(const graph::LoadReport& report);

}  // namespace tiersight::testing
