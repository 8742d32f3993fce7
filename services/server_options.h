// The server's configuration: a plain struct with defaulted members, read
// from one YAML file and validated before the server starts. Thread-safe
// (free functions over values).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tiersight::services {

// One bearer token and who it belongs to.
struct TokenOptions {
  // The secret a client sends as "Bearer <token>". In the file either
  // `token: SECRET` or `token_env: VARIABLE` (read from the environment).
  std::string token;
  std::string token_name;  // recorded in logs and audit trails; never the secret
  std::string tenant;      // the tenant whose networks and audits it may see
};

struct TlsOptions {
  bool enabled = false;  // Default: false (plaintext, loopback only)
  std::string cert_file;
  std::string key_file;
  // When set, clients must present a certificate signed by this CA (mutual TLS).
  std::string client_ca_file;
};

struct LimitOptions {
  int64_t max_message_bytes = 16 << 20;         // Default: 16 MiB per message
  int64_t max_upload_bytes = int64_t{4} << 30;  // Default: 4 GiB per upload
  int64_t max_upload_rows = 50'000'000;         // Default: 50M rows per upload
  int64_t max_concurrent_audits = 2;            // Default: 2
};

// A tenant's own upload ceilings; unset members fall back to `limits`.
struct TenantLimitOptions {
  std::optional<int64_t> max_upload_bytes;
  std::optional<int64_t> max_upload_rows;
};

// Upload streams: how long one may take and how many may be open (the
// `uploads` section). A stream past a timeout is cancelled; one over a cap,
// or started while fewer than `reserved_file_descriptors` are free, is
// refused with RESOURCE_EXHAUSTED. Nothing of either is stored.
struct UploadStreamOptions {
  int64_t idle_timeout_seconds = 60;        // Default: 60 s between two messages
  int64_t stream_deadline_seconds = 3600;   // Default: 1 h for the whole stream
  int64_t max_in_flight = 64;               // Default: 64 uploads at once
  int64_t max_in_flight_per_tenant = 8;     // Default: 8 per tenant
  int64_t reserved_file_descriptors = 128;  // Default: 128 kept for audits and reads
};

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";  // Default: loopback only
  std::string data_dir = "tiersight-data";
  std::vector<TokenOptions> tokens;
  TlsOptions tls;
  LimitOptions limits;
  std::map<std::string, TenantLimitOptions> tenant_limits;  // by tenant
  // Loaded networks with their figures kept for drill-down calls.
  int64_t network_cache_entries = 2;  // Default: 2
  std::string log_level = "info";     // trace, debug, info, warn, error, critical, off
  // Plaintext (or the example token) on an address other than loopback:
  // refused unless set, and then warned about at start.
  bool allow_insecure_listen = false;  // Default: false
  // A TLS private key file that group or others may read: refused unless
  // set, and then warned about.
  bool allow_insecure_key = false;  // Default: false
  UploadStreamOptions uploads;
};

// Parses `yaml_text`; `file` names it in errors. Unknown or duplicate keys,
// wrong types and malformed YAML are INVALID_ARGUMENT errors whose message
// starts "file:line:column:" and names the key. Does not validate.
absl::StatusOr<ServerOptions> ParseServerOptions(const std::string& yaml_text,
                                                 const std::string& file);

// Reads and parses `path`: NOT_FOUND when it does not exist, other
// base::ReadRegularFile errors when it cannot be read (a directory, a
// device, too large).
absl::StatusOr<ServerOptions> ReadServerOptionsFile(const std::string& path);

// Checks the options hang together: a listen address, at least one token,
// no token or token name given twice, no empty tenant, TLS files when TLS is
// enabled, positive limits and upload options, a known log level; and that
// they are usable and safe (options_checks.h). INVALID_ARGUMENT naming the
// key.
absl::Status ValidateServerOptions(const ServerOptions& options);

}  // namespace tiersight::services
