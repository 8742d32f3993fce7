#include "store/page_token.h"

#include <charconv>

#include "absl/status/status.h"
#include "graph/bundle_digest.h"
#include "base/str_cat.h"

namespace tiersight::store {
namespace {

constexpr size_t kQueryHashDigits = 12;

std::string QueryHash(std::string_view query_key) {
  return graph::Sha256OfText(query_key).substr(0, kQueryHashDigits);
}

}  // namespace

std::string EncodePageToken(int64_t after_seq, std::string_view query_key) {
  return fmt::format("{:x}.{}", after_seq, QueryHash(query_key));
}

absl::StatusOr<int64_t> DecodePageToken(std::string_view token, std::string_view query_key) {
  if (token.empty()) return 0;
  const size_t dot = token.find('.');
  int64_t seq = 0;
  bool ok =
      dot != std::string_view::npos && dot > 0 && token.substr(dot + 1) == QueryHash(query_key);
  if (ok) {
    const char* end = token.data() + dot;
    auto [ptr, ec] = std::from_chars(token.data(), end, seq, 16);
    ok = ec == std::errc() && ptr == end && seq > 0;
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        StrCat("invalid page token \"", token, "\": pass the next_page_token of the same list"));
  }
  return seq;
}

std::string EncodeKeyPageToken(std::string_view after_key, std::string_view query_key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "k";
  for (unsigned char c : after_key) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return StrCat(out, ".", QueryHash(query_key));
}

absl::StatusOr<std::string> DecodeKeyPageToken(std::string_view token,
                                               std::string_view query_key) {
  if (token.empty()) return std::string();
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  const size_t dot = token.find('.');
  bool ok = token.starts_with('k') && dot != std::string_view::npos && dot % 2 == 1 &&
            token.substr(dot + 1) == QueryHash(query_key);
  std::string key;
  for (size_t i = 1; ok && i < dot; i += 2) {
    const int hi = nibble(token[i]);
    const int lo = nibble(token[i + 1]);
    ok = hi >= 0 && lo >= 0;
    key.push_back(static_cast<char>(hi * 16 + lo));
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        StrCat("invalid page token \"", token, "\": pass the next_page_token of the same list"));
  }
  return key;
}

absl::StatusOr<int> EffectivePageSize(int page_size) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(StrCat("page_size ", page_size, " is negative"));
  }
  if (page_size == 0) return kDefaultPageSize;
  return page_size > kMaxPageSize ? kMaxPageSize : page_size;
}

}  // namespace tiersight::store
