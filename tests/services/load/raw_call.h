// A call that sends message bytes as they are, whatever the method's
// request type, so that a test can send what no generated stub would:
// bytes that do not parse as the request.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace tiersight::services::testing {

// Calls `method` ("/package.Service/Method") with `authorization` as that
// metadata's value (none when empty; "Bearer TOKEN" is the well-formed one),
// sends each of `messages` as one message, half-closes, reads every
// response and returns the call's status.
grpc::Status RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     const std::string& authorization, const std::vector<std::string>& messages,
                     std::chrono::milliseconds deadline);

}  // namespace tiersight::services::testing
