// One CSV table of an exported report being written: UTF-8 with a
// byte-order mark (spreadsheet programs in China otherwise open UTF-8 as
// GBK), RFC 4180 with CRLF line ends, every field through base::CsvCell, so
// that no brand text becomes a spreadsheet formula. Not thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv_cell.h"

namespace tiersight::exports {

class CsvWriter {
 public:
  static constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

  explicit CsvWriter(const std::vector<std::string>& header) : data_(kUtf8Bom) { Row(header); }

  void Row(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) data_ += ',';
      data_ += base::CsvCell(fields[i]);
    }
    data_ += "\r\n";
  }

  // The same for a row of fields held elsewhere, which a table of millions
  // of rows does not copy.
  void Row(std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view field : fields) {
      if (!first) data_ += ',';
      first = false;
      data_ += base::CsvCell(field);
    }
    data_ += "\r\n";
  }

  // The text written since the last Take; a table written in chunks goes
  // on with the next row.
  std::string Take() {
    std::string out;
    out.swap(data_);
    return out;
  }

  size_t size() const { return data_.size(); }

 private:
  std::string data_;
};

}  // namespace tiersight::exports
