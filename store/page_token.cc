#include "store/page_token.h"

#include <charconv>
#include <optional>

#include "absl/status/status.h"
#include "base/hex.h"
#include "base/str_cat.h"
#include "graph/bundle_digest.h"

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
  return StrCat("k", base::HexEncode(after_key), ".", QueryHash(query_key));
}

absl::StatusOr<std::string> DecodeKeyPageToken(std::string_view token, std::string_view query_key) {
  if (token.empty()) return std::string();
  const size_t dot = token.find('.');
  std::optional<std::string> key;
  if (token.starts_with('k') && dot != std::string_view::npos &&
      token.substr(dot + 1) == QueryHash(query_key)) {
    key = base::HexDecode(token.substr(1, dot - 1));
  }
  if (!key) {
    return absl::InvalidArgumentError(
        StrCat("invalid page token \"", token, "\": pass the next_page_token of the same list"));
  }
  return *std::move(key);
}

absl::StatusOr<int> EffectivePageSize(int page_size) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(StrCat("page_size ", page_size, " is negative"));
  }
  if (page_size == 0) return kDefaultPageSize;
  return page_size > kMaxPageSize ? kMaxPageSize : page_size;
}

}  // namespace tiersight::store
