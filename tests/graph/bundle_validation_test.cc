// One test per defect class of the bundle format ("Reading rules" and
// "Errors" in BUNDLE-FORMAT.md): every rejected row is reported with its file,
// physical line and reason; a strict load lists every error and is not usable;
// a lenient load rejects the bad rows and those that depend on them, counts
// them per file, and computes the figures over what it accepted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <tuple>

#include "graph/bundle_reader.h"
#include "graph/figure_catalogue.h"
#include "graph/figures.h"
#include "graph/load_report.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::graph {

namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::tiersight::testing::Computed;
using ::tiersight::testing::ComputeOrFail;
using ::tiersight::testing::DescribeErrors;
using ::tiersight::testing::IssueAt;
using ::tiersight::testing::kUnit;
using ::tiersight::testing::Load;
using ::tiersight::testing::TempBundle;

// (loaded, rejected, ignored) of one file.
std::tuple<int64_t, int64_t, int64_t> Tally(LoadReport& report, const std::string& file) {
  const FileCounts& c = report.CountsFor(file);
  return {c.loaded, c.rejected, c.ignored};
}

std::tuple<int64_t, int64_t, int64_t> Counts(int64_t loaded, int64_t rejected, int64_t ignored) {
  return {loaded, rejected, ignored};
}

// Loads strictly and leniently; both must have seen the same errors.
struct BothModes {
  LoadedBundle strict;
  LoadedBundle lenient;
};

BothModes LoadBoth(const TempBundle& bundle) {
  BothModes both{Load(bundle, /*lenient=*/false), Load(bundle, /*lenient=*/true)};
  EXPECT_EQ(DescribeErrors(both.strict.report), DescribeErrors(both.lenient.report))
      << "strict and lenient loads must report the same errors";
  EXPECT_FALSE(both.strict.report.Usable()) << "a strict load with errors must not be usable";
  EXPECT_TRUE(both.lenient.report.Usable()) << DescribeErrors(both.lenient.report);
  return both;
}

//   A1 ── A2 ── A3
//    └─── A4
constexpr char kAgents[] = R"csv(agent_id,sponsor_id,tier,joined_at
A1,,gold,2026-01-01
A2,A1,silver,2026-01-02
A3,A2,silver,2026-01-03
A4,A1,silver,2026-01-04
)csv";

constexpr char kOrdersHeader[] = "order_id,date,seller_id,buyer_id,sku,quantity,amount,kind\n";
constexpr char kPaymentsHeader[] = "payment_id,date,payer_id,payee_id,amount,kind\n";

// ---------------------------------------------------------------------------
// Missing required columns: a file-level defect, refused in both modes.

struct MissingColumnCase {
  const char* name;
  const char* file;
  const char* content;
  const char* reason;
};

class MissingRequiredColumnTest : public ::testing::TestWithParam<MissingColumnCase> {};

TEST_P(MissingRequiredColumnTest, RefusesTheBundleAtLineOneInBothModes) {
  const MissingColumnCase& c = GetParam();
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write(c.file, c.content);
  for (const bool lenient : {false, true}) {
    SCOPED_TRACE(lenient ? "lenient" : "strict");
    LoadedBundle loaded = Load(bundle, lenient);
    EXPECT_TRUE(loaded.report.refused);
    EXPECT_FALSE(loaded.report.Usable());
    EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt(c.file, 1, c.reason)))
        << DescribeErrors(loaded.report);
    EXPECT_EQ(loaded.network, nullptr) << "a refused bundle has no network to compute figures on";
  }
}

INSTANTIATE_TEST_SUITE_P(
    BundleValidation, MissingRequiredColumnTest,
    ::testing::Values(
        MissingColumnCase{"AgentsAgentId", "agents.csv", "id,sponsor_id\nA1,\n",
                          "missing required column agent_id"},
        MissingColumnCase{"AgentsSponsorId", "agents.csv", "agent_id,tier\nA1,gold\n",
                          "missing required column sponsor_id"},
        MissingColumnCase{"OrdersOrderId", "orders.csv",
                          "date,seller_id,buyer_id,quantity,amount\n2026-02-01,A1,A2,1,1.00\n",
                          "missing required column order_id"},
        MissingColumnCase{"OrdersDateAndQuantity", "orders.csv",
                          "order_id,seller_id,buyer_id,amount\nO1,A1,A2,1.00\n",
                          "missing required columns date, quantity"},
        MissingColumnCase{"OrdersHeaderOnly", "orders.csv",
                          "order_id,date,seller_id,quantity,amount\n",
                          "missing required column buyer_id"},
        MissingColumnCase{"PaymentsKind", "payments.csv",
                          "payment_id,date,payer_id,payee_id,amount\nP1,2026-02-01,A2,A1,1.00\n",
                          "missing required column kind"},
        MissingColumnCase{"PaymentsPayeeId", "payments.csv",
                          "payment_id,date,payer_id,amount,kind\nP1,2026-02-01,A2,1.00,other\n",
                          "missing required column payee_id"}),
    [](const ::testing::TestParamInfo<MissingColumnCase>& info) { return info.param.name; });

// ---------------------------------------------------------------------------
// Duplicate ids: reported at the later line, naming the earlier one; the
// lenient load keeps the first.

