#include "graph/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tiersight::graph {
namespace {

using ::testing::ElementsAre;

struct Row {
  int64_t line;
  std::vector<std::string> fields;
  std::string error;
};

std::vector<Row> ReadAll(std::string_view text) {
  CsvReader reader(text);
  CsvRecord rec;
  std::vector<Row> rows;
  while (reader.Next(rec)) {
    rows.push_back(
        {rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end()), rec.error});
  }
  return rows;
}

TEST(CsvReaderTest, QuotedFieldsHoldCommasQuotesAndNewlines) {
  const auto rows = ReadAll("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,2,3\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1].fields, ElementsAre("x, y", "say \"hi\"", "two\nlines"));
  EXPECT_EQ(rows[1].line, 2);
  // The record after a two-line field starts on physical line 4.
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_THAT(rows[2].fields, ElementsAre("last", "2", "3"));
}

TEST(CsvReaderTest, CrlfSpacesBlankLinesAndNoFinalNewline) {
  const auto rows = ReadAll("a , b\r\n\r\n  x  ,\" y \"\r\nz,\r\nq,w");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[0].fields, ElementsAre("a", "b"));
  EXPECT_THAT(rows[1].fields, ElementsAre("x", "y"));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[2].fields, ElementsAre("z", ""));
  EXPECT_THAT(rows[3].fields, ElementsAre("q", "w"));
  EXPECT_EQ(rows[3].line, 5);
}

TEST(CsvReaderTest, MalformedQuotingIsReportedOnTheRecordsLine) {
  const auto rows = ReadAll("a,b\n\"x\"y,2\nok,1\n\"never closed,3\nmore\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[1].error, ::testing::HasSubstr("after a closing quote"));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_TRUE(rows[2].error.empty());
  EXPECT_THAT(rows[3].error, ::testing::HasSubstr("never closed"));
  EXPECT_EQ(rows[3].line, 4);
}

// The character after the quote is named whole: one byte of 总 would make the
// message itself invalid UTF-8 in stderr and in the load report.
TEST(CsvReaderTest, TextAfterAClosingQuoteIsNamedAsAWholeCharacter) {
  const auto rows = ReadAll("a,b\n\"x\"总代,2\n\"y\"\x01,3\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1].error, ::testing::HasSubstr("unexpected character '总' after"));
  EXPECT_THAT(rows[2].error, ::testing::HasSubstr("unexpected character U+0001 after"));
}

// The reader's text is a window on a larger buffer (a mapped file, one
// chunk of a stream): the character named in an error is read from the
// window alone, never from the bytes past its end.
TEST(CsvReaderTest, ErrorsNeverReadPastTheEndOfTheText) {
  const std::string buffer = "a\n\"x\"\xC3\xA9 and more";
  const auto rows = ReadAll(std::string_view(buffer.data(), 6));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1].error, ::testing::HasSubstr("unexpected character byte 0xC3 after"));
}

}  // namespace
}  // namespace tiersight::graph
