// How `tiersight upload` turns a bundle directory into UploadNetwork
// messages, and `audit --server` its options into an AuditNetworkRequest.
#include "clients/cpp/remote_bundle_rows.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "cli/remote_audit.h"
#include "graph/bundle_columns.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::client {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using tiersight::testing::TempBundle;
using tiersight::v1::UploadNetworkBatch;

std::vector<std::string> FieldNames(const google::protobuf::Descriptor* descriptor) {
  std::vector<std::string> names;
  for (int i = 0; i < descriptor->field_count(); ++i) names.push_back(descriptor->field(i)->name());
  return names;
}

struct Collected {
  std::vector<UploadNetworkBatch> batches;
  std::vector<graph::LoadIssue> warnings;
  absl::StatusOr<BundleRowsResult> result;
};

Collected Collect(const TempBundle& bundle, size_t batch_bytes) {
  Collected out{.result = absl::UnknownError("not run")};
  out.result = StreamBundleRows(bundle.dir(), graph::TextEncoding::kUnspecified, batch_bytes,
                                out.warnings, [&](UploadNetworkBatch& batch) {
                                  out.batches.push_back(batch);
                                  return true;
                                });
  return out;
}

template <size_t N>
std::vector<std::string> Names(const std::array<graph::BundleColumn, N>& columns) {
  std::vector<std::string> names;
  for (const graph::BundleColumn& c : columns) names.emplace_back(c.name);
  return names;
}

// A header of every column and one row whose field is "<column>=".
template <size_t N>
std::string FileOfEveryColumn(const std::array<graph::BundleColumn, N>& columns) {
  const std::vector<std::string> names = Names(columns);
  std::string header, row;
  for (const std::string& name : names) {
    header += (header.empty() ? "" : ",") + name;
    row += (row.empty() ? "" : ",") + name + "=";
  }
  return header + "\n" + row + "\n";
}

void ExpectEachFieldHoldsItsColumn(const google::protobuf::Message& record) {
  const google::protobuf::Descriptor* descriptor = record.GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    EXPECT_EQ(record.GetReflection()->GetString(record, field), field->name() + "=")
        << descriptor->name();
  }
}

// The format's columns are the record messages' fields, in field order, and
// each column's text lands in the field of its name.
TEST(RemoteBundleRowsTest, EachColumnFillsTheFieldOfItsName) {
  EXPECT_EQ(Names(graph::kAgentColumns), FieldNames(tiersight::v1::Agent::descriptor()));
  EXPECT_EQ(Names(graph::kOrderColumns), FieldNames(tiersight::v1::Order::descriptor()));
  EXPECT_EQ(Names(graph::kPaymentColumns), FieldNames(tiersight::v1::Payment::descriptor()));

  TempBundle bundle;
  bundle.Write("agents.csv", FileOfEveryColumn(graph::kAgentColumns))
      .Write("orders.csv", FileOfEveryColumn(graph::kOrderColumns))
      .Write("payments.csv", FileOfEveryColumn(graph::kPaymentColumns));
  Collected c = Collect(bundle, size_t{2} << 20);
  ASSERT_TRUE(c.result.ok()) << c.result.status();
  ASSERT_EQ(c.batches.size(), 1u);
  ASSERT_EQ(c.batches[0].agents_size(), 1);
  ASSERT_EQ(c.batches[0].orders_size(), 1);
  ASSERT_EQ(c.batches[0].payments_size(), 1);
  ExpectEachFieldHoldsItsColumn(c.batches[0].agents(0));
  ExpectEachFieldHoldsItsColumn(c.batches[0].orders(0));
  ExpectEachFieldHoldsItsColumn(c.batches[0].payments(0));
}

