// One log line per RPC (method, tenant, status, duration) on the "rpc"
// spdlog logger. Thread-safe: each call owns its CallLog.
#pragma once

#include <grpcpp/support/status.h>

#include <chrono>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace tiersight::services {

// The "rpc" logger, created on first use (stderr; never stdout).
std::shared_ptr<spdlog::logger> RpcLogger();

// Sets the level of the server's loggers ("info", "debug", ...).
void SetServerLogLevel(const std::string& level);

// Started when a call arrives; Finish logs it once and returns the status,
// so a handler ends `return log.Finish(status);`.
class CallLog {
 public:
  explicit CallLog(const char* method)
      : method_(method), start_(std::chrono::steady_clock::now()) {}

  void set_tenant(std::string tenant) { tenant_ = std::move(tenant); }

  grpc::Status Finish(grpc::Status status);

 private:
  const char* method_;
  std::string tenant_ = "-";
  std::chrono::steady_clock::time_point start_;
};

}  // namespace tiersight::services
