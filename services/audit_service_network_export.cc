// AuditService: a network's stored bundle files, streamed as they are on
// disk, so that a report's digest can be checked against exactly the records
// that were audited. Files are read piece by piece: a 10M-agent bundle is
// gigabytes.
//
// Stored files that no longer match the network's digest (changed on disk,
// damaged) are never sent as the network: every file is opened and hashed
// before the first byte goes out, and hashed again as it is sent, so a
// change before or during the call ends it with DATA_LOSS.
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <vector>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_files.h"
#include "services/audit_service_impl.h"
#include "services/chunks.h"
#include "services/fd_budget.h"
#include "services/resource_names.h"
#include "services/service_context.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

// One stored file, open for the whole call: a network deleted meanwhile
// stays readable through it (see NetworkStore::NetworkDir).
class StoredFile {
 public:
  StoredFile(std::string_view name, int fd) : name_(name), fd_(fd) {}
  StoredFile(StoredFile&& other) noexcept : name_(other.name_), fd_(std::exchange(other.fd_, -1)) {}
  StoredFile& operator=(StoredFile&&) = delete;
  ~StoredFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  std::string_view name() const { return name_; }

  // Reads the whole file from its start in pieces of `buffer`'s size,
  // giving each to `piece` (false stops); the file's SHA-256, or the error
  // that stopped it.
  template <typename F>
  absl::StatusOr<std::string> ReadAll(std::string& buffer, const std::string& network,
                                      F&& piece) const {
    graph::Sha256 sha;
    off_t offset = 0;
    bool first = true;
    while (true) {
      const ssize_t n = ::pread(fd_, buffer.data(), buffer.size(), offset);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        return absl::DataLossError(StrCat("cannot read ", name_, " of network ", network));
      }
      if (n == 0 && !first) break;
      const std::string_view bytes(buffer.data(), static_cast<size_t>(n));
      sha.Update(bytes);
      if (absl::Status s = piece(bytes, first); !s.ok()) return s;
      offset += n;
      first = false;
      if (n == 0) break;
    }
    return sha.HexDigest();
  }

 private:
  std::string_view name_;
  int fd_;
};

// The network's present bundle files, opened, in the format's order.
absl::StatusOr<std::vector<StoredFile>> OpenStoredFiles(const std::string& dir,
                                                        const std::string& network) {
  std::vector<StoredFile> files;
  for (std::string_view name : graph::kBundleFiles) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    if (!base::PathPresent(path)) continue;
    absl::StatusOr<base::OpenedFile> opened = base::OpenRegularFile(path);
    if (!opened.ok()) {
      if (auto exhausted = OutOfResourcesIn(opened.status(), StrCat("exporting ", network))) {
        return *exhausted;
      }
      return absl::NotFoundError(
          StrCat(network, " has no readable ", name, "; it may have been deleted"));
    }
    files.emplace_back(name, opened->fd);
  }
  return files;
}

absl::Status Mismatch(const std::string& network, const std::string& recorded,
                      const std::string& found) {
  return absl::DataLossError(StrCat("the stored files of ", network,
                                    " no longer match its digest (recorded ", recorded, ", found ",
                                    found, "); they are not sent"));
}

// Streams `files` in order, each file's name on its first chunk, after
// checking them against `digest`; CANCELLED when the call ends first.
absl::Status SendBundle(const std::vector<StoredFile>& files, const std::string& network,
                        const std::string& digest, const grpc::ServerContext& context,
                        grpc::ServerWriterInterface<v1::ExportNetworkResponse>& writer) {
  std::string buffer(kStreamChunkBytes, '\0');
  const auto cancelled = CancelCheck(context);
  std::vector<graph::FileSha256> before;
  for (const StoredFile& file : files) {
    absl::StatusOr<std::string> sha = file.ReadAll(buffer, network, [&](std::string_view, bool) {
      return cancelled() ? absl::CancelledError("the export was cancelled") : absl::OkStatus();
    });
    if (!sha.ok()) return sha.status();
    before.emplace_back(file.name(), *std::move(sha));
  }
  if (const std::string found = graph::BundleDigestOf(before); found != digest) {
    return Mismatch(network, digest, found);
  }
  std::vector<graph::FileSha256> sent;
  for (const StoredFile& file : files) {
    absl::StatusOr<std::string> sha =
        file.ReadAll(buffer, network, [&](std::string_view bytes, bool first) {
          if (cancelled()) return absl::CancelledError("the export was cancelled");
          v1::ExportNetworkResponse chunk;
          if (first) chunk.set_file(std::string(file.name()));
          chunk.set_data(bytes.data(), bytes.size());
          if (!writer.Write(chunk)) return absl::CancelledError("the client went away");
          return absl::OkStatus();
        });
    if (!sha.ok()) return sha.status();
    sent.emplace_back(file.name(), *std::move(sha));
  }
  // Changed while it was sent: the client must not keep what it got.
  if (const std::string found = graph::BundleDigestOf(sent); found != digest) {
    return Mismatch(network, digest, found);
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
    absl::StatusOr<store::NetworkRecord> record = store_.GetNetwork(caller.tenant, *id);
    if (!record.ok()) return record.status();
    absl::StatusOr<std::string> dir = store_.NetworkDir(caller.tenant, *id);
    if (!dir.ok()) return dir.status();
    const std::string network = NetworkName(*id);
    absl::StatusOr<std::vector<StoredFile>> files = OpenStoredFiles(*dir, network);
    if (!files.ok()) return files.status();
    return SendBundle(*files, network, record->digest, *context, *writer);
  });
}

}  // namespace tiersight::services
