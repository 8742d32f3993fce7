// AuditService: construction, shared helpers and the network RPCs (upload,
// get, list, delete). Audits, drill-down and export are in
// audit_service_{audits,drill_down,export}.cc.
#include "services/audit_service_impl.h"

#include "base/str_cat.h"
#include "graph/bundle_reader.h"
#include "services/fd_budget.h"
#include "services/network_details.h"
#include "services/resource_names.h"
#include "services/service_context.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

// The first reason a refused load gives, e.g. "agents.csv:1: missing column".
std::string RefusalReason(const graph::LoadReport& report) {
  if (report.errors.empty()) return "the bundle was refused";
  const graph::LoadIssue& first = report.errors.front();
  std::string reason =
      StrCat(first.file, first.line > 0 ? StrCat(":", first.line) : "", ": ", first.reason);
  if (report.errors.size() > 1) reason += StrCat(" (and ", report.errors.size() - 1, " more)");
  return reason;
}

}  // namespace

AuditServiceImpl::AuditServiceImpl(const Authenticator& auth, store::NetworkStore& store,
                                   const ShippedPacks& shipped_packs, Options options)
    : edge_(auth, PathRedactor(options.data_dir, shipped_packs.dir())),
      store_(store),
      shipped_packs_(shipped_packs),
      options_(std::move(options)),
      slots_(options_.limits.max_concurrent_audits),
      cache_(static_cast<size_t>(options_.network_cache_entries)),
      tenant_keys_(options_.data_dir),
      uploads_(options_.uploads) {
  // UploadNetwork is method 0, the first rpc of AuditService in
  // audit_service.proto: its messages are read as bytes and parsed by
  // ReceiveUpload. Clients see no difference on the wire.
  constexpr int kUploadNetworkMethod = 0;
  MarkMethodStreamed(
      kUploadNetworkMethod,
      new grpc::internal::ClientStreamingHandler<AuditServiceImpl, grpc::ByteBuffer,
                                                 v1::UploadNetworkResponse>(
          [](AuditServiceImpl* service, grpc::ServerContext* context,
             grpc::ServerReader<grpc::ByteBuffer>* reader, v1::UploadNetworkResponse* response) {
            return service->UploadNetworkBytes(context, reader, response);
          },
          this));
}

UploadLimits AuditServiceImpl::UploadLimitsFor(const std::string& tenant) const {
  UploadLimits limits{options_.limits.max_upload_bytes, options_.limits.max_upload_rows};
  if (auto it = options_.tenant_limits.find(tenant); it != options_.tenant_limits.end()) {
    limits.max_bytes = it->second.max_upload_bytes.value_or(limits.max_bytes);
    limits.max_rows = it->second.max_upload_rows.value_or(limits.max_rows);
  }
  return limits;
}

grpc::Status AuditServiceImpl::UploadNetworkBytes(grpc::ServerContext* context,
                                                  grpc::ServerReader<grpc::ByteBuffer>* reader,
                                                  v1::UploadNetworkResponse* response) {
  return edge_.Serve("AuditService/UploadNetwork", *context, response,
                     [&](const Caller& caller) { return Upload(*context, caller, *reader); });
}

absl::StatusOr<v1::UploadNetworkResponse> AuditServiceImpl::Upload(
    grpc::ServerContext& context, const Caller& caller,
    grpc::ServerReaderInterface<grpc::ByteBuffer>& reader) {
  absl::StatusOr<std::unique_ptr<UploadAdmission::Ticket>> ticket =
      uploads_.Admit(caller.tenant, context);
  if (!ticket.ok()) return ticket.status();
  absl::StatusOr<v1::UploadNetworkResponse> stored =
      ReceiveAndStore(context, caller, reader, **ticket);
  // A stream the watchdog cancelled fails with the timeout that ended it.
  if (!stored.ok()) {
    if (std::optional<absl::Status> why = (*ticket)->WhyCancelled()) return *why;
  }
  return stored;
}

