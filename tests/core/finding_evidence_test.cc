// The evidence annex of a report, from a small network written inline and
// loaded leniently: one order and one payment row are rejected, and one of
// each is dated after the declared as_of; none of them may be evidence.
//
//   X ─── A ─┬─ B
//            └─ C
#include "core/finding_evidence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>

#include "core/figures_proto.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::core {
namespace {

namespace v1 = tiersight::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using tiersight::testing::TempBundle;

constexpr char kOrders[] = R"csv(order_id,date,seller_id,buyer_id,sku,quantity,amount,kind
1,2025-01-02,,A,S,2,200.50,sale
2,2025-01-03,A,B,S,1,100,
3,2025-01-04,A,NOBODY,S,1,99,sale
4,2025-07-01,,A,S,1,77,sale
5,2025-01-05,,C,S,1,10,sale
6,2025-02-01T09:30:00,B,A,S,1,50,RETURN
)csv";

class FindingEvidenceTest : public ::testing::Test {
 protected:
  FindingEvidenceTest() {
    bundle_.Write("network.yaml", "name: t\ncurrency: CNY\nas_of: 2025-06-30\n")
        .Write("agents.csv", "agent_id,sponsor_id\nX,\nA,X\nB,A\nC,A\n")
        .Write("orders.csv", kOrders)
        .Write("payments.csv", R"csv(payment_id,date,payer_id,payee_id,amount,kind
P1,2025-01-10,A,,600,entry_fee
P2,2025-01-11,,A,30,recruitment_bonus
P3,2025-01-12,X,C,5,other
P4,2025-01-13,A,,abc,entry_fee
P5,2025-08-01,,A,9,override
)csv");
    const graph::LoadedBundle loaded = testing::Load(bundle_, /*lenient=*/true);
    *report_.mutable_load() = LoadReportToProto(loaded.report);
    AddFinding("network", "net", {"network"});
    AddFinding("agent", "one", {"A"});
    AddFinding("level", "lvl", {"level 2"});
    AddFinding("agent", "two", {"B", "A"});
  }

  void AddFinding(const std::string& scope, const std::string& rule_id,
                  const std::vector<std::string>& subjects) {
    v1::Finding& f = *report_.add_findings();
    f.set_pack("p");
    f.set_rule_id(rule_id);
    f.set_scope(scope);
    for (const std::string& s : subjects) f.add_subjects(s);
    f.set_subject_count(f.subjects_size());
  }

  exports::EvidenceAnnex AnnexOrFail() const {
    absl::StatusOr<exports::EvidenceAnnex> annex = FindingEvidence(bundle_.dir(), report_);
    EXPECT_TRUE(annex.ok()) << annex.status();
    return annex.ok() ? *annex : exports::EvidenceAnnex{};
  }

  // (finding, subject, record id, role, counterparty) of every row.
  using Row = std::tuple<int, std::string, std::string, std::string, std::string>;
  static std::vector<Row> Rows(const exports::EvidenceAnnex& annex) {
    std::vector<Row> rows;
    for (const exports::EvidenceRow& r : annex.rows) {
      const graph::PartyRecord& rec = annex.records[r.record];
      const bool from = r.role == rec.from_role();
      rows.emplace_back(r.finding, from ? rec.from : rec.to, rec.id,
                        std::string(graph::PartyRoleName(r.role)), from ? rec.to : rec.from);
    }
    return rows;
  }

  TempBundle bundle_;
  v1::AuditReport report_;
};

TEST_F(FindingEvidenceTest, TheLoadRejectedTwoRowsAndIgnoredTwo) {
  ASSERT_EQ(report_.load().errors_size(), 2);
  EXPECT_EQ(report_.load().errors(0).line(), 4);
  EXPECT_EQ(report_.load().errors(1).line(), 5);
  EXPECT_EQ(report_.load().ignored(), 2);
}

TEST_F(FindingEvidenceTest, EveryAcceptedRecordOfEachSubjectWithItsRoleInFileOrder) {
  EXPECT_THAT(Rows(AnnexOrFail()),
              ElementsAre(Row{1, "A", "1", "buyer", ""}, Row{1, "A", "2", "seller", "B"},
                          Row{1, "A", "6", "buyer", "B"}, Row{1, "A", "P1", "payer", ""},
                          Row{1, "A", "P2", "payee", ""},
                          // Finding 3 names B and A: both parties of orders 2 and 6.
                          Row{3, "A", "1", "buyer", ""}, Row{3, "A", "2", "seller", "B"},
                          Row{3, "B", "2", "buyer", "A"}, Row{3, "B", "6", "seller", "A"},
                          Row{3, "A", "6", "buyer", "B"}, Row{3, "A", "P1", "payer", ""},
                          Row{3, "A", "P2", "payee", ""}));
}

TEST_F(FindingEvidenceTest, RejectedAndLaterRowsAndOtherAgentsRecordsAreNeverEvidence) {
  const exports::EvidenceAnnex annex = AnnexOrFail();
  std::vector<std::string> ids;
  for (const graph::PartyRecord& r : annex.records) ids.push_back(r.id);
  // Each record once, however many findings it is evidence for.
  EXPECT_THAT(ids, ElementsAre("1", "2", "6", "P1", "P2"));
}

