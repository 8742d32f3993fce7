#include "services/server_options.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <optional>
#include <set>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "base/yaml_errors.h"
#include "services/options_checks.h"

namespace tiersight::services {
namespace {

// Thrown inside this file only; ParseServerOptions returns its status.
struct OptionsError {
  absl::Status status;
};

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  ServerOptions Parse(const YAML::Node& root) {
    ServerOptions options;
    if (!root || root.IsNull()) return options;  // an empty file: all defaults
    CheckMap(root, "the configuration");
    CheckKeys(
        root,
        {"listen", "data_dir", "tokens", "tls", "limits", "tenant_limits", "network_cache_entries",
         "log_level", "allow_insecure_listen", "allow_insecure_key", "uploads"},
        "");
    if (auto n = root["listen"]) options.listen = Text(n, "listen");
    if (auto n = root["data_dir"]) options.data_dir = Text(n, "data_dir");
    if (auto n = root["log_level"]) options.log_level = Text(n, "log_level");
    if (auto n = root["allow_insecure_listen"]) {
      options.allow_insecure_listen = Bool(n, "allow_insecure_listen");
    }
    if (auto n = root["allow_insecure_key"]) {
      options.allow_insecure_key = Bool(n, "allow_insecure_key");
    }
    if (auto n = root["network_cache_entries"]) {
      options.network_cache_entries = Int(n, "network_cache_entries");
    }
    if (auto n = root["tenant_limits"]) {
      CheckMap(n, "`tenant_limits`");
      for (const auto& kv : n) {
        const std::string tenant = kv.first.Scalar();
        const std::string prefix = StrCat("tenant_limits.", tenant, ".");
        CheckMap(kv.second, StrCat("`tenant_limits.", tenant, "`"));
        CheckKeys(kv.second, {"max_upload_bytes", "max_upload_rows"}, prefix);
        TenantLimitOptions& limits = options.tenant_limits[tenant];
        if (auto v = kv.second["max_upload_bytes"]) {
          limits.max_upload_bytes = Int(v, prefix + "max_upload_bytes");
        }
        if (auto v = kv.second["max_upload_rows"]) {
          limits.max_upload_rows = Int(v, prefix + "max_upload_rows");
        }
      }
    }
    if (auto n = root["tokens"]) {
      if (!n.IsSequence()) Fail(n, "`tokens` must be a list");
      for (const YAML::Node& t : n) {
        CheckMap(t, "a `tokens` item");
        CheckKeys(t, {"token", "token_env", "token_name", "tenant"}, "tokens.");
        TokenOptions token;
        token.token = Secret(t);
        token.token_name = Required(t, "token_name", "tokens.");
        token.tenant = Required(t, "tenant", "tokens.");
        options.tokens.push_back(std::move(token));
      }
    }
    if (auto n = root["tls"]) {
      CheckMap(n, "`tls`");
      CheckKeys(n, {"enabled", "cert_file", "key_file", "client_ca_file"}, "tls.");
      if (auto v = n["enabled"]) options.tls.enabled = Bool(v, "tls.enabled");
      if (auto v = n["cert_file"]) options.tls.cert_file = Text(v, "tls.cert_file");
      if (auto v = n["key_file"]) options.tls.key_file = Text(v, "tls.key_file");
      if (auto v = n["client_ca_file"]) options.tls.client_ca_file = Text(v, "tls.client_ca_file");
    }
    if (auto n = root["limits"]) {
      CheckMap(n, "`limits`");
      CheckKeys(
          n, {"max_message_bytes", "max_upload_bytes", "max_upload_rows", "max_concurrent_audits"},
          "limits.");
      LimitOptions& l = options.limits;
      if (auto v = n["max_message_bytes"]) l.max_message_bytes = Int(v, "limits.max_message_bytes");
      if (auto v = n["max_upload_bytes"]) l.max_upload_bytes = Int(v, "limits.max_upload_bytes");
      if (auto v = n["max_upload_rows"]) l.max_upload_rows = Int(v, "limits.max_upload_rows");
      if (auto v = n["max_concurrent_audits"]) {
        l.max_concurrent_audits = Int(v, "limits.max_concurrent_audits");
      }
    }
    if (auto n = root["uploads"]) ParseUploads(n, options.uploads);
    return options;
  }

