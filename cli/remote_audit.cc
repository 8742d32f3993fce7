#include "cli/remote_audit.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "absl/status/status.h"
#include "base/file_read.h"
#include "base/str_cat.h"
#include "cli/audit_output.h"
#include "clients/cpp/remote_finding_subjects.h"
#include "core/pack_library.h"

namespace tiersight::cli {
namespace {

namespace fs = std::filesystem;
constexpr int kUsageError = 2;
constexpr std::string_view kNetworksPrefix = "networks/";

}  // namespace

absl::StatusOr<tiersight::v1::AuditNetworkRequest> BuildAuditRequest(
    const AuditCommandOptions& options, const AuditChoice& choice) {
  tiersight::v1::AuditNetworkRequest request;
  request.set_network(options.network.starts_with(kNetworksPrefix)
                          ? options.network
                          : StrCat(kNetworksPrefix, options.network));
  request.set_lenient(options.lenient);
  request.set_jurisdiction(choice.jurisdiction);
  request.set_all_packs(choice.choice == core::PackChoice::kAll);
  for (const auto& [name, value] : choice.params) (*request.mutable_params())[name] = value;
  for (const std::string& pack : choice.packs) {
    if (!core::IsPackPath(pack)) {
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
  absl::StatusOr<AuditChoice> choice = ReadAuditChoice(options);
  if (!choice.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(choice.status().message()));
    return kUsageError;
  }
  absl::StatusOr<client::RemoteConnection> connection =
      client::RemoteConnection::Open(client::RemoteOptions{
          .server = options.server, .token_file = options.token_file, .ca_file = ca_file});
  if (!connection.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(connection.status().message()));
    return absl::IsFailedPrecondition(connection.status()) ? kUsageError : 1;
  }
  absl::StatusOr<tiersight::v1::AuditNetworkRequest> request = BuildAuditRequest(options, *choice);
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
  // Printed and exported with every subject, as a local audit's report is.
  if (absl::Status s = client::FetchTruncatedSubjects(*connection, response.audit().name(),
                                                      *response.mutable_report());
      !s.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(s.message()));
    return 1;
  }
  return EmitAuditReport(response.report(), options);
}

}  // namespace tiersight::cli
