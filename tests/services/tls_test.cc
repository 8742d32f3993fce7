// TLS is a configuration switch: a throwaway self-signed certificate made
// with the openssl command, a server on a loopback port, and clients that do
// and do not trust it.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A throwaway self-signed certificate for "localhost" and its key.
struct SelfSigned {
  std::string cert;
  std::string key;
};

SelfSigned MakeSelfSigned(const TempDir& dir) {
  SelfSigned out{(dir.path() / "cert.pem").string(), (dir.path() / "key.pem").string()};
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
      "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout " +
      out.key + " -out " + out.cert + " 2>/dev/null";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return out;
}

TEST(TlsTest, ServesOverTlsToClientsThatTrustTheCertificate) {
  TempDir dir;
  const auto [cert, key] = MakeSelfSigned(dir);
  ServerOptions options = TestOptions(dir.path() / "data");
  options.tls.enabled = true;
  options.tls.cert_file = cert;
  options.tls.key_file = key;
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  ASSERT_TRUE(server.ok()) << server.status().message();
  const std::string address = "127.0.0.1:" + std::to_string((*server)->port());

  grpc::SslCredentialsOptions trust;
  trust.pem_root_certs = ReadText(cert);
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  auto stub = v1::AuditService::NewStub(
      grpc::CreateCustomChannel(address, grpc::SslCredentials(trust), args));
  v1::ListNetworksResponse listed;
  grpc::Status status =
      stub->ListNetworks(Context(kAlphaToken, std::chrono::seconds(10)).get(), {}, &listed);
  EXPECT_TRUE(status.ok()) << status.error_message();
  // Tokens are still checked over TLS.
  EXPECT_EQ(stub->ListNetworks(Context("wrong", std::chrono::seconds(10)).get(), {}, &listed)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  auto plaintext =
      v1::AuditService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  EXPECT_EQ(
      plaintext->ListNetworks(Context(kAlphaToken, std::chrono::seconds(2)).get(), {}, &listed)
          .error_code(),
      grpc::StatusCode::UNAVAILABLE);
}

// A named pipe would block a plain open() until a writer came; the server
// must refuse it at once, as the configuration error it is.
TEST(TlsTest, AKeyFileThatIsAPipeIsRefusedWithoutWaiting) {
  TempDir dir;
  const auto [cert, key] = MakeSelfSigned(dir);
  const std::string pipe = (dir.path() / "key.fifo").string();
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  ServerOptions options = TestOptions(dir.path() / "data");
  options.tls = {.enabled = true, .cert_file = cert, .key_file = pipe};
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(server.status().message()),
              ::testing::AllOf(::testing::HasSubstr("`tls.key_file`: " + pipe),
                               ::testing::HasSubstr("named pipe")));
}

TEST(TlsTest, MutualTlsRefusesClientsWithoutACertificateFromTheCa) {
  TempDir dir;
  // One self-signed certificate serves as the server's, the client CA and
  // the client's own, which is enough to exercise the switch.
  const auto [cert, key] = MakeSelfSigned(dir);
  ServerOptions options = TestOptions(dir.path() / "data");
  options.tls = {.enabled = true, .cert_file = cert, .key_file = key, .client_ca_file = cert};
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  ASSERT_TRUE(server.ok()) << server.status().message();
  const std::string address = "127.0.0.1:" + std::to_string((*server)->port());
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");

  auto call = [&](const grpc::SslCredentialsOptions& tls) {
    auto stub = v1::AuditService::NewStub(
        grpc::CreateCustomChannel(address, grpc::SslCredentials(tls), args));
    v1::ListNetworksResponse listed;
    return stub->ListNetworks(Context(kAlphaToken, std::chrono::seconds(5)).get(), {}, &listed);
  };
  grpc::SslCredentialsOptions anonymous;
  anonymous.pem_root_certs = ReadText(cert);
  EXPECT_EQ(call(anonymous).error_code(), grpc::StatusCode::UNAVAILABLE);
  grpc::SslCredentialsOptions known = anonymous;
  known.pem_private_key = ReadText(key);
  known.pem_cert_chain = ReadText(cert);
  grpc::Status status = call(known);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace tiersight::services::testing
