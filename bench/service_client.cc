// Measures the AuditService over a real connection: uploads a bundle
// directory as a stream (rows/s), audits it (latency), then a few drill-down
// calls (cold and warm). Prints one line per measurement.
// Usage: service_client ADDRESS TOKEN BUNDLE_DIR [BATCH_BYTES]
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "clients/cpp/remote_bundle_rows.h"
#include "tiersight/v1/audit_service.grpc.pb.h"

namespace {

namespace v1 = tiersight::v1;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

int Fail(const char* what, const grpc::Status& status) {
  std::fprintf(stderr, "%s: %s\n", what, status.error_message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s ADDRESS TOKEN BUNDLE_DIR [BATCH_BYTES]\n", argv[0]);
    return 2;
  }
  const std::string address = argv[1];
  const std::string token = argv[2];
  const std::string bundle = argv[3];
  const size_t batch_bytes = argc > 4 ? std::stoul(argv[4]) : size_t{2} << 20;
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  auto stub = v1::AuditService::NewStub(
      grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));

  v1::UploadNetworkResponse uploaded;
  auto context = Context(token);
  auto start = Clock::now();
  auto writer = stub->UploadNetwork(context.get(), &uploaded);
  int64_t rows = 0;
  absl::Status read = tiersight::client::ForEachUploadRequest(
      bundle, batch_bytes, [&](const v1::UploadNetworkRequest& r) {
        rows += r.batch().agents_size() + r.batch().orders_size() + r.batch().payments_size();
        return writer->Write(r);
      });
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!read.ok()) std::fprintf(stderr, "reading %s: %s\n", bundle.c_str(), read.ToString().c_str());
  if (!status.ok()) return Fail("UploadNetwork", status);
  const double upload_s = Seconds(start);
  std::printf("upload: %lld rows in %.2f s = %.0f rows/s (%s, load usable=%d)\n",
              static_cast<long long>(rows), upload_s, rows / upload_s,
              uploaded.network().name().c_str(), uploaded.network().load().usable());

  v1::AuditNetworkRequest audit;
  audit.set_network(uploaded.network().name());
  audit.set_lenient(!uploaded.network().load().usable());
  v1::AuditNetworkResponse audited;
  start = Clock::now();
  status = stub->AuditNetwork(Context(token).get(), audit, &audited);
  if (!status.ok()) return Fail("AuditNetwork", status);
  std::printf("audit: %.2f s, %d findings, report %zu bytes\n", Seconds(start),
              audited.report().findings_size(), audited.report().ByteSizeLong());

  v1::GetAgentRequest agent;
  agent.set_name(
      uploaded.network().name() + "/agents/" +
      (audited.report().findings_size() > 0 && audited.report().findings(0).subjects_size() > 0
           ? audited.report().findings(0).subjects(0)
           : std::string("A0000001")));
  agent.set_lenient(audit.lenient());
  for (const char* pass : {"first", "second"}) {
    v1::GetAgentResponse got;
    start = Clock::now();
    status = stub->GetAgent(Context(token).get(), agent, &got);
    if (!status.ok()) return Fail("GetAgent", status);
    std::printf("GetAgent (%s call): %.3f s, %d recruits on the page, %d findings\n", pass,
                Seconds(start), got.recruits_size(), got.findings_size());
  }
  v1::ListLevelsRequest levels;
  levels.set_network(uploaded.network().name());
  levels.set_lenient(audit.lenient());
  v1::ListLevelsResponse listed;
  start = Clock::now();
  status = stub->ListLevels(Context(token).get(), levels, &listed);
  if (!status.ok()) return Fail("ListLevels", status);
  std::printf("ListLevels: %.3f s, %d levels\n", Seconds(start), listed.levels_size());
  return 0;
}
