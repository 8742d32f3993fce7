// AuditService: drill-down into a stored network (an agent, the level and
// tier tables), answered by core/drill_down.h from the network cache.
#include <spdlog/spdlog.h>

#include <chrono>

#include "base/str_cat.h"
#include "core/drill_down.h"
#include "services/audit_service_impl.h"
#include "services/call_log.h"
#include "services/page_window.h"
#include "services/resource_names.h"
#include "services/service_context.h"
#include "store/page_token.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

}  // namespace

absl::StatusOr<std::shared_ptr<const CachedNetwork>> AuditServiceImpl::LoadNetwork(
    const grpc::ServerContext& context, const std::string& tenant, const std::string& network_id,
    bool lenient) {
  absl::StatusOr<store::NetworkRecord> record = store_.GetNetwork(tenant, network_id);
  if (!record.ok()) return record.status();
  NetworkCacheKey key{tenant, network_id, lenient, record->digest};
  if (std::shared_ptr<const CachedNetwork> cached = cache_.Find(key)) return cached;

  // Loading a large network costs what an audit does, so it takes a slot.
  std::optional<AuditSlots::Slot> slot = slots_.TryAcquire();
  if (!slot) {
    return absl::ResourceExhaustedError(
        StrCat("all ", slots_.capacity(), " audit slots are busy loading networks; retry later"));
  }
  absl::StatusOr<std::string> dir = store_.NetworkDir(tenant, network_id);
  if (!dir.ok()) return dir.status();
  const auto start = std::chrono::steady_clock::now();
  core::LoadedWithDigest loaded = core::LoadWithDigest(*dir, lenient, CancelCheck(context));
  if (loaded.bundle.stopped) return absl::CancelledError("cancelled while loading the network");
  if (!loaded.bundle.report.Usable()) {
    return absl::FailedPreconditionError(StrCat("network ", network_id,
                                                loaded.bundle.report.refused
                                                    ? " is refused by the bundle reader"
                                                    : " has load errors; read it "
                                                      "leniently to reject the bad rows"));
  }
  if (CancelCheck(context)()) return absl::CancelledError("cancelled while loading the network");
  absl::StatusOr<graph::Figures> figures = core::ComputeFiguresLogged(*loaded.bundle.network);
  if (!figures.ok()) return absl::InternalError(std::string(figures.status().message()));
  auto network =
      std::make_shared<const CachedNetwork>(*dir, std::move(loaded), *std::move(figures));
  cache_.Insert(std::move(key), network);
  RpcLogger()->info(
      "network {} loaded for drill-down in {:.2f} s", network_id,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return network;
}

grpc::Status AuditServiceImpl::GetAgent(grpc::ServerContext* context,
                                        const v1::GetAgentRequest* request,
                                        v1::GetAgentResponse* response) {
  return edge_.Serve("AuditService/GetAgent", *context, [&](const Caller& caller) {
    absl::StatusOr<AgentName> name = ParseAgentName(request->name(), "name");
    if (!name.ok()) return name.status();
    std::optional<std::string> audit_id;
    if (!request->audit().empty()) {
      absl::StatusOr<std::string> id = ParseAuditName(request->audit(), "audit");
      if (!id.ok()) return id.status();
      audit_id = *std::move(id);
    }
    absl::StatusOr<core::PageRequest> recruits = ParsePageRequest(
        request->recruit_page_size(), request->recruit_page_token(), request->name());
    if (!recruits.ok()) return recruits.status();

    absl::StatusOr<std::shared_ptr<const CachedNetwork>> cached =
        LoadNetwork(*context, caller.tenant, name->network_id, request->lenient());
    if (!cached.ok()) return cached.status();
    absl::StatusOr<core::AgentDrillDown> agent =
        core::DrillDownAgent((*cached)->network(), (*cached)->figures().tree,
                             {.agent_id = name->agent_id,
                              .recruits = *recruits,
                              .network_id = name->network_id,
                              .lenient = request->lenient()});
    if (!agent.ok()) return agent.status();
    absl::StatusOr<const AgentRecords*> records = (*cached)->Records();
    if (!records.ok()) return records.status();
    absl::StatusOr<std::optional<AuditOfNetwork>> audit =
        FindingsAudit(caller.tenant, name->network_id, audit_id);
    if (!audit.ok()) return audit.status();

    *response->mutable_figures() = std::move(agent->figures);
    if (std::optional<v1::Agent> row = (*records)->Find(agent->agent)) {
      *response->mutable_agent() = *std::move(row);
    }
    for (std::string& id : agent->upline_agent_ids) response->add_upline_agent_ids(std::move(id));
    for (v1::AgentFigures& recruit : agent->recruits.items) {
      *response->add_recruits() = std::move(recruit);
    }
    response->set_next_recruit_page_token(
        NextPageToken(agent->recruits.next_offset, request->name()));
    if (*audit) {
      response->set_audit(AuditName((*audit)->audit_id));
      for (v1::Finding& finding :
           core::FindingsNaming((*audit)->report.findings(), name->agent_id)) {
        *response->add_findings() = std::move(finding);
      }
      core::CapFindingSubjects(*response->mutable_findings());
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<std::string>> AuditServiceImpl::LatestAuditOf(
    const std::string& tenant, const std::string& network_id) {
  std::optional<std::string> latest;
  std::string token;
  do {
    absl::StatusOr<store::AuditPage> page =
        store_.ListAudits(tenant, store::kMaxPageSize, token, network_id);
    if (!page.ok()) return page.status();
    if (!page->audits.empty()) latest = page->audits.back().id;
    token = page->next_page_token;
  } while (!token.empty());
  return latest;
}

absl::StatusOr<std::optional<AuditServiceImpl::AuditOfNetwork>> AuditServiceImpl::FindingsAudit(
    const std::string& tenant, const std::string& network_id,
    const std::optional<std::string>& audit_id) {
  std::optional<std::string> id = audit_id;
  if (!id) {
    absl::StatusOr<std::optional<std::string>> latest = LatestAuditOf(tenant, network_id);
    if (!latest.ok()) return latest.status();
    id = *latest;
  }
  if (!id) return std::nullopt;
  absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> audit = ReadAudit(tenant, *id);
  if (!audit.ok()) return audit.status();
  if (audit->first.network() != NetworkName(network_id)) {
    return absl::InvalidArgumentError(StrCat("`audit` ", AuditName(*id), " is of ",
                                             audit->first.network(), ", not of ",
                                             NetworkName(network_id)));
  }
  return AuditOfNetwork{*std::move(id), std::move(audit->second)};
}

template <typename Request, typename Row>
absl::Status AuditServiceImpl::PageOfTable(
    const grpc::ServerContext& context, const std::string& tenant, std::string_view table,
    const Request& request, core::Page<Row> (*page_of)(const v1::FiguresReport&, core::PageRequest),
    google::protobuf::RepeatedPtrField<Row>* rows, std::string* next_page_token) {
  absl::StatusOr<std::string> id = ParseNetworkName(request.network(), "network");
  if (!id.ok()) return id.status();
  const std::string query = StrCat(table, ":", request.network(), ":", request.lenient());
  // The request is checked before a network is loaded for it.
  absl::StatusOr<core::PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), query);
  if (!page.ok()) return page.status();
  absl::StatusOr<std::shared_ptr<const CachedNetwork>> cached =
      LoadNetwork(context, tenant, *id, request.lenient());
  if (!cached.ok()) return cached.status();
  core::Page<Row> rows_page = page_of((*cached)->report(), *page);
  for (Row& row : rows_page.items) *rows->Add() = std::move(row);
  *next_page_token = NextPageToken(rows_page.next_offset, query);
  return absl::OkStatus();
}

grpc::Status AuditServiceImpl::ListLevels(grpc::ServerContext* context,
                                          const v1::ListLevelsRequest* request,
                                          v1::ListLevelsResponse* response) {
  return edge_.Serve("AuditService/ListLevels", *context, [&](const Caller& caller) {
    return PageOfTable(*context, caller.tenant, "levels", *request, core::LevelsPage,
                       response->mutable_levels(), response->mutable_next_page_token());
  });
}

grpc::Status AuditServiceImpl::ListTiers(grpc::ServerContext* context,
                                         const v1::ListTiersRequest* request,
                                         v1::ListTiersResponse* response) {
  return edge_.Serve("AuditService/ListTiers", *context, [&](const Caller& caller) {
    return PageOfTable(*context, caller.tenant, "tiers", *request, core::TiersPage,
                       response->mutable_tiers(), response->mutable_next_page_token());
  });
}

}  // namespace tiersight::services
