// The shipped rule packs are read and compiled once, when the server starts
// (a broken one stops it, naming file:line:column), and again only on a
// reload: audits and ListRulePacks serve the compiled set, a reload that
// fails keeps the previous set serving, one that succeeds replaces it, and
// inline packs are compiled alone and run with the compiled shipped ones.
#include "services/shipped_packs.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/pack_library.h"
#include "services/tiersight_server.h"
#include "tests/services/service_test_util.h"
#include "tiersight/v1/rule_pack_service.grpc.pb.h"

namespace tiersight::services::testing {
namespace {

namespace fs = std::filesystem;
namespace v1 = tiersight::v1;
using ::testing::HasSubstr;

// A pack named `name` whose only rule reads an unknown figure at line 7,
// column 11.
std::string BrokenPack(const std::string& name) {
  return "pack: " + name +
         "\nversion: 9.0.0\ntitle: Broken\nrequires_engine: 1.0.0\nrules:\n  - id: r1\n"
         "    when: no_such_figure > 1\n    title: T\n    scope: network\n    severity: high\n"
         "    tags: [pyramid]\n    cite: Somewhere\n    message: \"m\"\n";
}

// A copy of the shipped packs that the tests change.
class ShippedPacksTest : public ::testing::Test {
 protected:
  ShippedPacksTest() {
    for (const std::string& path : core::PackPathsIn(core::ShippedPacksDir())) {
      fs::copy_file(path, packs_dir_.path() / fs::path(path).filename());
    }
    inventory_ = Read("inventory.yaml");
  }

