// The server out of file descriptors: every call that needs a file says so,
// rather than blaming the stored data ("refused by the bundle reader", "may
// have been deleted", an invalid pack).
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <vector>

#include "services/shipped_packs.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;
using ::testing::HasSubstr;

// Holds every descriptor the process may still open, until destroyed. The
// soft limit is lowered to just above those open now first, so that taking
// the rest costs a few descriptors, not a million.
class AllDescriptorsTaken {
 public:
  AllDescriptorsTaken() {
    ::getrlimit(RLIMIT_NOFILE, &saved_);
    int highest = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
      highest = std::max(highest, std::stoi(entry.path().filename().string()));
    }
    struct rlimit lowered = saved_;
    lowered.rlim_cur = static_cast<rlim_t>(highest) + 16;
    EXPECT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) taken_.push_back(fd);
    EXPECT_EQ(errno, EMFILE);
  }
  ~AllDescriptorsTaken() {
    for (int fd : taken_) ::close(fd);
    ::setrlimit(RLIMIT_NOFILE, &saved_);
  }

 private:
  struct rlimit saved_ {};
  std::vector<int> taken_;
};

// UBSan checks a pointer's memory through a pipe of its own, which it
// cannot open while the test holds every descriptor, and then reports every
// virtual call as one on an invalid object. The ASan + UBSan build
// therefore skips these tests; the TSan build runs them (scripts/sanitize.sh).
class FdExhaustionTest : public ServiceTest {
 protected:
  void SetUp() override {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "UBSan needs descriptors of its own; run in the TSan and plain builds";
#endif
    ServiceTest::SetUp();
  }
};

TEST_F(FdExhaustionTest, Defect27_OutOfDescriptorsIsBlamedOnTheServerNotTheData) {
  const v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkRequest audit_request;
  audit_request.set_network(network.name());
  v1::AuditNetworkResponse audited;
  ASSERT_TRUE(stub_->AuditNetwork(Context().get(), audit_request, &audited).ok());
  v1::GetAuditRequest get_audit;
  get_audit.set_name(audited.audit().name());
  // Not the load the audit left in the cache: this one reads the files.
  v1::ListLevelsRequest levels;
  levels.set_network(network.name());
  levels.set_lenient(true);
  const std::vector<v1::UploadNetworkRequest> upload =
      UploadRequests(ExampleBundle("hoarding-network"));

  {
    AllDescriptorsTaken taken;
    v1::ExportNetworkRequest export_request;
    export_request.set_name(network.name());
    auto context = Context();
    auto reader = stub_->ExportNetwork(context.get(), export_request);
    v1::ExportNetworkResponse chunk;
    while (reader->Read(&chunk)) {
    }
    grpc::Status status = reader->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("the server is out of file descriptors"));

    v1::GetAuditResponse got;
    status = stub_->GetAudit(Context().get(), get_audit, &got);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("the server is out of file descriptors"));

    v1::ListLevelsResponse listed;
    status = stub_->ListLevels(Context().get(), levels, &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("the server is out of file descriptors"));

    status = stub_->AuditNetwork(Context().get(), audit_request, &audited);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("the server is out of file descriptors"));

    v1::UploadNetworkResponse uploaded;
    status = Upload(*stub_, upload, &uploaded);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("file descriptors"));

    absl::StatusOr<std::unique_ptr<ShippedPacks>> packs =
        ShippedPacks::Load((std::filesystem::path(TIERSIGHT_SOURCE_DIR) / "rules" / "packs"));
    EXPECT_TRUE(absl::IsResourceExhausted(packs.status())) << packs.status();
    EXPECT_THAT(std::string(packs.status().message()),
                HasSubstr("the server is out of file descriptors"));
  }

  // Once descriptors are free again, so is the server.
  v1::GetAuditResponse got;
  EXPECT_TRUE(stub_->GetAudit(Context().get(), get_audit, &got).ok());
  v1::ListLevelsResponse listed;
  EXPECT_TRUE(stub_->ListLevels(Context().get(), levels, &listed).ok());
}

TEST_F(FdExhaustionTest, Defect27_UploadWithoutADescriptorReserveBlamesTheServer) {
  ServerOptions options = TestOptions(data_dir_.path());
  options.uploads.reserved_file_descriptors = 0;
  StartServer(&options);
  const std::vector<v1::UploadNetworkRequest> upload =
      UploadRequests(ExampleBundle("hoarding-network"));
  grpc::Status status;
  {
    AllDescriptorsTaken taken;
    v1::UploadNetworkResponse uploaded;
    status = Upload(*stub_, upload, &uploaded);
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("the server is out of file descriptors"));
}

}  // namespace
}  // namespace tiersight::services::testing
