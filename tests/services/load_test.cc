// A bounded load on a real loopback port (load/load_run.h): 8 clients, 2 of
// them hostile, every call of both services. Each call's status is one of
// those listed for it, and each tenant lists exactly the networks its
// clients kept. The figures are printed; bench/load_at_scale.sh runs 32.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <set>

#include "tests/services/load/load_run.h"
#include "tests/services/service_client_util.h"

namespace tiersight::services::testing {
namespace {

TEST(LoadTest, WellBehavedCallsKeepTheirStatusesBesideHostileClients) {
  TempDir dir;
  LoadOptions options;
  // The server times stalled streams out itself, under the load.
  options.configure_server = [](ServerOptions& server) { server.uploads.idle_timeout_seconds = 1; };
  options.stall_deadline = std::chrono::milliseconds(3000);
  LoadRecorder recorder;
  const auto start = std::chrono::steady_clock::now();
  const absl::Status ran = RunLoad(options, dir.path(), recorder);
  ASSERT_TRUE(ran.ok()) << ran.message();
  std::printf("%s",
              DescribeLoad(options, recorder, std::chrono::steady_clock::now() - start).c_str());

  EXPECT_THAT(recorder.unexpected(), ::testing::IsEmpty());
  EXPECT_EQ(recorder.well_behaved_calls(),
            (options.clients - options.hostile_clients) * options.calls_per_client);
  // Every call of both services was answered OK at least once.
  std::set<std::string> answered;
  for (const LatencyRow& row : recorder.latencies().Rows()) answered.insert(row.name);
  EXPECT_THAT(
      answered,
      ::testing::IsSupersetOf(
          {"AuditService/UploadNetwork", "AuditService/GetNetwork", "AuditService/ListNetworks",
           "AuditService/DeleteNetwork", "AuditService/AuditNetwork", "AuditService/GetAudit",
           "AuditService/ListAudits", "AuditService/GetAgent", "AuditService/ListLevels",
           "AuditService/ListTiers", "AuditService/ExportReport", "AuditService/ExportNetwork",
           "AuditService/ListFindingSubjects", "RulePackService/ListRulePacks",
           "RulePackService/GetRulePack", "RulePackService/ValidateRulePack"}));
}

}  // namespace
}  // namespace tiersight::services::testing
