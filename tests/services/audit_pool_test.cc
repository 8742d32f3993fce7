// The bounded pool of audits: calls beyond it are refused at once with
// RESOURCE_EXHAUSTED, and the pool's slots come back when calls end.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "services/audit_service_impl.h"
#include "services/audit_slots.h"
#include "services/call_log.h"
#include "services/shipped_packs.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;
using ::testing::HasSubstr;

TEST(AuditSlotsTest, GivesAtMostCapacitySlotsAndTakesThemBack) {
  AuditSlots slots(2);
  std::optional<AuditSlots::Slot> a = slots.TryAcquire();
  std::optional<AuditSlots::Slot> b = slots.TryAcquire();
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(slots.TryAcquire().has_value());
  EXPECT_EQ(slots.in_use(), 2);
  a.reset();
  EXPECT_EQ(slots.in_use(), 1);
  std::optional<AuditSlots::Slot> c = slots.TryAcquire();
  EXPECT_TRUE(c.has_value());
  {
    AuditSlots::Slot moved = std::move(*c);
    c.reset();  // the moved-from slot gives nothing back
    EXPECT_EQ(slots.in_use(), 2);
  }
  EXPECT_EQ(slots.in_use(), 1);
}

TEST(AuditSlotsTest, AcquireWaitsForAFreedSlotOrGivesUpWhenCancelled) {
  AuditSlots slots(1);
  std::optional<AuditSlots::Slot> held = slots.TryAcquire();
  EXPECT_FALSE(slots.Acquire([] { return true; }).has_value());
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    held.reset();
  });
  std::optional<AuditSlots::Slot> waited = slots.Acquire([] { return false; });
  releaser.join();
  EXPECT_TRUE(waited.has_value());
  EXPECT_EQ(slots.in_use(), 1);
}

// The service alone on an in-process server, so the test can hold its slots.
class AuditPoolTest : public ::testing::Test {
 protected:
  AuditPoolTest() : auth_(TestOptions(data_dir_.path()).tokens) {
    SetServerLogLevel("off");
    absl::StatusOr<std::unique_ptr<store::NetworkStore>> store =
        store::OpenSqliteStore(data_dir_.path().string());
    EXPECT_TRUE(store.ok()) << store.status().message();
    store_ = *std::move(store);
    absl::StatusOr<std::unique_ptr<ShippedPacks>> packs =
        ShippedPacks::Load(core::ShippedPacksDir());
    EXPECT_TRUE(packs.ok()) << packs.status().message();
    packs_ = *std::move(packs);
    AuditServiceImpl::Options options;
    options.data_dir = data_dir_.path().string();
    options.limits.max_concurrent_audits = 1;
    service_ = std::make_unique<AuditServiceImpl>(auth_, *store_, *packs_, options);
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    stub_ = v1::AuditService::NewStub(server_->InProcessChannel(grpc::ChannelArguments()));
  }
  ~AuditPoolTest() override { server_->Shutdown(); }

  // A client gives up at once; this waits until the server's handlers are
  // done too (a handler holds its slot until it returns, after recording),
  // so that an audit they failed to stop would be recorded by now.
  void WaitForIdleHandlers() {
    for (int i = 0; i < 400 && service_->audit_slots().in_use() > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_EQ(service_->audit_slots().in_use(), 0);
  }

  TempDir data_dir_;
  Authenticator auth_;
  std::unique_ptr<store::NetworkStore> store_;
  std::unique_ptr<ShippedPacks> packs_;
  std::unique_ptr<AuditServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::AuditService::Stub> stub_;
};

TEST_F(AuditPoolTest, FullPoolRefusesAuditsAndNetworkLoadsAtOnce) {
  v1::Network network = UploadHoarding(*stub_);
  std::optional<AuditSlots::Slot> busy = service_->audit_slots().TryAcquire();
  ASSERT_TRUE(busy.has_value());

  v1::AuditNetworkRequest audit;
  audit.set_network(network.name());
  v1::AuditNetworkResponse audited;
  const auto start = std::chrono::steady_clock::now();
  grpc::Status status = stub_->AuditNetwork(Context().get(), audit, &audited);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("1 audit slots are busy"));

  v1::ListLevelsRequest levels;
  levels.set_network(network.name());
  v1::ListLevelsResponse listed;
  EXPECT_EQ(stub_->ListLevels(Context().get(), levels, &listed).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);

  // An upload waits for the slot to validate its records, within its deadline.
  v1::UploadNetworkResponse uploaded;
  status = Upload(*stub_, UploadRequests(ExampleBundle("hoarding-network")), &uploaded, kAlphaToken,
                  std::chrono::milliseconds(300));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    busy.reset();
  });
  UploadHoarding(*stub_);
  releaser.join();
  v1::ListNetworksResponse networks;
  ASSERT_TRUE(stub_->ListNetworks(Context().get(), {}, &networks).ok());
  EXPECT_EQ(networks.networks_size(), 2);  // the expired upload left nothing

  status = stub_->AuditNetwork(Context().get(), audit, &audited);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(service_->audit_slots().in_use(), 0);
  // The audit left the network in the cache: drill-down needs no slot now.
  std::optional<AuditSlots::Slot> busy_again = service_->audit_slots().TryAcquire();
  ASSERT_TRUE(busy_again.has_value());
  EXPECT_TRUE(stub_->ListLevels(Context().get(), levels, &listed).ok());
  EXPECT_GT(listed.levels_size(), 0);
}

TEST_F(AuditPoolTest, ExpiredDeadlineOrCancelStopsTheAuditAndRecordsNothing) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkRequest request;
  request.set_network(network.name());
  v1::AuditNetworkResponse audited;
  grpc::Status status = stub_->AuditNetwork(
      Context(kAlphaToken, std::chrono::milliseconds(1)).get(), request, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  WaitForIdleHandlers();

  grpc::ClientContext cancelled;
  cancelled.AddMetadata("authorization", std::string("Bearer ") + kAlphaToken);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    cancelled.TryCancel();
  });
  status = stub_->AuditNetwork(&cancelled, request, &audited);
  canceller.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);

  WaitForIdleHandlers();
  v1::ListAuditsResponse listed;
  ASSERT_TRUE(stub_->ListAudits(Context().get(), {}, &listed).ok());
  EXPECT_EQ(listed.audits_size(), 0);
}

}  // namespace
}  // namespace tiersight::services::testing