TEST(BundleValidationTest, DuplicateAgentIdIsReportedAtTheLaterLineAndTheFirstIsKept) {
  //   A1 ── A2 ── A3        (line 5 redefines A2 as a top: rejected)
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id,tier
A1,,gold
A2,A1,silver
A3,A2,silver
A2,,gold
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(IssueAt("agents.csv", 5, "duplicate agent_id 'A2' (first defined on line 3)")));
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(3, 1, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A2")[kDepth], 2) << "the first row (sponsored by A1) is the one kept";
  EXPECT_EQ(c.Agent("A1")[kDownlineSize], 2);
  EXPECT_EQ(c.figures.network.tops, 1u);
  ASSERT_EQ(c.figures.tiers.size(), 2u);
  EXPECT_EQ(c.figures.tiers[0].tier, "gold");
  EXPECT_EQ(c.figures.tiers[0].agents, 1) << "the rejected duplicate's tier is not counted";
}

TEST(BundleValidationTest, DuplicateOrderIdIsReportedAtTheLaterLineAndTheFirstIsKept) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1,A2,tea,3,30.00,sale
O2,2026-02-02,A2,A3,tea,1,12.00,sale
 O1 ,2026-02-03,,A2,tea,50,500.00,sale
o1,2026-02-04,A1,A2,tea,2,20.00,sale
)csv");
  BothModes both = LoadBoth(bundle);
  // " O1 " is O1 once trimmed; "o1" is another id (no case folding).
  EXPECT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("orders.csv", 4, "duplicate order_id 'O1' (first on line 2)")));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(3, 1, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 3 + 2) << "O1's first line (3 units) and o1 count";
  EXPECT_EQ(c.Agent("A2")[kSpend], 50 * kUnit);
  EXPECT_EQ(c.Agent("A2")[kUnitsOnHand], 5 - 1);
  EXPECT_EQ(c.figures.network.company_goods_revenue, 0) << "the duplicate company sale is dropped";
}

TEST(BundleValidationTest, DuplicatePaymentIdIsReportedAtTheLaterLineAndTheFirstIsKept) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("payments.csv", std::string(kPaymentsHeader) + R"csv(P1,2026-02-01,,A2,5.00,override
P2,2026-02-02,A3,A2,1.00,recruitment_bonus
P1,2026-02-03,,A2,99.00,override
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(IssueAt("payments.csv", 4, "duplicate payment_id 'P1' (first on line 2)")));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(2, 1, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A2")[kOverrides], 5 * kUnit);
  EXPECT_EQ(c.Agent("A2")[kRecruitmentRewards], 6 * kUnit);
}

TEST(BundleValidationTest, DuplicateIdNamesTheEarlierLineEvenThousandsOfRowsBack) {
  // Enough rows that the earlier one must be found again far from the start,
  // with a two-line record early on so that lines and row numbers differ.
  std::string orders = kOrdersHeader;
  orders += "O0,2026-02-01,A1,A2,\"gift\nbox\",1,1.00,\n";  // lines 2-3
  for (int i = 1; i <= 3000; ++i) {                         // O<i> on line i + 3
    orders += "O" + std::to_string(i) + ",2026-02-01,A1,A2,tea,1,1.00,\n";
  }
  orders += "O1500,2026-02-02,A1,A2,tea,1,1.00,\n";  // line 3004
  orders += "O0,2026-02-02,A1,A2,tea,1,1.00,\n";     // line 3005
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents).Write("orders.csv", orders);
  LoadedBundle loaded = Load(bundle);
  EXPECT_THAT(
      loaded.report.errors,
      ElementsAre(IssueAt("orders.csv", 3004, "duplicate order_id 'O1500' (first on line 1503)"),
                  IssueAt("orders.csv", 3005, "duplicate order_id 'O0' (first on line 2)")));
}

// ---------------------------------------------------------------------------
// References to agents that do not exist.

TEST(BundleValidationTest, UnknownSponsorRejectsTheAgentAndEveryoneBelowIt) {
  //   A1        ZZ (no row)
  //              └── A2 ── A3
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id
A1,
A2,ZZ
A3,A2
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + "O1,2026-02-01,A1,A3,,1,1.00,\n");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(
          IssueAt("agents.csv", 3, "unknown sponsor_id 'ZZ'"),
          IssueAt("agents.csv", 4, "sponsor_id 'A2' names an agent rejected at line 3"),
          IssueAt("orders.csv", 2, "buyer_id 'A3' names an agent rejected at agents.csv line 4")));
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(1, 2, 0));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(0, 1, 0));
  EXPECT_EQ(both.lenient.network->size(), 1u);
}

TEST(BundleValidationTest, UnknownSellerBuyerPayerAndPayeeAreErrors) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,X9,A2,,1,1.00,
O2,2026-02-01,A1,Y9,,1,1.00,
O3,2026-02-01,A1,a2,,1,1.00,
O4,2026-02-01,A1,A2,,7,1.00,
)csv");
  bundle.Write("payments.csv", std::string(kPaymentsHeader) + R"csv(P1,2026-02-01,X9,A2,1.00,other
P2,2026-02-01,A2,Y9,1.00,other
P3,2026-02-01,A2,A1,1.00,other
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("orders.csv", 2, "unknown seller_id 'X9'"),
                          IssueAt("orders.csv", 3, "unknown buyer_id 'Y9'"),
                          IssueAt("orders.csv", 4, "unknown buyer_id 'a2'"),
                          IssueAt("payments.csv", 2, "unknown payer_id 'X9'"),
                          IssueAt("payments.csv", 3, "unknown payee_id 'Y9'")));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(1, 3, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(1, 2, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 7);
  EXPECT_EQ(c.Agent("A1")[kNetCash], 1 * kUnit + 1 * kUnit);  // O4's price and P3
}

