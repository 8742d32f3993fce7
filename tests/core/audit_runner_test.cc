// The shared audit (CLI and service): a stop request is honoured at every
// checkpoint, from the load's passes to the rules, and an unstopped run
// gives the same report as the CLI's.
#include "core/audit_runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/graph/bundle_test_util.h"

namespace tiersight::core {
namespace {

using ::testing::HasSubstr;

std::string ExampleBundle() { return std::string(TIERSIGHT_EXAMPLES_DIR) + "/hoarding-network"; }

// Runs the audit with a stop that answers true from its `n`-th question on;
// returns the run and how many times it was asked.
std::pair<AuditRun, int> RunStoppingAt(int n) {
  LoadedPacks packs = LoadPacks({"cn"});
  EXPECT_TRUE(packs.ok());
  int asked = 0;
  AuditRun run = RunAudit(ExampleBundle(), packs,
                          {.lenient = false, .cancelled = [&] { return ++asked >= n; }});
  return {std::move(run), asked};
}

TEST(AuditRunnerTest, UnstoppedRunAsksAtEveryCheckpointAndFinishes) {
  auto [run, asked] = RunStoppingAt(1'000'000);
  ASSERT_TRUE(run.status.ok()) << run.status;
  EXPECT_GT(run.report.findings_size(), 0);
  // Three load passes, the figures, and one question per rule of cn.
  EXPECT_GE(asked, 3 + 1 + 5);
}

TEST(AuditRunnerTest, EveryCheckpointStopsTheRunWithCancelled) {
  const int checkpoints = RunStoppingAt(1'000'000).second;
  for (int n = 1; n <= checkpoints; ++n) {
    auto [run, asked] = RunStoppingAt(n);
    EXPECT_TRUE(absl::IsCancelled(run.status)) << "stop at question " << n << ": " << run.status;
    EXPECT_EQ(asked, n) << "the run went on asking after it was told to stop";
    EXPECT_TRUE(run.findings.empty());
  }
}

TEST(AuditRunnerTest, StopDuringTheLoadLeavesNoNetwork) {
  auto [run, asked] = RunStoppingAt(2);
  EXPECT_TRUE(run.loaded.bundle.stopped);
  EXPECT_EQ(run.loaded.bundle.network, nullptr);
  EXPECT_TRUE(run.loaded.digest.empty());
  EXPECT_THAT(std::string(run.status.message()), HasSubstr("loading"));
}

}  // namespace
}  // namespace tiersight::core
