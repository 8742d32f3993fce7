#include "services/server_options.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <set>
#include <stdexcept>

#include "base/file_read.h"
#include "base/str_cat.h"

namespace tiersight::services {
namespace {

// Thrown inside this file only; ParseServerOptions turns it into a Status.
struct OptionsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  ServerOptions Parse(const std::string& text) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      throw OptionsError(StrCat(Where(e.mark), e.msg));
    }
    ServerOptions options;
    if (!root || root.IsNull()) return options;  // an empty file: all defaults
    CheckMap(root, "the configuration");
    CheckKeys(root,
              {"listen", "data_dir", "tokens", "tls", "limits", "tenant_limits",
               "network_cache_entries", "log_level"},
              "");
    if (auto n = root["listen"]) options.listen = Text(n, "listen");
    if (auto n = root["data_dir"]) options.data_dir = Text(n, "data_dir");
    if (auto n = root["log_level"]) options.log_level = Text(n, "log_level");
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
        if (options.tenant_limits.contains(tenant)) {
          throw OptionsError(
              StrCat(Where(kv.first.Mark()), "key `tenant_limits.", tenant, "` given twice"));
        }
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
      if (!n.IsSequence()) throw OptionsError(StrCat(Where(n.Mark()), "`tokens` must be a list"));
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
      CheckKeys(n,
                {"max_message_bytes", "max_upload_bytes", "max_upload_rows",
                 "max_concurrent_audits"},
                "limits.");
      LimitOptions& l = options.limits;
      if (auto v = n["max_message_bytes"]) l.max_message_bytes = Int(v, "limits.max_message_bytes");
      if (auto v = n["max_upload_bytes"]) l.max_upload_bytes = Int(v, "limits.max_upload_bytes");
      if (auto v = n["max_upload_rows"]) l.max_upload_rows = Int(v, "limits.max_upload_rows");
      if (auto v = n["max_concurrent_audits"]) {
        l.max_concurrent_audits = Int(v, "limits.max_concurrent_audits");
      }
    }
    return options;
  }

 private:
  // yaml-cpp marks are 0-based; ours are 1-based.
  std::string Where(const YAML::Mark& mark) const {
    return StrCat(file_, ":", mark.line + 1, ":", mark.column + 1, ": ");
  }

  void CheckMap(const YAML::Node& node, const std::string& what) const {
    if (!node.IsMap()) throw OptionsError(StrCat(Where(node.Mark()), what, " must be a map"));
  }

  // Unknown and duplicate keys (yaml-cpp accepts duplicates silently).
  void CheckKeys(const YAML::Node& map, const std::set<std::string>& known,
                 const std::string& prefix) const {
    std::set<std::string> seen;
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (!known.contains(key)) {
        throw OptionsError(StrCat(Where(kv.first.Mark()), "unknown key `", prefix, key, "`"));
      }
      if (!seen.insert(key).second) {
        throw OptionsError(StrCat(Where(kv.first.Mark()), "key `", prefix, key, "` given twice"));
      }
    }
  }

  std::string Text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) {
      throw OptionsError(StrCat(Where(node.Mark()), "`", key, "` must be a string"));
    }
    return node.Scalar();
  }

  std::string Required(const YAML::Node& map, const std::string& key,
                       const std::string& prefix) const {
    const YAML::Node node = map[key];
    if (!node) {
      throw OptionsError(StrCat(Where(map.Mark()), "`", prefix, key, "` is missing"));
    }
    return Text(node, prefix + key);
  }

  // `token: SECRET`, or `token_env: NAME` to keep the secret out of the file.
  std::string Secret(const YAML::Node& item) const {
    const YAML::Node env = item["token_env"];
    if (env && item["token"]) {
      throw OptionsError(
          StrCat(Where(item.Mark()), "give `tokens.token` or `tokens.token_env`, not both"));
    }
    if (!env) return Required(item, "token", "tokens.");
    const std::string name = Text(env, "tokens.token_env");
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') {
      throw OptionsError(StrCat(Where(env.Mark()), "`tokens.token_env`: environment variable ",
                                name, " is not set"));
    }
    return value;
  }

  bool Bool(const YAML::Node& node, const std::string& key) const {
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
      throw OptionsError(StrCat(Where(node.Mark()), "`", key, "` must be true or false"));
    }
    return value;
  }

  int64_t Int(const YAML::Node& node, const std::string& key) const {
    int64_t value = 0;
    if (!node.IsScalar() || !YAML::convert<int64_t>::decode(node, value)) {
      throw OptionsError(StrCat(Where(node.Mark()), "`", key, "` must be an integer"));
    }
    return value;
  }

  std::string file_;
};

absl::Status Invalid(const std::string& message) { return absl::InvalidArgumentError(message); }

}  // namespace

absl::StatusOr<ServerOptions> ParseServerOptions(const std::string& yaml_text,
                                                 const std::string& file) {
  try {
    return Parser(file).Parse(yaml_text);
  } catch (const OptionsError& e) {
    return Invalid(e.what());
  } catch (const YAML::Exception& e) {
    return Invalid(StrCat(file, ":", e.mark.line + 1, ":", e.mark.column + 1, ": ", e.msg));
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
    if (options.tls.cert_file.empty()) return Invalid("`tls.cert_file` is needed when TLS is enabled");
    if (options.tls.key_file.empty()) return Invalid("`tls.key_file` is needed when TLS is enabled");
  } else if (!options.tls.client_ca_file.empty()) {
    return Invalid("`tls.client_ca_file` is set but TLS is not enabled");
  }
  const LimitOptions& l = options.limits;
  if (l.max_message_bytes <= 0 || l.max_message_bytes > INT32_MAX) {
    return Invalid("`limits.max_message_bytes` must be between 1 and 2147483647");
  }
  if (l.max_upload_bytes <= 0) return Invalid("`limits.max_upload_bytes` must be positive");
  if (l.max_upload_rows <= 0) return Invalid("`limits.max_upload_rows` must be positive");
  if (l.max_concurrent_audits <= 0) return Invalid("`limits.max_concurrent_audits` must be positive");
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
  static const std::set<std::string> kLevels = {"trace", "debug", "info",    "warn",
                                                "error", "critical", "off"};
  if (!kLevels.contains(options.log_level)) {
    return Invalid(StrCat("`log_level` '", options.log_level,
                          "' is not one of trace, debug, info, warn, error, critical, off"));
  }
  return absl::OkStatus();
}

}  // namespace tiersight::services