// ---------------------------------------------------------------------------
// Broken sponsor chains: self-sponsor and cycles, and what depends on them.

TEST(BundleValidationTest, SelfSponsoredAgentIsRejectedWithItsDownlineAndFlows) {
  //   A1 ── A4        A2 ⟲ (its own sponsor)
  //                    └── A3
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id
A1,
A2,A2
A3,A2
A4,A1
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1,A3,,2,2.00,
O2,2026-02-01,A1,A4,,3,3.00,
)csv");
  bundle.Write("payments.csv",
               std::string(kPaymentsHeader) + "P1,2026-02-01,A2,A1,9.00,entry_fee\n");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(
          IssueAt("agents.csv", 3, "agent 'A2' names itself as its sponsor (self-sponsor)"),
          IssueAt("agents.csv", 4, "sponsor_id 'A2' names an agent rejected at line 3"),
          IssueAt("orders.csv", 2, "buyer_id 'A3' names an agent rejected at agents.csv line 4"),
          IssueAt("payments.csv", 2,
                  "payer_id 'A2' names an agent rejected at agents.csv line 3")));
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(2, 2, 0));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(1, 1, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(0, 1, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A1")[kDirectRecruits], 1);
  EXPECT_EQ(c.Agent("A1")[kUnitsSoldToAgents], 3);
  EXPECT_EQ(c.Agent("A1")[kFeesReceived], 0);
  EXPECT_EQ(c.network().Find("A2"), kNoAgent);
  EXPECT_EQ(c.network().Find("A3"), kNoAgent);
}

TEST(BundleValidationTest, SponsorCycleRejectsEveryAgentOfTheCycleAndEveryoneBelow) {
  //   T1 ── T2          C1 → C2 → C3 → C1   (→: "is sponsored by")
  //                     C1 ── D1 ── D2      (D1 recruited by C1)
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id
T1,
C1,C2
D1,C1
C2,C3
C3,C1
D2,D1
T2,T1
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,T1,D2,,1,1.00,
O2,2026-02-01,T1,T2,,4,4.00,
)csv");
  bundle.Write("payments.csv",
               std::string(kPaymentsHeader) + "P1,2026-02-01,,C2,9.00,recruitment_bonus\n");
  BothModes both = LoadBoth(bundle);
  const auto cycle = [](int64_t line) {
    return AllOf(
        IssueAt("agents.csv", line, "sponsor cycle"), Field(&LoadIssue::reason, HasSubstr("C1")),
        Field(&LoadIssue::reason, HasSubstr("C2")), Field(&LoadIssue::reason, HasSubstr("C3")));
  };
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(
          cycle(3), IssueAt("agents.csv", 4, "sponsor_id 'C1' names an agent rejected at line 3"),
          cycle(5), cycle(6),
          IssueAt("agents.csv", 7, "sponsor_id 'D1' names an agent rejected at line 4"),
          IssueAt("orders.csv", 2, "buyer_id 'D2' names an agent rejected at agents.csv line 7"),
          IssueAt("payments.csv", 2, "payee_id 'C2' names an agent rejected at agents.csv line 5")))
      << DescribeErrors(both.strict.report);
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(2, 5, 0));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(1, 1, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(0, 1, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.figures.network.participants, 2);
  EXPECT_EQ(c.figures.network.max_depth, 2u);
  EXPECT_EQ(c.Agent("T1")[kUnitsSoldToAgents], 4);
}

// ---------------------------------------------------------------------------
// Numbers.

TEST(BundleValidationTest, QuantityMustBeAnIntegerGreaterThanZero) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1,A2,,3.0,1.00,
O2,2026-02-01,A1,A2,,1e3,1.00,
O3,2026-02-01,A1,A2,,"1,000",1.00,
O4,2026-02-01,A1,A2,,-2,1.00,
O5,2026-02-01,A1,A2,,0,1.00,
O6,2026-02-01,A1,A2,,,1.00,
O7,2026-02-01,A1,A2,,+4,8.00,
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("orders.csv", 2, "quantity '3.0' is not an integer"),
                          IssueAt("orders.csv", 3, "quantity '1e3' is not an integer"),
                          IssueAt("orders.csv", 4, "quantity '1,000' is not an integer"),
                          IssueAt("orders.csv", 5, "quantity must be greater than 0 (got '-2')"),
                          IssueAt("orders.csv", 6, "quantity must be greater than 0 (got '0')"),
                          IssueAt("orders.csv", 7, "quantity is empty")));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(1, 6, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 4);
  EXPECT_EQ(c.Agent("A1")[kWholesaleRevenue], 8 * kUnit);
}

