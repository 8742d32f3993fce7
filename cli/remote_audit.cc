#include "cli/remote_audit.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "absl/status/status.h"
#include "base/file_read.h"
#include "base/str_cat.h"
#include "cli/audit_output.h"

namespace tiersight::cli {
namespace {

namespace fs = std::filesystem;
constexpr int kUsageError = 2;
constexpr std::string_view kNetworksPrefix = "networks/";

// The same test `core::ResolvePack` makes for a local audit.
bool IsPackFile(const std::string& name_or_path) {
  std::error_code ec;
  return name_or_path.find('/') != std::string::npos || fs::exists(name_or_path, ec);
}

}  // namespace

absl::StatusOr<tiersight::v1::AuditNetworkRequest> BuildAuditRequest(
    const AuditCommandOptions& options) {
  tiersight::v1::AuditNetworkRequest request;
  request.set_network(options.network.starts_with(kNetworksPrefix)
                          ? options.network
                          : StrCat(kNetworksPrefix, options.network));
  request.set_lenient(options.lenient);
  for (const std::string& pack : options.packs) {
    if (!IsPackFile(pack)) {
      request.add_rule_packs(StrCat("rulePacks/", pack));
      continue;
    }
    absl::StatusOr<std::string> text =
        base::ReadRegularFile(pack, base::kMaxPackFileBytes, "a rule pack");
    if (!text.ok()) return text.status();
    tiersight::v1::InlineRulePack* inline_pack = request.add_inline_packs();
    inline_pack->set_file(fs::path(pack).filename().string());
    inline_pack->set_yaml(*std::move(text));
  }
  return request;
}

int RunRemoteAuditCommand(const AuditCommandOptions& options, const std::string& ca_file) {
  if (!options.rejects_csv.empty()) {
    fmt::print(stderr,
               "tiersight: --rejects needs the bundle's rows and cannot be used with --server "
               "(`tiersight upload` prints the load report with every rejected row)\n");
    return kUsageError;
  }
  absl::StatusOr<client::RemoteConnection> connection =
      client::RemoteConnection::Open(client::RemoteOptions{
          .server = options.server, .token_file = options.token_file, .ca_file = ca_file});
  if (!connection.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(connection.status().message()));
    return absl::IsFailedPrecondition(connection.status()) ? kUsageError : 1;
  }
  absl::StatusOr<tiersight::v1::AuditNetworkRequest> request = BuildAuditRequest(options);
  if (!request.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(request.status().message()));
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<grpc::ClientContext> context = connection->NewContext();
  tiersight::v1::AuditNetworkResponse response;
  const grpc::Status status = connection->audit().AuditNetwork(context.get(), *request, &response);
  if (!status.ok()) {
    fmt::print(stderr, "tiersight: {}\n",
               client::DescribeRpcError(*connection, "AuditNetwork", status));
    return 1;
  }
  spdlog::info("{} of {} recorded in {:.2f} s", response.audit().name(), request->network(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return EmitAuditReport(response.report(), options);
}

}  // namespace tiersight::cli
