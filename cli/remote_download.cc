#include "cli/remote_download.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "graph/bundle_digest.h"
#include "graph/bundle_files.h"

namespace tiersight::cli {
namespace {

namespace fs = std::filesystem;
constexpr int kUsageError = 2;

std::string NetworkName(const std::string& network) {
  return network.rfind("networks/", 0) == 0 ? network : "networks/" + network;
}

// Why a file name the server sent is not written: only the bundle's own
// files, each once, in the format's order; empty when it is one of them.
std::string RefusedName(const std::string& name, std::vector<std::string_view>& seen) {
  const auto known = std::find(graph::kBundleFiles.begin(), graph::kBundleFiles.end(), name);
  if (known == graph::kBundleFiles.end()) {
    return fmt::format("the server sent a file named \"{}\", which is not a bundle file ({})", name,
                       fmt::join(graph::kBundleFiles, ", "));
  }
  if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
    return fmt::format("the server sent {} twice", name);
  }
  seen.push_back(*known);
  return "";
}

// Receives the files into `dir`, which exists and is empty.
bool ReceiveFiles(const client::RemoteConnection& connection, const std::string& network,
                  const fs::path& dir, std::string& error) {
  tiersight::v1::ExportNetworkRequest request;
  request.set_name(network);
  std::unique_ptr<grpc::ClientContext> context = connection.NewContext();
  auto reader = connection.audit().ExportNetwork(context.get(), request);
  std::ofstream out;
  std::vector<std::string_view> seen;
  tiersight::v1::ExportNetworkResponse chunk;
  while (reader->Read(&chunk)) {
    if (!chunk.file().empty()) {
      // Names come from the server: only the bundle's own files are written.
      error = RefusedName(chunk.file(), seen);
      if (!error.empty()) {
        context->TryCancel();
        reader->Finish();
        return false;
      }
      out.close();
      out.open(dir / chunk.file(), std::ios::binary | std::ios::trunc);
    }
    out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    if (!out) {
      context->TryCancel();
      reader->Finish();
      error = fmt::format("cannot write into {}", dir.string());
      return false;
    }
  }
  out.close();
  const grpc::Status status = reader->Finish();
  if (!status.ok()) {
    error = client::DescribeRpcError(connection, "ExportNetwork", status);
    return false;
  }
  return true;
}

}  // namespace

int RunDownloadCommand(const DownloadCommandOptions& options) {
  absl::StatusOr<client::RemoteConnection> connection =
      client::RemoteConnection::Open(options.remote);
  if (!connection.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(connection.status().message()));
    return absl::IsFailedPrecondition(connection.status()) ? kUsageError : 1;
  }
  const std::string network = NetworkName(options.network);
  std::error_code ec;
  const fs::path out = fs::path(options.out).lexically_normal();
  if (fs::exists(out, ec)) {
    fmt::print(stderr, "tiersight: {} already exists; download into a new directory\n",
               options.out);
    return 1;
  }
  tiersight::v1::GetNetworkRequest get;
  get.set_name(network);
  tiersight::v1::GetNetworkResponse stored;
  const grpc::Status got = connection->audit().GetNetwork(
      connection->NewContext(std::chrono::seconds(60)).get(), get, &stored);
  if (!got.ok()) {
    fmt::print(stderr, "{}\n", client::DescribeRpcError(*connection, "GetNetwork", got));
    return 1;
  }

  // Received beside the target and renamed into place only when complete
  // and matching, so that OUT is either the whole bundle or absent.
  std::string temp_template = out.string() + ".partial-XXXXXX";
  if (::mkdtemp(temp_template.data()) == nullptr) {
    fmt::print(stderr, "tiersight: cannot create a directory beside {}\n", options.out);
    return 1;
  }
  const fs::path temp(temp_template);
  std::string error;
  if (ReceiveFiles(*connection, network, temp, error)) {
    absl::StatusOr<std::string> digest = graph::BundleDigest(temp.string());
    if (!digest.ok()) {
      error = std::string(digest.status().message());
    } else if (*digest != stored.network().digest()) {
      error = fmt::format(
          "the files received have digest {}, the network {}: the transfer "
          "was damaged",
          *digest, stored.network().digest());
    } else if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, out.c_str(), RENAME_NOREPLACE) == 0) {
      // NOREPLACE: a directory made at OUT meanwhile (even an empty one) is
      // never taken over.
      fmt::print("{} written to {}\nbundle digest {}\n", network, options.out, *digest);
      return 0;
    } else {
      error = fmt::format("cannot rename into {}: {}", options.out, std::strerror(errno));
    }
  }
  fs::remove_all(temp, ec);
  fmt::print(stderr, "tiersight: {}\nnothing written\n", error);
  return 1;
}

}  // namespace tiersight::cli