 private:
  void ParseUploads(const YAML::Node& n, UploadStreamOptions& u) const {
    CheckMap(n, "`uploads`");
    CheckKeys(n,
              {"idle_timeout_seconds", "stream_deadline_seconds", "max_in_flight",
               "max_in_flight_per_tenant", "reserved_file_descriptors"},
              "uploads.");
    const std::pair<const char*, int64_t*> keys[] = {
        {"idle_timeout_seconds", &u.idle_timeout_seconds},
        {"stream_deadline_seconds", &u.stream_deadline_seconds},
        {"max_in_flight", &u.max_in_flight},
        {"max_in_flight_per_tenant", &u.max_in_flight_per_tenant},
        {"reserved_file_descriptors", &u.reserved_file_descriptors}};
    for (const auto& [key, value] : keys) {
      if (auto v = n[key]) *value = Int(v, StrCat("uploads.", key));
    }
  }

  [[noreturn]] void Fail(const YAML::Node& node, std::string_view message) const {
    throw OptionsError{base::YamlError(base::PlaceOf(file_, node), message)};
  }

  void CheckMap(const YAML::Node& node, const std::string& what) const {
    if (!node.IsMap()) Fail(node, StrCat(what, " must be a map"));
  }

  // Unknown keys; LoadYamlDocument has refused duplicate ones.
  void CheckKeys(const YAML::Node& map, const std::set<std::string>& known,
                 const std::string& prefix) const {
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (!known.contains(key)) Fail(kv.first, StrCat("unknown key `", prefix, key, "`"));
    }
  }

  std::string Text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) Fail(node, StrCat("`", key, "` must be a string"));
    return node.Scalar();
  }

  std::string Required(const YAML::Node& map, const std::string& key,
                       const std::string& prefix) const {
    const YAML::Node node = map[key];
    if (!node) Fail(map, StrCat("`", prefix, key, "` is missing"));
    return Text(node, prefix + key);
  }

  // `token: SECRET`, or `token_env: NAME` to keep the secret out of the file.
  std::string Secret(const YAML::Node& item) const {
    const YAML::Node env = item["token_env"];
    if (env && item["token"]) Fail(item, "give `tokens.token` or `tokens.token_env`, not both");
    if (!env) return Required(item, "token", "tokens.");
    const std::string name = Text(env, "tokens.token_env");
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') {
      Fail(env, StrCat("`tokens.token_env`: environment variable ", name, " is not set"));
    }
    return value;
  }

  // YAML 1.2: `yes`, `on` and the like are text, so a mistyped switch is an
  // error rather than a guess.
  bool Bool(const YAML::Node& node, const std::string& key) const {
    const std::optional<bool> value = base::CoreBool(node);
    if (!value) Fail(node, StrCat("`", key, "` must be true or false"));
    return *value;
  }

  int64_t Int(const YAML::Node& node, const std::string& key) const {
    int64_t value = 0;
    if (!node.IsScalar() || !YAML::convert<int64_t>::decode(node, value)) {
      Fail(node, StrCat("`", key, "` must be an integer"));
    }
    return value;
  }

  std::string file_;
};

absl::Status Invalid(const std::string& message) { return absl::InvalidArgumentError(message); }