TEST(BundleValidationTest, AmountMustBeAPlainDecimalNonNegativeForOrdersPositiveForPayments) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1,A2,,1,1e3,
O2,2026-02-01,A1,A2,,1,"1,000.00",
O3,2026-02-01,A1,A2,,1,-5.00,
O4,2026-02-01,A1,A2,,1,,
O5,2026-02-01,A1,A2,,2,-0.00,
O6,2026-02-01,A1,A2,,1,12.3456,
)csv");
  bundle.Write("payments.csv", std::string(kPaymentsHeader) + R"csv(P1,2026-02-01,A2,A1,0,other
P2,2026-02-01,A2,A1,-3.00,other
P3,2026-02-01,A2,A1,-0.00,other
P4,2026-02-01,A2,A1,1e2,other
P5,2026-02-01,A2,A1,2.50,training_fee
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("orders.csv", 2, "amount '1e3' is not a decimal"),
                          IssueAt("orders.csv", 3, "amount '1,000.00' is not a decimal"),
                          IssueAt("orders.csv", 4, "amount must not be negative (got '-5.00')"),
                          IssueAt("orders.csv", 5, "amount is empty"),
                          IssueAt("payments.csv", 2, "amount must be greater than 0 (got '0')"),
                          IssueAt("payments.csv", 3, "amount must be greater than 0 (got '-3.00')"),
                          IssueAt("payments.csv", 4, "amount must be greater than 0 (got '-0.00')"),
                          IssueAt("payments.csv", 5, "amount '1e2' is not a decimal")));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(2, 4, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(1, 4, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  // "-0.00" is a free order line: its units count, its price is 0.
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 3);
  EXPECT_EQ(c.Agent("A2")[kSpend], 123456 + 25000);
  EXPECT_EQ(c.Agent("A1")[kWholesaleRevenue], 123456);
  EXPECT_EQ(c.Agent("A1")[kFeesReceived], 25000);
}

// ---------------------------------------------------------------------------
// Kinds.

TEST(BundleValidationTest, KindsAreCaseInsensitiveAndUnknownOrEmptyPaymentKindsAreErrors) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1,A2,,5,50.00,SALE
O2,2026-02-02,A1,A2,,1,10.00,Return
O3,2026-02-03,A1,A2,,2,20.00,
O4,2026-02-04,A1,A2,,1,10.00,refund
O5,2026-02-05,A1,A2,,1,10.00, return 
)csv");
  bundle.Write("payments.csv",
               std::string(kPaymentsHeader) + R"csv(P1,2026-02-01,A2,,100.00,Entry_Fee
P2,2026-02-01,A2,A1,5.00,bonus
P3,2026-02-01,A2,A1,5.00,
P4,2026-02-01,,A1,3.00,OVERRIDE
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("orders.csv", 5, "unknown kind 'refund' (sale or return)"),
                          IssueAt("payments.csv", 3, "unknown kind 'bonus'"),
                          IssueAt("payments.csv", 4, "kind is empty")));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(4, 1, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(2, 2, 0));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  // SALE 5, Return -1, empty kind (a sale) 2, " return " -1.
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 5 - 1 + 2 - 1);
  EXPECT_EQ(c.Agent("A2")[kSpend], (50 - 10 + 20 - 10 + 100) * kUnit);
  EXPECT_EQ(c.Agent("A1")[kOverrides], 3 * kUnit);
  EXPECT_EQ(c.figures.network.company_fee_revenue, 100 * kUnit);
}

// ---------------------------------------------------------------------------
// Dates.

TEST(BundleValidationTest, DatesMustBeRealCalendarDaysAndTimestampsCountByTheirDay) {
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id,joined_at,left_at
A1,,2026-01-01T09:00:00+08:00,
A2,A1,2026/01/05,
A3,A1,2026-01-03,2026-02-30
A4,A1,2026-01-04,
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-30,A1,,,1,1.00,
O2,2026/01/05,A1,,,1,1.00,
O3,,A1,,,1,1.00,
O4,2026-03-01T23:59:59Z,A1,,,2,2.00,
O5,2026-03-02T08:15:30.500+08:00,A1,,,1,1.00,
)csv");
  bundle.Write("payments.csv", std::string(kPaymentsHeader) + R"csv(P1,2026-13-01,A4,A1,1.00,other
P2,2026-02-01T00:00:00-05:00,A4,A1,1.00,other
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(IssueAt("agents.csv", 3, "joined_at '2026/01/05' is not a date (YYYY-MM-DD)"),
                  IssueAt("agents.csv", 4, "left_at '2026-02-30' is not a date (YYYY-MM-DD)"),
                  IssueAt("orders.csv", 2, "date '2026-02-30' is not a date (YYYY-MM-DD)"),
                  IssueAt("orders.csv", 3, "date '2026/01/05' is not a date (YYYY-MM-DD)"),
                  IssueAt("orders.csv", 4, "date is empty"),
                  IssueAt("payments.csv", 2, "date '2026-13-01' is not a date (YYYY-MM-DD)")));
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(2, 2, 0));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(2, 3, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(1, 1, 0));
  // Only the day as written counts: 08:15 at +08:00 is still 2026-03-02.
  EXPECT_EQ(both.lenient.report.as_of, "2026-03-02");
  EXPECT_EQ(both.lenient.network->joined[both.lenient.network->Find("A1")],
            *base::ParseDay("2026-01-01"));

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A1")[kUnitsRetailed], 3);
}

// ---------------------------------------------------------------------------
// as_of.

