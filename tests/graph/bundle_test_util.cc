#include "tests/graph/bundle_test_util.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

namespace tiersight::testing {

TempBundle::TempBundle() {
  static std::atomic<int> counter{0};
  dir_ = std::filesystem::temp_directory_path() /
         ("tiersight-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
}

TempBundle::~TempBundle() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

TempBundle& TempBundle::Write(const std::string& file, const std::string& content) {
  std::ofstream out(dir_ / file, std::ios::binary);
  out << content;
  return *this;
}

std::string FromUtf8(std::string_view utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    ADD_FAILURE() << "iconv cannot convert to " << charset;
    return "";
  }
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t o_left = out.size();
  const size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
  iconv_close(cd);
  EXPECT_NE(rc, static_cast<size_t>(-1)) << "iconv failed";
  out.resize(out.size() - o_left);
  return out;
}

graph::LoadedBundle Load(const TempBundle& bundle, bool lenient) {
  return graph::LoadBundle(bundle.dir(), graph::LoadOptions{.lenient = lenient});
}

std::string DescribeErrors(const graph::LoadReport& report) {
  std::string out;
  for (const graph::LoadIssue& e : report.errors) {
    out += e.file + ":" + std::to_string(e.line) + ": " + e.reason + "\n";
  }
  return out;
}

graph::AgentFigureValues Computed::Agent(const std::string& id) const {
  const uint32_t a = network().Find(id);
  EXPECT_NE(a, graph::kNoAgent) << "agent " << id << " is not loaded";
  if (a == graph::kNoAgent) return {};
  return graph::AgentFiguresOf(network(), figures.tree, a);
}

Computed ComputeOrFail(const TempBundle& bundle, bool lenient) {
  Computed c;
  c.loaded = Load(bundle, lenient);
  EXPECT_TRUE(c.loaded.report.Usable()) << DescribeErrors(c.loaded.report);
  if (c.loaded.network) {
    absl::StatusOr<graph::Figures> f = graph::ComputeFigures(*c.loaded.network);
    EXPECT_TRUE(f.ok()) << f.status();
    if (f.ok()) c.figures = std::move(*f);
  }
  return c;
}

}  // namespace tiersight::testing
