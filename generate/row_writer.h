// Buffered writing of CSV rows straight into a large byte buffer.
//
// A row is written in place: `char* p = writer.BeginRow();`, then the Put*
// helpers below, each returning the new end, then `writer.EndRow(p)`. One row
// may use at most kMaxRowBytes. Full buffers are handed to a background thread
// that fwrites them, so formatting continues while the kernel copies.
#ifndef TIERSIGHT_GENERATE_ROW_WRITER_H_
#define TIERSIGHT_GENERATE_ROW_WRITER_H_

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/status.h"

namespace tiersight::generate {

class RowWriter {
 public:
  static constexpr size_t kBufferBytes = size_t{4} << 20;
  static constexpr size_t kMaxRowBytes = 4096;

  RowWriter() = default;
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;
  ~RowWriter();

  // Creates (or truncates) the file at `path`.
  absl::Status Open(const std::string& path);
  // Flushes and closes; reports any write error with the path.
  absl::Status Close();

  char* BeginRow() {
    if (static_cast<size_t>(end_ - pos_) < kMaxRowBytes) Flush();
    return pos_;
  }
  void EndRow(char* row_end) { pos_ = row_end; }

  const std::string& path() const { return path_; }
  uint64_t bytes() const {
    return flushed_ + static_cast<uint64_t>(pos_ - buffers_[active_].get());
  }

 private:
  // Hands the filled buffer to the writer thread and switches to the other one.
  void Flush();
  void WriteLoop();
  void StopThread();

  std::string path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffers_[2];
  int active_ = 0;  // buffer being filled
  char* pos_ = nullptr;
  char* end_ = nullptr;
  uint64_t flushed_ = 0;

  // Shared with the writer thread.
  std::mutex mutex_;
  std::condition_variable changed_;
  const char* pending_ = nullptr;  // buffer waiting to be written, or being written
  size_t pending_size_ = 0;
  bool closing_ = false;
  int error_ = 0;  // first errno seen while writing; read after the thread ends
  std::thread thread_;
};

// Copies `text` as is. An empty view may have no data at all, and memcpy
// from a null pointer is undefined even for zero bytes.
inline char* PutText(char* p, std::string_view text) {
  if (text.empty()) return p;
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}

// Copies `text` as one CSV field, quoted (RFC 4180) when it holds a comma, quote or line break.
char* PutCsvField(char* p, std::string_view text);

// A header row: `names` comma-separated, then the line feed.
char* PutHeaderRow(char* p, std::span<const std::string_view> names);

// Decimal digits of `value`.
char* PutUint(char* p, uint64_t value);

// `value` zero-padded to at least `width` digits.
char* PutZeroPadded(char* p, uint64_t value, int width);

// An amount in minor units (cents) as a decimal with two places, e.g. 1234 -> "12.34".
char* PutCents(char* p, int64_t cents);

// Number of decimal digits of `value` (1 for 0).
int DecimalDigits(uint64_t value);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_ROW_WRITER_H_
