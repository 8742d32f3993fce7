// What `tiersight audit` reads from --pack, --jurisdiction and --param, and
// the AuditNetworkRequest `audit --server` sends for it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/audit_choice.h"
#include "cli/remote_audit.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using tiersight::testing::TempBundle;

absl::StatusOr<tiersight::v1::AuditNetworkRequest> Build(const AuditCommandOptions& options) {
  absl::StatusOr<AuditChoice> choice = ReadAuditChoice(options);
  if (!choice.ok()) return choice.status();
  return BuildAuditRequest(options, *choice);
}

TEST(RemoteAuditRequestTest, PackNamesAndPackFiles) {
  TempBundle packs;
  packs.Write("mine.yaml", "pack: mine\n");
  AuditCommandOptions options;
  options.network = "n42";
  options.lenient = true;
  options.packs = {"cn", packs.path("mine.yaml")};
  absl::StatusOr<tiersight::v1::AuditNetworkRequest> request = Build(options);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->network(), "networks/n42");
  EXPECT_TRUE(request->lenient());
  EXPECT_THAT(request->rule_packs(), ElementsAre("rulePacks/cn"));
  ASSERT_EQ(request->inline_packs_size(), 1);
  EXPECT_EQ(request->inline_packs(0).file(), "mine.yaml");
  EXPECT_EQ(request->inline_packs(0).yaml(), "pack: mine\n");
  EXPECT_FALSE(request->all_packs());

  options.network = "networks/n42";
  options.packs = {};
  EXPECT_EQ(Build(options)->network(), "networks/n42");
  options.packs = {packs.path("missing.yaml")};
  EXPECT_THAT(std::string(Build(options).status().message()),
              HasSubstr("missing.yaml: does not exist"));
  options.packs = {packs.dir()};
  EXPECT_THAT(std::string(Build(options).status().message()),
              HasSubstr(packs.dir() + ": is a directory"));
}

TEST(RemoteAuditRequestTest, JurisdictionParametersAndAllPacksGoAsGiven) {
  AuditCommandOptions options;
  options.network = "n42";
  options.packs = {"all"};
  options.jurisdiction = "cn";
  options.params = {"cn.join_share=0.5", "us-ftc.max_loss_share=0.25"};
  absl::StatusOr<tiersight::v1::AuditNetworkRequest> request = Build(options);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_TRUE(request->all_packs());
  EXPECT_THAT(request->rule_packs(), IsEmpty());
  EXPECT_EQ(request->jurisdiction(), "cn");
  EXPECT_THAT(request->params(), UnorderedElementsAre(Pair("cn.join_share", "0.5"),
                                                      Pair("us-ftc.max_loss_share", "0.25")));
}

TEST(AuditChoiceTest, NoPackChoosesByJurisdictionAllEveryPackNamesExactlyThose) {
  AuditCommandOptions options;
  EXPECT_EQ(ReadAuditChoice(options)->choice, core::PackChoice::kByJurisdiction);
  options.packs = {"all"};
  EXPECT_EQ(ReadAuditChoice(options)->choice, core::PackChoice::kAll);
  EXPECT_THAT(ReadAuditChoice(options)->packs, IsEmpty());
  options.packs = {"cn", "inventory"};
  EXPECT_EQ(ReadAuditChoice(options)->choice, core::PackChoice::kNamed);
  EXPECT_THAT(ReadAuditChoice(options)->packs, ElementsAre("cn", "inventory"));
}

TEST(AuditChoiceTest, MalformedFlagsAreInvalidNamingWhatWasGiven) {
  AuditCommandOptions options;
  options.packs = {"cn", "all"};
  EXPECT_THAT(std::string(ReadAuditChoice(options).status().message()), HasSubstr("--pack all"));
  options.packs = {};
  for (const std::string bad : {"cn.join_share", "join_share=0.5", ".x=1", "cn.=1", "cn.x="}) {
    options.params = {bad};
    absl::StatusOr<AuditChoice> choice = ReadAuditChoice(options);
    EXPECT_EQ(choice.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(choice.status().message()), HasSubstr("'" + bad + "'"));
  }
  options.params = {"cn.x=1", "cn.x=2"};
  EXPECT_THAT(std::string(ReadAuditChoice(options).status().message()),
              HasSubstr("cn.x is given twice"));
}

}  // namespace
}  // namespace tiersight::cli
