#include "clients/cpp/remote_channel.h"

#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "base/file_read.h"
#include "base/str_cat.h"

namespace tiersight::client {
namespace {

// Reports and figures of big networks are far above gRPC's 4 MiB default.
constexpr int kMaxReceiveBytes = 1 << 30;

// The text of a file the user named as `role` ("token file /x: does not
// exist"). The commands take FAILED_PRECONDITION for a usage error (no
// token given at all); a named file that cannot be read is not one, so a
// directory or a pipe fails as a missing file does.
absl::StatusOr<std::string> ReadNamedFile(const std::string& path, std::string_view role,
                                          int64_t max_bytes) {
  absl::StatusOr<std::string> text = base::ReadRegularFile(path, max_bytes, StrCat("a ", role));
  if (text.ok()) return text;
  const absl::StatusCode code = absl::IsFailedPrecondition(text.status())
                                    ? absl::StatusCode::kInvalidArgument
                                    : text.status().code();
  return absl::Status(code, StrCat(role, " ", std::string(text.status().message())));
}

}  // namespace

absl::StatusOr<std::string> ReadToken(const std::string& token_file) {
  if (!token_file.empty()) {
    absl::StatusOr<std::string> text =
        ReadNamedFile(token_file, "token file", base::kMaxTokenFileBytes);
    if (!text.ok()) return text.status();
    std::string token(absl::StripAsciiWhitespace(text->substr(0, text->find('\n'))));
    if (token.empty()) {
      return absl::FailedPreconditionError(StrCat("token file ", token_file, " is empty"));
    }
    return token;
  }
  const char* from_environment = std::getenv(std::string(kTokenEnvironmentVariable).c_str());
  std::string token(absl::StripAsciiWhitespace(from_environment ? from_environment : ""));
  if (token.empty()) {
    return absl::FailedPreconditionError(
        StrCat("no token: set ", kTokenEnvironmentVariable, " or give --token-file FILE"));
  }
  return token;
}

absl::StatusOr<RemoteConnection> RemoteConnection::Open(const RemoteOptions& options) {
  absl::StatusOr<std::string> token = ReadToken(options.token_file);
  if (!token.ok()) return token.status();
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options.ca_file.empty()) {
    absl::StatusOr<std::string> roots =
        ReadNamedFile(options.ca_file, "CA file", base::kMaxPemFileBytes);
    if (!roots.ok()) return roots.status();
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = *roots;
    credentials = grpc::SslCredentials(ssl);
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(kMaxReceiveBytes);
  RemoteConnection connection;
  connection.server_ = options.server;
  connection.token_ = *std::move(token);
  connection.channel_ = grpc::CreateCustomChannel(options.server, credentials, arguments);
  connection.audit_ = tiersight::v1::AuditService::NewStub(connection.channel_);
  return connection;
}

std::unique_ptr<grpc::ClientContext> RemoteConnection::NewContext(
    std::chrono::seconds timeout) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token_);
  if (timeout.count() > 0) context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

std::string DescribeRpcError(const RemoteConnection& connection, std::string_view what,
                             const grpc::Status& status) {
  // gRPC's codes are absl's, number for number.
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  return StrCat(connection.server(), ": ", what, " failed: ", absl::StatusCodeToString(code), ": ",
                status.error_message());
}

}  // namespace tiersight::client
