// Turns a CSV file into UTF-8 text, whatever encoding the brand's export used.
//
// UTF-8 (with or without a byte-order mark) is read in place. GB18030 and its
// subsets GBK/GB2312 — what spreadsheet programs in China save — are converted
// with glibc's iconv into a temporary file that is mapped and then unlinked, so
// a large file never sits on the heap. A file that is neither is refused with
// the line of its first undecodable byte: never read as garbage. The file's
// own bytes are hashed (SHA-256) by the same pass that checks or converts
// them, so the bundle digest costs no second read. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "graph/mapped_file.h"

namespace tiersight::graph {

enum class TextEncoding { kUnspecified, kUtf8, kGb18030 };

// "utf-8"/"utf8" or "gb18030"/"gbk"/"gb2312", any case.
absl::StatusOr<TextEncoding> ParseEncodingName(std::string_view name);

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
size_t FindInvalidUtf8(std::string_view text);

// A CSV file's text as UTF-8, and how it was obtained.
struct DecodedText {
  MappedFile original;
  MappedFile converted;   // holds the text when the file was converted
  std::string_view text;  // UTF-8, byte-order mark removed
  std::string encoding;   // "utf-8" or "gb18030"
  std::string warning;    // non-empty when the encoding was detected, not declared
  std::string sha256;     // hex SHA-256 of the file's bytes as stored, before conversion
};

// Opens `path` (named `file_name` in messages) and decodes it as `declared`
// says; kUnspecified reads UTF-8 and falls back to GB18030 with a warning.
absl::StatusOr<DecodedText> DecodeCsvFile(const std::string& path, std::string_view file_name,
                                          TextEncoding declared);

}  // namespace tiersight::graph