  std::string Read(const std::string& file) const {
    std::ifstream in(packs_dir_.path() / file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void Write(const std::string& file, const std::string& text) const {
    std::ofstream(packs_dir_.path() / file, std::ios::binary) << text;
  }
  // The inventory pack as shipped, with another version.
  std::string InventoryVersion(const std::string& version) const {
    std::string text = inventory_;
    const size_t at = text.find("\nversion: 2.0.0\n");
    EXPECT_NE(at, std::string::npos) << "the shipped inventory pack's version changed";
    return text.replace(at, 16, "\nversion: " + version + "\n");
  }

  TempDir packs_dir_;
  std::string inventory_;
};

std::string VersionOf(const ShippedPackSet& set, const std::string& id) {
  std::optional<size_t> i = set.Find(id);
  return i ? set.packs.packs[*i]->version : "absent";
}

TEST_F(ShippedPacksTest, LoadCompilesEveryPackAndKeepsItsText) {
  absl::StatusOr<std::unique_ptr<ShippedPacks>> packs = ShippedPacks::Load(packs_dir_.path());
  ASSERT_TRUE(packs.ok()) << packs.status().message();
  std::shared_ptr<const ShippedPackSet> set = (*packs)->Current();
  ASSERT_EQ(set->ids.size(), core::PackPathsIn(packs_dir_.path()).size());
  ASSERT_TRUE(set->packs.ok());
  EXPECT_EQ(set->packs.compiled.size(), set->ids.size());
  const std::optional<size_t> us = set->Find("us-ftc");
  ASSERT_TRUE(us.has_value());
  EXPECT_EQ(set->packs.packs[*us]->name, "us-ftc");
  EXPECT_EQ(set->packs.compiled[*us].pack, set->packs.packs[*us]);
  EXPECT_EQ(set->yaml[*us], Read("us-ftc.yaml"));
  EXPECT_FALSE(set->Find("us").has_value());
}

TEST_F(ShippedPacksTest, BrokenPackStopsTheStartNamingFileLineAndColumn) {
  Write("zz-broken.yaml", BrokenPack("zz-broken"));
  absl::StatusOr<std::unique_ptr<ShippedPacks>> packs = ShippedPacks::Load(packs_dir_.path());
  EXPECT_EQ(packs.status().code(), absl::StatusCode::kFailedPrecondition);
  const std::string located = (packs_dir_.path() / "zz-broken.yaml").string() + ":7:11:";
  EXPECT_THAT(std::string(packs.status().message()), HasSubstr(located));

  TempDir data_dir;
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(TestOptions(data_dir.path()), packs_dir_.path());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(server.status().message()), HasSubstr(located));
}

TEST_F(ShippedPacksTest, ReloadSwapsTheSetOrKeepsItWhenAPackIsBroken) {
  absl::StatusOr<std::unique_ptr<ShippedPacks>> loaded = ShippedPacks::Load(packs_dir_.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ShippedPacks& packs = **loaded;
  const std::shared_ptr<const ShippedPackSet> held = packs.Current();  // a call in flight

  Write("inventory.yaml", InventoryVersion("1.1.0"));
  EXPECT_EQ(VersionOf(*packs.Current(), "inventory"), "2.0.0") << "read again without a reload";
  ASSERT_TRUE(packs.Reload().ok());
  EXPECT_EQ(VersionOf(*packs.Current(), "inventory"), "1.1.0");
  EXPECT_EQ(VersionOf(*held, "inventory"), "2.0.0");
  EXPECT_TRUE(held->packs.ok());

  Write("inventory.yaml", BrokenPack("inventory"));
  const absl::Status failed = packs.Reload();
  EXPECT_EQ(failed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(failed.message()), HasSubstr("inventory.yaml:7:11:"));
  EXPECT_EQ(VersionOf(*packs.Current(), "inventory"), "1.1.0");
  EXPECT_EQ(packs.Current()->yaml[*packs.Current()->Find("inventory")], InventoryVersion("1.1.0"));
}

// A server on the copied packs, audited and listed through its services.
class ShippedPacksServerTest : public ShippedPacksTest {
 protected:
  ShippedPacksServerTest() {
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(TestOptions(data_dir_.path()), packs_dir_.path());
    EXPECT_TRUE(server.ok()) << server.status().message();
    server_ = *std::move(server);
    audits_ = v1::AuditService::NewStub(server_->InProcessChannel());
    rule_packs_ = v1::RulePackService::NewStub(server_->InProcessChannel());
    network_ = UploadHoarding(*audits_).name();
  }

  // The version of `pack` in the provenance of an audit with `request`'s packs.
  std::string AuditedVersion(const std::string& pack, v1::AuditNetworkRequest request = {}) {
    request.set_network(network_);
    v1::AuditNetworkResponse response;
    grpc::Status status = audits_->AuditNetwork(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const v1::PackProvenance& p : response.report().provenance().packs()) {
      if (p.name() == pack) return p.version();
    }
    return "absent";
  }

  std::string ListedVersion(const std::string& pack) {
    v1::ListRulePacksResponse response;
    grpc::Status status = rule_packs_->ListRulePacks(Context().get(), {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const v1::RulePack& p : response.rule_packs()) {
      if (p.pack() == pack) return p.version();
    }
    return "absent";
  }

  TempDir data_dir_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::AuditService::Stub> audits_;
  std::unique_ptr<v1::RulePackService::Stub> rule_packs_;
  std::string network_;
};

TEST_F(ShippedPacksServerTest, AuditsAndListingServeThePacksCompiledAtStartUntilAReload) {
  EXPECT_EQ(AuditedVersion("inventory"), "2.0.0");
  Write("inventory.yaml", InventoryVersion("1.1.0"));
  EXPECT_EQ(AuditedVersion("inventory"), "2.0.0");
  EXPECT_EQ(ListedVersion("inventory"), "2.0.0");

  ASSERT_TRUE(server_->ReloadPacks().ok());
  EXPECT_EQ(AuditedVersion("inventory"), "1.1.0");
  EXPECT_EQ(ListedVersion("inventory"), "1.1.0");
  v1::GetRulePackRequest get;
  get.set_name("rulePacks/inventory");
  v1::GetRulePackResponse got;
  ASSERT_TRUE(rule_packs_->GetRulePack(Context().get(), get, &got).ok());
  EXPECT_EQ(got.rule_pack().yaml(), InventoryVersion("1.1.0"));

  // A broken pack on reload: the previous packs keep serving.
  Write("inventory.yaml", BrokenPack("inventory"));
  const absl::Status failed = server_->ReloadPacks();
  EXPECT_THAT(std::string(failed.message()), HasSubstr("inventory.yaml:7:11:"));
  EXPECT_EQ(AuditedVersion("inventory"), "1.1.0");
  EXPECT_EQ(ListedVersion("inventory"), "1.1.0");
}

TEST_F(ShippedPacksServerTest, InlinePacksRunWithTheCompiledShippedOnes) {
  // Changed on disk but not reloaded: the named shipped pack is the compiled one.
  Write("inventory.yaml", BrokenPack("inventory"));
  v1::AuditNetworkRequest request;
  request.add_rule_packs("rulePacks/inventory");
  v1::InlineRulePack* pack = request.add_inline_packs();
  pack->set_file("brand.yaml");
  pack->set_yaml(
      "pack: brand\nversion: 2.0.0\ntitle: Brand rules\nrequires_engine: 1.0.0\nrules:\n"
      "  - id: big-network\n    when: participants > 10\n    title: Big\n    scope: network\n"
      "    severity: low\n    tags: [pyramid]\n    cite: Internal policy\n    message: \"big\"\n");
  EXPECT_EQ(AuditedVersion("inventory", request), "2.0.0");
  EXPECT_EQ(AuditedVersion("brand", request), "2.0.0");
  EXPECT_EQ(AuditedVersion("cn", request), "absent");

  // An inline pack may not take a shipped pack's name.
  pack->set_yaml(BrokenPack("inventory"));
  request.set_network(network_);
  v1::AuditNetworkResponse response;
  grpc::Status status = audits_->AuditNetwork(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("'inventory' is reserved"));
}

}  // namespace
}  // namespace tiersight::services::testing
