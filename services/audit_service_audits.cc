// AuditService: running, reading and listing audits, and paging through a
// finding's subjects.
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <map>
#include <string>

#include "base/str_cat.h"
#include "core/audit_runner.h"
#include "core/drill_down.h"
#include "core/figures_proto.h"
#include "core/pack_library.h"
#include "core/pack_selection.h"
#include "services/audit_service_impl.h"
#include "services/pack_names.h"
#include "services/page_window.h"
#include "services/resource_names.h"
#include "services/service_context.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

// ListFindingSubjects' page when the request gives no size.
constexpr int kDefaultSubjectsPage = 1000;

// Every problem of the packs in one message, first one first:
// "file:line:column: [rule] message (and N more)".
absl::Status PackProblems(const std::vector<rules::Diagnostic>& diagnostics) {
  return absl::InvalidArgumentError(
      StrCat("invalid rule pack: ", DescribePackProblems(diagnostics)));
}

// The load errors of an unusable strict load, first few named.
absl::Status UnusableLoad(const absl::Status& status, const v1::LoadReport& load) {
  std::string message = std::string(status.message());
  constexpr int kNamed = 3;
  for (int i = 0; i < load.errors_size() && i < kNamed; ++i) {
    const v1::LoadIssue& e = load.errors(i);
    message += StrCat(i == 0 ? ": " : "; ", e.file(), ":", e.line(), ": ", e.reason());
  }
  if (load.errors_size() > kNamed)
    message += StrCat(" (and ", load.errors_size() - kNamed, " more)");
  return absl::FailedPreconditionError(message);
}

// What the trail row keeps besides the store's own columns: the report's
// packs (with their files), engine version, mode and finding count.
std::string AuditDetailsJson(const v1::AuditReport& report) {
  v1::Audit details;
  *details.mutable_packs() = report.provenance().packs();
  details.set_engine_version(report.provenance().engine_version());
  details.set_lenient(report.load().lenient());
  details.set_finding_count(report.findings_size());
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(details, &json);
  return json;
}

// The trail entry as an Audit. Entries recorded before the catalogue kept
// a summary take it from their report, which the caller then passes.
absl::StatusOr<v1::Audit> AuditToProto(const store::AuditRecord& record,
                                       const v1::AuditReport* report = nullptr) {
  const std::string details =
      record.details.empty() && report != nullptr ? AuditDetailsJson(*report) : record.details;
  v1::Audit audit;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // details written by a later version
  if (!details.empty() &&
      !google::protobuf::util::JsonStringToMessage(details, &audit, options).ok()) {
    return absl::DataLossError(StrCat("the trail entry of audit ", record.id, " does not parse"));
  }
  audit.set_name(AuditName(record.id));
  audit.set_network(NetworkName(record.network_id));
  audit.set_network_digest(record.network_digest);
  *audit.mutable_create_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(record.created_at));
  audit.set_tenant(record.tenant);
  audit.set_token_name(record.token_name);
  return audit;
}

// The shipped packs `rule_packs` names, as indices into `shipped`;
// INVALID_ARGUMENT or NOT_FOUND naming the entry otherwise.
absl::StatusOr<std::vector<size_t>> PickShippedPacks(const ShippedPackSet& shipped,
                                                     const v1::AuditNetworkRequest& request) {
  std::vector<size_t> picked;
  for (int i = 0; i < request.rule_packs_size(); ++i) {
    absl::StatusOr<std::string> id =
        ParsePackName(request.rule_packs(i), StrCat("rule_packs[", i, "]"));
    if (!id.ok()) return id.status();
    const std::optional<size_t> index = shipped.Find(*id);
    if (!index) return absl::NotFoundError(StrCat("no rule pack ", request.rule_packs(i)));
    picked.push_back(*index);
  }
  return picked;
}

// How the request chooses its packs: all_packs, packs it names or sends,
// else by jurisdiction (as `tiersight audit` without --pack).
absl::StatusOr<core::PackChoice> ChoiceOf(const v1::AuditNetworkRequest& request) {
  const bool named = request.rule_packs_size() > 0 || request.inline_packs_size() > 0;
  if (request.all_packs() && named) {
    return absl::InvalidArgumentError(
        "`all_packs` runs every shipped pack; leave `rule_packs` and `inline_packs` empty with it");
  }
  if (request.all_packs()) return core::PackChoice::kAll;
  return named ? core::PackChoice::kNamed : core::PackChoice::kByJurisdiction;
}