TEST(RemoteBundleRowsTest, RowsKeepTheirTextInFileOrderAcrossBatches) {
  TempBundle bundle;
  bundle.Write("agents.csv", "region, agent_id,sponsor_id,extra\n华东,T,,x\n\"a,b\",A,T,y\n")
      .Write("orders.csv",
             "order_id,date,seller_id,buyer_id,quantity,amount\nO1,2026-01-01,,T,5,50\n")
      .Write("payments.csv",
             "payment_id,date,payer_id,payee_id,amount,kind\nP1,2026-01-02,T,,9,entry_fee\n");
  Collected c = Collect(bundle, /*batch_bytes=*/1);  // one record per batch
  ASSERT_TRUE(c.result.ok()) << c.result.status();
  EXPECT_EQ(c.result->rows, 4);
  EXPECT_EQ(c.result->batches, 4);
  ASSERT_EQ(c.batches.size(), 4u);
  ASSERT_EQ(c.batches[0].agents_size(), 1);
  EXPECT_EQ(c.batches[0].agents(0).agent_id(), "T");
  EXPECT_EQ(c.batches[0].agents(0).region(), "华东");
  EXPECT_EQ(c.batches[1].agents(0).region(), "a,b");
  EXPECT_EQ(c.batches[1].agents(0).sponsor_id(), "T");
  EXPECT_EQ(c.batches[2].orders(0).quantity(), "5");
  EXPECT_EQ(c.batches[3].payments(0).kind(), "entry_fee");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_THAT(c.warnings[0].reason, HasSubstr("'extra'"));
}

TEST(RemoteBundleRowsTest, SmallFilesGoInOneBatch) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nT,\nA,T\nB,A\n");
  Collected c = Collect(bundle, size_t{2} << 20);
  ASSERT_TRUE(c.result.ok());
  ASSERT_EQ(c.batches.size(), 1u);
  EXPECT_EQ(c.batches[0].agents_size(), 3);
}

TEST(RemoteBundleRowsTest, MalformedRecordsAreListedAndNothingMoreIsSent) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nT,\nA,T,surplus\nB,\"open\n");
  Collected c = Collect(bundle, 1);
  ASSERT_TRUE(c.result.ok());
  EXPECT_EQ(c.batches.size(), 1u);  // T, before the first malformed record
  ASSERT_EQ(c.result->malformed.size(), 2u);
  EXPECT_THAT(c.result->malformed[0], HasSubstr("agents.csv:3: 3 fields where the header has 2"));
  EXPECT_THAT(c.result->malformed[1], HasSubstr("agents.csv:4:"));
}

TEST(RemoteBundleRowsTest, AMissingRequiredColumnRefusesTheBundle) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id\nT\n");
  Collected c = Collect(bundle, 1);
  ASSERT_FALSE(c.result.ok());
  EXPECT_THAT(std::string(c.result.status().message()),
              HasSubstr("agents.csv:1: missing required column sponsor_id"));
  EXPECT_TRUE(c.batches.empty());
}

TEST(RemoteBundleRowsTest, NetworkYamlBecomesFacts) {
  TempBundle bundle;
  bundle.Write("network.yaml",
               "name: Brand\ncurrency: CNY\nas_of: 2026-09-30\ntiers: [总代, 特约]\n"
               "encoding: gb18030\njurisdiction: cn\ndirect_selling_licence: true\n");
  std::vector<graph::LoadIssue> warnings;
  absl::StatusOr<BundleFacts> facts = ReadNetworkFacts(bundle.dir(), warnings);
  ASSERT_TRUE(facts.ok()) << facts.status();
  EXPECT_EQ(facts->facts.name(), "Brand");
  EXPECT_EQ(facts->facts.currency(), "CNY");
  EXPECT_EQ(facts->facts.as_of(), "2026-09-30");
  EXPECT_THAT(facts->facts.tiers(), ElementsAre("总代", "特约"));
  EXPECT_EQ(facts->facts.jurisdiction(), "cn");
  EXPECT_TRUE(facts->facts.direct_selling_licence());
  // The rows are sent as UTF-8, so the service must not decode them again.
  EXPECT_EQ(facts->facts.encoding(), "");
  EXPECT_EQ(facts->encoding, graph::TextEncoding::kGb18030);
}

}  // namespace
}  // namespace tiersight::client
