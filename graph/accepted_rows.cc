#include "graph/accepted_rows.h"

#include <algorithm>
#include <filesystem>

#include "base/str_cat.h"

namespace tiersight::graph {
namespace {

absl::Status Changed(std::string_view file, int64_t line, std::string_view what) {
  return absl::FailedPreconditionError(
      StrCat(file, ":", line, ": ", what, " (the bundle changed since it was loaded)"));
}

}  // namespace

AcceptedRows AcceptedRowsOf(const Network& network, const LoadReport& load, std::string_view file) {
  AcceptedRows rows{
      .file = file, .encoding = network.config.encoding, .as_of = network.config.as_of};
  for (const FileCounts& c : load.files) {
    if (c.file != file) continue;
    rows.sha256 = c.sha256;
    rows.loaded = c.loaded;
  }
  for (const LoadIssue& e : load.errors) {
    if (e.file == file && e.line > 0) rows.rejected_lines.push_back(e.line);
  }
  return rows;
}

absl::Status ForEachAcceptedRow(const std::string& dir, const AcceptedRows& rows,
                                std::span<const BundleColumn> columns,
                                const AcceptedRowVisitor& row) {
  const std::string_view file = rows.file;
  const std::string path = (std::filesystem::path(dir) / file).string();
  std::vector<LoadIssue> warnings;
  absl::StatusOr<CsvTable> table =
      CsvTable::Open(path, std::string(file), rows.encoding, columns, warnings);
  if (!table.ok()) {
    return absl::FailedPreconditionError(
        StrCat(file, ": cannot be read again: ", std::string(table.status().message())));
  }
  if (!rows.sha256.empty() && table->sha256() != rows.sha256) {
    return absl::FailedPreconditionError(StrCat(file, ": SHA-256 ", table->sha256(), ", loaded ",
                                                rows.sha256,
                                                " (the bundle changed since it was loaded)"));
  }
  std::vector<int64_t> rejected = rows.rejected_lines;
  std::sort(rejected.begin(), rejected.end());
  auto next_rejected = rejected.begin();
  const int c_date = table->Column("date");
  int64_t accepted = 0;
  CsvRecord rec;
  while (table->Next(rec)) {
    while (next_rejected != rejected.end() && *next_rejected < rec.line) ++next_rejected;
    if (next_rejected != rejected.end() && *next_rejected == rec.line) continue;
    if (!rec.error.empty() || !table->HasAllFields(rec)) {
      return Changed(file, rec.line, "a row the load accepted is malformed");
    }
    const std::optional<base::Day> day = base::ParseDay(CsvTable::Field(rec, c_date));
    if (!day) return Changed(file, rec.line, "a row the load accepted has no date");
    if (rows.as_of && *day > *rows.as_of) continue;
    if (!row(*table, rec, *day)) return Changed(file, rec.line, "a row the load accepted differs");
    ++accepted;
  }
  if (accepted != rows.loaded) {
    return absl::FailedPreconditionError(
        StrCat(file, ": ", accepted, " rows read again, ", rows.loaded,
               " loaded (the bundle changed since it was loaded)"));
  }
  return absl::OkStatus();
}

}  // namespace tiersight::graph
