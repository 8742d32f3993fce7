// The bounded pool of audits: calls beyond it are refused at once with
// RESOURCE_EXHAUSTED, and the pool's slots come back when calls end.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>

#include "server/audit_service_impl.h"
#include "server/audit_slots.h"
#include "tests/server/service_test_util.h"

namespace tiersight::server::testing {
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

// The service alone on an in-process server, so the test can hold its slots.
class AuditPoolTest : public ::testing::Test {
 protected:
  AuditPoolTest() : auth_(TestOptions(data_dir_.path()).tokens) {
    absl::StatusOr<std::unique_ptr<store::NetworkStore>> store =
        store::OpenSqliteStore(data_dir_.path().string());
    EXPECT_TRUE(store.ok()) << store.status().message();
    store_ = *std::move(store);
    AuditServiceImpl::Options options;
    options.data_dir = data_dir_.path().string();
    options.limits.max_concurrent_audits = 1;
    service_ = std::make_unique<AuditServiceImpl>(auth_, *store_, options);
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    stub_ = v1::AuditService::NewStub(server_->InProcessChannel(grpc::ChannelArguments()));
  }
  ~AuditPoolTest() override { server_->Shutdown(); }

  TempDir data_dir_;
  Authenticator auth_;
  std::unique_ptr<store::NetworkStore> store_;
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

  busy.reset();
  status = stub_->AuditNetwork(Context().get(), audit, &audited);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(service_->audit_slots().in_use(), 0);
  // The audit left the network in the cache: drill-down needs no slot now.
  std::optional<AuditSlots::Slot> busy_again = service_->audit_slots().TryAcquire();
  ASSERT_TRUE(busy_again.has_value());
  EXPECT_TRUE(stub_->ListLevels(Context().get(), levels, &listed).ok());
  EXPECT_GT(listed.levels_size(), 0);
}

}  // namespace
}  // namespace tiersight::server::testing
