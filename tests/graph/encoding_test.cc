// How bundle CSV files are decoded: UTF-8 with or without a byte-order mark,
// LF or CRLF, RFC 4180 quoting, and GB18030/GBK files as spreadsheet programs
// in China save them — converted when declared or detected, refused (with
// file and line) when they are neither, never read as garbage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/bundle_reader.h"
#include "graph/figure_catalogue.h"
#include "graph/figures.h"
#include "graph/load_report.h"
#include "graph/string_interner.h"
#include "graph/text_encoding.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {

namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::tiersight::testing::Computed;
using ::tiersight::testing::ComputeOrFail;
using ::tiersight::testing::DescribeErrors;
using ::tiersight::testing::FromUtf8;
using ::tiersight::testing::IssueAt;
using ::tiersight::testing::kUnit;
using ::tiersight::testing::Load;
using ::tiersight::testing::TempBundle;

constexpr char kBom[] = "\xEF\xBB\xBF";

bool IsUtf8(std::string_view text) { return FindInvalidUtf8(text) == std::string_view::npos; }

// Tier names and agent counts in report order.
std::vector<std::pair<std::string, int64_t>> Tiers(const Figures& figures) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const GroupFigures& g : figures.tiers) out.emplace_back(g.tier, g.agents);
  return out;
}

//   A1 (总代) ── A2 (一级代理) ── A3 (特约)
//                            └── A4 (特约)
constexpr char kChineseAgents[] = R"csv(agent_id,sponsor_id,tier,region,name
A1,,总代,广东深圳,李伟
A2,A1,一级代理,广州,王军
A3,A2,特约,佛山,张三
A4,A2,特约,,
)csv";

// Orders whose sku is Chinese too, so that the whole file needs converting.
constexpr char kChineseOrders[] = R"csv(order_id,date,seller_id,buyer_id,sku,quantity,amount,kind
O1,2026-02-01,,A1,面膜,10,1000.00,销售
)csv";

using Pair = std::pair<std::string, int64_t>;

// ---------------------------------------------------------------------------
// UTF-8 byte-order mark, line ends, quoting.

TEST(EncodingTest, Utf8ByteOrderMarkIsNotPartOfTheFirstHeaderName) {
  TempBundle bundle;
  bundle.Write("agents.csv",
               std::string(kBom) + "agent_id,sponsor_id,tier\nA1,,总代\nA2,A1,特约\n");
  bundle.Write("orders.csv", std::string(kBom) +
                                 "order_id,date,seller_id,buyer_id,quantity,amount\n"
                                 "O1,2026-02-01,A1,A2,3,30.00\n");
  Computed c = ComputeOrFail(bundle);
  LoadReport& report = c.loaded.report;
  EXPECT_THAT(report.errors, IsEmpty());
  EXPECT_THAT(report.warnings, IsEmpty()) << "no unknown column such as '\\xEF\\xBB\\xBFagent_id'";
  EXPECT_EQ(report.CountsFor("agents.csv").encoding, "utf-8");
  EXPECT_EQ(report.CountsFor("orders.csv").encoding, "utf-8");
  EXPECT_EQ(c.Agent("A2")[kDepth], 2);
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 3);
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("总代", 1), Pair("特约", 1)));
}

TEST(EncodingTest, ByteOrderMarkDoesNotShiftLineNumbers) {
  TempBundle bundle;
  bundle.Write("agents.csv", std::string(kBom) + "agent_id,sponsor_id\nA1,\nA2,NOPE\n");
  LoadedBundle loaded = Load(bundle);
  EXPECT_THAT(loaded.report.errors,
              ElementsAre(IssueAt("agents.csv", 3, "unknown sponsor_id 'NOPE'")));
}

