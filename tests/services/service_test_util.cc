#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;

std::string ExampleBundle(const std::string& name) {
  return (std::filesystem::path(TIERSIGHT_SOURCE_DIR) / "examples" / name).string();
}

std::string JudgementPacksDir() {
  return (std::filesystem::path(TIERSIGHT_SOURCE_DIR) / "tests" / "data" / "packs").string();
}

std::vector<v1::UploadNetworkRequest> UploadRequests(const std::string& bundle_dir,
                                                     size_t batch_bytes) {
  absl::StatusOr<std::vector<v1::UploadNetworkRequest>> requests =
      ReadUploadRequests(bundle_dir, batch_bytes);
  EXPECT_TRUE(requests.ok()) << requests.status().message();
  return requests.ok() ? *std::move(requests) : std::vector<v1::UploadNetworkRequest>{};
}

v1::Network UploadHoarding(v1::AuditService::Stub& stub, const std::string& token) {
  static const std::vector<v1::UploadNetworkRequest>* const requests =
      new std::vector<v1::UploadNetworkRequest>(UploadRequests(ExampleBundle("hoarding-network")));
  v1::UploadNetworkResponse response;
  grpc::Status status = Upload(stub, *requests, &response, token);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.network();
}

ServiceTest::ServiceTest() { StartServer(); }

void ServiceTest::StartServer(const ServerOptions* options, const std::string& packs_dir) {
  StopServer();
  const ServerOptions chosen = options ? *options : TestOptions(data_dir_.path());
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(chosen, packs_dir);
  ASSERT_TRUE(server.ok()) << server.status().message();
  server_ = *std::move(server);
  stub_ = v1::AuditService::NewStub(server_->InProcessChannel());
}

}  // namespace tiersight::services::testing
