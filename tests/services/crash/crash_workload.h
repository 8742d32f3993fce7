// The clients of a crash-safety cycle: one per tenant, each uploading small
// bundles, auditing, deleting and exporting its own networks at random
// (seeded) until tiersightd is killed with SIGKILL after a random delay.
// What the server acknowledged goes into the ledger; what the kill cut
// short goes there as such. A call that fails while the server is up is a
// failure of its own (RESOURCE_EXHAUSTED of a full audit pool aside).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/services/crash/crash_ledger.h"
#include "tests/services/crash/tiersightd_process.h"
#include "tiersight/v1/audit_service.pb.h"

namespace tiersight::services::testing {

enum class Operation { kUpload, kAudit, kDelete, kExportNetwork, kExportReport };
inline constexpr size_t kOperationKinds = 5;
std::string_view OperationName(Operation op);

// A bundle the clients upload, and the digest the server gave it.
struct CrashBundle {
  std::vector<tiersight::v1::UploadNetworkRequest> requests;
  std::string digest;
};

struct CycleOptions {
  uint64_t seed = 0;  // this cycle's: the clients' choices
  std::chrono::milliseconds kill_after{0};
  std::vector<std::string> tokens;  // one client per token (tenant)
  const std::vector<CrashBundle>* bundles = nullptr;
  size_t max_networks = 8;  // per tenant; above it a client deletes more than it uploads
};

struct KillFigures {
  // Calls of each kind in flight when the kill came.
  std::array<int64_t, kOperationKinds> in_flight{};
  int64_t acknowledged = 0;  // calls answered OK during the cycle
  std::vector<std::string> failures;
};

// Runs the clients against `server` and kills it after options.kill_after.
KillFigures RunCycle(TiersightdProcess& server, const CycleOptions& options, CrashLedger& ledger);

}  // namespace tiersight::services::testing
