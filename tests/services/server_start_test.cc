// What stops tiersightd from starting: a port or a data directory another
// server holds, a TLS key others may read, and listening beyond loopback
// without TLS.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "services/options_checks.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// gRPC sets SO_REUSEPORT unless told not to: a second server on a taken
// port started and took half the connections, with a store of its own.
TEST(ServerStartTest, Defect04_ASecondServerOnATakenPortDoesNotStart) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Server>> first = Server::Start(TestOptions(dir.path() / "one"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  ServerOptions second_options = TestOptions(dir.path() / "two");
  second_options.listen = "127.0.0.1:" + std::to_string((*first)->port());
  absl::StatusOr<std::unique_ptr<Server>> second = Server::Start(second_options);
  ASSERT_FALSE(second.ok()) << "a second server started on port " << (*first)->port();
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(second.status().message()),
              AllOf(HasSubstr(second_options.listen), HasSubstr("taken")));
}

TEST(ServerStartTest, Defect04_ASecondServerOnTheSameDataDirectoryDoesNotStart) {
  TempDir dir;
  const ServerOptions options = TestOptions(dir.path() / "data");  // port 0: each its own
  absl::StatusOr<std::unique_ptr<Server>> first = Server::Start(options);
  ASSERT_TRUE(first.ok()) << first.status().message();
  absl::StatusOr<std::unique_ptr<Server>> second = Server::Start(options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(second.status().message()),
              AllOf(HasSubstr((dir.path() / "data").string()), HasSubstr("in use"),
                    HasSubstr("pid " + std::to_string(::getpid()))));
  // Once the first has stopped, the directory is free again.
  first->reset();
  EXPECT_TRUE(Server::Start(options).ok());
}

TEST(ServerStartTest, Defect12_ATlsKeyOthersMayReadIsRefusedUnlessAllowed) {
  TempDir dir;
  const std::string cert = (dir.path() / "cert.pem").string();
  const std::string key = (dir.path() / "key.pem").string();
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
      "-subj /CN=localhost -keyout " +
      key + " -out " + cert + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  ServerOptions options = TestOptions(dir.path() / "data");
  options.tls = {.enabled = true, .cert_file = cert, .key_file = key};
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  ASSERT_FALSE(server.ok()) << "started with a world-readable TLS key";
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      std::string(server.status().message()),
      AllOf(HasSubstr("`tls.key_file`: " + key), HasSubstr("0644"), HasSubstr("chmod 600")));

  options.allow_insecure_key = true;
  server = Server::Start(options);
  EXPECT_TRUE(server.ok()) << server.status().message();
  server->reset();

  options.allow_insecure_key = false;
  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  EXPECT_TRUE(Server::Start(options).ok());
}

TEST(ServerStartTest, Defect25_PlaintextBeyondLoopbackIsRefusedUnlessAllowed) {
  TempDir dir;
  ServerOptions options = TestOptions(dir.path() / "data");
  options.listen = "0.0.0.0:0";
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      std::string(server.status().message()),
      AllOf(HasSubstr("0.0.0.0:0"), HasSubstr("plaintext"), HasSubstr("allow_insecure_listen")));
  options.allow_insecure_listen = true;
  EXPECT_TRUE(Server::Start(options).ok());
}

}  // namespace
}  // namespace tiersight::services::testing
