#include "services/service_context.h"

#include <chrono>
#include <string>

namespace tiersight::services {
namespace {

bool PastDeadline(const grpc::ServerContext& context) {
  return context.deadline() <= std::chrono::system_clock::now();
}

}  // namespace

std::function<bool()> CancelCheck(const grpc::ServerContext& context) {
  const grpc::ServerContext* c = &context;
  return [c] { return c->IsCancelled() || PastDeadline(*c); };
}

absl::Status WhyStopped(const grpc::ServerContext& context, absl::Status status) {
  if (absl::IsCancelled(status) && PastDeadline(context)) {
    return absl::DeadlineExceededError(std::string(status.message()));
  }
  return status;
}

}  // namespace tiersight::services
