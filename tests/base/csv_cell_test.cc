#include "base/csv_cell.h"

#include <gtest/gtest.h>

namespace tiersight::base {
namespace {

TEST(CsvCellTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
}

// Defect 10: text a spreadsheet would run as a formula is shown as text.
TEST(CsvCellTest, Defect10_FormulaStartsAreNeutralised) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(CsvCell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(CsvCell("-2+3"), "'-2+3");
  EXPECT_EQ(CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("\t=1"), "'\t=1");
  EXPECT_EQ(CsvCell("\r=1"), "\"'\r=1\"");
  // Only the first character matters: a formula sign inside text is text.
  EXPECT_EQ(CsvCell("总代=1"), "总代=1");
}

TEST(CsvCellTest, Defect10_NumbersStayNumbers) {
  EXPECT_EQ(CsvCell("-12.50"), "-12.50");
  EXPECT_EQ(CsvCell("+7"), "+7");
  EXPECT_EQ(CsvCell("-0"), "-0");
  EXPECT_EQ(CsvCell("-"), "'-");
  EXPECT_EQ(CsvCell("-1."), "'-1.");
  EXPECT_EQ(CsvCell("-1e+20"), "-1e+20");
  EXPECT_EQ(CsvCell("-1e"), "'-1e");
  EXPECT_EQ(CsvCell("-1.5.2"), "'-1.5.2");
}

}  // namespace
}  // namespace tiersight::base
