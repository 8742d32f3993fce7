#include "base/hex.h"

#include <gtest/gtest.h>

#include <string>

namespace tiersight::base {
namespace {

// Digests, key ids and record ids are compared as text, so the case is part
// of the format.
TEST(HexTest, EncodesEveryByteAsTwoLowerCaseDigits) {
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
  EXPECT_EQ(HexEncode("tenant/a"), "74656e616e742f61");
}

TEST(HexTest, DecodesEitherCaseBackToTheBytes) {
  const std::string bytes("\x00\x7f\x80\xff,", 5);
  EXPECT_EQ(HexDecode(HexEncode(bytes)), bytes);
  EXPECT_EQ(HexDecode("ABcd"), std::string("\xab\xcd"));
  EXPECT_EQ(HexDecode(""), std::string());
}

TEST(HexTest, RefusesAnOddLengthOrAnythingButHexDigits) {
  for (const char* bad : {"a", "abc", "0g", "zz", " 00", "00 ", "-1", "0x00"}) {
    EXPECT_FALSE(HexDecode(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace tiersight::base
