#include "graph/csv_reader.h"

#include <fmt/format.h>

namespace tiersight::graph {
namespace {

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
  const char* const text = text_.data();
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
      while (j < n && text[j] == ' ') ++j;
      if (j < n && text[j] == '"') {
        // Quoted: runs to the matching quote; "" is a literal quote.
        const int64_t quote_line = line_;
        const size_t content = j + 1;
        size_t k = content;
        bool escaped = false;
        bool closed = false;
        while (k < n) {
          const char c = text[k];
          if (c == '"') {
            if (k + 1 < n && text[k + 1] == '"') {
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
          record.raw = std::string_view(text + start, n - start);
          record.fields.clear();
          return true;
        }
        if (escaped) {
          const size_t at = scratch_.size();
          for (size_t q = content; q < k; ++q) {
            scratch_.push_back(text[q]);
            if (text[q] == '"') ++q;  // skip the second quote of a pair
          }
          spans_.push_back({at, scratch_.size() - at, true});
        } else {
          spans_.push_back({content, k - content, false});
        }
        k += 1;  // past the closing quote
        while (k < n && text[k] == ' ') ++k;
        if (k < n && text[k] == '\r' && k + 1 < n && text[k + 1] == '\n') ++k;
        if (k >= n || text[k] == '\n') {
          end_of_record = true;
          i = k + 1;
          if (k < n) ++line_;
        } else if (text[k] == ',') {
          i = k + 1;
        } else {
          if (record.error.empty()) {
            record.error = fmt::format("unexpected character '{}' after a closing quote", text[k]);
          }
          // Skip to the end of the field so the record still ends in the right place.
          while (k < n && text[k] != ',' && text[k] != '\n') ++k;
          if (k >= n || text[k] == '\n') {
            end_of_record = true;
            if (k < n) ++line_;
          }
          i = k + 1;
        }
      } else {
        size_t k = j;
        while (k < n && text[k] != ',' && text[k] != '\n') ++k;
        size_t field_end = k;
        if (k < n && text[k] == '\n' && field_end > j && text[field_end - 1] == '\r') --field_end;
        if (k >= n && field_end > j && text[field_end - 1] == '\r') --field_end;
        spans_.push_back({j, field_end - j, false});
        if (k >= n || text[k] == '\n') {
          end_of_record = true;
          if (k < n) ++line_;
        }
        i = k + 1;
      }
    }
    pos_ = i > n ? n : i;
    size_t raw_end = pos_;
    if (raw_end > start && raw_end <= n && text[raw_end - 1] == '\n') --raw_end;
    if (raw_end > start && text[raw_end - 1] == '\r') --raw_end;
    record.raw = std::string_view(text + start, raw_end - start);
    if (record.error.empty() && spans_.size() == 1 && IsBlank(record.raw)) continue;
    record.fields.clear();
    record.fields.reserve(spans_.size());
    for (const FieldSpan& s : spans_) {
      const char* base = s.in_scratch ? scratch_.data() : text;
      record.fields.push_back(TrimSpaces(std::string_view(base + s.offset, s.size)));
    }
    return true;
  }
}

}  // namespace tiersight::graph