TEST(BundleValidationTest, RowsAfterAsOfAreIgnoredAndCountedPerFile) {
  //   A1 ── A3        A2 (joined after as_of: ignored)
  //                    └── A4 (joined before as_of: its sponsor is not there)
  TempBundle bundle;
  bundle.Write("network.yaml", "as_of: 2026-06-30\n");
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id,joined_at
A1,,2026-01-01
A2,A1,2026-07-01
A3,A1,2026-06-30
A4,A2,2026-05-01
A5,A2,2026-07-02
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-06-30,,A1,,3,30.00,
O2,2026-07-01,,A1,,40,400.00,
O3,2026-06-01,A1,A2,,5,50.00,
O4,2026-08-01,A1,A2,,6,60.00,
O5,2026-08-01,A1,NOBODY,,1,1.00,
)csv");
  bundle.Write("payments.csv", std::string(kPaymentsHeader) + R"csv(P1,2026-07-15,A1,,7.00,entry_fee
P2,2026-06-30T23:59:59,A1,,2.00,entry_fee
P3,2026-06-15,A2,,1.00,entry_fee
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(
          IssueAt("agents.csv", 5,
                  "sponsor_id 'A2' names an agent who joined after as_of (line 3)"),
          IssueAt("orders.csv", 4,
                  "buyer_id 'A2' names an agent who joined after as_of (agents.csv line 3)"),
          IssueAt("payments.csv", 4,
                  "payer_id 'A2' names an agent who joined after as_of (agents.csv line 3)")))
      << DescribeErrors(both.strict.report);
  LoadReport& report = both.lenient.report;
  EXPECT_EQ(report.as_of, "2026-06-30");
  EXPECT_TRUE(report.as_of_declared);
  // A2 and A5 joined after as_of; O2, O4 and O5 (whatever its buyer) and P1 are dated after it.
  EXPECT_EQ(Tally(report, "agents.csv"), Counts(2, 1, 2));
  EXPECT_EQ(Tally(report, "orders.csv"), Counts(1, 1, 3));
  EXPECT_EQ(Tally(report, "payments.csv"), Counts(1, 1, 1));
  EXPECT_EQ(report.TotalIgnored(), 6);

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  EXPECT_EQ(c.Agent("A1")[kUnitsBought], 3);
  EXPECT_EQ(c.Agent("A1")[kSpend], 32 * kUnit);
  EXPECT_EQ(c.Agent("A1")[kDirectRecruits], 1);
}

TEST(BundleValidationTest, AsOfDefaultsToTheLatestDateAnywhereInTheBundle) {
  {
    SCOPED_TRACE("latest date is an agent's left_at");
    TempBundle bundle;
    bundle.Write("agents.csv", R"csv(agent_id,sponsor_id,joined_at,left_at
A1,,2026-01-01,
A2,A1,2026-01-02,2026-03-15
)csv");
    bundle.Write("orders.csv", std::string(kOrdersHeader) + "O1,2026-03-01,A1,A2,,1,1.00,\n");
    bundle.Write("payments.csv",
                 std::string(kPaymentsHeader) + "P1,2026-02-01,A2,,1.00,entry_fee\n");
    LoadedBundle loaded = Load(bundle);
    EXPECT_TRUE(loaded.report.Usable()) << DescribeErrors(loaded.report);
    EXPECT_EQ(loaded.report.as_of, "2026-03-15");
    EXPECT_FALSE(loaded.report.as_of_declared);
    EXPECT_EQ(loaded.report.TotalIgnored(), 0);
  }
  {
    SCOPED_TRACE("latest date is a payment's, network.yaml without as_of");
    TempBundle bundle;
    bundle.Write("network.yaml", "name: Example\ncurrency: CNY\n");
    bundle.Write("agents.csv", kAgents);
    bundle.Write("orders.csv", std::string(kOrdersHeader) + "O1,2026-03-01,A1,A2,,1,1.00,\n");
    bundle.Write("payments.csv",
                 std::string(kPaymentsHeader) + "P1,2026-04-02T10:00:00Z,A2,,1.00,entry_fee\n");
    LoadedBundle loaded = Load(bundle);
    EXPECT_TRUE(loaded.report.Usable()) << DescribeErrors(loaded.report);
    EXPECT_EQ(loaded.report.as_of, "2026-04-02");
    EXPECT_FALSE(loaded.report.as_of_declared);
    EXPECT_EQ(loaded.report.TotalIgnored(), 0);
    EXPECT_EQ(loaded.report.TotalLoaded(), 4 + 1 + 1 + 1);  // network.yaml counts as one
  }
}

// ---------------------------------------------------------------------------
// Self-dealing.

TEST(BundleValidationTest, SelfDealingIsAnErrorButTheCompanysOwnRetailSaleIsNot) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A2,A2,,3,30.00,
O2,2026-02-01,,,,9,90.00,
O3,2026-02-01,,,,1,10.00,return
)csv");
  bundle.Write("payments.csv",
               std::string(kPaymentsHeader) + R"csv(P1,2026-02-01,A2,A2,5.00,override
P2,2026-02-01,,,5.00,entry_fee
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(IssueAt("orders.csv", 2, "seller_id and buyer_id are the same agent 'A2'"),
                  IssueAt("payments.csv", 2, "payer_id and payee_id are the same agent 'A2'"),
                  IssueAt("payments.csv", 3, "payer_id and payee_id are both empty")));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(2, 1, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(0, 2, 0));

  // The company's own retail sales touch no agent figure and no network sum.
  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  for (const char* id : {"A1", "A2", "A3", "A4"}) {
    const AgentFigureValues v = c.Agent(id);
    for (int f = kUnitsBought; f < kAgentFigureCount; ++f) {
      EXPECT_EQ(v[static_cast<size_t>(f)], 0) << id << " figure " << f;
    }
  }
  EXPECT_EQ(c.figures.network.company_goods_revenue, 0);
  EXPECT_EQ(c.figures.network.company_units_to_agents, 0);
  EXPECT_EQ(c.figures.network.retail_units, 0);
  EXPECT_EQ(c.figures.network.units_on_hand, 0);
}

// ---------------------------------------------------------------------------
// Record structure.

