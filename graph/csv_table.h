// One bundle CSV file opened for reading: decoded to UTF-8, its header read
// and matched against the columns the format knows. Rows are then streamed one
// at a time. Move-only; not thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/bundle_columns.h"
#include "graph/csv_reader.h"
#include "graph/load_report.h"
#include "graph/text_encoding.h"

namespace tiersight::graph {

class CsvTable {
 public:
  // Opens `path` as `file_name`, a file of `columns` (graph/bundle_columns.h).
  // Header columns not among them become warnings; a missing required
  // column, a column given twice, an empty file or an undecodable one is an
  // error (a file-level defect, at line 1).
  static absl::StatusOr<CsvTable> Open(const std::string& path, const std::string& file_name,
                                       TextEncoding encoding, std::span<const BundleColumn> columns,
                                       std::vector<LoadIssue>& warnings);

  // Index of a known column, or -1 when the file does not have it.
  int Column(std::string_view name) const;

  // Reads the next data record; false at the end. Logs progress on big files.
  bool Next(CsvRecord& record);

  // A field of `record`, or "" for a column the file does not have.
  // REQUIRES: the record has as many fields as the header.
  static std::string_view Field(const CsvRecord& record, int column) {
    return column < 0 ? std::string_view{} : record.fields[static_cast<size_t>(column)];
  }

  // The record's field count matches the header's.
  bool HasAllFields(const CsvRecord& record) const { return record.fields.size() == header_size_; }
  size_t header_size() const { return header_size_; }

  const std::string& file_name() const { return file_name_; }
  const std::string& encoding() const { return decoded_.encoding; }
  // Hex SHA-256 of the file's bytes as stored.
  const std::string& sha256() const { return decoded_.sha256; }
  // The decoded text: a record's `raw` view points into it.
  std::string_view text() const { return decoded_.text; }

 private:
  CsvTable(DecodedText decoded, std::string file_name);

  DecodedText decoded_;
  std::string file_name_;
  CsvReader reader_;
  std::vector<std::pair<std::string, int>> columns_;
  size_t header_size_ = 0;
  int64_t records_ = 0;
  size_t released_ = 0;  // offset up to which mapped pages were released
};

}  // namespace tiersight::graph
