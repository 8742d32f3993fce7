#include "graph/csv_table.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "absl/status/status.h"
#include "base/str_cat.h"

namespace tiersight::graph {
namespace {

constexpr int64_t kProgressEvery = 5'000'000;
// Bytes read between two releases of the mapped pages already read.
constexpr size_t kReleaseEvery = size_t{64} << 20;

}  // namespace

CsvTable::CsvTable(DecodedText decoded, std::string file_name)
    : decoded_(std::move(decoded)), file_name_(std::move(file_name)), reader_(decoded_.text) {}

absl::StatusOr<CsvTable> CsvTable::Open(const std::string& path, const std::string& file_name,
                                        TextEncoding encoding,
                                        std::span<const BundleColumn> columns,
                                        std::vector<LoadIssue>& warnings) {
  absl::StatusOr<DecodedText> decoded = DecodeCsvFile(path, file_name, encoding);
  if (!decoded.ok()) return decoded.status();
  if (!decoded->warning.empty()) {
    warnings.push_back(LoadIssue{.file = file_name, .line = 0, .reason = decoded->warning});
  }
  // Old Mac files end lines with CR alone: the reader would see one huge
  // header and no rows. Refuse them rather than load nothing.
  const std::string_view text = decoded->text;
  const size_t first_lf = text.find('\n');
  const size_t first_cr = text.find('\r');
  if (first_cr != std::string_view::npos &&
      (first_lf == std::string_view::npos || first_cr + 1 < first_lf)) {
    return absl::InvalidArgumentError(
        StrCat(file_name,
               ":1: lines end with a bare CR (old Mac line ends); save the file with LF or "
               "CRLF line ends"));
  }
  CsvTable table(std::move(*decoded), file_name);

  CsvRecord header;
  if (!table.reader_.Next(header)) {
    return absl::InvalidArgumentError(
        StrCat(file_name, ":1: the file is empty; a header row is required"));
  }
  if (!header.error.empty()) {
    return absl::InvalidArgumentError(
        StrCat(file_name, ":", header.line, ": header row: ", header.error));
  }
  table.header_size_ = header.fields.size();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name(header.fields[i]);
    const bool is_known = std::any_of(columns.begin(), columns.end(),
                                      [&](const BundleColumn& c) { return c.name == name; });
    if (!is_known) {
      warnings.push_back(
          LoadIssue{.file = file_name,
                    .line = header.line,
                    .reason = StrCat("column '", name, "' is not part of the format; ignored")});
      continue;
    }
    if (table.Column(name) >= 0) {
      return absl::InvalidArgumentError(
          StrCat(file_name, ":", header.line, ": column '", name, "' appears twice"));
    }
    table.columns_.emplace_back(name, static_cast<int>(i));
  }
  std::vector<std::string> missing;
  for (const BundleColumn& column : columns) {
    if (column.required && table.Column(column.name) < 0) missing.emplace_back(column.name);
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(
        StrCat(file_name, ":", header.line, ": missing required column",
               missing.size() > 1 ? "s " : " ", StrJoin(missing, ", ")));
  }
  return table;
}

int CsvTable::Column(std::string_view name) const {
  for (const auto& [column, index] : columns_) {
    if (column == name) return index;
  }
  return -1;
}

bool CsvTable::Next(CsvRecord& record) {
  if (!reader_.Next(record)) return false;
  if (reader_.offset() - released_ > kReleaseEvery) {
    released_ = reader_.offset() - kReleaseEvery / 2;
    const char* end = decoded_.text.data() + released_;
    decoded_.original.ReleaseBefore(end);
    decoded_.converted.ReleaseBefore(end);
  }
  if (++records_ % kProgressEvery == 0) {
    spdlog::info("{}: {} rows read ({:.0f}%)", file_name_, records_,
                 100.0 * static_cast<double>(reader_.offset()) /
                     static_cast<double>(std::max<size_t>(decoded_.text.size(), 1)));
  }
  return true;
}

}  // namespace tiersight::graph
