// Fuzzes tiersightd's configuration file: the input is the YAML text,
// parsed with services::ParseServerOptions and validated as the server does
// before it starts; the tokens of a valid configuration then authenticate
// the tenants they name (a configuration that validates but locks its own
// clients out is a failure).
#include "fuzz/fuzz_support.h"
#include "services/auth.h"
#include "services/server_options.h"

namespace tiersight::fuzz {
namespace {

void FuzzServerOptions(std::string_view text) {
  absl::StatusOr<services::ServerOptions> options =
      services::ParseServerOptions(std::string(text), "fuzz.yaml");
  if (!options.ok()) {
    // Errors are located in the file they name.
    TIERSIGHT_FUZZ_CHECK(options.status().message().substr(0, 9) == "fuzz.yaml");
    return;
  }
  if (!services::ValidateServerOptions(*options).ok()) return;
  const services::Authenticator auth(options->tokens);
  for (const services::TokenOptions& token : options->tokens) {
    // A bearer token is read without the spaces around it.
    if (token.token.front() == ' ' || token.token.back() == ' ') continue;
    std::optional<services::Caller> caller = auth.Resolve("Bearer " + token.token);
    TIERSIGHT_FUZZ_CHECK(caller.has_value());
    TIERSIGHT_FUZZ_CHECK(caller->tenant == token.tenant);
    TIERSIGHT_FUZZ_CHECK(caller->token_name == token.token_name);
  }
}

}  // namespace
}  // namespace tiersight::fuzz

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::NoInit, tiersight::fuzz::FuzzServerOptions)
