// The load test's run (tests/services/load/load_run.h) at a larger scale:
// CLIENTS concurrent clients, a quarter of them hostile, each well-behaved
// one making CALLS calls. Prints the latency of the well-behaved calls per
// RPC and every status seen; exits 1 when any call got a status outside its
// list. Usage: load_at_scale [CLIENTS] [CALLS]   (default 32 and 170)
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "tests/services/load/load_run.h"
#include "tests/services/service_client_util.h"

int main(int argc, char** argv) {
  namespace testing = tiersight::services::testing;
  spdlog::set_level(spdlog::level::warn);  // the generator's progress lines
  testing::LoadOptions options;
  options.clients = argc > 1 ? std::stoi(argv[1]) : 32;
  options.calls_per_client = argc > 2 ? std::stoi(argv[2]) : 170;
  options.hostile_clients = options.clients / 4;
  testing::TempDir dir;
  testing::LoadRecorder recorder;
  const auto start = std::chrono::steady_clock::now();
  const absl::Status ran = testing::RunLoad(options, dir.path(), recorder);
  if (!ran.ok()) {
    std::fprintf(stderr, "load_at_scale: %s\n", std::string(ran.message()).c_str());
    return 2;
  }
  std::printf(
      "%s",
      testing::DescribeLoad(options, recorder, std::chrono::steady_clock::now() - start).c_str());
  return recorder.unexpected().empty() ? 0 : 1;
}
