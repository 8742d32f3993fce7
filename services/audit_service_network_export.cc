// AuditService: a network's stored bundle files, streamed as they are on
// disk, so that a report's digest can be checked against exactly the records
// that were audited. Files are read piece by piece: a 10M-agent bundle is
// gigabytes.
#include <unistd.h>

#include <cerrno>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "graph/bundle_files.h"
#include "services/audit_service_impl.h"
#include "services/chunks.h"
#include "services/fd_budget.h"
#include "services/resource_names.h"
#include "services/service_context.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

// Streams the bundle files in `dir` in their order, each file's name on its
// first chunk; CANCELLED when the call ends first.
absl::Status SendBundle(const std::string& dir, const std::string& network_id,
                        const grpc::ServerContext& context,
                        grpc::ServerWriterInterface<v1::ExportNetworkResponse>& writer) {
  std::string buffer(kStreamChunkBytes, '\0');
  for (std::string_view name : graph::kBundleFiles) {
    const std::string path = StrCat(dir, "/", name);
    if (!base::PathPresent(path)) continue;
    // Opened before anything of it is sent: a network deleted meanwhile
    // stays readable through the open file (see NetworkStore::NetworkDir).
    absl::StatusOr<base::OpenedFile> opened = base::OpenRegularFile(path);
    if (!opened.ok()) {
      if (auto exhausted =
              OutOfResourcesIn(opened.status(), StrCat("exporting network ", network_id))) {
        return *exhausted;
      }
      return absl::NotFoundError(
          StrCat("network ", network_id, " has no readable ", name, "; it may have been deleted"));
    }
    const int fd = opened->fd;
    const FdCloser closer{fd};
    bool first = true;
    while (true) {
      if (CancelCheck(context)()) return absl::CancelledError("the export was cancelled");
      const ssize_t got = ::read(fd, buffer.data(), buffer.size());
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        return absl::DataLossError(StrCat("cannot read ", name, " of network ", network_id));
      }
      if (got == 0 && !first) break;
      v1::ExportNetworkResponse chunk;
      if (first) chunk.set_file(std::string(name));
      chunk.set_data(buffer.data(), static_cast<size_t>(got));
      if (!writer.Write(chunk)) return absl::CancelledError("the client went away");
      first = false;
      if (got == 0) break;
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
