// How a handler learns that its call is over: cancelled by the client, or
// past its deadline. Long work (uploads, audits) polls it and stops.
// Thread-safe.
#pragma once

#include <grpcpp/server_context.h>

#include <functional>

#include "absl/status/status.h"

namespace tiersight::services {

// True once the call is cancelled or its deadline has passed. The context
// must outlive the returned function.
std::function<bool()> CancelCheck(const grpc::ServerContext& context);

// CANCELLED work reported as DEADLINE_EXCEEDED when the deadline is what
// ended it; any other status unchanged.
absl::Status WhyStopped(const grpc::ServerContext& context, absl::Status status);

}  // namespace tiersight::services
