#include "tests/services/load/well_behaved_client.h"

#include <google/protobuf/util/message_differencer.h>

#include <chrono>
#include <optional>

#include "tests/services/service_client_util.h"
#include "tiersight/v1/audit_service.grpc.pb.h"
#include "tiersight/v1/rule_pack_service.grpc.pb.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;

const StatusSet& AllowedStatuses(const std::string& rpc) {
  static const StatusSet* const kOk = new StatusSet{grpc::StatusCode::OK};
  static const StatusSet* const kOkOrPoolFull =
      new StatusSet{grpc::StatusCode::OK, grpc::StatusCode::RESOURCE_EXHAUSTED};
  static const std::set<std::string>* const kPooled =
      new std::set<std::string>{"AuditService/AuditNetwork", "AuditService/GetAgent",
                                "AuditService/ListLevels", "AuditService/ListTiers"};
  return kPooled->contains(rpc) ? *kOkOrPoolFull : *kOk;
}

namespace {

const char* const kReportFormats[] = {"json", "html", "csv"};

class WellBehavedClient {
 public:
  WellBehavedClient(const std::shared_ptr<grpc::Channel>& channel, const WellBehavedPlan& plan,
                    LoadRecorder& recorder)
      : audit_(v1::AuditService::NewStub(channel)),
        packs_(v1::RulePackService::NewStub(channel)),
        plan_(plan),
        recorder_(recorder),
        calls_left_(plan.calls) {}

  WellBehavedOutcome Run() {
    for (int round = 0; calls_left_ > 0; ++round) Round(round);
    return std::move(outcome_);
  }

 private:
  // Makes one call unless the budget is spent (nullopt then), timed and
  // checked against the statuses listed for it.
  template <typename F>
  std::optional<grpc::Status> Call(const std::string& rpc, F&& call) {
    if (calls_left_ <= 0) return std::nullopt;
    --calls_left_;
    const auto start = std::chrono::steady_clock::now();
    grpc::Status status = call();
    recorder_.WellBehaved(plan_.client, rpc, status, std::chrono::steady_clock::now() - start,
                          AllowedStatuses(rpc));
    return status;
  }

  static bool Ok(const std::optional<grpc::Status>& status) { return status && status->ok(); }

  void Broken(const std::string& what) {
    recorder_.Broken("client " + std::to_string(plan_.client) + ": " + what);
  }

  // One pass over every call, on a network uploaded for it.
  void Round(int round) {
    v1::UploadNetworkResponse uploaded;
    if (!Ok(Call("AuditService/UploadNetwork",
                 [&] { return Upload(*audit_, *plan_.bundle, &uploaded, plan_.token); }))) {
      return;
    }
    const v1::Network& network = uploaded.network();
    outcome_.kept[network.name()] = network.digest();
    ReadNetwork(network);
    CheckPacks(round);
    AuditAndDrillDown(network, round);
    if (round % 2 == 1) {
      v1::DeleteNetworkRequest request;
      request.set_name(network.name());
      v1::DeleteNetworkResponse response;
      if (Ok(Call("AuditService/DeleteNetwork", [&] {
            return audit_->DeleteNetwork(Context(plan_.token).get(), request, &response);
          }))) {
        outcome_.kept.erase(network.name());
        outcome_.deleted.insert(network.name());
      }
    }
  }

  void ReadNetwork(const v1::Network& network) {
    v1::GetNetworkRequest get;
    get.set_name(network.name());
    v1::GetNetworkResponse got;
    if (Ok(Call("AuditService/GetNetwork",
                [&] { return audit_->GetNetwork(Context(plan_.token).get(), get, &got); })) &&
        got.network().digest() != network.digest()) {
      Broken(network.name() + " is listed with digest " + got.network().digest() +
             " after its upload answered " + network.digest());
    }
    v1::ListNetworksRequest list;
    list.set_page_size(10);
    v1::ListNetworksResponse page;
    Call("AuditService/ListNetworks",
         [&] { return audit_->ListNetworks(Context(plan_.token).get(), list, &page); });
    std::map<std::string, std::string> files;
    if (Ok(Call("AuditService/ExportNetwork",
                [&] {
                  grpc::Status status;
                  files = ExportNetworkFiles(*audit_, network.name(), plan_.token, &status);
                  return status;
                })) &&
        BundleDigestOfFiles(files) != network.digest()) {
      Broken("the export of " + network.name() + " has digest " + BundleDigestOfFiles(files) +
             ", not " + network.digest());
    }
  }