TEST(EncodingTest, CrlfLineEndsAreReadLikeLf) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id,tier\r\nA1,,gold\r\nA2,A1,silver\r\n");
  bundle.Write("orders.csv",
               "order_id,date,seller_id,buyer_id,quantity,amount,kind\r\n"
               "O1,2026-02-01,A1,A2,5,50.00,sale\r\n"
               "O2,2026-02-02,A1,A2,1,10.00,return\r\n"
               "O3,2026-02-03,A1,A2,1,10.00,barter\r\n");
  bundle.Write("payments.csv",
               "payment_id,date,payer_id,payee_id,amount,kind\r\n"
               "P1,2026-02-01,,A1,2.00,override\r\n"
               "P2,2026-02-01,A2,A1,1.50,entry_fee");  // no final line end
  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  LoadReport& report = c.loaded.report;
  // The last field of every line parses (kind, amount): no '\r' is left on it.
  EXPECT_THAT(report.errors, ElementsAre(IssueAt("orders.csv", 4, "unknown kind 'barter'")));
  EXPECT_EQ(report.errors[0].reason.find('\r'), std::string::npos);
  EXPECT_EQ(report.errors[0].record, "O3,2026-02-03,A1,A2,1,10.00,barter");
  EXPECT_EQ(report.CountsFor("payments.csv").loaded, 2);
  EXPECT_NE(c.network().Find("A2"), kNoAgent);
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("gold", 1), Pair("silver", 1)));
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 4);
  EXPECT_EQ(c.Agent("A2")[kSpend], (50 - 10) * kUnit + 15000);
  EXPECT_EQ(c.Agent("A1")[kOverrides], 2 * kUnit);
}

TEST(EncodingTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  //   A1 ── "A,3" ── A4
  //    └─── A2
  TempBundle bundle;
  bundle.Write("agents.csv",
               "agent_id,sponsor_id,tier,region,name\n"                               // 1
               "A1,,\"Gold, senior\",\"Futian, Shenzhen\",\"Li \"\"Boss\"\" Wei\"\n"  // 2
               "A2,A1,silver,\"Tianhe\r\nGuangzhou\",\"Wang\nJun\"\n"                 // 3-5
               "\"A,3\",A1,silver,\"a \"\"quoted\"\", region\",Zhao\n"                // 6
               "A4,\"A,3\",\"Gold, senior\",,\"Sun, \"\"Jr\"\"\"\n"                   // 7
               "A5,A1,silver,\"unclosed,Qian\n");                                     // 8
  LoadedBundle strict = Load(bundle);
  // Only the unclosed quote is an error, at the line where its record starts.
  EXPECT_THAT(
      strict.report.errors,
      ElementsAre(IssueAt("agents.csv", 8, "quoted field opened on line 8 is never closed")));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.loaded.report.CountsFor("agents.csv").loaded, 4);
  EXPECT_EQ(c.Agent("A,3")[kDepth], 2);
  EXPECT_EQ(c.Agent("A4")[kDepth], 3);
  EXPECT_EQ(c.Agent("A1")[kDownlineSize], 3);
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("Gold, senior", 2), Pair("silver", 2)));
}

// ---------------------------------------------------------------------------
// GB18030 / GBK.

TEST(EncodingTest, DeclaredGb18030FilesAreConverted) {
  const std::string agents = FromUtf8(kChineseAgents, "GB18030");
  ASSERT_FALSE(IsUtf8(agents)) << "the test input must really be GB18030 bytes";
  TempBundle bundle;
  bundle.Write("network.yaml", "encoding: gb18030\ntiers: [总代, 一级代理, 二级代理, 特约]\n");
  bundle.Write("agents.csv", agents);
  bundle.Write("orders.csv", FromUtf8(kChineseOrders, "GB18030"));
  LoadedBundle strict = Load(bundle);
  // The order's kind "销售" (sale, in Chinese) is not a kind: it must come out
  // as readable UTF-8 in the reason, not as GB18030 bytes.
  EXPECT_THAT(strict.report.errors, ElementsAre(IssueAt("orders.csv", 2, "unknown kind '销售'")));

  bundle.Write("orders.csv", FromUtf8("order_id,date,seller_id,buyer_id,sku,quantity,amount\n"
                                      "O1,2026-02-01,,A1,面膜,10,1000.00\n",
                                      "GB18030"));
  Computed c = ComputeOrFail(bundle);
  LoadReport& report = c.loaded.report;
  EXPECT_THAT(report.warnings, IsEmpty()) << "a declared encoding needs no warning";
  EXPECT_EQ(report.CountsFor("agents.csv").encoding, "gb18030");
  EXPECT_EQ(report.CountsFor("orders.csv").encoding, "gb18030");
  EXPECT_NE(c.network().tier_labels.Find("一级代理"), StringInterner::kNotFound);
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("总代", 1), Pair("一级代理", 1),
                                            Pair("二级代理", 0), Pair("特约", 2)));
  EXPECT_EQ(c.Agent("A1")[kUnitsBought], 10);
}

