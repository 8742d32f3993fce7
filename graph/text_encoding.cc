#include "graph/text_encoding.h"

#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "base/str_cat.h"
#include "graph/bundle_digest.h"

namespace tiersight::graph {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct Position {
  int64_t line;
  int64_t column;
};

Position PositionOf(std::string_view text, size_t offset) {
  Position p{1, 1};
  const size_t end = std::min(offset, text.size());
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

// Hashes a file's bytes in order as the passes over them reach them, each
// byte once, while its page is still in cache.
class FileHasher {
 public:
  explicit FileHasher(std::string_view bytes) : bytes_(bytes) {}

  // Hashes the bytes not yet hashed before `end`, a pointer into the bytes.
  void HashUpTo(const char* end) {
    const size_t upto = static_cast<size_t>(end - bytes_.data());
    if (upto <= hashed_) return;
    sha_.Update(bytes_.substr(hashed_, upto - hashed_));
    hashed_ = upto;
  }

  std::string Finish() {
    HashUpTo(bytes_.data() + bytes_.size());
    return sha_.HexDigest();
  }

 private:
  std::string_view bytes_;
  size_t hashed_ = 0;
  Sha256 sha_;
};

// Bytes checked (and hashed) at a time: small enough to stay in cache
// between the two.
constexpr size_t kCheckWindow = size_t{1} << 20;

// FindInvalidUtf8 over `bytes`, one window at a time, each window hashed
// just before it is checked.
size_t FindInvalidUtf8Hashing(std::string_view bytes, FileHasher& hasher) {
  size_t start = 0;
  while (start < bytes.size()) {
    const size_t end = std::min(bytes.size(), start + kCheckWindow);
    hasher.HashUpTo(bytes.data() + end);
    const size_t bad = FindInvalidUtf8(bytes.substr(start, end - start));
    if (bad == std::string_view::npos) {
      start = end;
    } else if (end < bytes.size() && end - (start + bad) < 4) {
      // A character cut by the window's end: checked whole with the next one.
      start += bad;
    } else {
      return start + bad;
    }
  }
  return std::string_view::npos;
}

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

// Streams `text` through iconv into an unlinked temporary file and maps it,
// hashing the input as iconv consumes it. Returns the offset of the first
// undecodable byte through `bad_offset`.
absl::StatusOr<MappedFile> ConvertToUtf8(std::string_view text, const char* from,
                                         FileHasher& hasher, size_t& bad_offset) {
  bad_offset = std::string_view::npos;
  iconv_t raw = iconv_open("UTF-8", from);
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    return absl::InternalError(StrCat("iconv cannot convert from ", from));
  }
  std::unique_ptr<void, IconvCloser> cd(raw);
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = StrCat(tmpdir != nullptr ? tmpdir : "/tmp", "/tiersight-XXXXXX");
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return absl::ErrnoToStatus(errno, "cannot create a temporary file");
  std::unique_ptr<FILE, FileCloser> out(::fdopen(fd, "wb"));
  ::unlink(path.c_str());  // the mapping keeps the data alive; nothing is left behind
  if (!out) return absl::ErrnoToStatus(errno, "cannot open a temporary file");

  std::vector<char> buffer(1 << 20);
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size();
  while (in_left > 0) {
    char* o = buffer.data();
    size_t o_left = buffer.size();
    const size_t rc = iconv(static_cast<iconv_t>(cd.get()), &in, &in_left, &o, &o_left);
    hasher.HashUpTo(in);
    if (std::fwrite(buffer.data(), 1, buffer.size() - o_left, out.get()) !=
        buffer.size() - o_left) {
      return absl::ErrnoToStatus(errno, "cannot write a temporary file");
    }
    if (rc == static_cast<size_t>(-1) && errno != E2BIG) {
      bad_offset = static_cast<size_t>(in - text.data());
      return MappedFile();
    }
  }
  if (std::fflush(out.get()) != 0)
    return absl::ErrnoToStatus(errno, "cannot write a temporary file");
  return MappedFile::Open(StrCat("/proc/self/fd/", ::fileno(out.get())));
}

// Whether the multi-byte sequences of `text` are mostly valid UTF-8: a file
// saved as UTF-8 with a stray byte or two, not a GB18030 file (whose
// two-byte characters are rarely valid UTF-8 by chance).
bool MostlyUtf8(std::string_view text) {
  int64_t valid = 0, invalid = 0;
  size_t at = 0;
  while (at < text.size()) {
    const size_t bad = FindInvalidUtf8(text.substr(at));
    const std::string_view good = text.substr(at, bad == std::string_view::npos ? bad : bad);
    for (unsigned char c : good) valid += (c >= 0xC2 && c <= 0xF4) ? 1 : 0;
    if (bad == std::string_view::npos) break;
    ++invalid;
    at += bad + 1;
  }
  return valid > 0 && valid >= 4 * invalid;
}

}  // namespace

