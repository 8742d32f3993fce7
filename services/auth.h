// Resolves a call's bearer token (metadata `authorization: Bearer <token>`)
// to the tenant and token name of the server's configuration. Tokens are
// compared in constant time. Thread-safe: immutable after construction.
#pragma once

#include <grpcpp/support/string_ref.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
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

  // The caller of a call, from its client metadata. UNAUTHENTICATED when the
  // `authorization` entry is missing, given twice, malformed or unknown; the
  // message never says which tokens exist.
  absl::StatusOr<Caller> Authenticate(
      const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const;

 private:
  struct Entry {
    std::array<unsigned char, 32> digest;  // SHA-256 of the token
    Caller caller;
  };
  std::vector<Entry> entries_;
};

}  // namespace tiersight::services