TEST(EncodingTest, UndeclaredGb18030FileIsDetectedWithAWarning) {
  TempBundle bundle;
  bundle.Write("agents.csv", FromUtf8(kChineseAgents, "GB18030"));
  Computed c = ComputeOrFail(bundle);
  LoadReport& report = c.loaded.report;
  EXPECT_THAT(report.errors, IsEmpty());
  EXPECT_THAT(report.warnings,
              ElementsAre(AllOf(IssueAt("agents.csv", 0, "read as GB18030 (detected)"),
                                Field(&LoadIssue::reason, HasSubstr("encoding: gb18030")))));
  EXPECT_EQ(report.CountsFor("agents.csv").encoding, "gb18030");
  for (const char* tier : {"总代", "一级代理", "特约"}) {
    EXPECT_NE(c.network().tier_labels.Find(tier), StringInterner::kNotFound) << tier;
  }
  // Without network.yaml: order of first appearance.
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("总代", 1), Pair("一级代理", 1), Pair("特约", 2)));
}

TEST(EncodingTest, GbkFileIsDetectedAndOnlyThatFileIsConverted) {
  // GBK is a subset of GB18030; a UTF-8 agents.csv next to a GBK orders.csv.
  TempBundle bundle;
  bundle.Write("network.yaml", "tiers: [总代, 一级代理, 特约]\n");
  bundle.Write("agents.csv", kChineseAgents);
  bundle.Write("orders.csv", FromUtf8("order_id,date,seller_id,buyer_id,sku,quantity,amount\n"
                                      "O1,2026-02-01,,A1,面膜,10,1000.00\n"
                                      "O2,2026-02-02,A1,A2,面膜,4,480.00\n",
                                      "GBK"));
  Computed c = ComputeOrFail(bundle);
  LoadReport& report = c.loaded.report;
  EXPECT_EQ(report.CountsFor("agents.csv").encoding, "utf-8");
  EXPECT_EQ(report.CountsFor("orders.csv").encoding, "gb18030");
  EXPECT_THAT(report.warnings, ElementsAre(IssueAt("orders.csv", 0, "read as GB18030 (detected)")));
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 4);
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("总代", 1), Pair("一级代理", 1), Pair("特约", 2)));
}

TEST(EncodingTest, ConvertedFileKeepsItsLineNumbersAndReadableIds) {
  TempBundle bundle;
  bundle.Write("agents.csv", FromUtf8("agent_id,sponsor_id,tier,name\n"
                                      "张三,,总代,\"多行\n地址\"\n"  // lines 2-3
                                      "李四,张三,特约,\n"            // line 4
                                      "王五,赵六,特约,\n",           // line 5
                                      "GB18030"));
  LoadedBundle loaded = Load(bundle, /*lenient=*/true);
  EXPECT_THAT(loaded.report.errors,
              ElementsAre(IssueAt("agents.csv", 5, "unknown sponsor_id '赵六'")));
  ASSERT_NE(loaded.network, nullptr);
  EXPECT_NE(loaded.network->Find("李四"), kNoAgent);
  EXPECT_EQ(loaded.network->sponsor[loaded.network->Find("李四")], loaded.network->Find("张三"));
}

