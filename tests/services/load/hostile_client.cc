#include "tests/services/load/hostile_client.h"

#include <google/protobuf/descriptor.h>

#include <random>

#include "tests/services/load/raw_call.h"
#include "tests/services/service_client_util.h"
#include "tiersight/v1/audit_service.grpc.pb.h"
#include "tiersight/v1/rule_pack_service.grpc.pb.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;
using grpc::StatusCode;

std::string_view HostileKindName(HostileKind kind) {
  switch (kind) {
    case HostileKind::kStalledUpload:
      return "stalled upload";
    case HostileKind::kNearLimitPack:
      return "near-limit pack";
    case HostileKind::kOverLimitPack:
      return "over-limit pack";
    case HostileKind::kForgedToken:
      return "forged token";
    case HostileKind::kUnparsableRequest:
      return "unparsable request";
    case HostileKind::kUnparsableUpload:
      return "unparsable upload";
  }
  return "unknown";
}

std::vector<HostileKind> DefaultHostileKinds() {
  return {HostileKind::kStalledUpload,     HostileKind::kNearLimitPack,
          HostileKind::kOverLimitPack,     HostileKind::kForgedToken,
          HostileKind::kUnparsableRequest, HostileKind::kUnparsableUpload};
}

namespace {

// A method of the services, as a raw call names it.
struct Method {
  std::string path;  // "/tiersight.v1.AuditService/GetNetwork"
  std::string rpc;   // "AuditService/GetNetwork"
  bool client_streaming = false;
};

// Every method of both services, read from their descriptors so that a
// method added later is attacked too.
const std::vector<Method>& AllMethods() {
  static const std::vector<Method>* const methods = [] {
    auto* out = new std::vector<Method>;
    for (const char* service : {"tiersight.v1.AuditService", "tiersight.v1.RulePackService"}) {
      const google::protobuf::ServiceDescriptor* descriptor =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
      for (int i = 0; descriptor != nullptr && i < descriptor->method_count(); ++i) {
        const google::protobuf::MethodDescriptor* m = descriptor->method(i);
        out->push_back({"/" + descriptor->full_name() + "/" + m->name(),
                        descriptor->name() + "/" + m->name(), m->client_streaming()});
      }
    }
    return out;
  }();
  return *methods;
}

// Bytes that parse as no message: a length-delimited field cut short, and a
// tag whose varint never ends.
const std::vector<std::string>& Unparsable() {
  static const std::vector<std::string>* const bytes =
      new std::vector<std::string>{std::string("\x0a\x05"
                                               "ab",
                                               4),
                                   std::string(10, '\xff') + std::string(1, '\x01')};
  return *bytes;
}

// A valid pack padded with a comment to `size` bytes of YAML.
std::string PackOfSize(int64_t size) {
  std::string yaml =
      "pack: load-padded\n"
      "version: 1.0.0\n"
      "title: A small pack padded to a size\n"
      "requires_engine: 1.1.0\n"
      "jurisdictions: [any]\n"
      "rules:\n"
      "  - id: padded-stock\n"
      "    title: Stock on hand\n"
      "    scope: network\n"
      "    when: units_on_hand > 0\n"
      "    severity: info\n"
      "    tags: [inventory_loading]\n"
      "    cite: \"none\"\n"
      "    message: \"Agents hold {units_on_hand} units.\"\n";
  const std::string line = "# " + std::string(97, 'x') + "\n";
  while (static_cast<int64_t>(yaml.size() + line.size()) <= size) yaml += line;
  yaml.append(static_cast<size_t>(std::max<int64_t>(0, size - static_cast<int64_t>(yaml.size()))),
              '#');
  return yaml;
}

class HostileClient {
 public:
  HostileClient(const std::shared_ptr<grpc::Channel>& channel, const HostilePlan& plan,
                LoadRecorder& recorder)
      : channel_(channel),
        audit_(v1::AuditService::NewStub(channel)),
        packs_(v1::RulePackService::NewStub(channel)),
        plan_(plan),
        recorder_(recorder),
        random_(static_cast<uint64_t>(plan.client) * 7919 + 1) {}

  void Run() {
    for (int round = 0; round < plan_.rounds; ++round) {
      for (HostileKind kind : plan_.kinds) Attack(kind);
    }
  }

 private:
  void Record(HostileKind kind, const std::string& rpc, const grpc::Status& status,
              const StatusSet& expected) {
    recorder_.Hostile(plan_.client, std::string(HostileKindName(kind)) + " " + rpc, status,
                      expected);
  }

  void Attack(HostileKind kind) {
    switch (kind) {
      case HostileKind::kStalledUpload:
        return StallUploads();
      case HostileKind::kNearLimitPack:
        return SendPack(kind, plan_.message_limit - (16 << 10), {StatusCode::OK},
                        {StatusCode::OK, StatusCode::RESOURCE_EXHAUSTED});
      case HostileKind::kOverLimitPack:
        return SendPack(kind, plan_.message_limit + (16 << 10), {StatusCode::RESOURCE_EXHAUSTED},
                        {StatusCode::RESOURCE_EXHAUSTED});
      case HostileKind::kForgedToken:
        return ForgeTokens();
      case HostileKind::kUnparsableRequest:
        return SendUnparsableRequests();
      case HostileKind::kUnparsableUpload:
        return SendUnparsableUpload();
    }
  }

