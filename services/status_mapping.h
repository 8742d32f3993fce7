// The one place absl::Status becomes grpc::Status: an exhaustive switch over
// the codes, with messages truncated so that no call returns a huge error.
// Thread-safe.
#pragma once

#include <grpcpp/support/status.h>

#include <cstddef>

#include "absl/status/status.h"

namespace tiersight::services {

// Longest message a grpc::Status made here carries.
inline constexpr size_t kMaxStatusMessageChars = 1024;

// One-to-one: every absl code has the grpc code of the same meaning.
grpc::StatusCode ToGrpcCode(absl::StatusCode code);

// The code mapped and the message cut to kMaxStatusMessageChars.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace tiersight::services
