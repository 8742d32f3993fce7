// Checks of a server configuration that parses and hangs together but that
// no client could use, or that would expose tokens and data: called by
// ValidateServerOptions, kept apart from the parsing. Thread-safe (pure
// functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "services/server_options.h"

namespace tiersight::services {

// The token of the sample configuration (deploy/tiersightd.yaml): anyone
// who has read the sample knows it.
inline constexpr std::string_view kExampleToken = "dev-only-insecure-token";

// A tenant name: an ASCII letter or digit, then up to 63 letters, digits,
// '.', '_' or '-'. Tenants are named in logs, trails and file names.
bool IsTenantName(std::string_view tenant);

// Tenant names as above; tokens without leading or trailing whitespace or
// control characters (a client can never send them, so the token would
// never match); `tenant_limits` only for tenants some token belongs to.
// INVALID_ARGUMENT naming the key and the tenant, never a token's secret.
absl::Status CheckTenantsAndTokens(const ServerOptions& options);

// Whether `listen` binds only this host: 127.0.0.0/8, ::1, localhost or a
// Unix socket. Any other address (0.0.0.0, [::], a host name) is not.
bool IsLoopbackListen(std::string_view listen);

// On an address other than loopback, plaintext (TLS not enabled) and the
// example token are refused unless `allow_insecure_listen` is set.
absl::Status CheckListenSecurity(const ServerOptions& options);

// What the server says loudly at start about the insecure listening that
// `allow_insecure_listen` let through; empty when there is none.
std::vector<std::string> InsecureListenWarnings(const ServerOptions& options);

}  // namespace tiersight::services
