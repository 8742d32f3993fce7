#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/remote_audit.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using tiersight::testing::TempBundle;

TEST(RemoteAuditRequestTest, PackNamesAndPackFiles) {
  TempBundle packs;
  packs.Write("mine.yaml", "pack: mine\n");
  AuditCommandOptions options;
  options.network = "n42";
  options.lenient = true;
  options.packs = {"cn", packs.path("mine.yaml")};
  absl::StatusOr<tiersight::v1::AuditNetworkRequest> request = BuildAuditRequest(options);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->network(), "networks/n42");
  EXPECT_TRUE(request->lenient());
  EXPECT_THAT(request->rule_packs(), ElementsAre("rulePacks/cn"));
  ASSERT_EQ(request->inline_packs_size(), 1);
  EXPECT_EQ(request->inline_packs(0).file(), "mine.yaml");
  EXPECT_EQ(request->inline_packs(0).yaml(), "pack: mine\n");

  options.network = "networks/n42";
  options.packs = {};
  EXPECT_EQ(BuildAuditRequest(options)->network(), "networks/n42");
  options.packs = {packs.path("missing.yaml")};
  EXPECT_THAT(std::string(BuildAuditRequest(options).status().message()),
              HasSubstr("missing.yaml: does not exist"));
  options.packs = {packs.dir()};
  EXPECT_THAT(std::string(BuildAuditRequest(options).status().message()),
              HasSubstr(packs.dir() + ": is a directory"));
}

}  // namespace
}  // namespace tiersight::cli
