// What crosses the service's boundary: error messages name no server paths,
// a client's pack cannot take a shipped pack's name, and stored files that
// no longer match their network's digest are not sent as the network.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/pack_library.h"
#include "tests/services/service_test_util.h"
#include "tiersight/v1/rule_pack_service.grpc.pb.h"

namespace tiersight::services::testing {
namespace {

namespace fs = std::filesystem;
namespace v1 = tiersight::v1;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// A valid pack named `name`.
std::string PackNamed(const std::string& name) {
  return "pack: " + name +
         "\nversion: 9.9.9\ntitle: Look-alike\nrequires_engine: 1.0.0\nrules:\n"
         "  - id: big\n    when: participants > 1\n    title: Big\n    scope: network\n"
         "    severity: low\n    tags: [pyramid]\n    cite: Nowhere\n    message: \"m\"\n";
}

// A server on a copy of the shipped packs, with the hoarding example uploaded.
class ServerBoundaryTest : public ::testing::Test {
 protected:
  ServerBoundaryTest() {
    for (const std::string& path : core::PackPathsIn(core::ShippedPacksDir())) {
      fs::copy_file(path, packs_dir_.path() / fs::path(path).filename());
    }
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(TestOptions(data_dir_.path()), packs_dir_.path().string());
    EXPECT_TRUE(server.ok()) << server.status().message();
    server_ = *std::move(server);
    audits_ = v1::AuditService::NewStub(server_->InProcessChannel());
    rule_packs_ = v1::RulePackService::NewStub(server_->InProcessChannel());
    network_ = UploadHoarding(*audits_);
  }

  // Neither the data directory nor the packs directory, in any form.
  void ExpectNoServerPath(const grpc::Status& status) {
    for (const fs::path& dir : {data_dir_.path(), packs_dir_.path()}) {
      EXPECT_THAT(status.error_message(), Not(HasSubstr(dir.string())));
      EXPECT_THAT(status.error_message(), Not(HasSubstr(fs::canonical(dir).string())));
    }
    EXPECT_THAT(status.error_message(), Not(HasSubstr("/tmp/")));
  }

  TempDir packs_dir_;
  TempDir data_dir_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::AuditService::Stub> audits_;
  std::unique_ptr<v1::RulePackService::Stub> rule_packs_;
  v1::Network network_;
};

TEST_F(ServerBoundaryTest, Defect13_AShippedPackIsNamedByItsResourceNameNeverItsFile) {
  v1::AuditNetworkRequest request;
  request.set_network(network_.name());
  request.add_rule_packs("rulePacks/inventory");
  request.add_rule_packs("rulePacks/inventory");
  v1::AuditNetworkResponse response;
  const grpc::Status status = audits_->AuditNetwork(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              AllOf(HasSubstr("rulePacks/inventory"), HasSubstr("given twice")));
  ExpectNoServerPath(status);
}

TEST_F(ServerBoundaryTest, Defect13_AStoreFailureDuringAnUploadNamesNoServerPath) {
  // Uploads are staged in data_dir/staging; a file in its place fails them.
  fs::remove_all(data_dir_.path() / "staging");
  std::ofstream(data_dir_.path() / "staging") << "not a directory";
  v1::UploadNetworkResponse response;
  const grpc::Status status =
      Upload(*audits_, UploadRequests(ExampleBundle("hoarding-network")), &response);
  ASSERT_FALSE(status.ok());
  ExpectNoServerPath(status);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("staging/")));
}

TEST_F(ServerBoundaryTest, Defect14_AnInlinePackCannotTakeAShippedPacksName) {
  v1::AuditNetworkRequest request;
  request.set_network(network_.name());
  v1::InlineRulePack* pack = request.add_inline_packs();
  pack->set_file("cn.yaml");
  pack->set_yaml(PackNamed("cn"));
  v1::AuditNetworkResponse response;
  grpc::Status status = audits_->AuditNetwork(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), AllOf(HasSubstr("cn.yaml"), HasSubstr("'cn' is reserved"),
                                            HasSubstr("rulePacks/cn")));

  v1::ValidateRulePackRequest validate;
  validate.set_file("mine.yaml");
  validate.set_yaml(PackNamed("us-ftc"));
  v1::ValidateRulePackResponse validated;
  status = rule_packs_->ValidateRulePack(Context().get(), validate, &validated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), AllOf(HasSubstr("mine.yaml"), HasSubstr("'us-ftc'")));

  // A name of its own is fine.
  pack->set_yaml(PackNamed("brand-own"));
  status = audits_->AuditNetwork(Context().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(ServerBoundaryTest, Defect15_StoredFilesThatNoLongerMatchTheDigestAreNotSent) {
  const std::string id = network_.name().substr(std::string("networks/").size());
  std::ofstream(data_dir_.path() / "networks" / id / "orders.csv", std::ios::app) << "x\n";
  v1::ExportNetworkRequest request;
  request.set_name(network_.name());
  auto context = Context();
  auto reader = audits_->ExportNetwork(context.get(), request);
  v1::ExportNetworkResponse chunk;
  int64_t received = 0;
  while (reader->Read(&chunk)) received += static_cast<int64_t>(chunk.data().size()) + 1;
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS);
  EXPECT_THAT(status.error_message(), AllOf(HasSubstr(network_.name()), HasSubstr("digest")));
  EXPECT_EQ(received, 0) << "bytes of the changed network were sent";
  ExpectNoServerPath(status);
}

}  // namespace
}  // namespace tiersight::services::testing
