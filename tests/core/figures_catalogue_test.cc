// figures.proto follows the figure catalogue: each message of figures holds
// exactly the exported figures of its scope (plus the row's key), with a
// field type fitting the unit; and the outputs built from it list the same.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "core/audit_proto.h"
#include "core/bundle_session.h"
#include "core/figures_proto.h"
#include "graph/figure_catalogue.h"
#include "tiersight/v1/figures.pb.h"

namespace tiersight::core {
namespace {

namespace pb = google::protobuf;
using graph::FigureScope;
using graph::FigureUnit;

std::set<std::string> FieldNames(const pb::Descriptor& d, const std::set<std::string>& keys) {
  std::set<std::string> names;
  for (int i = 0; i < d.field_count(); ++i) {
    if (!keys.contains(d.field(i)->name())) names.insert(d.field(i)->name());
  }
  return names;
}

std::set<std::string> Exported(FigureScope scope) {
  std::set<std::string> names;
  for (const graph::FigureSpec* spec : graph::FiguresOf(scope)) {
    if (spec->exported) names.insert(spec->name);
  }
  return names;
}

void ExpectTypesFitUnits(const pb::Descriptor& d, FigureScope scope) {
  for (const graph::FigureSpec* spec : graph::FiguresOf(scope)) {
    if (!spec->exported) continue;
    const pb::FieldDescriptor* field = d.FindFieldByName(spec->name);
    ASSERT_NE(field, nullptr) << spec->name;
    SCOPED_TRACE(d.name() + "." + spec->name);
    if (spec->unit == FigureUnit::kTable) {
      EXPECT_TRUE(field->is_repeated());
      EXPECT_EQ(field->cpp_type(), pb::FieldDescriptor::CPPTYPE_MESSAGE);
    } else if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32) {
      EXPECT_EQ(spec->unit, FigureUnit::kCount) << "only counts travel as integers";
    } else {
      EXPECT_EQ(field->cpp_type(), pb::FieldDescriptor::CPPTYPE_DOUBLE);
    }
  }
}

TEST(FiguresProtoCatalogueTest, EachMessageHoldsExactlyTheExportedFiguresOfItsScope) {
  const pb::Descriptor& network = *tiersight::v1::NetworkFigures::descriptor();
  const pb::Descriptor& level = *tiersight::v1::LevelFigures::descriptor();
  const pb::Descriptor& tier = *tiersight::v1::TierFigures::descriptor();
  const pb::Descriptor& branch = *tiersight::v1::BranchFigures::descriptor();
  const pb::Descriptor& agent = *tiersight::v1::AgentFigures::descriptor();
  EXPECT_EQ(FieldNames(network, {}), Exported(FigureScope::kNetwork));
  EXPECT_EQ(FieldNames(level, {}), Exported(FigureScope::kLevel));
  EXPECT_EQ(FieldNames(tier, {"tier"}), Exported(FigureScope::kTier));
  EXPECT_EQ(FieldNames(branch, {"top"}), Exported(FigureScope::kBranch));
  EXPECT_EQ(FieldNames(agent, {"agent_id", "tier"}), Exported(FigureScope::kAgent));
  ExpectTypesFitUnits(network, FigureScope::kNetwork);
  ExpectTypesFitUnits(level, FigureScope::kLevel);
  ExpectTypesFitUnits(tier, FigureScope::kTier);
  ExpectTypesFitUnits(branch, FigureScope::kBranch);
  ExpectTypesFitUnits(agent, FigureScope::kAgent);
}

TEST(FiguresProtoCatalogueTest, TheReportCarriesTheCatalogueValues) {
  LoadedWithDigest loaded =
      LoadWithDigest(std::string(TIERSIGHT_EXAMPLES_DIR) + "/healthy-network", false);
  ASSERT_TRUE(loaded.bundle.report.Usable());
  absl::StatusOr<graph::Figures> figures = ComputeFiguresLogged(*loaded.bundle.network);
  ASSERT_TRUE(figures.ok());
  tiersight::v1::FiguresReport report = FiguresReportToProto(loaded.bundle.network.get(), &*figures,
                                                             loaded.bundle.report, loaded.digest);
  EXPECT_EQ(report.network().participants(), figures->network.participants);
  EXPECT_EQ(report.network().agents_without_joined_at(),
            figures->network.recruits_by_month.without_joined_at);
  ASSERT_EQ(report.levels_size(), static_cast<int>(figures->levels.size()));
  EXPECT_EQ(report.levels(0).depth(), 1);
  EXPECT_EQ(report.levels(0).agents(), figures->levels[0].agents);
  EXPECT_DOUBLE_EQ(report.levels(0).net_cash(),
                   graph::AmountToDouble(figures->levels[0].sums[graph::kNetCash]));
  ASSERT_EQ(report.tiers_size(), static_cast<int>(figures->tiers.size()));
  EXPECT_EQ(report.tiers(0).tier(), figures->tiers[0].tier);
}

TEST(FiguresProtoCatalogueTest, TheAuditReportCarriesEveryBranchHeadedByItsTop) {
  LoadedWithDigest loaded =
      LoadWithDigest(std::string(TIERSIGHT_EXAMPLES_DIR) + "/hoarding-network", false);
  ASSERT_TRUE(loaded.bundle.report.Usable());
  const graph::Network& network = *loaded.bundle.network;
  absl::StatusOr<graph::Figures> figures = ComputeFiguresLogged(network);
  ASSERT_TRUE(figures.ok());
  ASSERT_GT(figures->branches.size(), 1u) << "a single branch would hide a row mix-up";
  const tiersight::v1::AuditReport report = AuditReportToProto(
      &network, &*figures, loaded.bundle.report, loaded.digest, {}, SelectedPacks{}, nullptr);
  ASSERT_EQ(report.branches_size(), static_cast<int>(figures->branches.size()));
  int64_t agents = 0;
  for (size_t r = 0; r < figures->branches.size(); ++r) {
    const graph::GroupFigures& expected = figures->branches[r];
    const tiersight::v1::BranchFigures& branch = report.branches(static_cast<int>(r));
    SCOPED_TRACE(branch.top());
    EXPECT_EQ(branch.top(), network.id(expected.top));
    EXPECT_EQ(branch.agents(), expected.agents);
    EXPECT_EQ(branch.levels(), figures->tree.downline_depth[expected.top] + 1);
    EXPECT_DOUBLE_EQ(branch.units_on_hand(),
                     static_cast<double>(expected.sums[graph::kUnitsOnHand]));
    EXPECT_DOUBLE_EQ(branch.net_cash(), graph::AmountToDouble(expected.sums[graph::kNetCash]));
    agents += branch.agents();
  }
  // Branches split the network (with a single top, the top is a branch of
  // its own), so no agent is counted twice or left out.
  EXPECT_EQ(agents, report.network().participants());
  // `figures` has no branches field: only the audit report gains them.
  EXPECT_EQ(tiersight::v1::FiguresReport::descriptor()->FindFieldByName("branches"), nullptr);
}

}  // namespace
}  // namespace tiersight::core
