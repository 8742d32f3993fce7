#include "graph/load_report.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tiersight::graph {

LoadIssue LoadIssue::Of(std::string file, int64_t line, const base::Message& reason,
                        std::string record) {
  return LoadIssue{.file = std::move(file),
                   .line = line,
                   .reason = reason.Render(),
                   .record = std::move(record),
                   .reason_template = reason.templ,
                   .reason_args = reason.args};
}
namespace {

int FileRank(std::string_view file) {
  static constexpr std::array<std::string_view, 4> kOrder = {"network.yaml", "agents.csv",
                                                             "orders.csv", "payments.csv"};
  for (size_t i = 0; i < kOrder.size(); ++i) {
    if (kOrder[i] == file) return static_cast<int>(i);
  }
  return static_cast<int>(kOrder.size());
}

void SortByPlace(std::vector<LoadIssue>& issues) {
  std::stable_sort(issues.begin(), issues.end(), [](const LoadIssue& a, const LoadIssue& b) {
    const int ra = FileRank(a.file), rb = FileRank(b.file);
    if (ra != rb) return ra < rb;
    return a.line < b.line;
  });
}

}  // namespace

int64_t LoadReport::TotalLoaded() const {
  int64_t n = 0;
  for (const FileCounts& f : files) n += f.loaded;
  return n;
}

int64_t LoadReport::TotalRejected() const {
  int64_t n = 0;
  for (const FileCounts& f : files) n += f.rejected;
  return n;
}

int64_t LoadReport::TotalIgnored() const {
  int64_t n = 0;
  for (const FileCounts& f : files) n += f.ignored;
  return n;
}

FileCounts& LoadReport::CountsFor(const std::string& file) {
  for (FileCounts& f : files) {
    if (f.file == file) return f;
  }
  files.push_back(FileCounts{.file = file});
  return files.back();
}

void LoadReport::SortIssues() {
  SortByPlace(errors);
  SortByPlace(warnings);
}

}  // namespace tiersight::graph
