// The bundle digest a load returns is the format's `sha256sum agents.csv
// orders.csv payments.csv network.yaml | sha256sum`, computed here by the
// shell, so that the reader hashing each file as it reads it (never a second
// read) can be checked against a tool that shares none of its code: for
// UTF-8 and GB18030 files (whose digest is of the bytes as stored, not as
// converted), for bundles without the optional files, across the windows
// the reader checks a file in, and for refused loads (no digest).
#include "graph/bundle_digest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "graph/bundle_files.h"
#include "graph/bundle_reader.h"
#include "graph/text_encoding.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {
namespace {

using ::tiersight::testing::DescribeErrors;
using ::tiersight::testing::Load;
using ::tiersight::testing::TempBundle;

// The first 64 characters `command` prints: a hex SHA-256 from coreutils.
std::string ShellHex(const std::string& command) {
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  std::array<char, 128> line{};
  const size_t got = std::fread(line.data(), 1, line.size(), pipe);
  ::pclose(pipe);
  return std::string(line.data(), std::min<size_t>(got, 64));
}

// The digest as the format tells anyone to compute it.
std::string ShellDigest(const TempBundle& bundle) {
  std::string files;
  for (std::string_view name : kBundleFiles) {
    if (std::filesystem::exists(bundle.path(std::string(name)))) files += " " + std::string(name);
  }
  return ShellHex("cd '" + bundle.dir() + "' && sha256sum" + files + " | sha256sum");
}

std::string ShellSha256(const std::string& path) { return ShellHex("sha256sum '" + path + "'"); }

std::string ToGb18030(std::string_view utf8) { return testing::FromUtf8(utf8, "GB18030"); }

constexpr char kAgents[] =
    "agent_id,sponsor_id,tier,region,name\n"
    "A1,,总代,广东深圳,李伟\n"
    "A2,A1,一级代理,广州,王军\n"
    "A3,A2,特约,佛山,张三\n";
constexpr char kOrders[] =
    "order_id,date,seller_id,buyer_id,sku,quantity,amount\n"
    "O1,2026-02-01,,A1,面膜,10,1000.00\n"
    "O2,2026-02-03,A1,A2,面膜,4,480.00\n";
constexpr char kPayments[] =
    "payment_id,date,payer_id,payee_id,amount,kind\n"
    "P1,2026-02-02,A2,A1,99.00,entry_fee\n";
constexpr char kNetwork[] = "name: 测试\ncurrency: CNY\ntiers: [总代, 一级代理, 特约]\n";

// More than one check window of ASCII rows before `tail`, so that the
// reader's passes over the file cross window boundaries.
std::string LongAgents(std::string_view tail) {
  std::string text = "agent_id,sponsor_id,tier,region,name\nA1,,top,,\n";
  for (int i = 2; text.size() < (size_t{3} << 20); ++i) {
    text += "A" + std::to_string(i) + ",A1,member,somewhere,someone\n";
  }
  text += tail;
  return text;
}

TEST(BundleDigestTest, Utf8BundleDigestIsWhatSha256sumSays) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents)
      .Write("orders.csv", kOrders)
      .Write("payments.csv", kPayments)
      .Write("network.yaml", kNetwork);
  const LoadedBundle loaded = Load(bundle);
  ASSERT_TRUE(loaded.report.Usable()) << DescribeErrors(loaded.report);
  EXPECT_EQ(loaded.digest, ShellDigest(bundle));
  EXPECT_EQ(loaded.digest.size(), 64u);
  // The standalone digest (stored and received bundles) agrees.
  EXPECT_EQ(*BundleDigest(bundle.dir()), loaded.digest);
}

TEST(BundleDigestTest, Gb18030FilesAreHashedAsStoredNotAsConverted) {
  TempBundle bundle;
  bundle.Write("agents.csv", ToGb18030(kAgents))
      .Write("orders.csv", ToGb18030(kOrders))
      .Write("network.yaml", std::string("encoding: gb18030\n") + kNetwork);
  const LoadedBundle loaded = Load(bundle);
  ASSERT_TRUE(loaded.report.Usable()) << DescribeErrors(loaded.report);
  ASSERT_EQ(loaded.report.files[0].encoding, "gb18030");
  EXPECT_EQ(loaded.digest, ShellDigest(bundle));

  // The same text saved as UTF-8 is another bundle.
  TempBundle utf8;
  utf8.Write("agents.csv", kAgents)
      .Write("orders.csv", kOrders)
      .Write("network.yaml", std::string("encoding: gb18030\n") + kNetwork);
  EXPECT_NE(ShellDigest(utf8), loaded.digest);
}

