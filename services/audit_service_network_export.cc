// AuditService: a network's stored bundle files, streamed as they are on
// disk, so that a report's digest can be checked against exactly the records
// that were audited. Files are read piece by piece: a 10M-agent bundle is
// gigabytes.
#include <filesystem>
#include <fstream>

#include "base/str_cat.h"
#include "graph/bundle_files.h"
#include "services/audit_service_impl.h"
#include "services/chunks.h"
#include "services/resource_names.h"
#include "services/service_context.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

// Streams the bundle files in `dir` in their order, each file's name on its
// first chunk; CANCELLED when the call ends first.
absl::Status SendBundle(const std::string& dir, const std::string& network_id,
                        const grpc::ServerContext& context,
                        grpc::ServerWriterInterface<v1::ExportNetworkResponse>& writer) {
  std::string buffer(kStreamChunkBytes, '\0');
  for (std::string_view name : graph::kBundleFiles) {
    const std::filesystem::path path = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    // Opened before anything of it is sent: a network deleted meanwhile
    // stays readable through the open file (see NetworkStore::NetworkDir).
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::NotFoundError(
          StrCat("network ", network_id, " has no readable ", name, "; it may have been deleted"));
    }
    bool first = true;
    while (first || in) {
      if (CancelCheck(context)()) return absl::CancelledError("the export was cancelled");
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<size_t>(in.gcount());
      if (got == 0 && !first) break;
      v1::ExportNetworkResponse chunk;
      if (first) chunk.set_file(std::string(name));
      chunk.set_data(buffer.data(), got);
      if (!writer.Write(chunk)) return absl::CancelledError("the client went away");
      first = false;
    }
    if (in.bad()) {
      return absl::DataLossError(StrCat("cannot read ", name, " of network ", network_id));
    }
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status AuditServiceImpl::ExportNetwork(
    grpc::ServerContext* context, const v1::ExportNetworkRequest* request,
    grpc::ServerWriter<v1::ExportNetworkResponse>* writer) {
  return edge_.Serve("AuditService/ExportNetwork", *context, [&](const Caller& caller) {
    absl::StatusOr<std::string> id = ParseNetworkName(request->name(), "name");
    if (!id.ok()) return id.status();
    absl::StatusOr<std::string> dir = store_.NetworkDir(caller.tenant, *id);
    if (!dir.ok()) return dir.status();
    return SendBundle(*dir, *id, *context, *writer);
  });
}

}  // namespace tiersight::services
