#include "report/canonical_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "report/json_depth.h"

namespace tiersight::report {
namespace {

TEST(CanonicalJsonTest, SortsKeysAndDropsWhitespace) {
  auto canonical = CanonicalJson(R"( { "b" : [1, 2.5, true, null],
                                       "a" : {"z": "x", "y": false} } )");
  ASSERT_TRUE(canonical.ok()) << canonical.status();
  EXPECT_EQ(*canonical, R"({"a":{"y":false,"z":"x"},"b":[1,2.5,true,null]})");
}

TEST(CanonicalJsonTest, SameValueSameBytes) {
  auto a = CanonicalJson(R"({"x": 1, "y": {"p": "q", "r": [3, 4]}})");
  auto b = CanonicalJson("{\n  \"y\": {\"r\": [3,4], \"p\": \"q\"},\n  \"x\": 1.0\n}");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(CanonicalJsonTest, KeysSortedByUtf8Bytes) {
  // "Z" (0x5a) < "a" (0x61) < "é" (0xc3 0xa9) < "层" (0xe5 ...).
  auto canonical = CanonicalJson(R"({"层":1,"é":2,"a":3,"Z":4})");
  ASSERT_TRUE(canonical.ok()) << canonical.status();
  EXPECT_EQ(*canonical, R"({"Z":4,"a":3,"é":2,"层":1})");
}

TEST(CanonicalJsonTest, EscapesOnlyWhatMustBe) {
  auto canonical = CanonicalJson(R"(["a\"b\\c\/d\n\u0001\u00e9"])");
  ASSERT_TRUE(canonical.ok()) << canonical.status();
  EXPECT_EQ(*canonical, "[\"a\\\"b\\\\c/d\\n\\u0001\xc3\xa9\"]");
}

TEST(CanonicalJsonTest, Numbers) {
  auto canonical = CanonicalJson("[0, -0, 42, -7.0, 0.1, 1e300, 1.5e-7, 9007199254740993]");
  ASSERT_TRUE(canonical.ok()) << canonical.status();
  EXPECT_EQ(*canonical, "[0,0,42,-7,0.1,1e+300,1.5e-07,9007199254740992]");
}

TEST(CanonicalJsonTest, RejectsInvalidJson) {
  EXPECT_FALSE(CanonicalJson(R"({"a": )").ok());
  EXPECT_FALSE(CanonicalJson(R"({"a": 1 "b": 2})").ok());
  EXPECT_FALSE(CanonicalJson("").ok());
}

TEST(CanonicalJsonTest, ParserQuirksThatDoNotAffectSignatures) {
  // protobuf's parser is lenient about a trailing comma; the canonical bytes
  // are those of the value it read, so a signature is unaffected.
  auto trailing = CanonicalJson(R"({"a": 1,})");
  ASSERT_TRUE(trailing.ok());
  EXPECT_EQ(*trailing, R"({"a":1})");
  // And about unquoted keys.
  auto unquoted = CanonicalJson(R"({a: 1})");
  ASSERT_TRUE(unquoted.ok());
  EXPECT_EQ(*unquoted, R"({"a":1})");
}

TEST(CanonicalJsonTest, NonFiniteNumbers) {
  for (const char* json : {"[NaN]", "[Infinity]", "[-Infinity]", "[1e999]"}) {
    auto canonical = CanonicalJson(json);
    if (canonical.ok()) ADD_FAILURE() << json << " accepted as " << *canonical;
  }
}

TEST(CanonicalJsonTest, DuplicateKeys) {
  auto duplicate = CanonicalJson(R"({"a": 1, "a": 2})");
  if (duplicate.ok()) {
    ADD_FAILURE() << "duplicate keys accepted as " << *duplicate;
  }
}

// Defect 7: deeply nested JSON (400 KB of `[`) is refused at once with the
// place it gets too deep, instead of taking minutes in the parser.
TEST(CanonicalJsonTest, Defect07_DeepNestingIsRefusedQuickly) {
  const std::string deep = std::string(400'000, '[') + std::string(400'000, ']');
  const auto started = std::chrono::steady_clock::now();
  auto canonical = CanonicalJson(deep);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(canonical.ok());
  EXPECT_THAT(std::string(canonical.status().message()),
              testing::HasSubstr("deeper than 32 levels at byte 33"));
  EXPECT_LT(took, std::chrono::seconds(1));
}

TEST(CanonicalJsonTest, Defect07_DepthLimitCountsOnlyStructure) {
  const std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(CanonicalJson(at_limit).ok());
  // Brackets inside strings, escaped quotes included, are text.
  const std::string in_strings = "[\"" + std::string(500, '[') + "\\\"{{{\"]";
  auto canonical = CanonicalJson(in_strings);
  EXPECT_TRUE(canonical.ok()) << canonical.status();
  EXPECT_FALSE(CheckJsonDepth("[[[", 2).ok());
  EXPECT_TRUE(CheckJsonDepth("[[]][[]]", 2).ok());
}

}  // namespace
}  // namespace tiersight::report