absl::StatusOr<v1::UploadNetworkResponse> AuditServiceImpl::ReceiveAndStore(
    grpc::ServerContext& context, const Caller& caller,
    grpc::ServerReaderInterface<grpc::ByteBuffer>& reader, UploadAdmission::Ticket& ticket) {
  const std::string doing = "storing an upload";
  absl::StatusOr<std::unique_ptr<store::UploadWriter>> writer = store_.BeginUpload(caller.tenant);
  if (!writer.ok()) return OutOfResourcesIn(writer.status(), doing).value_or(writer.status());
  // The writer aborts on destruction unless committed: every early return
  // below leaves nothing stored.
  absl::StatusOr<v1::UploadNetworkHeader> header = ReceiveUpload(
      [&](grpc::ByteBuffer* message) {
        if (!reader.Read(message)) return false;
        ticket.Touch();
        return true;
      },
      CancelCheck(context), UploadLimitsFor(caller.tenant), **writer);
  ticket.Received();
  if (!header.ok()) return OutOfResourcesIn(header.status(), doing).value_or(header.status());

  absl::StatusOr<std::string> staged = (*writer)->Seal();
  if (!staged.ok()) return OutOfResourcesIn(staged.status(), doing).value_or(staged.status());
  // Reading the whole network costs what an audit's load does.
  std::optional<AuditSlots::Slot> slot = slots_.Acquire(CancelCheck(context));
  if (!slot) {
    return absl::CancelledError("the upload was cancelled while waiting to be validated");
  }
  // The same reader an audit uses, strictly, before anything is visible.
  graph::LoadedBundle bundle = graph::LoadBundle(*staged, graph::LoadOptions{.lenient = false});
  if (bundle.report.refused) {
    if (auto exhausted = OutOfResourcesInLoad(bundle.report, "validating the upload")) {
      return *exhausted;
    }
    return absl::InvalidArgumentError(
        StrCat("the uploaded network is refused: ", RefusalReason(bundle.report)));
  }
  if (CancelCheck(context)()) {
    return absl::CancelledError("the upload was cancelled while validated");
  }
  const v1::LoadReport load = KeptLoadReport(bundle.report);
  bundle.network.reset();  // not needed any more; free it before the commit
  absl::StatusOr<store::NetworkRecord> record =
      (*writer)->Commit(StoredDisplayName(*header), NetworkDetailsJson(*header, load));
  if (!record.ok()) return OutOfResourcesIn(record.status(), doing).value_or(record.status());
  absl::StatusOr<v1::Network> network = NetworkToProto(*record);
  if (!network.ok()) return network.status();
  v1::UploadNetworkResponse response;
  *response.mutable_network() = *std::move(network);
  return response;
}

grpc::Status AuditServiceImpl::GetNetwork(grpc::ServerContext* context,
                                          const v1::GetNetworkRequest* request,
                                          v1::GetNetworkResponse* response) {
  return edge_.Serve("AuditService/GetNetwork", *context, [&](const Caller& caller) {
    absl::StatusOr<std::string> id = ParseNetworkName(request->name(), "name");
    if (!id.ok()) return id.status();
    absl::StatusOr<store::NetworkRecord> record = store_.GetNetwork(caller.tenant, *id);
    if (!record.ok()) return record.status();
    absl::StatusOr<v1::Network> network = NetworkToProto(*record);
    if (!network.ok()) return network.status();
    *response->mutable_network() = *std::move(network);
    return absl::OkStatus();
  });
}

grpc::Status AuditServiceImpl::ListNetworks(grpc::ServerContext* context,
                                            const v1::ListNetworksRequest* request,
                                            v1::ListNetworksResponse* response) {
  return edge_.Serve("AuditService/ListNetworks", *context, [&](const Caller& caller) {
    absl::StatusOr<store::NetworkPage> page =
        store_.ListNetworks(caller.tenant, request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    for (const store::NetworkRecord& record : page->networks) {
      absl::StatusOr<v1::Network> network = NetworkToProto(record);
      if (!network.ok()) return network.status();
      *response->add_networks() = *std::move(network);
    }
    response->set_next_page_token(page->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status AuditServiceImpl::DeleteNetwork(grpc::ServerContext* context,
                                             const v1::DeleteNetworkRequest* request,
                                             v1::DeleteNetworkResponse* /*response*/) {
  return edge_.Serve("AuditService/DeleteNetwork", *context, [&](const Caller& caller) {
    absl::StatusOr<std::string> id = ParseNetworkName(request->name(), "name");
    if (!id.ok()) return id.status();
    absl::Status deleted = store_.DeleteNetwork(caller.tenant, *id);
    if (!deleted.ok()) return deleted;
    cache_.Erase(caller.tenant, *id);
    return absl::OkStatus();
  });
}

}  // namespace tiersight::services
