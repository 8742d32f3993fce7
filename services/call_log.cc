#include "services/call_log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace tiersight::services {
namespace {

// An exception's text on the one line: line breaks would split the call's
// record in two.
std::string OneLine(std::string_view text) {
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

}  // namespace

std::shared_ptr<spdlog::logger> RpcLogger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("rpc")) return existing;
    return spdlog::stderr_color_mt("rpc");
  }();
  return logger;
}

void SetServerLogLevel(const std::string& level) {
  RpcLogger()->set_level(spdlog::level::from_str(level));
  // The libraries the server runs (store, audits) log on the default logger.
  spdlog::set_level(spdlog::level::from_str(level));
}

void CallLog::Finish(absl::StatusCode code, std::string_view exception) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start_)
                          .count();
  const double millis = static_cast<double>(micros) / 1000.0;
  // absl's code names are gRPC's: the mapping is one to one.
  const std::string status = absl::StatusCodeToString(code);
  if (!exception.empty()) {
    RpcLogger()->error("method={} tenant={} status={} duration_ms={:.3f} exception=\"{}\"", method_,
                       tenant_, status, millis, OneLine(exception));
    return;
  }
  const auto level = code == absl::StatusCode::kOk ? spdlog::level::info : spdlog::level::warn;
  RpcLogger()->log(level, "method={} tenant={} status={} duration_ms={:.3f}", method_, tenant_,
                   status, millis);
}

}  // namespace tiersight::services
