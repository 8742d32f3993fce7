// A bounded load on a real loopback port: concurrent clients upload small
// generated bundles and audit them. Only RESOURCE_EXHAUSTED (the audit pool)
// may fail a call, and every upload the server acknowledged is listed after.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "generate/bundle_generator.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;

constexpr int kClients = 4;
constexpr int kRoundsPerClient = 3;

TEST(LoadTest, ConcurrentUploadsAndAuditsLoseNothing) {
  TempDir dir;
  std::vector<std::vector<v1::UploadNetworkRequest>> bundles;
  for (int i = 0; i < kClients; ++i) {
    generate::GeneratorOptions g;
    g.out_dir = (dir.path() / ("bundle-" + std::to_string(i))).string();
    g.agents = 300;
    g.seed = static_cast<uint64_t>(i + 1);
    ASSERT_TRUE(generate::GenerateBundle(g).ok());
    bundles.push_back(UploadRequests(g.out_dir, 8 * 1024));
  }
  ServerOptions options = TestOptions(dir.path() / "data");
  options.limits.max_concurrent_audits = 2;
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  ASSERT_TRUE(server.ok()) << server.status().message();
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string((*server)->port()),
                                     grpc::InsecureChannelCredentials());

  std::mutex mu;
  std::set<std::string> acknowledged;
  std::vector<std::string> unexpected;
  std::atomic<int> audits_ok = 0;
  std::atomic<int> audits_exhausted = 0;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto stub = v1::AuditService::NewStub(channel);
      const std::string token = c % 2 == 0 ? kAlphaToken : kBetaToken;
      for (int round = 0; round < kRoundsPerClient; ++round) {
        v1::UploadNetworkResponse uploaded;
        grpc::Status status = Upload(*stub, bundles[static_cast<size_t>(c)], &uploaded, token);
        if (!status.ok()) {
          std::lock_guard lock(mu);
          unexpected.push_back("upload: " + status.error_message());
          continue;
        }
        {
          std::lock_guard lock(mu);
          acknowledged.insert(token + " " + uploaded.network().name());
        }
        v1::AuditNetworkRequest audit;
        audit.set_network(uploaded.network().name());
        v1::AuditNetworkResponse audited;
        status = stub->AuditNetwork(Context(token).get(), audit, &audited);
        if (status.ok()) {
          ++audits_ok;
        } else if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++audits_exhausted;
        } else {
          std::lock_guard lock(mu);
          unexpected.push_back("audit: " + status.error_message());
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_THAT(unexpected, ::testing::IsEmpty());
  EXPECT_EQ(audits_ok + audits_exhausted, kClients * kRoundsPerClient);
  EXPECT_GT(audits_ok, 0);

  std::set<std::string> listed;
  auto stub = v1::AuditService::NewStub(channel);
  for (const std::string token : {kAlphaToken, kBetaToken}) {
    v1::ListNetworksResponse page;
    ASSERT_TRUE(stub->ListNetworks(Context(token).get(), {}, &page).ok());
    for (const v1::Network& n : page.networks()) listed.insert(token + " " + n.name());
  }
  EXPECT_EQ(listed, acknowledged);
  EXPECT_EQ(acknowledged.size(), static_cast<size_t>(kClients * kRoundsPerClient));
}

}  // namespace
}  // namespace tiersight::services::testing
