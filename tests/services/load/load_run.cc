#include "tests/services/load/load_run.h"

#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "base/str_cat.h"
#include "services/tiersight_server.h"
#include "tests/services/load/well_behaved_client.h"
#include "tests/services/service_client_util.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;

namespace {

constexpr char kHostileToken[] = "mallory-secret";
constexpr char kHostileTenant[] = "mallory";

struct Bundle {
  std::vector<v1::UploadNetworkRequest> requests;
  std::string agent_id;  // its first agent
};

absl::StatusOr<std::vector<Bundle>> GenerateBundles(const LoadOptions& options,
                                                    const std::filesystem::path& dir) {
  std::vector<Bundle> bundles;
  for (int i = 0; i < options.bundles; ++i) {
    absl::StatusOr<std::vector<v1::UploadNetworkRequest>> requests = GeneratedUploadRequests(
        dir / ("bundle-" + std::to_string(i)), static_cast<uint64_t>(options.agents),
        static_cast<uint64_t>(i + 1),
        i % 2 == 0 ? generate::Profile::kHoarding : generate::Profile::kHealthy, 8 * 1024);
    if (!requests.ok()) return requests.status();
    Bundle bundle{*std::move(requests), ""};
    for (const v1::UploadNetworkRequest& r : bundle.requests) {
      if (r.has_batch() && r.batch().agents_size() > 0) {
        bundle.agent_id = r.batch().agents(0).agent_id();
        break;
      }
    }
    bundles.push_back(std::move(bundle));
  }
  return bundles;
}

// Its own connection, as a client in another process would have: channels
// with the same arguments would share one.
std::shared_ptr<grpc::Channel> ClientChannel(int port, int client) {
  grpc::ChannelArguments args;
  args.SetInt("tiersight.load_client", client);
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port),
                                   grpc::InsecureChannelCredentials(), args);
}

// Each tenant lists exactly the networks its clients kept, with their
// digests: nothing deleted, nothing a hostile upload left behind.
void CheckListings(const std::shared_ptr<grpc::Channel>& channel,
                   const std::map<std::string, std::string>& token_of_tenant,
                   const std::map<std::string, std::map<std::string, std::string>>& kept,
                   LoadRecorder& recorder) {
  auto stub = v1::AuditService::NewStub(channel);
  for (const auto& [tenant, token] : token_of_tenant) {
    std::vector<v1::Network> networks;
    grpc::Status status = ListAllNetworks(*stub, token, &networks);
    if (!status.ok()) {
      recorder.Broken(StrCat("tenant ", tenant, ": ListNetworks: ", status.error_message()));
      continue;
    }
    std::map<std::string, std::string> listed;
    for (const v1::Network& n : networks) listed[n.name()] = n.digest();
    auto expected = kept.find(tenant);
    const std::map<std::string, std::string> none;
    const std::map<std::string, std::string>& want =
        expected == kept.end() ? none : expected->second;
    for (const auto& [name, digest] : listed) {
      auto it = want.find(name);
      if (it == want.end()) {
        recorder.Broken(StrCat("tenant ", tenant, " lists ", name, ", which no client kept"));
      } else if (it->second != digest) {
        recorder.Broken(StrCat("tenant ", tenant, " lists ", name, " with digest ", digest,
                               ", not ", it->second));
      }
    }
    for (const auto& [name, digest] : want) {
      if (!listed.contains(name)) {
        recorder.Broken(StrCat("tenant ", tenant, " no longer lists ", name));
      }
    }
  }
}

}  // namespace

absl::Status RunLoad(const LoadOptions& options, const std::filesystem::path& work_dir,
                     LoadRecorder& recorder) {
  absl::StatusOr<std::vector<Bundle>> bundles = GenerateBundles(options, work_dir);
  if (!bundles.ok()) return bundles.status();
  ServerOptions server_options = TestOptions(work_dir / "data");
  server_options.tokens.push_back({kHostileToken, "mallory-ci", kHostileTenant});
  server_options.limits.max_message_bytes = options.max_message_bytes;
  server_options.limits.max_concurrent_audits = options.max_concurrent_audits;
  if (options.configure_server) options.configure_server(server_options);
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(server_options);
  if (!server.ok()) return server.status();
  const int port = (*server)->port();

  std::map<std::string, std::string> token_of_tenant;
  for (const TokenOptions& t : server_options.tokens) token_of_tenant.emplace(t.tenant, t.token);
  const std::vector<std::string> tokens = {kAlphaToken, kBetaToken, kAlphaToken2};
  std::mutex mu;
  std::map<std::string, std::map<std::string, std::string>> kept;  // by tenant
  auto keep = [&](const std::string& token, const std::map<std::string, std::string>& networks) {
    std::lock_guard lock(mu);
    for (const TokenOptions& t : server_options.tokens) {
      if (t.token == token) kept[t.tenant].insert(networks.begin(), networks.end());
    }
  };

  std::vector<std::thread> threads;
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      const Bundle& bundle = (*bundles)[static_cast<size_t>(c % options.bundles)];
      const std::shared_ptr<grpc::Channel> channel = ClientChannel(port, c);
      if (c < options.clients - options.hostile_clients) {
        const WellBehavedPlan plan{c, tokens[static_cast<size_t>(c) % tokens.size()],
                                   &bundle.requests, bundle.agent_id, options.calls_per_client};
        keep(plan.token, RunWellBehavedClient(channel, plan, recorder).kept);
        return;
      }
      // The hostile tenant's own network, uploaded as anyone would, to audit.
      auto stub = v1::AuditService::NewStub(channel);
      v1::UploadNetworkResponse uploaded;
      grpc::Status status = Upload(*stub, bundle.requests, &uploaded, kHostileToken);
      recorder.Hostile(c, "setup AuditService/UploadNetwork", status, {grpc::StatusCode::OK});
      keep(kHostileToken, {{uploaded.network().name(), uploaded.network().digest()}});
      HostilePlan plan;
      plan.client = c;
      plan.token = kHostileToken;
      plan.network = uploaded.network().name();
      plan.message_limit = server_options.limits.max_message_bytes;
      plan.kinds = options.hostile_kinds;
      plan.rounds = options.hostile_rounds;
      plan.stalled_streams = options.stalled_streams;
      plan.stall_deadline = options.stall_deadline;
      RunHostileClient(channel, plan, recorder);
    });
  }
  for (std::thread& t : threads) t.join();
  CheckListings(ClientChannel(port, options.clients), token_of_tenant, kept, recorder);
  (*server)->Shutdown(std::chrono::seconds(5));
  return absl::OkStatus();
}

std::string DescribeLoad(const LoadOptions& options, const LoadRecorder& recorder,
                         std::chrono::steady_clock::duration took) {
  char head[256];
  std::snprintf(head, sizeof head,
                "load: %d clients (%d well-behaved, %d hostile), %lld well-behaved calls, "
                "%lld hostile calls, %.1f s\n",
                options.clients, options.clients - options.hostile_clients, options.hostile_clients,
                static_cast<long long>(recorder.well_behaved_calls()),
                static_cast<long long>(recorder.hostile_calls()),
                std::chrono::duration<double>(took).count());
  std::string out = head;
  out += "latency of the well-behaved calls answered OK:\n" + recorder.latencies().Table();
  out += "statuses:\n" + recorder.StatusTable();
  const std::vector<std::string> unexpected = recorder.unexpected();
  out += "unexpected: " + std::to_string(unexpected.size()) + "\n";
  for (const std::string& u : unexpected) out += "  " + u + "\n";
  return out;
}

}  // namespace tiersight::services::testing
