// The edge every handler runs behind, without a server: who the body is run
// for, the status the call gets (mapped and truncated), and the one log
// line each call leaves, also when the body throws.
#include "services/rpc_edge.h"

#include <gmock/gmock.h>
#include <grpcpp/test/server_context_test_spouse.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>

#include "services/call_log.h"
#include "services/status_mapping.h"

namespace tiersight::services {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RpcEdgeTest : public ::testing::Test {
 protected:
  RpcEdgeTest() : spouse_(&context_), level_(RpcLogger()->level()) {
    sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    RpcLogger()->sinks().push_back(sink_);
    // Servers started by other tests of this binary may have silenced it.
    RpcLogger()->set_level(spdlog::level::info);
  }
  ~RpcEdgeTest() override {
    auto& sinks = RpcLogger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
    RpcLogger()->set_level(level_);
  }

  void Authorize(const std::string& token) {
    spouse_.AddClientMetadata("authorization", "Bearer " + token);
  }

  // The lines the calls so far have logged.
  std::vector<std::string> LogLines() const {
    std::vector<std::string> lines;
    std::istringstream in(log_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  Authenticator auth_{{{"alpha-secret", "alpha-ci", "alpha"}}};
  RpcEdge edge_{auth_};
  grpc::ServerContext context_;
  grpc::testing::ServerContextTestSpouse spouse_;
  spdlog::level::level_enum level_;
  std::ostringstream log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

TEST_F(RpcEdgeTest, BodyRunsForTheCallerAndItsStatusIsMapped) {
  Authorize("alpha-secret");
  Caller seen;
  grpc::Status status = edge_.Serve("Test/Call", context_, [&](const Caller& caller) {
    seen = caller;
    return absl::NotFoundError("no network n7");
  });
  EXPECT_EQ(seen.tenant, "alpha");
  EXPECT_EQ(seen.token_name, "alpha-ci");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "no network n7");
  ASSERT_EQ(LogLines().size(), 1u);
  EXPECT_THAT(LogLines()[0],
              HasSubstr("method=Test/Call tenant=alpha status=NOT_FOUND duration_ms="));
}

TEST_F(RpcEdgeTest, LongMessagesAreTruncatedByTheMapping) {
  Authorize("alpha-secret");
  grpc::Status status = edge_.Serve("Test/Call", context_, [](const Caller&) {
    return absl::InvalidArgumentError(std::string(5000, 'x'));
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().size(), kMaxStatusMessageChars);
}

TEST_F(RpcEdgeTest, WrongOrMissingTokenIsUnauthenticatedWithoutRunningTheBody) {
  bool ran = false;
  auto body = [&](const Caller&) {
    ran = true;
    return absl::OkStatus();
  };
  EXPECT_EQ(edge_.Serve("Test/Call", context_, body).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  Authorize("not-the-secret");
  EXPECT_EQ(edge_.Serve("Test/Call", context_, body).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_FALSE(ran);
  ASSERT_EQ(LogLines().size(), 2u);
  for (const std::string& line : LogLines()) {
    EXPECT_THAT(line, HasSubstr("tenant=- status=UNAUTHENTICATED"));
  }
}

TEST_F(RpcEdgeTest, Defect26_ThrowingBodyIsInternalWithoutItsTextAndLoggedOnce) {
  Authorize("alpha-secret");
  grpc::Status status = edge_.Serve("Test/Call", context_, [](const Caller&) -> absl::Status {
    throw std::runtime_error("cannot open /srv/tiersight/data/alpha/secret.db");
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("/srv")));
  EXPECT_THAT(status.error_message(), HasSubstr("Test/Call"));
  ASSERT_EQ(LogLines().size(), 1u);
  EXPECT_THAT(LogLines()[0], HasSubstr("tenant=alpha status=INTERNAL"));
  EXPECT_THAT(LogLines()[0], HasSubstr("/srv/tiersight/data/alpha/secret.db"))
      << "the operator sees what was thrown";
}

TEST_F(RpcEdgeTest, ExceptionTextKeepsTheLogToOneLine) {
  Authorize("alpha-secret");
  grpc::Status status = edge_.Serve("Test/Call", context_, [](const Caller&) -> absl::Status {
    throw std::runtime_error("first\nsecond");
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  ASSERT_EQ(LogLines().size(), 1u);
  EXPECT_THAT(LogLines()[0], HasSubstr("first second"));
}

TEST_F(RpcEdgeTest, Defect26_AnythingThrownIsInternalAndLogged) {
  Authorize("alpha-secret");
  grpc::Status status =
      edge_.Serve("Test/Call", context_, [](const Caller&) -> absl::Status { throw 42; });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  ASSERT_EQ(LogLines().size(), 1u);
  EXPECT_THAT(LogLines()[0], HasSubstr("status=INTERNAL"));
}

TEST_F(RpcEdgeTest, ResponseBodyFillsTheResponseOnlyWhenOk) {
  Authorize("alpha-secret");
  std::string response = "untouched";
  grpc::Status failed = edge_.Serve("Test/Call", context_, &response,
                                    [](const Caller&) -> absl::StatusOr<std::string> {
                                      return absl::ResourceExhaustedError("all 2 slots are busy");
                                    });
  EXPECT_EQ(failed.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(response, "untouched");

  grpc::Status ok = edge_.Serve(
      "Test/Call", context_, &response,
      [](const Caller& caller) -> absl::StatusOr<std::string> { return "for " + caller.tenant; });
  EXPECT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(response, "for alpha");
  ASSERT_EQ(LogLines().size(), 2u);
  EXPECT_THAT(LogLines()[1], HasSubstr("status=OK"));
}

}  // namespace
}  // namespace tiersight::services
