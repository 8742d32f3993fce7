#include "generate/row_writer.h"

#include <gtest/gtest.h>

#include <string_view>

namespace tiersight::generate {
namespace {

// The ASan + UBSan suite found it: an agent who has not left wrote an empty
// `left` date, a view whose data is null, through memcpy.
TEST(RowWriterTest, EmptyTextWithoutDataWritesNothing) {
  char row[4] = {'x', 'x', 'x', 'x'};
  char* end = PutText(row, std::string_view());
  EXPECT_EQ(end, row);
  end = PutText(end, "ab");
  end = PutText(end, std::string_view());
  EXPECT_EQ(std::string_view(row, end - row), "ab");
  EXPECT_EQ(row[2], 'x');
}

}  // namespace
}  // namespace tiersight::generate
