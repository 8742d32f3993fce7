// The CLI's connection to tiersightd: the channel (plaintext, or TLS when a
// CA file is given) and the bearer token every call carries. The token comes
// from a file or the environment, never from a flag, so that it does not land
// in shell history or in `ps` output.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tiersight/v1/audit_service.grpc.pb.h"

namespace tiersight::client {

// The environment variable holding the token when no --token-file is given.
inline constexpr std::string_view kTokenEnvironmentVariable = "TIERSIGHT_TOKEN";

struct RemoteOptions {
  std::string server;      // HOST:PORT
  std::string token_file;  // empty: $TIERSIGHT_TOKEN
  std::string ca_file;     // PEM roots; empty: plaintext
};

// The token from `token_file` (its first line, surrounding white space
// removed) or from $TIERSIGHT_TOKEN. FAILED_PRECONDITION naming both sources
// when neither gives one; NOT_FOUND when the file cannot be read.
absl::StatusOr<std::string> ReadToken(const std::string& token_file);

// One server and the token to call it with. Thread-safe (gRPC channels and
// stubs are).
class RemoteConnection {
 public:
  // Reads the token and the CA file and creates the channel (it connects on
  // the first call). Errors name the file or variable at fault.
  static absl::StatusOr<RemoteConnection> Open(const RemoteOptions& options);

  // A context for one call: the bearer token, and a deadline when `timeout`
  // is positive (uploads and audits of big networks run without one).
  std::unique_ptr<grpc::ClientContext> NewContext(
      std::chrono::seconds timeout = std::chrono::seconds(0)) const;

  tiersight::v1::AuditService::Stub& audit() const { return *audit_; }
  const std::string& server() const { return server_; }

 private:
  RemoteConnection() = default;

  std::string server_;
  std::string token_;
  std::shared_ptr<grpc::Channel> channel_;
  std::shared_ptr<tiersight::v1::AuditService::Stub> audit_;
};

// "SERVER: WHAT failed: CODE: message", for a call that did not succeed.
std::string DescribeRpcError(const RemoteConnection& connection, std::string_view what,
                             const grpc::Status& status);

}  // namespace tiersight::client
