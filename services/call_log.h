// One log line per RPC (method, tenant, status, duration) on the "rpc"
// spdlog logger; services/rpc_edge.h writes it for every handler.
// Thread-safe: each call owns its CallLog.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace spdlog {
class logger;
}

namespace tiersight::services {

// The "rpc" logger, created on first use (stderr; never stdout).
std::shared_ptr<spdlog::logger> RpcLogger();

// Sets the level of the server's loggers ("info", "debug", ...).
void SetServerLogLevel(const std::string& level);

// Started when a call arrives; Finish logs it once.
class CallLog {
 public:
  explicit CallLog(const char* method)
      : method_(method), start_(std::chrono::steady_clock::now()) {}

  void set_tenant(std::string tenant) { tenant_ = std::move(tenant); }

  // The line of a call that ended with `code`; `exception` is what a handler
  // threw, for the operator only (it may name server paths).
  void Finish(absl::StatusCode code, std::string_view exception = {});

 private:
  const char* method_;
  std::string tenant_ = "-";
  std::chrono::steady_clock::time_point start_;
};

}  // namespace tiersight::services
