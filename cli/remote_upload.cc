#include "cli/remote_upload.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "cli/figures_text.h"
#include "cli/load_messages.h"
#include "clients/cpp/remote_bundle_rows.h"
#include "core/bundle_session.h"
#include "core/figures_proto.h"

namespace tiersight::cli {
namespace {

using tiersight::v1::UploadNetworkRequest;
using tiersight::v1::UploadNetworkResponse;

// About 2 MiB of fields per message: big enough that per-message costs
// vanish, far below the server's 16 MiB default message limit.
constexpr size_t kBatchBytes = size_t{2} << 20;
constexpr int kUsageError = 2;

void LogWarnings(const std::vector<graph::LoadIssue>& warnings) {
  for (const graph::LoadIssue& w : warnings) {
    if (w.line > 0) {
      spdlog::warn("{}:{}: {}", w.file, w.line, w.reason);
    } else {
      spdlog::warn("{}: {}", w.file, w.reason);
    }
  }
}

}  // namespace

int RunUploadCommand(const UploadCommandOptions& options) {
  absl::StatusOr<client::RemoteConnection> connection =
      client::RemoteConnection::Open(options.remote);
  if (!connection.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(connection.status().message()));
    return absl::IsFailedPrecondition(connection.status()) ? kUsageError : 1;
  }
  std::vector<graph::LoadIssue> warnings;
  absl::StatusOr<client::BundleFacts> facts = client::ReadNetworkFacts(options.bundle, warnings);
  if (!facts.ok()) {
    fmt::print(stderr, "tiersight: {}\nnothing uploaded: the bundle would be refused\n",
               std::string(facts.status().message()));
    return 1;
  }

  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<grpc::ClientContext> context = connection->NewContext();
  UploadNetworkResponse response;
  std::unique_ptr<grpc::ClientWriter<UploadNetworkRequest>> stream =
      connection->audit().UploadNetwork(context.get(), &response);
  UploadNetworkRequest request;
  *request.mutable_header()->mutable_facts() = facts->facts;
  request.mutable_header()->set_display_name(options.display_name);
  bool stream_open = stream->Write(request);

  UploadNetworkRequest batch_request;
  absl::StatusOr<client::BundleRowsResult> rows =
      client::StreamBundleRows(options.bundle, facts->encoding, kBatchBytes, warnings,
                               [&](tiersight::v1::UploadNetworkBatch& batch) {
                                 if (!stream_open) return false;
                                 batch_request.mutable_batch()->Swap(&batch);
                                 stream_open = stream->Write(batch_request);
                                 return stream_open;
                               });
  LogWarnings(warnings);
  if (!rows.ok() || !rows->malformed.empty()) {
    // The server stores nothing of a cancelled upload.
    context->TryCancel();
    stream->Finish();
    if (!rows.ok()) {
      fmt::print(stderr, "tiersight: {}\n", std::string(rows.status().message()));
    } else {
      for (const std::string& m : rows->malformed) fmt::print(stderr, "{}\n", m);
      fmt::print(stderr,
                 "tiersight: {} malformed CSV records; the upload stream cannot carry them\n",
                 rows->malformed.size());
    }
    fmt::print(stderr, "nothing uploaded\n");
    return 1;
  }
  // The counts let the server tell a whole stream from one cut short.
  if (stream_open) stream_open = stream->Write(client::UploadCountsRequest(*rows));
  if (stream_open) stream->WritesDone();
  const grpc::Status status = stream->Finish();
  if (!status.ok()) {
    fmt::print(stderr, "tiersight: {}\nnothing uploaded\n",
               client::DescribeRpcError(*connection, "UploadNetwork", status));
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("uploaded {} rows in {} messages in {:.2f} s ({:.0f} rows/s)", rows->rows,
               rows->batches + 2, seconds, seconds > 0 ? rows->rows / seconds : 0.0);

  const tiersight::v1::Network& network = response.network();
  if (options.format == "json") {
    PrintStdout(core::ToJson(response));
  } else {
    PrintStdout(RenderLoadText(network.load()));
    PrintStdout(fmt::format("network {} ({})\n", network.name(), network.display_name()));
    PrintStdout(fmt::format("bundle digest {}\n", network.digest()));
  }
  return network.load().errors().empty() ? 0 : 1;
}

}  // namespace tiersight::cli
