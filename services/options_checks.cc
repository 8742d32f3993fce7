#include "services/options_checks.h"

#include <arpa/inet.h>

#include <algorithm>
#include <set>

#include "base/str_cat.h"

namespace tiersight::services {
namespace {

constexpr size_t kMaxTenantChars = 64;

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Whitespace and control characters: HTTP/2 header values cannot carry
// control characters, and clients trim the ends of the ones they send.
bool IsUnsendable(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7f;
}

absl::Status Invalid(const std::string& message) { return absl::InvalidArgumentError(message); }

// The host part of a gRPC listen address: "host:port" or "[v6]:port".
std::string_view HostOf(std::string_view listen) {
  if (listen.starts_with("[")) {
    const size_t end = listen.find(']');
    return end == std::string_view::npos ? listen : listen.substr(1, end - 1);
  }
  const size_t colon = listen.rfind(':');
  return colon == std::string_view::npos ? listen : listen.substr(0, colon);
}

std::vector<size_t> ExampleTokens(const ServerOptions& options) {
  std::vector<size_t> found;
  for (size_t i = 0; i < options.tokens.size(); ++i) {
    if (options.tokens[i].token == kExampleToken) found.push_back(i);
  }
  return found;
}

}  // namespace

bool IsTenantName(std::string_view tenant) {
  if (tenant.empty() || tenant.size() > kMaxTenantChars || !IsAsciiAlnum(tenant.front())) {
    return false;
  }
  return std::all_of(tenant.begin(), tenant.end(),
                     [](char c) { return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-'; });
}

absl::Status CheckTenantsAndTokens(const ServerOptions& options) {
  std::set<std::string> tenants;
  for (size_t i = 0; i < options.tokens.size(); ++i) {
    const TokenOptions& t = options.tokens[i];
    if (!t.tenant.empty() && !IsTenantName(t.tenant)) {
      return Invalid(StrCat("`tokens[", i, "].tenant` '", t.tenant,
                            "' is not a tenant name: an ASCII letter or digit, then up to 63 "
                            "letters, digits, '.', '_' or '-'"));
    }
    tenants.insert(t.tenant);
    const bool bad_ends =
        !t.token.empty() && (IsUnsendable(t.token.front()) || IsUnsendable(t.token.back()));
    const bool bad_inside = std::any_of(t.token.begin(), t.token.end(),
                                        [](char c) { return c != ' ' && IsUnsendable(c); });
    if (bad_ends || bad_inside) {
      // Named by its token name and tenant; the secret stays out of logs.
      return Invalid(
          StrCat("`tokens[", i, "].token` (", t.token_name, ", tenant '", t.tenant, "') ",
                 bad_ends ? "begins or ends with whitespace" : "holds a control character",
                 ", which no client sends: that token could never match; remove it"));
    }
  }
  for (const auto& [tenant, limits] : options.tenant_limits) {
    if (!tenants.contains(tenant)) {
      return Invalid(
          StrCat("`tenant_limits.", tenant, "`: no token belongs to tenant '", tenant,
                 "', so these limits would never apply (tenants: ", StrJoin(tenants, ", "), ")"));
    }
  }
  return absl::OkStatus();
}

bool IsLoopbackListen(std::string_view listen) {
  if (listen.starts_with("unix:") || listen.starts_with("unix-abstract:")) return true;
  const std::string host(HostOf(listen));
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return false;
}

absl::Status CheckListenSecurity(const ServerOptions& options) {
  if (IsLoopbackListen(options.listen) || options.allow_insecure_listen) return absl::OkStatus();
  const std::vector<size_t> example = ExampleTokens(options);
  if (!example.empty()) {
    return Invalid(StrCat(
        "`tokens[", example.front(), "].token` (", options.tokens[example.front()].token_name,
        ") is the example token of the sample configuration, which anyone may "
        "know, and `listen` ",
        options.listen,
        " is not a loopback address: give each client a secret of its own "
        "(`token_env`), or set `allow_insecure_listen: true` to accept the risk"));
  }
  if (!options.tls.enabled) {
    return Invalid(StrCat("`listen` ", options.listen,
                          " is not a loopback address and `tls.enabled` is false: tokens and "
                          "networks would cross the network in plaintext; enable `tls`, listen on "
                          "127.0.0.1, or set `allow_insecure_listen: true` to accept the risk"));
  }
  return absl::OkStatus();
}

std::vector<std::string> InsecureListenWarnings(const ServerOptions& options) {
  std::vector<std::string> warnings;
  if (IsLoopbackListen(options.listen)) return warnings;
  if (!options.tls.enabled) {
    warnings.push_back(StrCat("INSECURE: listening on ", options.listen,
                              " (not loopback) in plaintext: anyone on the network can read the "
                              "tokens and networks sent (allow_insecure_listen is set)"));
  }
  for (size_t i : ExampleTokens(options)) {
    warnings.push_back(StrCat("INSECURE: `tokens[", i, "]` (", options.tokens[i].token_name,
                              ") is the sample configuration's example token and ", options.listen,
                              " is not loopback (allow_insecure_listen is set)"));
  }
  return warnings;
}

}  // namespace tiersight::services
