#include "tests/services/service_test_util.h"

#include <stdlib.h>

#include "clients/cpp/remote_bundle_rows.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "tiersight-service-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "cannot create a temporary directory";
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ServerOptions TestOptions(const std::filesystem::path& data_dir) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.log_level = "off";
  options.data_dir = data_dir.string();
  options.tokens = {{kAlphaToken, "alpha-ci", "alpha"},
                    {kAlphaToken2, "alpha-analyst", "alpha"},
                    {kBetaToken, "beta-ci", "beta"}};
  return options;
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token,
                                             std::chrono::milliseconds deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + deadline);
  return context;
}

std::string ExampleBundle(const std::string& name) {
  return (std::filesystem::path(TIERSIGHT_SOURCE_DIR) / "examples" / name).string();
}

std::string JudgementPacksDir() {
  return (std::filesystem::path(TIERSIGHT_SOURCE_DIR) / "tests" / "data" / "packs").string();
}

std::vector<v1::UploadNetworkRequest> UploadRequests(const std::string& bundle_dir,
                                                     size_t batch_bytes) {
  std::vector<v1::UploadNetworkRequest> requests;
  absl::Status read =
      client::ForEachUploadRequest(bundle_dir, batch_bytes, [&](const v1::UploadNetworkRequest& r) {
        requests.push_back(r);
        return true;
      });
  EXPECT_TRUE(read.ok()) << read.message();
  return requests;
}

grpc::Status Upload(v1::AuditService::Stub& stub,
                    const std::vector<v1::UploadNetworkRequest>& requests,
                    v1::UploadNetworkResponse* response, const std::string& token,
                    std::chrono::milliseconds deadline) {
  auto context = Context(token, deadline);
  std::unique_ptr<grpc::ClientWriter<v1::UploadNetworkRequest>> writer =
      stub.UploadNetwork(context.get(), response);
  for (const v1::UploadNetworkRequest& r : requests) {
    if (!writer->Write(r)) break;
  }
  writer->WritesDone();
  return writer->Finish();
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