  void CheckPacks(int round) {
    v1::ListRulePacksResponse listed;
    if (!Ok(Call("RulePackService/ListRulePacks",
                 [&] { return packs_->ListRulePacks(Context(plan_.token).get(), {}, &listed); })) ||
        listed.rule_packs().empty()) {
      return;
    }
    v1::GetRulePackRequest get;
    get.set_name(listed.rule_packs(round % listed.rule_packs_size()).name());
    v1::GetRulePackResponse got;
    if (!Ok(Call("RulePackService/GetRulePack",
                 [&] { return packs_->GetRulePack(Context(plan_.token).get(), get, &got); }))) {
      return;
    }
    // As a compliance team drafts its own pack: a shipped one under a name of
    // its own (shipped names are reserved).
    std::string draft = got.rule_pack().yaml();
    const std::string header = "\npack: " + got.rule_pack().pack() + "\n";
    const size_t at = draft.find(header);
    if (at == std::string::npos) {
      Broken("shipped pack " + get.name() + " has no `pack:` line");
      return;
    }
    draft.replace(at, header.size(), "\npack: " + got.rule_pack().pack() + "-draft\n");
    v1::ValidateRulePackRequest validate;
    validate.set_yaml(draft);
    validate.set_file(got.rule_pack().pack() + "-draft.yaml");
    v1::ValidateRulePackResponse checked;
    if (Ok(Call("RulePackService/ValidateRulePack",
                [&] {
                  return packs_->ValidateRulePack(Context(plan_.token).get(), validate, &checked);
                })) &&
        !checked.valid()) {
      Broken("shipped pack " + get.name() + " does not validate");
    }
  }

  void AuditAndDrillDown(const v1::Network& network, int round) {
    v1::AuditNetworkRequest request;
    request.set_network(network.name());
    v1::AuditNetworkResponse audited;
    const bool recorded = Ok(Call("AuditService/AuditNetwork", [&] {
      return audit_->AuditNetwork(Context(plan_.token).get(), request, &audited);
    }));
    if (recorded) ReadAudit(audited, round);

    v1::GetAgentRequest agent;
    agent.set_name(network.name() + "/agents/" + plan_.agent_id);
    v1::GetAgentResponse got_agent;
    Call("AuditService/GetAgent",
         [&] { return audit_->GetAgent(Context(plan_.token).get(), agent, &got_agent); });
    v1::ListLevelsRequest levels;
    levels.set_network(network.name());
    v1::ListLevelsResponse got_levels;
    Call("AuditService/ListLevels",
         [&] { return audit_->ListLevels(Context(plan_.token).get(), levels, &got_levels); });
    v1::ListTiersRequest tiers;
    tiers.set_network(network.name());
    v1::ListTiersResponse got_tiers;
    Call("AuditService/ListTiers",
         [&] { return audit_->ListTiers(Context(plan_.token).get(), tiers, &got_tiers); });
  }

  void ReadAudit(const v1::AuditNetworkResponse& audited, int round) {
    const std::string& name = audited.audit().name();
    v1::GetAuditRequest get;
    get.set_name(name);
    v1::GetAuditResponse got;
    if (Ok(Call("AuditService/GetAudit",
                [&] { return audit_->GetAudit(Context(plan_.token).get(), get, &got); })) &&
        !google::protobuf::util::MessageDifferencer::Equals(got.audit(), audited.audit())) {
      Broken(name + " reads back differently from what AuditNetwork answered");
    }
    v1::ListAuditsRequest list;
    list.set_network(audited.audit().network());
    v1::ListAuditsResponse page;
    Call("AuditService/ListAudits",
         [&] { return audit_->ListAudits(Context(plan_.token).get(), list, &page); });
    if (audited.audit().finding_count() > 0) {
      v1::ListFindingSubjectsRequest subjects;
      subjects.set_audit(name);
      subjects.set_page_size(50);
      v1::ListFindingSubjectsResponse got_subjects;
      Call("AuditService/ListFindingSubjects", [&] {
        return audit_->ListFindingSubjects(Context(plan_.token).get(), subjects, &got_subjects);
      });
    }
    std::string report;
    const std::string format = kReportFormats[round % std::size(kReportFormats)];
    if (Ok(Call("AuditService/ExportReport",
                [&] { return ExportReportBytes(*audit_, name, format, plan_.token, &report); })) &&
        report.empty()) {
      Broken("the " + format + " export of " + name + " is empty");
    }
  }

  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::unique_ptr<v1::RulePackService::Stub> packs_;
  const WellBehavedPlan& plan_;
  LoadRecorder& recorder_;
  int calls_left_;
  WellBehavedOutcome outcome_;
};

}  // namespace

WellBehavedOutcome RunWellBehavedClient(const std::shared_ptr<grpc::Channel>& channel,
                                        const WellBehavedPlan& plan, LoadRecorder& recorder) {
  return WellBehavedClient(channel, plan, recorder).Run();
}

}  // namespace tiersight::services::testing
