// AuditService (proto/tiersight/v1/audit_service.proto) over a NetworkStore:
// every call runs behind the RpcEdge (authenticated and scoped to the
// caller's tenant, logged in one line, its errors mapped to status codes that
// name the bad record, field or rule); drill-down answers come from
// core/drill_down.h. Thread-safe: the store, the cache, the audit slots and
// the shipped packs are.
#pragma once

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/drill_down.h"
#include "services/audit_slots.h"
#include "services/auth.h"
#include "services/network_cache.h"
#include "services/rpc_edge.h"
#include "services/server_options.h"
#include "services/shipped_packs.h"
#include "services/tenant_keys.h"
#include "services/upload_admission.h"
#include "services/upload_receiver.h"
#include "store/network_store.h"
#include "tiersight/v1/audit_service.grpc.pb.h"

namespace tiersight::services {

class AuditServiceImpl final : public tiersight::v1::AuditService::Service {
 public:
  struct Options {
    std::string data_dir;  // where per-tenant pseudonym keys are kept
    LimitOptions limits;
    std::map<std::string, TenantLimitOptions> tenant_limits;
    int64_t network_cache_entries = 2;
    UploadStreamOptions uploads;
  };

  // REQUIRES: `auth`, `store` and `shipped_packs` outlive this service.
  AuditServiceImpl(const Authenticator& auth, store::NetworkStore& store,
                   const ShippedPacks& shipped_packs, Options options);

  // The pool AuditNetwork and network loads take a slot of (monitoring, tests).
  AuditSlots& audit_slots() { return slots_; }

  // UploadNetwork's handler. The method is registered with a byte-level
  // reader (see the constructor): a synchronous Read of parsed messages
  // answers false both for the stream's end and for a message that does not
  // parse, which would store the rows before it as if the upload were whole.
  grpc::Status UploadNetworkBytes(grpc::ServerContext* context,
                                  grpc::ServerReader<grpc::ByteBuffer>* reader,
                                  tiersight::v1::UploadNetworkResponse* response);
  grpc::Status GetNetwork(grpc::ServerContext* context,
                          const tiersight::v1::GetNetworkRequest* request,
                          tiersight::v1::GetNetworkResponse* response) override;
  grpc::Status ListNetworks(grpc::ServerContext* context,
                            const tiersight::v1::ListNetworksRequest* request,
                            tiersight::v1::ListNetworksResponse* response) override;
  grpc::Status DeleteNetwork(grpc::ServerContext* context,
                             const tiersight::v1::DeleteNetworkRequest* request,
                             tiersight::v1::DeleteNetworkResponse* response) override;
  grpc::Status AuditNetwork(grpc::ServerContext* context,
                            const tiersight::v1::AuditNetworkRequest* request,
                            tiersight::v1::AuditNetworkResponse* response) override;
  grpc::Status GetAudit(grpc::ServerContext* context, const tiersight::v1::GetAuditRequest* request,
                        tiersight::v1::GetAuditResponse* response) override;
  grpc::Status ListAudits(grpc::ServerContext* context,
                          const tiersight::v1::ListAuditsRequest* request,
                          tiersight::v1::ListAuditsResponse* response) override;
  grpc::Status GetAgent(grpc::ServerContext* context, const tiersight::v1::GetAgentRequest* request,
                        tiersight::v1::GetAgentResponse* response) override;
  grpc::Status ListLevels(grpc::ServerContext* context,
                          const tiersight::v1::ListLevelsRequest* request,
                          tiersight::v1::ListLevelsResponse* response) override;
  grpc::Status ListTiers(grpc::ServerContext* context,
                         const tiersight::v1::ListTiersRequest* request,
                         tiersight::v1::ListTiersResponse* response) override;
  grpc::Status ExportReport(
      grpc::ServerContext* context, const tiersight::v1::ExportReportRequest* request,
      grpc::ServerWriter<tiersight::v1::ExportReportResponse>* writer) override;
  grpc::Status ExportNetwork(
      grpc::ServerContext* context, const tiersight::v1::ExportNetworkRequest* request,
      grpc::ServerWriter<tiersight::v1::ExportNetworkResponse>* writer) override;
  grpc::Status ListFindingSubjects(grpc::ServerContext* context,
                                   const tiersight::v1::ListFindingSubjectsRequest* request,
                                   tiersight::v1::ListFindingSubjectsResponse* response) override;

  // UploadNetwork's work once the caller is known: the stream stored, read
  // as an audit would read it and only then committed. Public so that the
  // upload fuzzer (fuzz/) can drive it with a stream of its own.
  absl::StatusOr<tiersight::v1::UploadNetworkResponse> Upload(
      grpc::ServerContext& context, const Caller& caller,
      grpc::ServerReaderInterface<grpc::ByteBuffer>& reader);

 private:
  UploadLimits UploadLimitsFor(const std::string& tenant) const;
  absl::StatusOr<tiersight::v1::UploadNetworkResponse> ReceiveAndStore(
      grpc::ServerContext& context, const Caller& caller,
      grpc::ServerReaderInterface<grpc::ByteBuffer>& reader, UploadAdmission::Ticket& ticket);
  // AuditNetwork's work: the shipped packs as compiled at start or reload,
  // inline ones compiled now, the audit run in an audit slot, recorded in the
  // trail and its load kept for drill-down.
  absl::StatusOr<tiersight::v1::AuditNetworkResponse> AuditAndRecord(
      const grpc::ServerContext& context, const Caller& caller,
      const tiersight::v1::AuditNetworkRequest& request);
  // A usable load of the network with its figures, from the cache or loaded
  // now (taking an audit slot while it loads).
  absl::StatusOr<std::shared_ptr<const CachedNetwork>> LoadNetwork(
      const grpc::ServerContext& context, const std::string& tenant, const std::string& network_id,
      bool lenient);
  // The id of the network's latest audit, if any.
  absl::StatusOr<std::optional<std::string>> LatestAuditOf(const std::string& tenant,
                                                           const std::string& network_id);
  // The audit whose findings GetAgent lists: `audit_id`, or without it the
  // network's latest, if any. INVALID_ARGUMENT when `audit_id` is an audit
  // of another network.
  struct AuditOfNetwork {
    std::string audit_id;
    tiersight::v1::AuditReport report;
  };
  absl::StatusOr<std::optional<AuditOfNetwork>> FindingsAudit(
      const std::string& tenant, const std::string& network_id,
      const std::optional<std::string>& audit_id);
  // ListLevels and ListTiers: one page of a table of the network's figures,
  // which `page_of` picks, into `rows` and `next_page_token`.
  template <typename Request, typename Row>
  absl::Status PageOfTable(const grpc::ServerContext& context, const std::string& tenant,
                           std::string_view table, const Request& request,
                           core::Page<Row> (*page_of)(const tiersight::v1::FiguresReport&,
                                                      core::PageRequest),
                           google::protobuf::RepeatedPtrField<Row>* rows,
                           std::string* next_page_token);
  // The recorded audit and its report.
  absl::StatusOr<std::pair<tiersight::v1::Audit, tiersight::v1::AuditReport>> ReadAudit(
      const std::string& tenant, const std::string& audit_id);

  RpcEdge edge_;
  store::NetworkStore& store_;
  const ShippedPacks& shipped_packs_;
  Options options_;
  AuditSlots slots_;
  NetworkCache cache_;
  TenantKeys tenant_keys_;
  UploadAdmission uploads_;
};

}  // namespace tiersight::services