absl::Status ValidateUploadOptions(const UploadStreamOptions& u) {
  // Whole days at most: larger values would overflow the clock arithmetic.
  constexpr int64_t kMaxSeconds = 7 * 24 * 3600;
  if (u.idle_timeout_seconds <= 0 || u.idle_timeout_seconds > kMaxSeconds) {
    return Invalid(StrCat("`uploads.idle_timeout_seconds` must be between 1 and ", kMaxSeconds));
  }
  if (u.stream_deadline_seconds <= 0 || u.stream_deadline_seconds > kMaxSeconds) {
    return Invalid(StrCat("`uploads.stream_deadline_seconds` must be between 1 and ", kMaxSeconds));
  }
  if (u.max_in_flight <= 0) return Invalid("`uploads.max_in_flight` must be positive");
  if (u.max_in_flight_per_tenant <= 0) {
    return Invalid("`uploads.max_in_flight_per_tenant` must be positive");
  }
  if (u.reserved_file_descriptors < 0) {
    return Invalid("`uploads.reserved_file_descriptors` must not be negative");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServerOptions> ParseServerOptions(const std::string& yaml_text,
                                                 const std::string& file) {
  absl::StatusOr<YAML::Node> root = base::LoadYamlDocument(yaml_text, file);
  if (!root.ok()) return root.status();
  try {
    return Parser(file).Parse(*root);
  } catch (const OptionsError& e) {
    return e.status;
  } catch (const YAML::Exception& e) {
    return base::YamlError(base::PlaceOf(file, e.mark), e.msg);
  }
}

absl::StatusOr<ServerOptions> ReadServerOptionsFile(const std::string& path) {
  absl::StatusOr<std::string> text =
      base::ReadRegularFile(path, base::kMaxConfigFileBytes, "a configuration file");
  if (!text.ok()) return text.status();
  return ParseServerOptions(*text, path);
}

absl::Status ValidateServerOptions(const ServerOptions& options) {
  if (options.listen.empty()) return Invalid("`listen` is empty");
  if (options.data_dir.empty()) return Invalid("`data_dir` is empty");
  if (options.tokens.empty()) return Invalid("`tokens` is empty: no client could call the server");
  std::set<std::string> tokens;
  std::set<std::string> names;
  for (size_t i = 0; i < options.tokens.size(); ++i) {
    const TokenOptions& t = options.tokens[i];
    const std::string item = StrCat("tokens[", i, "]");
    if (t.token.empty()) return Invalid(StrCat("`", item, ".token` is empty"));
    if (t.token_name.empty()) return Invalid(StrCat("`", item, ".token_name` is empty"));
    if (t.tenant.empty()) return Invalid(StrCat("`", item, ".tenant` is empty"));
    // The message names the token by its name, never by its secret.
    if (!tokens.insert(t.token).second) {
      return Invalid(StrCat("`", item, ".token` (", t.token_name, ") is given twice"));
    }
    if (!names.insert(t.token_name).second) {
      return Invalid(StrCat("`", item, ".token_name` '", t.token_name, "' is given twice"));
    }
  }
  if (options.tls.enabled) {
    if (options.tls.cert_file.empty())
      return Invalid("`tls.cert_file` is needed when TLS is enabled");
    if (options.tls.key_file.empty())
      return Invalid("`tls.key_file` is needed when TLS is enabled");
  } else if (!options.tls.client_ca_file.empty()) {
    return Invalid("`tls.client_ca_file` is set but TLS is not enabled");
  }
  const LimitOptions& l = options.limits;
  if (l.max_message_bytes <= 0 || l.max_message_bytes > INT32_MAX) {
    return Invalid("`limits.max_message_bytes` must be between 1 and 2147483647");
  }
  if (l.max_upload_bytes <= 0) return Invalid("`limits.max_upload_bytes` must be positive");
  if (l.max_upload_rows <= 0) return Invalid("`limits.max_upload_rows` must be positive");
  if (l.max_concurrent_audits <= 0)
    return Invalid("`limits.max_concurrent_audits` must be positive");
  for (const auto& [tenant, t] : options.tenant_limits) {
    if (t.max_upload_bytes && *t.max_upload_bytes <= 0) {
      return Invalid(StrCat("`tenant_limits.", tenant, ".max_upload_bytes` must be positive"));
    }
    if (t.max_upload_rows && *t.max_upload_rows <= 0) {
      return Invalid(StrCat("`tenant_limits.", tenant, ".max_upload_rows` must be positive"));
    }
  }
  if (options.network_cache_entries <= 0) {
    return Invalid("`network_cache_entries` must be positive");
  }
  if (absl::Status uploads = ValidateUploadOptions(options.uploads); !uploads.ok()) return uploads;
  static const std::set<std::string> kLevels = {"trace", "debug",    "info", "warn",
                                                "error", "critical", "off"};
  if (!kLevels.contains(options.log_level)) {
    return Invalid(StrCat("`log_level` '", options.log_level,
                          "' is not one of trace, debug, info, warn, error, critical, off"));
  }
  if (absl::Status s = CheckTenantsAndTokens(options); !s.ok()) return s;
  return CheckListenSecurity(options);
}

}  // namespace tiersight::services
