#include "services/server_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/str_cat.h"

namespace tiersight::services {
namespace {

using ::testing::HasSubstr;

constexpr char kGood[] = R"(listen: 127.0.0.1:6000
data_dir: /var/lib/tiersight
log_level: debug
tokens:
  - token: alpha-secret
    token_name: alpha-ci
    tenant: alpha
  - token: beta-secret
    token_name: beta-ci
    tenant: beta
tls:
  enabled: true
  cert_file: server.crt
  key_file: server.key
  client_ca_file: ca.crt
limits:
  max_message_bytes: 1048576
  max_upload_bytes: 1000000
  max_upload_rows: 5000
  max_concurrent_audits: 3
)";

TEST(ServerOptionsTest, ParsesEveryKey) {
  absl::StatusOr<ServerOptions> o = ParseServerOptions(kGood, "server.yaml");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->listen, "127.0.0.1:6000");
  EXPECT_EQ(o->data_dir, "/var/lib/tiersight");
  EXPECT_EQ(o->log_level, "debug");
  ASSERT_EQ(o->tokens.size(), 2u);
  EXPECT_EQ(o->tokens[1].token, "beta-secret");
  EXPECT_EQ(o->tokens[1].token_name, "beta-ci");
  EXPECT_EQ(o->tokens[1].tenant, "beta");
  EXPECT_TRUE(o->tls.enabled);
  EXPECT_EQ(o->tls.client_ca_file, "ca.crt");
  EXPECT_EQ(o->limits.max_message_bytes, 1048576);
  EXPECT_EQ(o->limits.max_upload_rows, 5000);
  EXPECT_EQ(o->limits.max_concurrent_audits, 3);
  EXPECT_TRUE(ValidateServerOptions(*o).ok());
}

TEST(ServerOptionsTest, BooleansAreTheCoreSchemaWords) {
  for (const char* yes : {"true", "True", "TRUE"}) {
    absl::StatusOr<ServerOptions> o =
        ParseServerOptions(StrCat("tls:\n  enabled: ", yes, "\n"), "s.yaml");
    ASSERT_TRUE(o.ok()) << o.status();
    EXPECT_TRUE(o->tls.enabled) << yes;
  }
}

TEST(ServerOptionsTest, DefaultsListenOnLoopbackOnly) {
  absl::StatusOr<ServerOptions> o = ParseServerOptions("", "empty.yaml");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->listen, "127.0.0.1:50051");
  EXPECT_FALSE(o->tls.enabled);
}

struct BadCase {
  const char* name;
  std::string yaml;
  const char* expected;  // substring of the message, position included
};

TEST(ServerOptionsTest, ErrorsNameFileLineColumnAndKey) {
  const BadCase kCases[] = {
      {"unknown top-level key", "listen: a:1\nport: 5\n", "s.yaml:2:1: unknown key `port`"},
      {"unknown nested key", "tls:\n  enabled: true\n  cert: x\n",
       "s.yaml:3:3: unknown key `tls.cert`"},
      {"unknown token key", "tokens:\n  - token: a\n    name: n\n",
       "s.yaml:3:5: unknown key `tokens.name`"},
      {"wrong type int", "limits:\n  max_upload_rows: many\n",
       "s.yaml:2:20: `limits.max_upload_rows` must be an integer"},
      {"wrong type bool", "tls:\n  enabled: maybe\n",
       "s.yaml:2:12: `tls.enabled` must be true or false"},
      // YAML 1.2 core booleans: the YAML 1.1 words are text, not a switch.
      {"yes is not a boolean", "tls:\n  enabled: yes\n",
       "s.yaml:2:12: `tls.enabled` must be true or false"},
      {"on is not a boolean", "tls:\n  enabled: on\n",
       "s.yaml:2:12: `tls.enabled` must be true or false"},
      {"no is not a boolean", "tls:\n  enabled: no\n",
       "s.yaml:2:12: `tls.enabled` must be true or false"},
      {"wrong type string", "listen: [a, b]\n", "s.yaml:1:9: `listen` must be a string"},
      {"tokens not a list", "tokens: x\n", "s.yaml:1:9: `tokens` must be a list"},
      {"duplicate key", "listen: a:1\nlisten: b:2\n", "s.yaml:2:1: `listen` is given twice"},
      {"duplicate nested key", "tls:\n  enabled: false\n  enabled: true\n",
       "s.yaml:3:3: `enabled` is given twice"},
      {"duplicate tenant", "tenant_limits:\n  a: {max_upload_rows: 1}\n  a: {max_upload_rows: 2}\n",
       "s.yaml:3:3: `a` is given twice"},
      {"NUL byte", std::string("listen: a:1\0\n", 13), "s.yaml:1:12: a NUL byte"},
      {"second document", "listen: a:1\n---\nlisten: b:2\n", "s.yaml:3:1: a second YAML document"},
      {"missing token field", "tokens:\n  - token: a\n    tenant: t\n",
       "s.yaml:2:5: `tokens.token_name` is missing"},
      {"malformed yaml", "listen: [a\n", "s.yaml:"},
  };
  for (const BadCase& c : kCases) {
    absl::StatusOr<ServerOptions> o = ParseServerOptions(c.yaml, "s.yaml");
    ASSERT_FALSE(o.ok()) << c.name;
    EXPECT_EQ(o.status().code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(o.status().message()), HasSubstr(c.expected)) << c.name;
  }
}

