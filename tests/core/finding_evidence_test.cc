// The evidence annex of a report, from a small network written inline and
// loaded leniently: one order and one payment row are rejected, and one of
// each is dated after the declared as_of; none of them may be evidence.
//
//   X ─── A ─┬─ B
//            └─ C
#include "core/finding_evidence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "core/figures_proto.h"
#include "exports/evidence_records.h"
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
    return annex.ok() ? *std::move(annex) : exports::EvidenceAnnex{};
  }

  // The records the annex reads again, in order.
  static std::vector<graph::PartyRecord> Records(const exports::EvidenceAnnex& annex) {
    std::vector<graph::PartyRecord> records;
    if (!annex.for_each_record) return records;
    const absl::Status s = annex.for_each_record(
        [&](const graph::PartyRecord& r, uint32_t, uint32_t) { records.push_back(r); });
    EXPECT_TRUE(s.ok()) << s;
    return records;
  }

  // (record id, subject, role, counterparty, findings) of every subject's
  // part in a record, as evidence_records.csv has them before ids are
  // mapped.
  using Row = std::tuple<std::string, std::string, std::string, std::string, std::vector<int32_t>>;
  static std::vector<Row> Rows(const exports::EvidenceAnnex& annex) {
    std::vector<Row> rows;
    if (!annex.for_each_record) return rows;
    const absl::Status s = annex.for_each_record(
        [&](const graph::PartyRecord& r, uint32_t from_list, uint32_t to_list) {
          if (from_list != 0) {
            rows.emplace_back(r.id, r.from, std::string(graph::PartyRoleName(r.from_role())), r.to,
                              annex.finding_lists.at(from_list));
          }
          if (to_list != 0) {
            rows.emplace_back(r.id, r.to, std::string(graph::PartyRoleName(r.to_role())), r.from,
                              annex.finding_lists.at(to_list));
          }
        });
    EXPECT_TRUE(s.ok()) << s;
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

TEST_F(FindingEvidenceTest, EachSubjectsPartInARecordOnceWithTheFindingsNamingIt) {
  const exports::EvidenceAnnex annex = AnnexOrFail();
  using F = std::vector<int32_t>;
  // A is a subject of findings 1 and 3, B of finding 3 only; orders 2 and
  // 6 name both, seller (or payer) first.
  EXPECT_THAT(
      Rows(annex),
      ElementsAre(Row{"1", "A", "buyer", "", F{1, 3}}, Row{"2", "A", "seller", "B", F{1, 3}},
                  Row{"2", "B", "buyer", "A", F{3}}, Row{"6", "B", "seller", "A", F{3}},
                  Row{"6", "A", "buyer", "B", F{1, 3}}, Row{"P1", "A", "payer", "", F{1, 3}},
                  Row{"P2", "A", "payee", "", F{1, 3}}));
  EXPECT_EQ(annex.rows, 7);
}

TEST_F(FindingEvidenceTest, RejectedAndLaterRowsAndOtherAgentsRecordsAreNeverEvidence) {
  std::vector<std::string> ids;
  for (const graph::PartyRecord& r : Records(AnnexOrFail())) ids.push_back(r.id);
  // Each record once, however many findings and subjects it is evidence
  // for: not 3 or P4 (rejected), 4 or P5 (after as_of), 5 or P3 (C and X
  // are no subjects).
  EXPECT_THAT(ids, ElementsAre("1", "2", "6", "P1", "P2"));
}

TEST_F(FindingEvidenceTest, SubjectsNamedByTheSameFindingsShareOneList) {
  AddFinding("agent", "three", {"C", "B", "X"});
  AddFinding("agent", "four", {"X", "C", "C"});
  const exports::EvidenceAnnex annex = AnnexOrFail();
  std::set<std::vector<int32_t>> distinct(annex.finding_lists.begin(), annex.finding_lists.end());
  EXPECT_EQ(distinct.size(), annex.finding_lists.size()) << "each list once";
  // C and X share [4, 5] (C named twice by finding 5 counts once); B has
  // [3, 4], A [1, 3].
  EXPECT_THAT(annex.finding_lists,
              ::testing::IsSupersetOf({std::vector<int32_t>{4, 5}, std::vector<int32_t>{3, 4},
                                       std::vector<int32_t>{1, 3}}));
  std::vector<int32_t> lists_of_x_and_c;
  ASSERT_TRUE(annex
                  .for_each_record([&](const graph::PartyRecord& r, uint32_t from, uint32_t to) {
                    if (r.id == "P3")
                      lists_of_x_and_c = {static_cast<int32_t>(from), static_cast<int32_t>(to)};
                  })
                  .ok());
  ASSERT_EQ(lists_of_x_and_c.size(), 2u) << "P3, from X to C, is now evidence";
  EXPECT_NE(lists_of_x_and_c[0], 0);
  EXPECT_EQ(lists_of_x_and_c[0], lists_of_x_and_c[1]);
  EXPECT_EQ(annex.rows, 7 + 3) << "and order 5 for C, P3 for X and C";
}

TEST_F(FindingEvidenceTest, NetworkAndGroupFindingsContributeNoRows) {
  for (const std::vector<int32_t>& list : AnnexOrFail().finding_lists) {
    for (int32_t f : list) EXPECT_TRUE(f == 1 || f == 3) << f;
  }
  report_.mutable_findings()->DeleteSubrange(1, 1);
  report_.mutable_findings()->DeleteSubrange(2, 1);
  const exports::EvidenceAnnex none = AnnexOrFail();
  EXPECT_EQ(none.rows, 0);
  EXPECT_TRUE(Records(none).empty());
}

TEST_F(FindingEvidenceTest, FieldsAsTheBundleWritesThemWithTheDayAndKindNormalised) {
  const std::vector<graph::PartyRecord> records = Records(AnnexOrFail());
  ASSERT_EQ(records.size(), 5u);
  const graph::PartyRecord& first = records[0];
  EXPECT_EQ(first.file, "orders.csv");
  EXPECT_EQ(first.line, 2);
  EXPECT_EQ(first.date, "2025-01-02");
  EXPECT_EQ(first.kind, "sale");
  EXPECT_EQ(first.quantity, "2");
  EXPECT_EQ(first.amount, "200.50");
  EXPECT_EQ(records[1].kind, "sale") << "an order without a kind is a sale";
  EXPECT_EQ(records[2].kind, "return");
  EXPECT_EQ(records[2].date, "2025-02-01") << "the day, without the time";
  const graph::PartyRecord& payment = records[3];
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

// The annex holds no records but reads them again for its table: a file
// changed in between fails the table rather than giving other records.
TEST_F(FindingEvidenceTest, ABundleChangedBeforeTheTableIsWrittenFailsTheTable) {
  const exports::EvidenceAnnex annex = AnnexOrFail();
  bundle_.Write("payments.csv", "payment_id,date,payer_id,payee_id,amount,kind\n");
  const absl::Status s = exports::WriteEvidenceRecords(
      annex, [](std::string_view id) { return std::string(id); },
      [](std::string_view) { return absl::OkStatus(); });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("payments.csv: SHA-256"));
}

TEST_F(FindingEvidenceTest, WithoutAgentFindingsTheBundleIsNotRead) {
  report_.mutable_findings()->DeleteSubrange(3, 1);
  report_.mutable_findings()->DeleteSubrange(1, 1);
  absl::StatusOr<exports::EvidenceAnnex> annex = FindingEvidence("/nonexistent", report_);
  ASSERT_TRUE(annex.ok()) << annex.status();
  EXPECT_EQ(annex->rows, 0);
  EXPECT_FALSE(annex->for_each_record);
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
  EXPECT_EQ(annex->rows, 1);
  std::vector<std::tuple<std::string, std::string, uint32_t, uint32_t>> seen;
  ASSERT_TRUE(annex
                  ->for_each_record([&](const graph::PartyRecord& r, uint32_t from, uint32_t to) {
                    seen.emplace_back(r.id, r.from, from, to);
                  })
                  .ok());
  // 李代 is the buyer, the subject: list 1 ([0]); 王总 is no subject.
  EXPECT_THAT(seen, ElementsAre(std::tuple{std::string("单1"), std::string("王总"), 0u, 1u}));
}

}  // namespace
}  // namespace tiersight::core
