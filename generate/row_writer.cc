#include "generate/row_writer.h"

#include <cerrno>

#include "fmt/compile.h"
#include "fmt/format.h"

namespace tiersight::generate {

RowWriter::~RowWriter() {
  StopThread();
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status RowWriter::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    const int error = errno;
    return absl::ErrnoToStatus(error, fmt::format("cannot create {}", path));
  }
  for (auto& buffer : buffers_) buffer = std::make_unique<char[]>(kBufferBytes);
  active_ = 0;
  pos_ = buffers_[0].get();
  end_ = pos_ + kBufferBytes;
  thread_ = std::thread(&RowWriter::WriteLoop, this);
  return absl::OkStatus();
}

void RowWriter::Flush() {
  char* const start = buffers_[active_].get();
  const auto size = static_cast<size_t>(pos_ - start);
  if (size == 0) return;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return pending_ == nullptr; });
    pending_ = start;
    pending_size_ = size;
  }
  changed_.notify_all();
  flushed_ += size;
  active_ ^= 1;
  pos_ = buffers_[active_].get();
  end_ = pos_ + kBufferBytes;
}

void RowWriter::WriteLoop() {
  for (;;) {
    const char* data = nullptr;
    size_t size = 0;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return pending_ != nullptr || closing_; });
      if (pending_ == nullptr) return;
      data = pending_;
      size = pending_size_;
    }
    if (error_ == 0 && std::fwrite(data, 1, size, file_) != size) error_ = errno != 0 ? errno : EIO;
    {
      std::lock_guard lock(mutex_);
      pending_ = nullptr;
    }
    changed_.notify_all();
  }
}

void RowWriter::StopThread() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

absl::Status RowWriter::Close() {
  if (file_ == nullptr) return absl::OkStatus();
  Flush();
  StopThread();  // writes what is pending first
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

char* PutHeaderRow(char* p, std::span<const std::string_view> names) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) *p++ = ',';
    p = PutText(p, names[i]);
  }
  *p++ = '\n';
  return p;
}

char* PutUint(char* p, uint64_t value) { return fmt::format_to(p, FMT_COMPILE("{}"), value); }

char* PutZeroPadded(char* p, uint64_t value, int width) {
  // Values wider than `width` keep all their digits.
  static constexpr uint64_t kPowersOf10[] = {1ull,
                                             10ull,
                                             100ull,
                                             1000ull,
                                             10000ull,
                                             100000ull,
                                             1000000ull,
                                             10000000ull,
                                             100000000ull,
                                             1000000000ull,
                                             10000000000ull,
                                             100000000000ull,
                                             1000000000000ull,
                                             10000000000000ull,
                                             100000000000000ull,
                                             1000000000000000ull,
                                             10000000000000000ull,
                                             100000000000000000ull,
                                             1000000000000000000ull,
                                             10000000000000000000ull};
  if (width < 1 || width > 19 || value >= kPowersOf10[width]) width = DecimalDigits(value);
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return p + width;
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
