// What a client of a test tiersightd needs, without gtest, so that the
// service tests, the crash-safety driver and the load benchmark share it:
// the test tenants (their tokens, and server options naming them), a
// scratch directory, and the calls they all make (uploads, exports, whole
// listings).
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "generate/bundle_generator.h"
#include "services/server_options.h"
#include "tiersight/v1/audit_service.grpc.pb.h"

namespace tiersight::services::testing {

// Tenant alpha has two tokens (alpha-ci, alpha-analyst), tenant beta one
// (beta-ci).
inline constexpr char kAlphaToken[] = "alpha-secret";
inline constexpr char kAlphaToken2[] = "alpha-second-secret";
inline constexpr char kBetaToken[] = "beta-secret";

// Loopback, port 0, data in `data_dir`, logs off; the tenants above.
ServerOptions TestOptions(const std::filesystem::path& data_dir);

// A directory removed with everything in it when destroyed. Throws
// std::runtime_error when it cannot be created.
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

// A client context with the bearer token (none when empty) and a deadline:
// a guard against a hung call, long enough for the TSan build on two cores.
std::unique_ptr<grpc::ClientContext> Context(
    const std::string& token = kAlphaToken,
    std::chrono::milliseconds deadline = std::chrono::seconds(300));

// "OK", "RESOURCE_EXHAUSTED", ...
std::string StatusCodeName(grpc::StatusCode code);

// The messages of an upload of `bundle_dir`, or why the bundle cannot be sent.
absl::StatusOr<std::vector<tiersight::v1::UploadNetworkRequest>> ReadUploadRequests(
    const std::string& bundle_dir, size_t batch_bytes = 32 * 1024);

// The messages of an upload of a bundle generated into `dir`: `agents`
// agents of `profile`, from `seed`.
absl::StatusOr<std::vector<tiersight::v1::UploadNetworkRequest>> GeneratedUploadRequests(
    const std::filesystem::path& dir, uint64_t agents, uint64_t seed, generate::Profile profile,
    size_t batch_bytes);

// Streams `requests` and returns the status, filling `response`.
grpc::Status Upload(tiersight::v1::AuditService::Stub& stub,
                    const std::vector<tiersight::v1::UploadNetworkRequest>& requests,
                    tiersight::v1::UploadNetworkResponse* response,
                    const std::string& token = kAlphaToken,
                    std::chrono::milliseconds deadline = std::chrono::seconds(300));

// The files of an ExportNetwork stream, by name.
std::map<std::string, std::string> ExportNetworkFiles(tiersight::v1::AuditService::Stub& stub,
                                                      const std::string& network,
                                                      const std::string& token,
                                                      grpc::Status* status);

// The bundle digest (Network.digest) of exported files, recomputed.
std::string BundleDigestOfFiles(const std::map<std::string, std::string>& files);

// The bytes of an ExportReport stream.
grpc::Status ExportReportBytes(tiersight::v1::AuditService::Stub& stub, const std::string& audit,
                               const std::string& format, const std::string& token,
                               std::string* bytes);

// Every network of the token's tenant, page after page, oldest first.
grpc::Status ListAllNetworks(tiersight::v1::AuditService::Stub& stub, const std::string& token,
                             std::vector<tiersight::v1::Network>* networks, int page_size = 0);

// Every audit of the token's tenant, page after page, oldest first.
grpc::Status ListAllAudits(tiersight::v1::AuditService::Stub& stub, const std::string& token,
                           std::vector<tiersight::v1::Audit>* audits, int page_size = 0);

}  // namespace tiersight::services::testing
