#include "services/status_mapping.h"

#include <gtest/gtest.h>

#include <string>

namespace tiersight::services {
namespace {

TEST(StatusMappingTest, MapsCodesOneToOne) {
  // absl and gRPC share the canonical numbering.
  for (int code = 0; code <= 16; ++code) {
    EXPECT_EQ(static_cast<int>(ToGrpcCode(static_cast<absl::StatusCode>(code))), code) << code;
  }
  EXPECT_EQ(ToGrpcCode(absl::StatusCode::kNotFound), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcCode(absl::StatusCode::kUnauthenticated), grpc::StatusCode::UNAUTHENTICATED);
}

TEST(StatusMappingTest, KeepsShortMessagesAndOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  grpc::Status s = ToGrpcStatus(absl::InvalidArgumentError("row 3: bad sponsor"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "row 3: bad sponsor");
}

TEST(StatusMappingTest, TruncatesLongMessages) {
  grpc::Status s = ToGrpcStatus(absl::InternalError(std::string(5000, 'x')));
  EXPECT_EQ(s.error_message().size(), kMaxStatusMessageChars);
}

TEST(StatusMappingTest, TruncationNeverSplitsUtf8) {
  std::string message(1023, 'x');
  message += "传销";  // a 3-byte character straddles the cut
  grpc::Status s = ToGrpcStatus(absl::InternalError(message));
  EXPECT_EQ(s.error_message(), std::string(1023, 'x'));
}

}  // namespace
}  // namespace tiersight::services
