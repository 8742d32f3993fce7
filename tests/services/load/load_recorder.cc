#include "tests/services/load/load_recorder.h"

#include "tests/services/service_client_util.h"

namespace tiersight::services::testing {

void LoadRecorder::WellBehaved(int client, const std::string& rpc, const grpc::Status& status,
                               std::chrono::steady_clock::duration took, const StatusSet& allowed) {
  if (status.ok()) latencies_.Add(rpc, took);
  std::lock_guard lock(mu_);
  ++well_behaved_calls_;
  Count("well-behaved " + rpc, client, status, allowed);
}

void LoadRecorder::Hostile(int client, const std::string& what, const grpc::Status& status,
                           const StatusSet& expected) {
  std::lock_guard lock(mu_);
  ++hostile_calls_;
  Count("hostile " + what, client, status, expected);
}

void LoadRecorder::Broken(std::string what) {
  std::lock_guard lock(mu_);
  unexpected_.push_back(std::move(what));
}

void LoadRecorder::Count(const std::string& row, int client, const grpc::Status& status,
                         const StatusSet& allowed) {
  const std::string code = StatusCodeName(status.error_code());
  ++counts_[row][code];
  if (!allowed.contains(status.error_code())) {
    std::string listed;
    for (grpc::StatusCode c : allowed) listed += (listed.empty() ? "" : ", ") + StatusCodeName(c);
    unexpected_.push_back("client " + std::to_string(client) + ", " + row + ": " + code + " (" +
                          status.error_message() + "), expected one of " + listed);
  }
}

std::vector<std::string> LoadRecorder::unexpected() const {
  std::lock_guard lock(mu_);
  return unexpected_;
}

int64_t LoadRecorder::well_behaved_calls() const {
  std::lock_guard lock(mu_);
  return well_behaved_calls_;
}

int64_t LoadRecorder::hostile_calls() const {
  std::lock_guard lock(mu_);
  return hostile_calls_;
}

std::string LoadRecorder::StatusTable() const {
  std::lock_guard lock(mu_);
  std::string out;
  for (const auto& [row, codes] : counts_) {
    out += row + ":";
    for (const auto& [code, count] : codes) out += " " + code + " " + std::to_string(count);
    out += "\n";
  }
  return out;
}

}  // namespace tiersight::services::testing
