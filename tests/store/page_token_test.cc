#include "store/page_token.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tiersight::store {
namespace {

TEST(PageTokenTest, RoundTripsForTheSameQueryOnly) {
  const std::string token = EncodePageToken(1234567, "networks\nacme");
  absl::StatusOr<int64_t> seq = DecodePageToken(token, "networks\nacme");
  ASSERT_TRUE(seq.ok()) << seq.status();
  EXPECT_EQ(*seq, 1234567);
  EXPECT_TRUE(absl::IsInvalidArgument(DecodePageToken(token, "networks\nother").status()));
}

TEST(PageTokenTest, EmptyIsTheFirstPageAndGarbageIsRefused) {
  EXPECT_EQ(*DecodePageToken("", "q"), 0);
  const std::string good = EncodePageToken(5, "q");
  const std::string hash = good.substr(good.find('.'));
  for (const std::string& bad :
       std::vector<std::string>{"x", ".", "5", "-5" + hash, "0" + hash, "5x" + hash, good + "0"}) {
    EXPECT_TRUE(absl::IsInvalidArgument(DecodePageToken(bad, "q").status())) << bad;
  }
}

TEST(PageTokenTest, PageSizeDefaultsAndIsCapped) {
  EXPECT_EQ(*EffectivePageSize(0), kDefaultPageSize);
  EXPECT_EQ(*EffectivePageSize(7), 7);
  EXPECT_EQ(*EffectivePageSize(kMaxPageSize + 1), kMaxPageSize);
  EXPECT_TRUE(absl::IsInvalidArgument(EffectivePageSize(-1).status()));
}

TEST(PageTokenTest, KeyTokensRoundTripAnyBytesAndAreBoundToTheirQuery) {
  const std::string key = std::string("us-ftc\0,.\xff", 10);
  const std::string token = EncodeKeyPageToken(key, "packs");
  EXPECT_EQ(*DecodeKeyPageToken(token, "packs"), key);
  EXPECT_EQ(*DecodeKeyPageToken("", "packs"), "");
  // Read with base::HexDecode, which takes either case: the same position.
  std::string upper = token;
  for (size_t i = 1; i < upper.find('.'); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  ASSERT_NE(upper, token);
  EXPECT_EQ(*DecodeKeyPageToken(upper, "packs"), key);
  EXPECT_TRUE(absl::IsInvalidArgument(DecodeKeyPageToken(token, "other").status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(DecodeKeyPageToken(EncodePageToken(5, "packs"), "packs").status()));
  for (const std::string& bad : std::vector<std::string>{"k", "k0.", "kzz.x", token + "0"}) {
    EXPECT_TRUE(absl::IsInvalidArgument(DecodeKeyPageToken(bad, "packs").status())) << bad;
  }
}

}  // namespace
}  // namespace tiersight::store