// The request's jurisdiction, checked against the packs that may run and
// the shipped ones, and its parameter overrides, against the packs that may
// run.
absl::StatusOr<std::map<std::string, std::string>> CheckedParams(
    const core::LoadedPacks& packs, const core::LoadedPacks& shipped,
    const v1::AuditNetworkRequest& request) {
  if (!request.jurisdiction().empty()) {
    absl::Status known = core::CheckJurisdiction(packs, request.jurisdiction(), &shipped);
    if (!known.ok()) {
      return absl::InvalidArgumentError(StrCat("`jurisdiction`: ", std::string(known.message())));
    }
  }
  std::map<std::string, std::string> params(request.params().begin(), request.params().end());
  absl::Status valid = core::CheckParams(packs, params);
  if (!valid.ok()) {
    return absl::InvalidArgumentError(StrCat("`params`: ", std::string(valid.message())));
  }
  return params;
}

std::vector<store::PackRef> PackRefs(const v1::AuditReport& report) {
  std::vector<store::PackRef> refs;
  for (const v1::PackProvenance& p : report.provenance().packs()) {
    refs.push_back({p.name(), p.version(), p.sha256()});
  }
  return refs;
}

}  // namespace

grpc::Status AuditServiceImpl::AuditNetwork(grpc::ServerContext* context,
                                            const v1::AuditNetworkRequest* request,
                                            v1::AuditNetworkResponse* response) {
  return edge_.Serve("AuditService/AuditNetwork", *context, response, [&](const Caller& caller) {
    return AuditAndRecord(*context, caller, *request);
  });
}

absl::StatusOr<v1::AuditNetworkResponse> AuditServiceImpl::AuditAndRecord(
    const grpc::ServerContext& context, const Caller& caller,
    const v1::AuditNetworkRequest& request) {
  absl::StatusOr<std::string> id = ParseNetworkName(request.network(), "network");
  if (!id.ok()) return id.status();
  // Held to the end of the call: a reload meanwhile does not change its packs.
  const std::shared_ptr<const ShippedPackSet> shipped = shipped_packs_.Current();
  absl::StatusOr<std::vector<size_t>> picked = PickShippedPacks(*shipped, request);
  if (!picked.ok()) return picked.status();
  absl::StatusOr<core::PackChoice> choice = ChoiceOf(request);
  if (!choice.ok()) return choice.status();
  std::vector<core::InlinePack> inline_packs;
  for (const v1::InlineRulePack& p : request.inline_packs()) {
    inline_packs.push_back({p.file(), p.yaml()});
  }

  std::optional<AuditSlots::Slot> slot = slots_.TryAcquire();
  if (!slot) {
    return absl::ResourceExhaustedError(
        StrCat("all ", slots_.capacity(), " audit slots are busy; retry later"));
  }
  absl::StatusOr<std::string> dir = store_.NetworkDir(caller.tenant, *id);
  if (!dir.ok()) return dir.status();
  // Every shipped pack unless the request names packs or sends its own; only
  // those it sends are compiled now.
  const core::LoadedPacks* packs = &shipped->packs;
  std::optional<core::LoadedPacks> chosen;
  if (!picked->empty() || !inline_packs.empty()) {
    chosen = core::LoadPacks(shipped->packs, *picked, inline_packs);
    if (!chosen->ok()) return PackProblems(chosen->diagnostics);
    packs = &*chosen;
  }

  absl::StatusOr<std::map<std::string, std::string>> params =
      CheckedParams(*packs, shipped->packs, request);
  if (!params.ok()) return params.status();

  core::AuditRun run = core::RunAudit(*dir, *packs,
                                      {.lenient = request.lenient(),
                                       .choice = *choice,
                                       .jurisdiction = request.jurisdiction(),
                                       .params = *std::move(params),
                                       .cancelled = CancelCheck(context)});
  if (absl::IsFailedPrecondition(run.status)) return UnusableLoad(run.status, run.report.load());
  if (!run.status.ok()) return run.status;

  store::NewAudit audit{.network_id = *id,
                        .network_digest = run.loaded.digest,
                        .packs = PackRefs(run.report),
                        .token_name = caller.token_name,
                        .report_json = core::ToJson(run.report),
                        .details = AuditDetailsJson(run.report)};
  absl::StatusOr<store::AuditRecord> record = store_.RecordAudit(caller.tenant, audit);
  if (!record.ok()) return record.status();

  // Drill-down calls that follow read the network just loaded.
  NetworkCacheKey key{caller.tenant, *id, request.lenient(), run.loaded.digest};
  cache_.Insert(std::move(key), std::make_shared<const CachedNetwork>(*dir, std::move(run.loaded),
                                                                      *std::move(run.figures)));
  absl::StatusOr<v1::Audit> recorded = AuditToProto(*record);
  if (!recorded.ok()) return recorded.status();
  v1::AuditNetworkResponse response;
  *response.mutable_audit() = *std::move(recorded);
  *response.mutable_report() = std::move(run.report);
  core::CapFindingSubjects(*response.mutable_report()->mutable_findings());
  return response;
}

absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> AuditServiceImpl::ReadAudit(
    const std::string& tenant, const std::string& audit_id) {
  absl::StatusOr<store::StoredAudit> stored = store_.GetAudit(tenant, audit_id);
  if (!stored.ok()) return stored.status();
  v1::AuditReport report;
  if (!google::protobuf::util::JsonStringToMessage(stored->report_json, &report).ok()) {
    return absl::DataLossError(StrCat("the report of audit ", audit_id, " does not parse"));
  }
  absl::StatusOr<v1::Audit> audit = AuditToProto(stored->record, &report);
  if (!audit.ok()) return audit.status();
  return std::make_pair(*std::move(audit), std::move(report));
}

grpc::Status AuditServiceImpl::GetAudit(grpc::ServerContext* context,
                                        const v1::GetAuditRequest* request,
                                        v1::GetAuditResponse* response) {
  return edge_.Serve("AuditService/GetAudit", *context, [&](const Caller& caller) {
    absl::StatusOr<std::string> id = ParseAuditName(request->name(), "name");
    if (!id.ok()) return id.status();
    absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> audit = ReadAudit(caller.tenant, *id);
    if (!audit.ok()) return audit.status();
    *response->mutable_audit() = std::move(audit->first);
    *response->mutable_report() = std::move(audit->second);
    core::CapFindingSubjects(*response->mutable_report()->mutable_findings());
    return absl::OkStatus();
  });
}

grpc::Status AuditServiceImpl::ListFindingSubjects(grpc::ServerContext* context,
                                                   const v1::ListFindingSubjectsRequest* request,
                                                   v1::ListFindingSubjectsResponse* response) {
  return edge_.Serve("AuditService/ListFindingSubjects", *context, [&](const Caller& caller) {
    absl::StatusOr<std::string> id = ParseAuditName(request->audit(), "audit");
    if (!id.ok()) return id.status();
    const std::string query = StrCat(request->audit(), "/findings/", request->finding());
    absl::StatusOr<core::PageRequest> page = ParsePageRequest(
        request->page_size(), request->page_token(), query,
        {.default_size = kDefaultSubjectsPage, .max_size = core::kMaxSubjectsPerFinding});
    if (!page.ok()) return page.status();
    absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> audit = ReadAudit(caller.tenant, *id);
    if (!audit.ok()) return audit.status();
    absl::StatusOr<core::Page<std::string>> subjects =
        core::FindingSubjectsPage(audit->second.findings(), request->finding(), *page);
    if (!subjects.ok()) return subjects.status();
    for (std::string& s : subjects->items) response->add_subjects(std::move(s));
    response->set_next_page_token(NextPageToken(subjects->next_offset, query));
    response->set_subject_count(audit->second.findings(request->finding()).subjects_size());
    return absl::OkStatus();
  });
}

grpc::Status AuditServiceImpl::ListAudits(grpc::ServerContext* context,
                                          const v1::ListAuditsRequest* request,
                                          v1::ListAuditsResponse* response) {
  return edge_.Serve("AuditService/ListAudits", *context, [&](const Caller& caller) {
    std::optional<std::string> network;
    if (!request->network().empty()) {
      absl::StatusOr<std::string> id = ParseNetworkName(request->network(), "network");
      if (!id.ok()) return id.status();
      network = *std::move(id);
    }
    absl::StatusOr<store::AuditPage> page =
        store_.ListAudits(caller.tenant, request->page_size(), request->page_token(), network);
    if (!page.ok()) return page.status();
    for (const store::AuditRecord& record : page->audits) {
      if (record.details.empty()) {  // recorded before the trail kept summaries
        absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> audit =
            ReadAudit(caller.tenant, record.id);
        if (!audit.ok()) return audit.status();
        *response->add_audits() = std::move(audit->first);
        continue;
      }
      absl::StatusOr<v1::Audit> audit = AuditToProto(record);
      if (!audit.ok()) return audit.status();
      *response->add_audits() = *std::move(audit);
    }
    response->set_next_page_token(page->next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace tiersight::services
