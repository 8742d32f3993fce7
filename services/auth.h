// Resolves a call's bearer token (metadata `authorization: Bearer <token>`)
// to the tenant and token name of the server's configuration. Tokens are
// compared in constant time. Thread-safe: immutable after construction.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>
#include <grpcpp/support/string_ref.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/server_options.h"

namespace tiersight::services {

// Who is calling.
struct Caller {
  std::string tenant;
  std::string token_name;
};

class Authenticator {
 public:
  explicit Authenticator(const std::vector<TokenOptions>& tokens);

  // `header` is the whole metadata value, e.g. "Bearer s3cret" (the scheme
  // is case-insensitive). nullopt for a malformed header or an unknown token.
  std::optional<Caller> Resolve(std::string_view header) const;

  // Authenticates a call from its client metadata. UNAUTHENTICATED when the
  // `authorization` entry is missing, given twice, malformed or unknown; the
  // message never says which tokens exist.
  grpc::Status Authenticate(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
                            Caller* caller) const;

 private:
  struct Entry {
    std::array<unsigned char, 32> digest;  // SHA-256 of the token
    Caller caller;
  };
  std::vector<Entry> entries_;
};

class CallLog;

// Authenticates a call and names its tenant in `log`. nullopt when refused,
// with the status to return in `denied`.
std::optional<Caller> AuthenticateCall(const Authenticator& auth,
                                       const grpc::ServerContext& context, CallLog& log,
                                       grpc::Status& denied);

}  // namespace tiersight::services
