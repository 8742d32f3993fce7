// AuditService: drill-down into a stored network (an agent, the level and
// tier tables), answered from the network cache.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <google/protobuf/util/json_util.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "base/str_cat.h"
#include "services/audit_service_impl.h"
#include "services/call_log.h"
#include "services/page_window.h"
#include "services/resource_names.h"
#include "services/service_context.h"
#include "services/status_mapping.h"
#include "core/bundle_session.h"
#include "core/figures_proto.h"
#include "store/page_token.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

// Sponsors from the top down to the direct sponsor.
std::vector<std::string> Upline(const graph::Network& network, uint32_t agent) {
  std::vector<std::string> chain;
  for (uint32_t s = network.sponsor[agent]; s != graph::kNoAgent; s = network.sponsor[s]) {
    chain.emplace_back(network.id(s));
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// Direct recruits in upload order (agents are numbered in agents.csv order).
std::vector<uint32_t> Recruits(const graph::Network& network, uint32_t agent) {
  std::vector<uint32_t> recruits;
  auto [first, last] = boost::adjacent_vertices(agent, network.tree);
  recruits.assign(first, last);
  std::sort(recruits.begin(), recruits.end());
  return recruits;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const CachedNetwork>> AuditServiceImpl::LoadNetwork(
    grpc::ServerContext* context, const std::string& tenant, const std::string& network_id,
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
  core::LoadedWithDigest loaded =
      core::LoadWithDigest(*dir, lenient, CancelCheck(*context));
  if (loaded.bundle.stopped) {
    return WhyStopped(*context, absl::CancelledError("cancelled while loading the network"));
  }
  if (!loaded.bundle.report.Usable()) {
    return absl::FailedPreconditionError(StrCat(
        "network ", network_id, loaded.bundle.report.refused ? " is refused by the bundle reader"
                                                              : " has load errors; read it "
                                                                "leniently to reject the bad rows"));
  }
  if (CancelCheck(*context)()) {
    return WhyStopped(*context, absl::CancelledError("cancelled while loading the network"));
  }
  absl::StatusOr<graph::Figures> figures =
      core::ComputeFiguresLogged(*loaded.bundle.network);
  if (!figures.ok()) return absl::InternalError(std::string(figures.status().message()));
  auto network = std::make_shared<const CachedNetwork>(*dir, std::move(loaded),
                                                       *std::move(figures));
  cache_.Insert(std::move(key), network);
  RpcLogger()->info("network {} loaded for drill-down in {:.2f} s", network_id,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return network;
}

grpc::Status AuditServiceImpl::GetAgent(grpc::ServerContext* context,
                                        const v1::GetAgentRequest* request,
                                        v1::GetAgentResponse* response) {
  CallLog log("AuditService/GetAgent");
  grpc::Status denied;
  std::optional<Caller> caller = AuthenticateCall(auth_, *context, log, denied);
  if (!caller) return log.Finish(denied);
  absl::StatusOr<AgentName> name = ParseAgentName(request->name(), "name");
  if (!name.ok()) return log.Finish(ToGrpcStatus(name.status()));
  std::optional<std::string> audit_id;
  if (!request->audit().empty()) {
    absl::StatusOr<std::string> id = ParseAuditName(request->audit(), "audit");
    if (!id.ok()) return log.Finish(ToGrpcStatus(id.status()));
    audit_id = *std::move(id);
  }
  absl::StatusOr<PageWindow> checked_token =
      Window(0, request->recruit_page_size(), request->recruit_page_token(), request->name());
  if (!checked_token.ok()) return log.Finish(ToGrpcStatus(checked_token.status()));

  absl::StatusOr<std::shared_ptr<const CachedNetwork>> cached =
      LoadNetwork(context, caller->tenant, name->network_id, request->lenient());
  if (!cached.ok()) return log.Finish(ToGrpcStatus(cached.status()));
  const graph::Network& network = (*cached)->network();
  const graph::TreeMetrics& tree = (*cached)->figures().tree;
  const uint32_t agent = network.Find(name->agent_id);
  if (agent == graph::kNoAgent) {
    return log.Finish(grpc::Status(
        grpc::StatusCode::NOT_FOUND,
        StrCat("no agent \"", name->agent_id, "\" in network ", name->network_id,
               request->lenient() ? "" : " (or its row was rejected)")));
  }
  *response->mutable_figures() = core::AgentFiguresToProto(network, tree, agent);
  absl::StatusOr<const AgentRecords*> records = (*cached)->Records();
  if (!records.ok()) return log.Finish(ToGrpcStatus(records.status()));
  if (std::optional<v1::Agent> row = (*records)->Find(agent)) *response->mutable_agent() = *row;
  for (std::string& id : Upline(network, agent)) response->add_upline_agent_ids(std::move(id));

  const std::vector<uint32_t> recruits = Recruits(network, agent);
  absl::StatusOr<PageWindow> window = Window(recruits.size(), request->recruit_page_size(),
                                             request->recruit_page_token(), request->name());
  if (!window.ok()) return log.Finish(ToGrpcStatus(window.status()));
  for (size_t i = window->begin; i < window->end; ++i) {
    *response->add_recruits() = core::AgentFiguresToProto(network, tree, recruits[i]);
  }
  response->set_next_recruit_page_token(window->next_page_token);

  if (!audit_id) {
    absl::StatusOr<std::optional<std::string>> latest =
        LatestAuditOf(caller->tenant, name->network_id);
    if (!latest.ok()) return log.Finish(ToGrpcStatus(latest.status()));
    audit_id = *latest;
  }
  if (audit_id) {
    absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> audit =
        ReadAudit(caller->tenant, *audit_id);
    if (!audit.ok()) return log.Finish(ToGrpcStatus(audit.status()));
    if (audit->first.network() != NetworkName(name->network_id)) {
      return log.Finish(grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          StrCat("`audit` ", request->audit(), " is of ", audit->first.network(), ", not of ",
                 NetworkName(name->network_id))));
    }
    response->set_audit(AuditName(*audit_id));
    for (const v1::Finding& finding : audit->second.findings()) {
      if (std::find(finding.subjects().begin(), finding.subjects().end(), name->agent_id) !=
          finding.subjects().end()) {
        *response->add_findings() = finding;
      }
    }
  }
  return log.Finish(grpc::Status::OK);
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

absl::StatusOr<AuditServiceImpl::TablePage> AuditServiceImpl::PageOfTable(
    grpc::ServerContext* context, const std::string& tenant, const std::string& network_name,
    bool lenient, int page_size, const std::string& page_token, FigureTable table) {
  absl::StatusOr<std::string> id = ParseNetworkName(network_name, "network");
  if (!id.ok()) return id.status();
  const std::string query = StrCat(table == FigureTable::kLevels ? "levels:" : "tiers:",
                                   network_name, ":", lenient);
  // The request is checked before a network is loaded for it.
  absl::StatusOr<PageWindow> checked = Window(0, page_size, page_token, query);
  if (!checked.ok()) return checked.status();
  absl::StatusOr<std::shared_ptr<const CachedNetwork>> cached =
      LoadNetwork(context, tenant, *id, lenient);
  if (!cached.ok()) return cached.status();
  const v1::FiguresReport& report = (*cached)->report();
  const size_t total = static_cast<size_t>(table == FigureTable::kLevels ? report.levels_size()
                                                                        : report.tiers_size());
  absl::StatusOr<PageWindow> window = Window(total, page_size, page_token, query);
  if (!window.ok()) return window.status();
  return TablePage{*std::move(cached), *std::move(window)};
}

grpc::Status AuditServiceImpl::ListLevels(grpc::ServerContext* context,
                                          const v1::ListLevelsRequest* request,
                                          v1::ListLevelsResponse* response) {
  CallLog log("AuditService/ListLevels");
  grpc::Status denied;
  std::optional<Caller> caller = AuthenticateCall(auth_, *context, log, denied);
  if (!caller) return log.Finish(denied);
  absl::StatusOr<TablePage> page =
      PageOfTable(context, caller->tenant, request->network(), request->lenient(),
                  request->page_size(), request->page_token(), FigureTable::kLevels);
  if (!page.ok()) return log.Finish(ToGrpcStatus(page.status()));
  const auto& levels = page->network->report().levels();
  for (size_t i = page->window.begin; i < page->window.end; ++i) {
    *response->add_levels() = levels[static_cast<int>(i)];
  }
  response->set_next_page_token(page->window.next_page_token);
  return log.Finish(grpc::Status::OK);
}

grpc::Status AuditServiceImpl::ListTiers(grpc::ServerContext* context,
                                         const v1::ListTiersRequest* request,
                                         v1::ListTiersResponse* response) {
  CallLog log("AuditService/ListTiers");
  grpc::Status denied;
  std::optional<Caller> caller = AuthenticateCall(auth_, *context, log, denied);
  if (!caller) return log.Finish(denied);
  absl::StatusOr<TablePage> page =
      PageOfTable(context, caller->tenant, request->network(), request->lenient(),
                  request->page_size(), request->page_token(), FigureTable::kTiers);
  if (!page.ok()) return log.Finish(ToGrpcStatus(page.status()));
  const auto& tiers = page->network->report().tiers();
  for (size_t i = page->window.begin; i < page->window.end; ++i) {
    *response->add_tiers() = tiers[static_cast<int>(i)];
  }
  response->set_next_page_token(page->window.next_page_token);
  return log.Finish(grpc::Status::OK);
}

}  // namespace tiersight::services