TEST(BundleValidationTest, MultiLineQuotedFieldShiftsTheLinesOfLaterRecords) {
  TempBundle bundle;
  bundle.Write("agents.csv",
               "agent_id,sponsor_id,region,name\n"              // line 1
               "A1,,\"Room 5,\nBuilding 7\nShenzhen\",Ms Li\n"  // lines 2-4
               "A2,A1,Beijing,\"Mr \"\"Wang\"\"\"\n"            // line 5
               "A3,A1,\"north\r\nside\",Zhao\n"                 // lines 6-7
               "A4,A9,Wuhan,Sun\n"                              // line 8
               "A5,A1,\"x\ny\",2026-01-01,extra\n");            // lines 9-10
  bundle.Write("orders.csv", std::string(kOrdersHeader) +
                                 "O1,2026-02-01,A1,A2,\"gift box\n(red)\",2,20.00,\n"  // lines 2-3
                                 "O1,2026-02-02,A1,A3,tea,1,5.00,\n"                   // line 4
                                 "O2,2026-02-02,A1,A3,tea,1.5,5.00,\n");               // line 5
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("agents.csv", 8, "unknown sponsor_id 'A9'"),
                          IssueAt("agents.csv", 9, "row has 5 fields; the header has 4"),
                          IssueAt("orders.csv", 4, "duplicate order_id 'O1' (first on line 2)"),
                          IssueAt("orders.csv", 5, "quantity '1.5' is not an integer")));
  // Rejected rows are quoted as written, line break included.
  ASSERT_EQ(both.strict.report.errors.size(), 4u);
  EXPECT_EQ(both.strict.report.errors[0].record, "A4,A9,Wuhan,Sun");
  EXPECT_EQ(both.strict.report.errors[1].record, "A5,A1,\"x\ny\",2026-01-01,extra");
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(3, 2, 0));
}

TEST(BundleValidationTest, FieldCountMismatchIsAnError) {
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id,tier
A1,,gold
A2,A1,silver,extra
A3,A1
A4,A1,silver
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1
O2,2026-02-01,A1,A4,,1,1.00,
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("agents.csv", 3, "row has 4 fields; the header has 3"),
                          IssueAt("agents.csv", 4, "row has 2 fields; the header has 3"),
                          IssueAt("orders.csv", 2, "row has 3 fields; the header has 8")));
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(2, 2, 0));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(1, 1, 0));
}

TEST(BundleValidationTest, UnknownExtraColumnIsAWarningNotAnError) {
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id, nickname ,sponsor_id
A1,Boss,
A2,Kid,A1
)csv");
  bundle.Write("orders.csv",
               "channel,order_id,date,seller_id,buyer_id,quantity,amount\n"
               "wechat,O1,2026-02-01,A1,A2,2,2.00\n");
  Computed c = ComputeOrFail(bundle);
  const LoadReport& report = c.loaded.report;
  EXPECT_THAT(report.errors, IsEmpty());
  EXPECT_THAT(
      report.warnings,
      ElementsAre(IssueAt("agents.csv", 1, "column 'nickname' is not part of the format; ignored"),
                  IssueAt("orders.csv", 1, "column 'channel' is not part of the format; ignored")));
  EXPECT_EQ(c.Agent("A2")[kDepth], 2);
  EXPECT_EQ(c.Agent("A2")[kUnitsBought], 2);
}

TEST(BundleValidationTest, AgentRowWithSeveralProblemsReportsThemAllInOneReason) {
  const std::string id128(128, 'L');
  const std::string id129(129, 'S');
  TempBundle bundle;
  bundle.Write("agents.csv",
               "agent_id,sponsor_id,joined_at,left_at\n"
               "A1,,2026-01-01,\n" +
                   id128 + ",A1,2026-01-02,\n" +  // a 128-byte id is fine
                   "A2," + id129 + ",2026-13-01,soon\n");
  BothModes both = LoadBoth(bundle);
  ASSERT_THAT(both.strict.report.errors,
              ElementsAre(IssueAt("agents.csv", 4, "sponsor_id is longer than 128 bytes")));
  EXPECT_THAT(both.strict.report.errors[0].reason,
              AllOf(HasSubstr("joined_at '2026-13-01' is not a date"),
                    HasSubstr("left_at 'soon' is not a date")));
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(2, 1, 0));
  EXPECT_NE(both.lenient.network->Find(id128), kNoAgent);
}

TEST(BundleValidationTest, EmptyIdsAreErrors) {
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id,joined_at
A1,,2026-01-01
,A1,2026-01-02
   ,A1,someday
A2,A1,2026-01-03
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(,2026-02-01,A1,A2,,1,1.00,
O1,2026-02-01,A1,A2,,1,1.00,
)csv");
  bundle.Write("payments.csv", std::string(kPaymentsHeader) + R"csv( ,2026-02-01,A2,A1,1.00,other
)csv");
  BothModes both = LoadBoth(bundle);
  EXPECT_THAT(
      both.strict.report.errors,
      ElementsAre(IssueAt("agents.csv", 3, "agent_id is empty"),
                  IssueAt("agents.csv", 4, "agent_id is empty; joined_at 'someday' is not a date"),
                  IssueAt("orders.csv", 2, "order_id is empty"),
                  IssueAt("payments.csv", 2, "payment_id is empty")));
  EXPECT_EQ(Tally(both.lenient.report, "agents.csv"), Counts(2, 2, 0));
  EXPECT_EQ(Tally(both.lenient.report, "orders.csv"), Counts(1, 1, 0));
  EXPECT_EQ(Tally(both.lenient.report, "payments.csv"), Counts(0, 1, 0));
}

// ---------------------------------------------------------------------------
// The report as a whole.