ServerOptions Valid() {
  ServerOptions o;
  o.tokens = {{"s1", "n1", "t1"}, {"s2", "n2", "t2"}};
  return o;
}

TEST(ServerOptionsTest, ValidationNamesTheBadKey) {
  struct Case {
    const char* name;
    void (*mutate)(ServerOptions&);
    const char* expected;
  };
  const Case kCases[] = {
      {"no tokens", [](ServerOptions& o) { o.tokens.clear(); }, "`tokens` is empty"},
      {"token twice", [](ServerOptions& o) { o.tokens[1].token = "s1"; },
       "`tokens[1].token` (n2) is given twice"},
      {"token name twice", [](ServerOptions& o) { o.tokens[1].token_name = "n1"; },
       "`tokens[1].token_name` 'n1' is given twice"},
      {"empty tenant", [](ServerOptions& o) { o.tokens[0].tenant.clear(); },
       "`tokens[0].tenant` is empty"},
      {"tls without cert", [](ServerOptions& o) { o.tls.enabled = true; }, "`tls.cert_file`"},
      {"tls without key",
       [](ServerOptions& o) {
         o.tls.enabled = true;
         o.tls.cert_file = "c";
       },
       "`tls.key_file`"},
      {"ca without tls", [](ServerOptions& o) { o.tls.client_ca_file = "ca"; },
       "`tls.client_ca_file`"},
      {"zero audits", [](ServerOptions& o) { o.limits.max_concurrent_audits = 0; },
       "`limits.max_concurrent_audits`"},
      {"huge messages", [](ServerOptions& o) { o.limits.max_message_bytes = int64_t{1} << 40; },
       "`limits.max_message_bytes`"},
      {"log level", [](ServerOptions& o) { o.log_level = "loud"; }, "`log_level` 'loud'"},
      {"empty listen", [](ServerOptions& o) { o.listen.clear(); }, "`listen`"},
  };
  EXPECT_TRUE(ValidateServerOptions(Valid()).ok());
  for (const Case& c : kCases) {
    ServerOptions o = Valid();
    c.mutate(o);
    absl::Status s = ValidateServerOptions(o);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(s.message()), HasSubstr(c.expected)) << c.name;
  }
}

TEST(ServerOptionsTest, TokenSecretNeverInValidationMessage) {
  ServerOptions o = Valid();
  o.tokens[1].token = "s1";
  absl::Status s = ValidateServerOptions(o);
  EXPECT_THAT(std::string(s.message()), ::testing::Not(HasSubstr("s1")));
}

TEST(ServerOptionsTest, MissingFileIsNotFound) {
  absl::StatusOr<ServerOptions> o = ReadServerOptionsFile("/nonexistent/tiersight.yaml");
  EXPECT_EQ(o.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(o.status().message()),
              HasSubstr("/nonexistent/tiersight.yaml: does not exist"));
}

TEST(ServerOptionsTest, Defect08_OnlyARegularFileIsReadAsTheConfiguration) {
  absl::StatusOr<ServerOptions> o = ReadServerOptionsFile("/dev/zero");
  EXPECT_EQ(o.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(o.status().message()), HasSubstr("/dev/zero: is a device"));
}

TEST(ServerOptionsTest, TokenFromTheEnvironmentAndTenantLimits) {
  ::setenv("TIERSIGHT_TEST_TOKEN", "from-env", 1);
  absl::StatusOr<ServerOptions> o = ParseServerOptions(
      "tokens:\n"
      "  - token_env: TIERSIGHT_TEST_TOKEN\n"
      "    token_name: ci\n"
      "    tenant: acme\n"
      "tenant_limits:\n"
      "  acme: {max_upload_rows: 7}\n"
      "network_cache_entries: 3\n",
      "t.yaml");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->tokens[0].token, "from-env");
  EXPECT_EQ(o->tenant_limits.at("acme").max_upload_rows, 7);
  EXPECT_FALSE(o->tenant_limits.at("acme").max_upload_bytes.has_value());
  EXPECT_EQ(o->network_cache_entries, 3);

  absl::StatusOr<ServerOptions> unset = ParseServerOptions(
      "tokens:\n  - token_env: TIERSIGHT_TEST_UNSET_TOKEN\n    token_name: ci\n    tenant: a\n",
      "t.yaml");
  EXPECT_EQ(unset.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unset.status().message()),
              HasSubstr("t.yaml:2:16: `tokens.token_env`: environment variable "
                        "TIERSIGHT_TEST_UNSET_TOKEN is not set"));
  absl::StatusOr<ServerOptions> unknown =
      ParseServerOptions("tenant_limits:\n  acme: {max_rows: 7}\n", "t.yaml");
  EXPECT_THAT(std::string(unknown.status().message()),
              HasSubstr("unknown key `tenant_limits.acme.max_rows`"));
}

TEST(ServerOptionsTest, SampleDeployConfigIsValid) {
  absl::StatusOr<ServerOptions> o =
      ReadServerOptionsFile(std::string(TIERSIGHT_SOURCE_DIR) + "/deploy/tiersightd.yaml");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_TRUE(ValidateServerOptions(*o).ok());
  EXPECT_EQ(o->listen.rfind("127.0.0.1:", 0), 0u);  // loopback by default
}

}  // namespace
}  // namespace tiersight::services
