// A tiersightd server on a fresh data directory with two tenants, and the
// client calls the service tests make, so that each test states only what it
// checks.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "services/tiersight_server.h"
#include "tiersight/v1/audit_service.grpc.pb.h"

namespace tiersight::services::testing {

inline constexpr char kAlphaToken[] = "alpha-secret";
inline constexpr char kAlphaToken2[] = "alpha-second-secret";
inline constexpr char kBetaToken[] = "beta-secret";

// A directory removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Loopback, port 0, data in `data_dir`; tenant alpha has two tokens
// (alpha-ci, alpha-analyst), tenant beta one (beta-ci).
ServerOptions TestOptions(const std::filesystem::path& data_dir);

// A client context with the bearer token (none when empty) and a deadline.
std::unique_ptr<grpc::ClientContext> Context(
    const std::string& token = kAlphaToken,
    std::chrono::milliseconds deadline = std::chrono::seconds(30));

// The example bundles of examples/.
std::string ExampleBundle(const std::string& name);

// tests/data/packs: engine-1.1 packs judged under cn and us.
std::string JudgementPacksDir();

// The messages of an upload of `bundle_dir`.
std::vector<tiersight::v1::UploadNetworkRequest> UploadRequests(const std::string& bundle_dir,
                                                                size_t batch_bytes = 32 * 1024);

// Streams `requests` and returns the status, filling `response`.
grpc::Status Upload(tiersight::v1::AuditService::Stub& stub,
                    const std::vector<tiersight::v1::UploadNetworkRequest>& requests,
                    tiersight::v1::UploadNetworkResponse* response,
                    const std::string& token = kAlphaToken,
                    std::chrono::milliseconds deadline = std::chrono::seconds(30));

// The hoarding example uploaded for `token`'s tenant; fails the test if it cannot.
tiersight::v1::Network UploadHoarding(tiersight::v1::AuditService::Stub& stub,
                                      const std::string& token = kAlphaToken);

// A started server on a fresh data directory (or a given one) with a stub.
class ServiceTest : public ::testing::Test {
 protected:
  ServiceTest();
  // Starts a server on `data_dir` with `options` (TestOptions when null)
  // and the packs of `packs_dir` as its shipped packs (empty: rules/packs).
  void StartServer(const ServerOptions* options = nullptr, const std::string& packs_dir = "");
  void StopServer() {
    stub_.reset();
    server_.reset();
  }

  TempDir data_dir_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<tiersight::v1::AuditService::Stub> stub_;
};

}  // namespace tiersight::services::testing
