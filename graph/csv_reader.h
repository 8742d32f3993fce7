// A streaming RFC 4180 record reader over text that is already in memory
// (normally a memory-mapped file, so nothing is copied but fields that hold
// escaped quotes).
//
// Records are returned one at a time with the physical line they start on
// (the header is line 1), so that every load diagnostic can name its line even
// when quoted fields hold line breaks. Fields are trimmed of ASCII spaces, as
// the bundle format asks. Not thread-safe; one reader per file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tiersight::graph {

struct CsvRecord {
  int64_t line = 0;                      // physical line the record starts on
  std::string_view raw;                  // the record's text, without its line end
  std::vector<std::string_view> fields;  // valid until the next call to Next()
  std::string error;                     // non-empty: the record is malformed
};

class CsvReader {
 public:
  // REQUIRES: `text` outlives the reader; it holds no byte-order mark.
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next non-blank record. Returns false at the end of the text.
  bool Next(CsvRecord& record);

  // Offset of the next unread byte, for progress reporting.
  size_t offset() const { return pos_; }

 private:
  // Where a field's bytes are: in the text, or unescaped into scratch_.
  struct FieldSpan {
    size_t offset;
    size_t size;
    bool in_scratch;
  };

  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  std::vector<FieldSpan> spans_;
  std::string scratch_;
};

}  // namespace tiersight::graph
