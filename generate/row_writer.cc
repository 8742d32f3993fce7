#include "generate/row_writer.h"

#include <cerrno>

#include "fmt/compile.h"
#include "fmt/format.h"

namespace tiersight::generate {

RowWriter::~RowWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status RowWriter::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    const int error = errno;
    return absl::ErrnoToStatus(error, fmt::format("cannot create {}", path));
  }
  buffer_ = std::make_unique<char[]>(kBufferBytes);
  pos_ = buffer_.get();
  end_ = buffer_.get() + kBufferBytes;
  return absl::OkStatus();
}

void RowWriter::Flush() {
  const auto size = static_cast<size_t>(pos_ - buffer_.get());
  if (size > 0 && error_ == 0 && std::fwrite(buffer_.get(), 1, size, file_) != size) {
    error_ = errno != 0 ? errno : EIO;
  }
  flushed_ += size;
  pos_ = buffer_.get();
}

absl::Status RowWriter::Close() {
  if (file_ == nullptr) return absl::OkStatus();
  Flush();
  if (std::fflush(file_) != 0 && error_ == 0) error_ = errno != 0 ? errno : EIO;
  if (std::fclose(file_) != 0 && error_ == 0) error_ = errno != 0 ? errno : EIO;
  file_ = nullptr;
  if (error_ != 0) return absl::ErrnoToStatus(error_, fmt::format("cannot write {}", path_));
  return absl::OkStatus();
}

char* PutCsvField(char* p, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return PutText(p, text);
  *p++ = '"';
  for (char c : text) {
    if (c == '"') *p++ = '"';
    *p++ = c;
  }
  *p++ = '"';
  return p;
}

char* PutUint(char* p, uint64_t value) { return fmt::format_to(p, FMT_COMPILE("{}"), value); }

char* PutZeroPadded(char* p, uint64_t value, int width) {
  const int digits = DecimalDigits(value);
  for (int i = digits; i < width; ++i) *p++ = '0';
  char* end = p + digits;
  for (char* q = end; q != p;) {
    *--q = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return end;
}

char* PutCents(char* p, int64_t cents) {
  if (cents < 0) {
    *p++ = '-';
    cents = -cents;
  }
  return fmt::format_to(p, FMT_COMPILE("{}.{:02}"), cents / 100, cents % 100);
}

int DecimalDigits(uint64_t value) {
  int digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

}  // namespace tiersight::generate