TEST(EncodingTest, FileThatIsNeitherUtf8NorGb18030IsRefusedNamingFileAndLine) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nA1,\nA2,A1\xff\xfe\x80\n");
  for (const bool lenient : {false, true}) {
    SCOPED_TRACE(lenient ? "lenient" : "strict");
    LoadedBundle loaded = Load(bundle, lenient);
    EXPECT_TRUE(loaded.report.refused);
    EXPECT_FALSE(loaded.report.Usable());
    EXPECT_THAT(loaded.report.errors,
                ElementsAre(IssueAt("agents.csv", 3, "neither UTF-8 nor GB18030")));
    EXPECT_EQ(loaded.network, nullptr);
  }
}

TEST(EncodingTest, Defect17_StrayByteInAUtf8ChineseFileIsReportedOnItsOwnLine) {
  TempBundle bundle;
  bundle.Write("agents.csv", std::string("agent_id,sponsor_id,tier\n"
                                         "A1,,总代\n"
                                         "A2,A1,特约\n"
                                         "A3,A1,x\n"
                                         "A4,A1,\xff\n"));  // line 5
  LoadedBundle loaded = Load(bundle);
  EXPECT_TRUE(loaded.report.refused);
  // Defect 17: one stray byte in a UTF-8 file is reported where it is, not
  // read as GB18030 (总代 would become 鎬讳唬).
  EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt("agents.csv", 5,
                                                        "not valid UTF-8 (byte 7 of the line) in a "
                                                        "file that is otherwise UTF-8")));
}

TEST(EncodingTest, StrayByteInAGb18030FileIsReportedOnItsOwnLine) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id,tier\n" +
                                 FromUtf8("A1,,总代\nA2,A1,特约\nA3,A1,x\n", "GB18030") +
                                 "A4,A1,\xff\n");  // line 5
  LoadedBundle loaded = Load(bundle);
  EXPECT_TRUE(loaded.report.refused);
  EXPECT_THAT(loaded.report.errors,
              ElementsAre(IssueAt("agents.csv", 5, "neither UTF-8 nor GB18030")));
}

TEST(EncodingTest, UndecodableOrdersFileRefusesTheWholeBundle) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nA1,\nA2,A1\n");
  bundle.Write("orders.csv",
               "order_id,date,seller_id,buyer_id,quantity,amount\n"
               "O1,2026-02-01,A1,A2,1,1.00\n"
               "O2,2026-02-01,A1,A2,1,\x80\n");
  LoadedBundle loaded = Load(bundle, /*lenient=*/true);
  EXPECT_TRUE(loaded.report.refused);
  EXPECT_THAT(loaded.report.errors,
              ElementsAre(IssueAt("orders.csv", 3, "neither UTF-8 nor GB18030")));
}

TEST(EncodingTest, FileDeclaredUtf8HoldingGbkBytesIsRefused) {
  TempBundle bundle;
  bundle.Write("network.yaml", "encoding: utf-8\n");
  bundle.Write("agents.csv",
               "agent_id,sponsor_id,tier\nA1,,gold\n" + FromUtf8("A2,A1,一级代理\n", "GBK"));
  for (const bool lenient : {false, true}) {
    SCOPED_TRACE(lenient ? "lenient" : "strict");
    LoadedBundle loaded = Load(bundle, lenient);
    EXPECT_TRUE(loaded.report.refused);
    ASSERT_THAT(loaded.report.errors, ElementsAre(IssueAt("agents.csv", 3, "not valid UTF-8")));
    EXPECT_THAT(loaded.report.errors[0].reason, HasSubstr("encoding: gb18030"));
    EXPECT_EQ(loaded.network, nullptr);
  }
}