TEST(BundleValidationTest, StrictLoadListsEveryErrorSortedByFileThenLine) {
  TempBundle bundle;
  // Line 4 is malformed (found while reading), line 3 names an unknown
  // sponsor (found later, when sponsors are resolved): the report still
  // lists line 3 first.
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id,joined_at
A1,,2026-01-01
A2,NOPE,2026-01-01
A3,A1,2026-01-99
A4,A1,2026-01-01
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1,A4,,1,1.00,
O2,2026-02-01,A1,A4,,x,1.00,
)csv");
  bundle.Write("payments.csv", std::string(kPaymentsHeader) + R"csv(P1,2026-02-01,A4,A1,1.00,gift
P2,2026-02-01,A4,A1,1.00,other
P3,2026-02-01,A4,ZZ,1.00,other
)csv");
  LoadedBundle loaded = Load(bundle);
  EXPECT_FALSE(loaded.report.Usable());
  EXPECT_FALSE(loaded.report.refused);
  EXPECT_THAT(loaded.report.errors,
              ElementsAre(IssueAt("agents.csv", 3, "unknown sponsor_id 'NOPE'"),
                          IssueAt("agents.csv", 4, "joined_at '2026-01-99' is not a date"),
                          IssueAt("orders.csv", 3, "quantity 'x' is not an integer"),
                          IssueAt("payments.csv", 2, "unknown kind 'gift'"),
                          IssueAt("payments.csv", 4, "unknown payee_id 'ZZ'")));
  EXPECT_EQ(loaded.report.TotalRejected(), 5);
  // A strict load keeps what it accepted, but says it cannot be trusted.
  ASSERT_NE(loaded.network, nullptr);
  EXPECT_EQ(loaded.network->size(), 2u);
}

TEST(BundleValidationTest, ThreeIndependentBadRowsGiveThreeErrors) {
  TempBundle bundle;
  bundle.Write("agents.csv", kAgents);
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,A1,A2,,0,1.00,
O2,2026-02-01,A1,A2,,1,1.00,
O3,2026-02-01,A1,A2,,1,abc,
O4,2026-02-01,A1,A2,,1,1.00,bogus
)csv");
  LoadedBundle loaded = Load(bundle);
  EXPECT_FALSE(loaded.report.Usable());
  EXPECT_THAT(loaded.report.errors,
              ElementsAre(IssueAt("orders.csv", 2, "quantity"), IssueAt("orders.csv", 4, "amount"),
                          IssueAt("orders.csv", 5, "kind")));
}

TEST(BundleValidationTest, LenientFiguresAreComputedOverTheAcceptedRowsOnly) {
  //   A1 ── A2          Z (no row) ── A3  (rejected)
  TempBundle bundle;
  bundle.Write("agents.csv", R"csv(agent_id,sponsor_id
A1,
A2,A1
A3,Z
)csv");
  bundle.Write("orders.csv", std::string(kOrdersHeader) + R"csv(O1,2026-02-01,,A1,,10,100.00,
O2,2026-02-02,A1,A2,,4,60.00,
O3,2026-02-03,A1,A3,,5,75.00,
O4,2026-02-03,A1,A2,,5,75.00,swap
O5,2026-02-04,A2,,,1,20.00,
O6,2026-02-05,,A1,,1,x,
)csv");
  bundle.Write("payments.csv",
               std::string(kPaymentsHeader) + R"csv(P1,2026-02-01,A2,A1,8.00,override
P2,2026-02-01,A3,A1,50.00,override
)csv");
  LoadedBundle strict = Load(bundle);
  EXPECT_FALSE(strict.report.Usable());

  Computed c = ComputeOrFail(bundle, /*lenient=*/true);
  LoadReport& report = c.loaded.report;
  EXPECT_EQ(Tally(report, "agents.csv"), Counts(2, 1, 0));
  EXPECT_EQ(Tally(report, "orders.csv"), Counts(3, 3, 0));
  EXPECT_EQ(Tally(report, "payments.csv"), Counts(1, 1, 0));
  EXPECT_EQ(report.errors.size(), 5u) << DescribeErrors(report);

  const NetworkFigures& n = c.figures.network;
  EXPECT_EQ(n.participants, 2);
  EXPECT_EQ(n.max_depth, 2u);
  EXPECT_EQ(n.company_goods_revenue, 100 * kUnit);
  EXPECT_EQ(n.company_units_to_agents, 10);
  EXPECT_EQ(n.retail_units, 1);
  EXPECT_EQ(n.units_on_hand, (10 - 4) + (4 - 1));
  EXPECT_DOUBLE_EQ(n.retail_share, 0.1);
  EXPECT_DOUBLE_EQ(n.internal_sales_share, 60.0 / 80.0);
  EXPECT_DOUBLE_EQ(n.recruitment_reward_share, 1.0);

  const AgentFigureValues a1 = c.Agent("A1");
  EXPECT_EQ(a1[kUnitsBought], 10);
  EXPECT_EQ(a1[kUnitsSoldToAgents], 4);
  EXPECT_EQ(a1[kOverrides], 8 * kUnit);
  EXPECT_EQ(a1[kNetCash], (60 + 8 - 100) * kUnit);
  const AgentFigureValues a2 = c.Agent("A2");
  EXPECT_EQ(a2[kUnitsBought], 4);
  EXPECT_EQ(a2[kUnitsRetailed], 1);
  EXPECT_EQ(a2[kNetCash], (20 - 60 - 8) * kUnit);
  ASSERT_EQ(c.figures.levels.size(), 2u);
  EXPECT_EQ(c.figures.levels[1].agents, 1);
  EXPECT_EQ(c.figures.levels[1].sums[kUnitsBought], 4);
}

