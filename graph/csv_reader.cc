#include "graph/csv_reader.h"

#include <fmt/format.h>

#include "base/utf8.h"

namespace tiersight::graph {
namespace {

// The character at text[at] for a message: quoted whole, never one byte of a
// multi-byte character (which would make the message invalid UTF-8); a byte
// that begins no character, or a hidden control, as its code.
std::string CharacterAt(std::string_view text, size_t at) {
  char32_t cp = 0;
  const size_t length = base::Utf8SequenceAt(text, at, cp);
  if (length == 0) return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(text[at]));
  if (base::IsHiddenControl(cp)) return fmt::format("U+{:04X}", static_cast<uint32_t>(cp));
  return fmt::format("'{}'", text.substr(at, length));
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\r') return false;
  }
  return true;
}

}  // namespace

bool CsvReader::Next(CsvRecord& record) {
  // Raw bytes for the scanning loop; messages take text_, which knows its end.
  const char* const bytes = text_.data();
  const size_t n = text_.size();
  for (;;) {
    if (pos_ >= n) return false;
    record.line = line_;
    record.error.clear();
    spans_.clear();
    scratch_.clear();
    const size_t start = pos_;
    size_t i = pos_;
    bool end_of_record = false;
    while (!end_of_record) {
      // One field starting at i.
      size_t j = i;
      while (j < n && bytes[j] == ' ') ++j;
      if (j < n && bytes[j] == '"') {
        // Quoted: runs to the matching quote; "" is a literal quote.
        const int64_t quote_line = line_;
        const size_t content = j + 1;
        size_t k = content;
        bool escaped = false;
        bool closed = false;
        while (k < n) {
          const char c = bytes[k];
          if (c == '"') {
            if (k + 1 < n && bytes[k + 1] == '"') {
              escaped = true;
              k += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (c == '\n') ++line_;
          ++k;
        }
        if (!closed) {
          record.error = fmt::format("quoted field opened on line {} is never closed", quote_line);
          pos_ = n;
          record.raw = std::string_view(bytes + start, n - start);
          record.fields.clear();
          return true;
        }
        if (escaped) {
          const size_t at = scratch_.size();
          for (size_t q = content; q < k; ++q) {
            scratch_.push_back(bytes[q]);
            if (bytes[q] == '"') ++q;  // skip the second quote of a pair
          }
          spans_.push_back({at, scratch_.size() - at, true});
        } else {
          spans_.push_back({content, k - content, false});
        }
        k += 1;  // past the closing quote
        while (k < n && bytes[k] == ' ') ++k;
        if (k < n && bytes[k] == '\r' && k + 1 < n && bytes[k + 1] == '\n') ++k;
        if (k >= n || bytes[k] == '\n') {
          end_of_record = true;
          i = k + 1;
          if (k < n) ++line_;
        } else if (bytes[k] == ',') {
          i = k + 1;
        } else {
          if (record.error.empty()) {
            record.error =
                fmt::format("unexpected character {} after a closing quote", CharacterAt(text_, k));
          }
          // Skip to the end of the field so the record still ends in the right place.
          while (k < n && bytes[k] != ',' && bytes[k] != '\n') ++k;
          if (k >= n || bytes[k] == '\n') {
            end_of_record = true;
            if (k < n) ++line_;
          }
          i = k + 1;
        }
      } else {
        size_t k = j;
        while (k < n && bytes[k] != ',' && bytes[k] != '\n') ++k;
        size_t field_end = k;
        if (k < n && bytes[k] == '\n' && field_end > j && bytes[field_end - 1] == '\r') --field_end;
        if (k >= n && field_end > j && bytes[field_end - 1] == '\r') --field_end;
        spans_.push_back({j, field_end - j, false});
        if (k >= n || bytes[k] == '\n') {
          end_of_record = true;
          if (k < n) ++line_;
        }
        i = k + 1;
      }
    }
    pos_ = i > n ? n : i;
    size_t raw_end = pos_;
    if (raw_end > start && raw_end <= n && bytes[raw_end - 1] == '\n') --raw_end;
    if (raw_end > start && bytes[raw_end - 1] == '\r') --raw_end;
    record.raw = std::string_view(bytes + start, raw_end - start);
    if (record.error.empty() && spans_.size() == 1 && IsBlank(record.raw)) continue;
    record.fields.clear();
    record.fields.reserve(spans_.size());
    for (const FieldSpan& s : spans_) {
      const char* base = s.in_scratch ? scratch_.data() : bytes;
      record.fields.push_back(TrimSpaces(std::string_view(base + s.offset, s.size)));
    }
    return true;
  }
}

}  // namespace tiersight::graph