absl::StatusOr<TextEncoding> ParseEncodingName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::kUtf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return TextEncoding::kGb18030;
  return absl::InvalidArgumentError(StrCat("unknown encoding '", name, "' (use utf-8 or gb18030)"));
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

absl::StatusOr<DecodedText> DecodeCsvFile(const std::string& path, std::string_view file_name,
                                          TextEncoding declared) {
  DecodedText out;
  absl::StatusOr<MappedFile> mapped = MappedFile::Open(path);
  if (!mapped.ok()) return mapped.status();
  out.original = std::move(*mapped);
  std::string_view bytes = out.original.view();
  FileHasher hasher(bytes);

  const bool has_bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  if (has_bom) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (declared == TextEncoding::kGb18030) {
      out.warning = StrCat(file_name,
                           " starts with a UTF-8 byte-order mark although network.yaml "
                           "declares gb18030: read as UTF-8");
    }
    declared = TextEncoding::kUtf8;
  }

  if (declared != TextEncoding::kGb18030) {
    const size_t bad = FindInvalidUtf8Hashing(bytes, hasher);
    if (bad == std::string_view::npos) {
      // The check touched every page; drop them until the reader needs them.
      out.original.ReleaseBefore(bytes.data() + bytes.size());
      out.text = bytes;
      out.encoding = "utf-8";
      out.sha256 = hasher.Finish();
      return out;
    }
    if (has_bom) {
      const Position p = PositionOf(bytes, bad);
      return absl::InvalidArgumentError(StrCat(
          file_name, ":", p.line, ": not valid UTF-8 (byte ", p.column,
          " of the line), although the file starts with a UTF-8 byte-order mark; save the whole "
          "file as UTF-8"));
    }
    if (declared == TextEncoding::kUnspecified && MostlyUtf8(bytes)) {
      const Position p = PositionOf(bytes, bad);
      return absl::InvalidArgumentError(StrCat(
          file_name, ":", p.line, ": not valid UTF-8 (byte ", p.column,
          " of the line) in a file that is otherwise UTF-8; fix or remove that byte (it is not "
          "read as GB18030, which would garble every other character)"));
    }
    if (declared == TextEncoding::kUtf8) {
      const Position p = PositionOf(bytes, bad);
      return absl::InvalidArgumentError(
          StrCat(file_name, ":", p.line, ": not valid UTF-8 (byte ", p.column,
                 " of the line), although network.yaml declares utf-8; if the file was saved as "
                 "GB18030/GBK, declare `encoding: gb18030`"));
    }
  }

  size_t bad = std::string_view::npos;
  absl::StatusOr<MappedFile> converted = ConvertToUtf8(bytes, "GB18030", hasher, bad);
  if (!converted.ok()) return converted.status();
  if (bad != std::string_view::npos) {
    const Position p = PositionOf(bytes, bad);
    if (declared == TextEncoding::kGb18030) {
      return absl::InvalidArgumentError(StrCat(file_name, ":", p.line, ": not valid GB18030 (byte ",
                                               p.column,
                                               " of the line), as network.yaml declares"));
    }
    // Report the later of the two failures: every byte before it decodes in
    // at least one of the encodings, so that is where the file goes wrong.
    const Position u = PositionOf(bytes, FindInvalidUtf8(bytes));
    const Position& later = (u.line > p.line || (u.line == p.line && u.column > p.column)) ? u : p;
    return absl::InvalidArgumentError(
        StrCat(file_name, ":", later.line, ": neither UTF-8 nor GB18030 (not UTF-8 from line ",
               u.line, " byte ", u.column, ", not GB18030 from line ", p.line, " byte ", p.column,
               "); save the file as UTF-8"));
  }
  out.converted = std::move(*converted);
  out.text = out.converted.view();
  out.encoding = "gb18030";
  out.sha256 = hasher.Finish();
  if (declared == TextEncoding::kUnspecified) {
    out.warning = StrCat(file_name,
                         " is not UTF-8; it was read as GB18030 (detected). Declare "
                         "`encoding: gb18030` in network.yaml to make this explicit");
  }
  return out;
}

}  // namespace tiersight::graph