TEST(BundleValidationTest, RowsNamingAnAgentWhoseRowHasTheWrongFieldCountSayItWasRejected) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id,tier\nT,,x\nA,T\nB,A,x\nA,T,x\n");
  bundle.Write("orders.csv",
               "order_id,date,seller_id,buyer_id,quantity,amount\n"
               "O1,2026-01-01,T,A,1,1\n");
  LoadedBundle loaded = Load(bundle, /*lenient=*/true);
  EXPECT_THAT(
      loaded.report.errors,
      ElementsAre(IssueAt("agents.csv", 3, "row has 2 fields; the header has 3"),
                  IssueAt("agents.csv", 4, "names an agent rejected at line 3"),
                  IssueAt("agents.csv", 5, "duplicate agent_id 'A' (first defined on line 3)"),
                  IssueAt("orders.csv", 2, "names an agent rejected at agents.csv line 3")))
      << DescribeErrors(loaded.report);
}

// ---------------------------------------------------------------------------
// network.yaml.

// yaml-cpp alone would keep the last of two keys, cut a value at a NUL byte
// and ignore a second document; each refuses the bundle at its place.
TEST(BundleValidationTest, Defect20_NetworkYamlMustBeOneStrictDocument) {
  struct Case {
    std::string yaml;
    int64_t line;
    std::string reason;
  };
  const Case cases[] = {
      {"name: A\ncurrency: CNY\nname: B\n", 3, "column 1: `name` is given twice"},
      {std::string("name: A\0B\n", 10), 1, "column 8: a NUL byte"},
      {"name: A\n---\nname: B\n", 3, "column 1: a second YAML document"},
      {"[tiers]: x\n", 1, "column 1: a key must be text"},
  };
  for (const Case& c : cases) {
    TempBundle bundle;
    bundle.Write("network.yaml", c.yaml);
    bundle.Write("agents.csv", "agent_id,sponsor_id\nA1,\n");
    LoadedBundle loaded = Load(bundle, /*lenient=*/true);
    EXPECT_TRUE(loaded.report.refused) << c.reason;
    EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt("network.yaml", c.line, c.reason)))
        << DescribeErrors(loaded.report);
  }
}

TEST(BundleValidationTest, Defect08_NetworkYamlThatIsNotARegularFileRefusesTheBundle) {
  TempBundle bundle;
  std::filesystem::create_directory(bundle.path("network.yaml"));
  bundle.Write("agents.csv", "agent_id,sponsor_id\nA1,\n");
  LoadedBundle loaded = Load(bundle, /*lenient=*/true);
  EXPECT_TRUE(loaded.report.refused);
  // Named by the bundle's file name alone: no directory (a server's
  // staging path) shows in the reason.
  EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt("network.yaml", 0, "is a directory")))
      << DescribeErrors(loaded.report);
  EXPECT_EQ(loaded.report.errors[0].reason.find(bundle.dir()), std::string::npos);
}

// Defect 16: a file whose lines end with a bare CR is refused, not read as
// one header and no rows.
TEST(BundleValidationTest, Defect16_BareCrLineEndsAreRefusedNotReadAsNoRows) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\rA1,\rA2,A1\r");
  LoadedBundle loaded = Load(bundle, /*lenient=*/true);
  EXPECT_TRUE(loaded.report.refused);
  EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt("agents.csv", 1, "bare CR")))
      << DescribeErrors(loaded.report);
}

// Defect 22: each file that is there but cannot be read says why, never
// "missing" or "empty".
TEST(BundleValidationTest, Defect22_UnreadableFilesNameTheirCause) {
  struct Case {
    std::string what;
    std::function<void(const std::string&)> make;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"a directory", [](const std::string& p) { std::filesystem::create_directory(p); },
       "is a directory"},
      {"a symlink loop", [](const std::string& p) { std::filesystem::create_symlink(p, p); },
       "too many levels of symbolic links"},
      {"a device", [](const std::string& p) { std::filesystem::create_symlink("/dev/urandom", p); },
       "is a device"},
      {"a named pipe", [](const std::string& p) { ASSERT_EQ(::mkfifo(p.c_str(), 0600), 0); },
       "named pipe"},
  };
  for (const Case& c : cases) {
    TempBundle bundle;
    c.make(bundle.path("agents.csv"));
    LoadedBundle loaded = Load(bundle, /*lenient=*/true);
    EXPECT_TRUE(loaded.report.refused) << c.what;
    EXPECT_THAT(loaded.report.errors, ElementsAre(IssueAt("agents.csv", 0, c.reason)))
        << c.what << ": " << DescribeErrors(loaded.report);
  }
}

// Defect 22: the dependants of a record that could not be read are told
// that their sponsor may be in it, not only that it is unknown.
TEST(BundleValidationTest, Defect22_DependantsOfAnUnreadableRecordNameIt) {
  TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nA1,\n\"A2\"x,A1\nA3,A2\n");
  LoadedBundle loaded = Load(bundle, /*lenient=*/true);
  bool named = false;
  for (const LoadIssue& e : loaded.report.errors) {
    named |= e.reason.find("line 3 could not be read and may hold it") != std::string::npos;
  }
  EXPECT_TRUE(named) << DescribeErrors(loaded.report);
}

}  // namespace
}  // namespace tiersight::graph