TEST(BundleDigestTest, DetectedGb18030AfterTheFirstWindowIsHashedOnce) {
  // The UTF-8 check hashes up to its first window past the GB18030 bytes,
  // the conversion hashes the rest: every byte must be hashed exactly once.
  TempBundle bundle;
  bundle.Write("agents.csv", ToGb18030(LongAgents("B1,A1,特约,佛山,张三\n")));
  const LoadedBundle loaded = Load(bundle);
  ASSERT_TRUE(loaded.report.Usable()) << DescribeErrors(loaded.report);
  ASSERT_EQ(loaded.report.files[0].encoding, "gb18030");
  EXPECT_EQ(loaded.digest, ShellDigest(bundle));
}

TEST(BundleDigestTest, BundleWithoutOptionalFilesHashesOnlyThePresentOnes) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents).Write("payments.csv", kPayments);
  const LoadedBundle loaded = Load(bundle);
  ASSERT_TRUE(loaded.report.Usable()) << DescribeErrors(loaded.report);
  EXPECT_EQ(loaded.digest, ShellDigest(bundle));
  const std::string listing = ShellSha256(bundle.path("agents.csv")) + "  agents.csv\n" +
                              ShellSha256(bundle.path("payments.csv")) + "  payments.csv\n";
  EXPECT_EQ(loaded.digest, Sha256OfText(listing));
}

TEST(BundleDigestTest, ByteOrderMarkIsPartOfTheHashedBytes) {
  TempBundle bundle;
  bundle.Write("agents.csv", std::string("\xEF\xBB\xBF") + kAgents);
  const LoadedBundle loaded = Load(bundle);
  ASSERT_TRUE(loaded.report.Usable()) << DescribeErrors(loaded.report);
  EXPECT_EQ(loaded.digest, ShellDigest(bundle));
}

TEST(BundleDigestTest, RefusedOrStoppedLoadHasNoDigest) {
  TempBundle missing_column;
  missing_column.Write("agents.csv", "agent_id,tier\nA1,top\n").Write("orders.csv", kOrders);
  const LoadedBundle refused = Load(missing_column);
  ASSERT_TRUE(refused.report.refused);
  EXPECT_EQ(refused.digest, "");

  TempBundle bad_yaml;
  bad_yaml.Write("agents.csv", kAgents).Write("network.yaml", "tiers: [unclosed\n");
  const LoadedBundle refused_yaml = Load(bad_yaml);
  ASSERT_TRUE(refused_yaml.report.refused);
  EXPECT_EQ(refused_yaml.digest, "");

  TempBundle fine;
  fine.Write("agents.csv", kAgents);
  const LoadedBundle stopped = LoadBundle(fine.dir(), LoadOptions{.stop = [] { return true; }});
  ASSERT_TRUE(stopped.stopped);
  EXPECT_EQ(stopped.digest, "");
}

TEST(DecodeCsvFileTest, CharacterAcrossACheckWindowIsValidAndHashed) {
  // "总" (3 bytes) starts one byte before the first window ends.
  std::string text = "a\n";
  text.resize((size_t{1} << 20) - 1, 'x');
  text += "总\n";
  TempBundle bundle;
  bundle.Write("agents.csv", text);
  absl::StatusOr<DecodedText> decoded =
      DecodeCsvFile(bundle.path("agents.csv"), "agents.csv", TextEncoding::kUtf8);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->encoding, "utf-8");
  EXPECT_EQ(decoded->sha256, ShellSha256(bundle.path("agents.csv")));
}

TEST(DecodeCsvFileTest, InvalidByteAtAWindowEndIsStillFound) {
  // A lone lead byte as the last byte of the first window, on line 2.
  std::string text = "a\n";
  text.resize((size_t{1} << 20) - 1, 'x');
  text += "\xE6\n";
  text += std::string(100, 'y');
  TempBundle bundle;
  bundle.Write("agents.csv", text);
  absl::StatusOr<DecodedText> decoded =
      DecodeCsvFile(bundle.path("agents.csv"), "agents.csv", TextEncoding::kUtf8);
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(std::string(decoded.status().message()),
              ::testing::HasSubstr("agents.csv:2: not valid UTF-8"));
}

}  // namespace
}  // namespace tiersight::graph
