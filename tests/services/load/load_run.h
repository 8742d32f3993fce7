// A bounded load on a real loopback port: well-behaved clients mixing every
// call of AuditService and RulePackService for a fixed number of calls, and
// hostile clients of a tenant of their own among them (hostile_client.h).
// The load test runs it with 8 clients; bench/load_at_scale.sh with 32.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/server_options.h"
#include "tests/services/load/hostile_client.h"
#include "tests/services/load/load_recorder.h"

namespace tiersight::services::testing {

struct LoadOptions {
  int clients = 8;            // in all, hostile ones included
  int hostile_clients = 2;    // of `clients`
  int calls_per_client = 85;  // each well-behaved client's calls (a round is 17)
  int hostile_rounds = 2;     // each hostile client runs every kind this many times
  std::vector<HostileKind> hostile_kinds = DefaultHostileKinds();
  int stalled_streams = 3;
  // A stalled stream's own deadline: the run ends whether or not the server
  // times stalled streams out.
  std::chrono::milliseconds stall_deadline{1500};
  int bundles = 4;   // generated bundles, used in turn by the clients
  int agents = 200;  // per bundle
  // The server's limits: small enough that packs near the message limit are
  // quick to send, and an audit pool that fills up.
  int64_t max_message_bytes = 2 << 20;
  int64_t max_concurrent_audits = 2;
  // Any further server option, e.g. an upload idle timeout.
  std::function<void(ServerOptions&)> configure_server;
};

// Generates the bundles and a data directory under `work_dir`, starts a
// server there, runs every client to its end, then checks that each tenant
// lists exactly the networks its clients kept. `recorder` holds what was
// seen; an error means the run could not be set up.
absl::Status RunLoad(const LoadOptions& options, const std::filesystem::path& work_dir,
                     LoadRecorder& recorder);

// The figures of a run: counts, the latency of well-behaved calls by RPC,
// every status seen, and each unexpected one.
std::string DescribeLoad(const LoadOptions& options, const LoadRecorder& recorder,
                         std::chrono::steady_clock::duration took);

}  // namespace tiersight::services::testing
