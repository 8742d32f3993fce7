#include "exports/zip_archive.h"

#include <gtest/gtest.h>

namespace tiersight::exports {
namespace {

TEST(ZipArchiveTest, RoundTripKeepsNamesOrderAndBytes) {
  const std::vector<ZipEntry> entries = {{"b.csv", std::string("\xEF\xBB\xBF"
                                                               "x,y\r\n1,2\r\n")},
                                         {"a.csv", std::string(100000, 'z')},
                                         {"空.csv", ""}};
  absl::StatusOr<std::string> zip = ZipArchive(entries);
  ASSERT_TRUE(zip.ok()) << zip.status();
  EXPECT_EQ(zip->substr(0, 4), "PK\x03\x04");
  EXPECT_LT(zip->size(), 1000u);  // deflated
  absl::StatusOr<std::vector<ZipEntry>> back = UnzipArchive(*zip);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ((*back)[i].name, entries[i].name);
    EXPECT_EQ((*back)[i].data, entries[i].data);
  }
}

TEST(ZipArchiveTest, SameEntriesSameBytes) {
  const std::vector<ZipEntry> entries = {{"a.csv", "1\r\n"}, {"b.csv", "2\r\n"}};
  EXPECT_EQ(*ZipArchive(entries), *ZipArchive(entries));
}

TEST(ZipArchiveTest, NotAZip) { EXPECT_FALSE(UnzipArchive("plain text").ok()); }

}  // namespace
}  // namespace tiersight::exports
