// What a load run saw: every call's status, counted by who made it and
// which call it was, the latency of the well-behaved calls answered OK, and
// each call answered outside the statuses listed for it. Thread-safe.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <initializer_list>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/services/latency_figures.h"

namespace tiersight::services::testing {

// The statuses a call may be answered with.
using StatusSet = std::set<grpc::StatusCode>;

class LoadRecorder {
 public:
  // A well-behaved call of `rpc` ("AuditService/GetNetwork") by `client`,
  // which took `took`; unexpected unless `status` is in `allowed`.
  void WellBehaved(int client, const std::string& rpc, const grpc::Status& status,
                   std::chrono::steady_clock::duration took, const StatusSet& allowed);
  // A hostile call: `what` names the attack and the call.
  void Hostile(int client, const std::string& what, const grpc::Status& status,
               const StatusSet& expected);
  // A broken invariant that is no call's status (a digest that differs, a
  // network listed that nobody stored).
  void Broken(std::string what);

  const LatencyFigures& latencies() const { return latencies_; }
  std::vector<std::string> unexpected() const;
  int64_t well_behaved_calls() const;
  int64_t hostile_calls() const;
  // "who call: CODE count, CODE count" lines, one per call.
  std::string StatusTable() const;

 private:
  void Count(const std::string& row, int client, const grpc::Status& status,
             const StatusSet& allowed);

  LatencyFigures latencies_;
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, int64_t>> counts_;
  std::vector<std::string> unexpected_;
  int64_t well_behaved_calls_ = 0;
  int64_t hostile_calls_ = 0;
};

}  // namespace tiersight::services::testing