TEST(EncodingTest, FileDeclaredGb18030WithInvalidBytesIsRefused) {
  TempBundle bundle;
  bundle.Write("network.yaml", "encoding: GB18030\n");
  bundle.Write("agents.csv",
               FromUtf8("agent_id,sponsor_id,tier\nA1,,总代\n", "GB18030") + "A2,A1,\xff\n");
  LoadedBundle loaded = Load(bundle);
  EXPECT_TRUE(loaded.report.refused);
  EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt("agents.csv", 3, "not valid GB18030")));
}

TEST(EncodingTest, ByteOrderMarkWinsOverADeclaredGb18030) {
  TempBundle bundle;
  bundle.Write("network.yaml", "encoding: gb18030\n");
  bundle.Write("agents.csv", std::string(kBom) + kChineseAgents);
  Computed c = ComputeOrFail(bundle);
  EXPECT_EQ(c.loaded.report.CountsFor("agents.csv").encoding, "utf-8");
  EXPECT_THAT(c.loaded.report.warnings, ElementsAre(IssueAt("agents.csv", 0, "byte-order mark")));
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("总代", 1), Pair("一级代理", 1), Pair("特约", 2)));
}

TEST(EncodingTest, ByteOrderMarkedFileWithGbkBytesIsRefusedWithoutBlamingAnAbsentDeclaration) {
  TempBundle bundle;
  bundle.Write("agents.csv",
               std::string(kBom) + "agent_id,sponsor_id,tier\n" + FromUtf8("A1,,总代\n", "GBK"));
  for (const char* yaml : {"", "encoding: gb18030\n"}) {
    SCOPED_TRACE(yaml[0] == '\0' ? "no network.yaml" : "declared gb18030");
    if (yaml[0] != '\0') bundle.Write("network.yaml", yaml);
    LoadedBundle loaded = Load(bundle);
    EXPECT_TRUE(loaded.report.refused);
    ASSERT_THAT(loaded.report.errors, ElementsAre(IssueAt("agents.csv", 2, "UTF-8")));
    EXPECT_THAT(loaded.report.errors[0].reason,
                AllOf(Not(HasSubstr("network.yaml declares utf-8")),
                      Not(HasSubstr("declare `encoding: gb18030`"))));
  }
}

TEST(EncodingTest, NetworkYamlThatIsNotUtf8IsRefusedNotReadAsGarbage) {
  TempBundle bundle;
  bundle.Write("network.yaml", FromUtf8("tiers: [总代, 特约]\n", "GBK"));
  bundle.Write("agents.csv", "agent_id,sponsor_id,tier\nA1,,总代\nA2,A1,特约\n");
  LoadedBundle loaded = Load(bundle, /*lenient=*/true);
  EXPECT_TRUE(loaded.report.refused);
  EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt("network.yaml", 1, "UTF-8")));
}

TEST(EncodingTest, NetworkYamlWithAByteOrderMarkIsRead) {
  TempBundle bundle;
  bundle.Write("network.yaml",
               std::string(kBom) + "as_of: 2026-03-31\ntiers: [特约, 一级代理, 总代]\n");
  bundle.Write("agents.csv", kChineseAgents);
  Computed c = ComputeOrFail(bundle);
  EXPECT_THAT(c.loaded.report.warnings, IsEmpty());
  EXPECT_EQ(c.loaded.report.as_of, "2026-03-31");
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("特约", 2), Pair("一级代理", 1), Pair("总代", 1)));
}

TEST(EncodingTest, PlainUtf8ChineseIsNeverTakenForGb18030) {
  TempBundle bundle;
  bundle.Write("agents.csv", kChineseAgents);
  Computed c = ComputeOrFail(bundle);
  EXPECT_THAT(c.loaded.report.warnings, IsEmpty());
  EXPECT_EQ(c.loaded.report.CountsFor("agents.csv").encoding, "utf-8");
  EXPECT_THAT(Tiers(c.figures), ElementsAre(Pair("总代", 1), Pair("一级代理", 1), Pair("特约", 2)));
}

}  // namespace
}  // namespace tiersight::graph