  // Opens every stream first, so that they stall side by side.
  void StallUploads() {
    struct Stalled {
      std::unique_ptr<grpc::ClientContext> context;
      v1::UploadNetworkResponse response;
      std::unique_ptr<grpc::ClientWriter<v1::UploadNetworkRequest>> writer;
    };
    std::vector<Stalled> streams(static_cast<size_t>(plan_.stalled_streams));
    v1::UploadNetworkRequest header;
    header.mutable_header()->mutable_facts()->set_name("stalled");
    for (Stalled& s : streams) {
      s.context = Context(plan_.token, plan_.stall_deadline);
      s.writer = audit_->UploadNetwork(s.context.get(), &s.response);
      s.writer->Write(header);
    }
    for (Stalled& s : streams) {
      Record(
          HostileKind::kStalledUpload, "AuditService/UploadNetwork", s.writer->Finish(),
          {StatusCode::DEADLINE_EXCEEDED, StatusCode::CANCELLED, StatusCode::RESOURCE_EXHAUSTED});
    }
  }

  void SendPack(HostileKind kind, int64_t size, const StatusSet& validate_expected,
                const StatusSet& audit_expected) {
    const std::string yaml = PackOfSize(size);
    v1::ValidateRulePackRequest validate;
    validate.set_yaml(yaml);
    v1::ValidateRulePackResponse checked;
    grpc::Status status = packs_->ValidateRulePack(Context(plan_.token).get(), validate, &checked);
    Record(kind, "RulePackService/ValidateRulePack", status, validate_expected);
    if (status.ok() && !checked.valid()) {
      recorder_.Broken("the padded pack of " + std::to_string(size) + " bytes does not validate: " +
                       (checked.diagnostics().empty() ? "" : checked.diagnostics(0).message()));
    }
    v1::AuditNetworkRequest audit;
    audit.set_network(plan_.network);
    v1::InlineRulePack* pack = audit.add_inline_packs();
    pack->set_file("padded.yaml");
    pack->set_yaml(yaml);
    v1::AuditNetworkResponse audited;
    Record(kind, "AuditService/AuditNetwork",
           audit_->AuditNetwork(Context(plan_.token).get(), audit, &audited), audit_expected);
  }

  void ForgeTokens() {
    std::string near_miss = plan_.token;
    near_miss.back() = near_miss.back() == 'x' ? 'y' : 'x';
    std::string random_token(32, '0');
    for (char& c : random_token) c = "0123456789abcdef"[random_() % 16];
    const std::vector<std::string> forged = {"Bearer " + near_miss, "Bearer " + random_token,
                                             "Basic " + plan_.token, ""};
    for (const Method& m : AllMethods()) {
      for (const std::string& authorization : forged) {
        Record(HostileKind::kForgedToken, m.rpc,
               RawCall(channel_, m.path, authorization, {std::string()}, std::chrono::seconds(10)),
               {StatusCode::UNAUTHENTICATED});
      }
    }
  }

  void SendUnparsableRequests() {
    for (const Method& m : AllMethods()) {
      if (m.client_streaming) continue;  // uploads: kUnparsableUpload
      for (const std::string& bytes : Unparsable()) {
        Record(
            HostileKind::kUnparsableRequest, m.rpc,
            RawCall(channel_, m.path, "Bearer " + plan_.token, {bytes}, std::chrono::seconds(10)),
            {StatusCode::INTERNAL});
      }
    }
  }

  void SendUnparsableUpload() {
    v1::UploadNetworkRequest header;
    header.mutable_header()->mutable_facts()->set_name("unparsable");
    v1::UploadNetworkRequest batch;
    v1::Agent* agent = batch.mutable_batch()->add_agents();
    agent->set_agent_id("A1");
    for (const std::string& bytes : Unparsable()) {
      Record(HostileKind::kUnparsableUpload, "AuditService/UploadNetwork",
             RawCall(channel_, "/tiersight.v1.AuditService/UploadNetwork", "Bearer " + plan_.token,
                     {header.SerializeAsString(), batch.SerializeAsString(), bytes},
                     std::chrono::seconds(10)),
             {StatusCode::INVALID_ARGUMENT});
    }
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::unique_ptr<v1::RulePackService::Stub> packs_;
  const HostilePlan& plan_;
  LoadRecorder& recorder_;
  std::mt19937_64 random_;
};

}  // namespace

void RunHostileClient(const std::shared_ptr<grpc::Channel>& channel, const HostilePlan& plan,
                      LoadRecorder& recorder) {
  HostileClient(channel, plan, recorder).Run();
}

}  // namespace tiersight::services::testing