TEST_F(FindingEvidenceTest, NetworkAndGroupFindingsContributeNoRows) {
  for (const exports::EvidenceRow& r : AnnexOrFail().rows) {
    EXPECT_TRUE(r.finding == 1 || r.finding == 3) << r.finding;
  }
  report_.mutable_findings()->DeleteSubrange(1, 1);
  report_.mutable_findings()->DeleteSubrange(2, 1);
  const exports::EvidenceAnnex none = AnnexOrFail();
  EXPECT_TRUE(none.rows.empty());
  EXPECT_TRUE(none.records.empty());
}

TEST_F(FindingEvidenceTest, FieldsAsTheBundleWritesThemWithTheDayAndKindNormalised) {
  const exports::EvidenceAnnex annex = AnnexOrFail();
  ASSERT_EQ(annex.records.size(), 5u);
  const graph::PartyRecord& first = annex.records[0];
  EXPECT_EQ(first.file, "orders.csv");
  EXPECT_EQ(first.line, 2);
  EXPECT_EQ(first.date, "2025-01-02");
  EXPECT_EQ(first.kind, "sale");
  EXPECT_EQ(first.quantity, "2");
  EXPECT_EQ(first.amount, "200.50");
  EXPECT_EQ(annex.records[1].kind, "sale") << "an order without a kind is a sale";
  EXPECT_EQ(annex.records[2].kind, "return");
  EXPECT_EQ(annex.records[2].date, "2025-02-01") << "the day, without the time";
  const graph::PartyRecord& payment = annex.records[3];
  EXPECT_EQ(payment.file, "payments.csv");
  EXPECT_EQ(payment.kind, "entry_fee");
  EXPECT_EQ(payment.quantity, "");
  EXPECT_EQ(payment.amount, "600");
}

TEST_F(FindingEvidenceTest, ASubjectListCutShortIsRefusedNamingTheFinding) {
  report_.mutable_findings(3)->set_subject_count(5);
  absl::StatusOr<exports::EvidenceAnnex> annex = FindingEvidence(bundle_.dir(), report_);
  EXPECT_EQ(annex.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(annex.status().message(), HasSubstr("finding 3 (p two) lists 2 of its 5 subjects"));
}

TEST_F(FindingEvidenceTest, ABundleChangedSinceTheAuditIsRefusedNamingTheFile) {
  bundle_.Write("orders.csv", std::string(kOrders) + "7,2025-01-06,,A,S,1,1,sale\n");
  absl::StatusOr<exports::EvidenceAnnex> annex = FindingEvidence(bundle_.dir(), report_);
  EXPECT_EQ(annex.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(annex.status().message(), HasSubstr("orders.csv: SHA-256"));
  EXPECT_THAT(annex.status().message(), HasSubstr("changed since it was loaded"));
}

TEST_F(FindingEvidenceTest, WithoutAgentFindingsTheBundleIsNotRead) {
  report_.mutable_findings()->DeleteSubrange(3, 1);
  report_.mutable_findings()->DeleteSubrange(1, 1);
  absl::StatusOr<exports::EvidenceAnnex> annex = FindingEvidence("/nonexistent", report_);
  ASSERT_TRUE(annex.ok()) << annex.status();
  EXPECT_TRUE(annex->rows.empty());
}

// A bundle saved as GB18030 (undeclared: the load detected it) is read
// again as the load read it, and its ids come out as UTF-8.
TEST(FindingEvidenceEncodingTest, AGb18030BundleIsReadAgainAsItWasLoaded) {
  TempBundle bundle;
  bundle.Write("network.yaml", "name: t\ncurrency: CNY\n")
      .Write("agents.csv", testing::FromUtf8("agent_id,sponsor_id\n王总,\n李代,王总\n", "GB18030"))
      .Write("orders.csv", testing::FromUtf8("order_id,date,seller_id,buyer_id,quantity,amount\n"
                                             "单1,2025-01-02,王总,李代,1,100\n",
                                             "GB18030"))
      .Write("payments.csv", "payment_id,date,payer_id,payee_id,amount,kind\n");
  const graph::LoadedBundle loaded = testing::Load(bundle, /*lenient=*/true);
  v1::AuditReport report;
  *report.mutable_load() = LoadReportToProto(loaded.report);
  v1::Finding& f = *report.add_findings();
  f.set_scope("agent");
  f.add_subjects("李代");
  f.set_subject_count(1);
  absl::StatusOr<exports::EvidenceAnnex> annex = FindingEvidence(bundle.dir(), report);
  ASSERT_TRUE(annex.ok()) << annex.status();
  ASSERT_EQ(annex->records.size(), 1u);
  EXPECT_EQ(annex->records[0].id, "单1");
  EXPECT_EQ(annex->records[0].from, "王总");
  ASSERT_EQ(annex->rows.size(), 1u);
  EXPECT_EQ(annex->rows[0].role, graph::PartyRole::kBuyer);
}

}  // namespace
}  // namespace tiersight::core
