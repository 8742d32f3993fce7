// Crash safety at random points: starts the real tiersightd on a scratch
// data directory, runs clients that upload, audit, delete and export
// (crash_workload.h), kills the server with SIGKILL after a random delay
// drawn from the seed, restarts it on the same directory and checks what it
// serves against what it acknowledged (crash_ledger.h lists the rules),
// CYCLES times. Prints the figures; exits 1 when any check failed.
// ctest runs 10 cycles; bench/crash_safety.sh runs 100.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <thread>

#include "base/str_cat.h"
#include "generate/bundle_generator.h"
#include "tests/services/crash/crash_ledger.h"
#include "tests/services/crash/crash_workload.h"
#include "tests/services/crash/tiersightd_process.h"
#include "tests/services/latency_figures.h"
#include "tests/services/service_client_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;
using Clock = std::chrono::steady_clock;

struct RunOptions {
  std::string tiersightd;
  int cycles = 10;
  uint64_t seed = 1;
  int clients = 3;
  int bundles = 4;
  int agents = 150;
  int min_delay_ms = 50;
  int max_delay_ms = 600;
  std::string work_dir;  // empty: a temporary one, removed at the end
};

struct Totals {
  CheckFigures checks;
  std::array<int64_t, kOperationKinds> in_flight{};
  int64_t idle_kills = 0;
  int64_t acknowledged = 0;
  std::vector<double> restart_ms;
  std::vector<std::string> failures;
};

std::vector<std::string> Tokens(int clients) {
  std::vector<std::string> tokens;
  for (int i = 0; i < clients; ++i) tokens.push_back(StrCat("crash-tenant-", i, "-secret"));
  return tokens;
}

void WriteConfig(const std::string& path, const std::vector<std::string>& tokens) {
  std::ofstream out(path);
  out << "listen: 127.0.0.1:0\nlog_level: info\ntokens:\n";
  for (size_t i = 0; i < tokens.size(); ++i) {
    out << "  - token: " << tokens[i] << "\n    token_name: crash-" << i << "\n    tenant: tenant-"
        << i << "\n";
  }
  out << "limits:\n  max_concurrent_audits: 2\n";
}

absl::StatusOr<std::vector<CrashBundle>> GenerateBundles(const RunOptions& options,
                                                         const std::filesystem::path& dir) {
  std::vector<CrashBundle> bundles;
  for (int i = 0; i < options.bundles; ++i) {
    // Small batches: a kill lands mid-stream more often.
    absl::StatusOr<std::vector<v1::UploadNetworkRequest>> requests = GeneratedUploadRequests(
        dir / StrCat("bundle-", i), static_cast<uint64_t>(options.agents + 50 * i),
        options.seed + static_cast<uint64_t>(i),
        i % 2 == 0 ? generate::Profile::kHoarding : generate::Profile::kHealthy, 4 * 1024);
    if (!requests.ok()) return requests.status();
    bundles.push_back({*std::move(requests), ""});
  }
  return bundles;
}

// Starts the server and waits until it answers; the time that took.
absl::StatusOr<TiersightdProcess> StartServing(const TiersightdCommand& command,
                                               const std::string& token, double* took_ms) {
  const auto start = Clock::now();
  absl::StatusOr<TiersightdProcess> server =
      TiersightdProcess::Start(command, std::chrono::seconds(20));
  if (!server.ok()) return server.status();
  auto stub = v1::AuditService::NewStub(
      grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials()));
  grpc::Status status;
  for (int attempt = 0; attempt < 500; ++attempt) {
    v1::ListNetworksResponse page;
    status = stub->ListNetworks(Context(token, std::chrono::seconds(5)).get(), {}, &page);
    if (status.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!status.ok()) {
    return absl::UnavailableError(
        StrCat("the restarted server does not answer: ", StatusCodeName(status.error_code()), " ",
               status.error_message()));
  }
  *took_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return server;
}

// Uploads each bundle once, learning the digest the server gives it.
absl::Status Setup(TiersightdProcess& server, const std::string& token,
                   std::vector<CrashBundle>& bundles, CrashLedger& ledger) {
  auto stub = v1::AuditService::NewStub(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
  for (CrashBundle& bundle : bundles) {
    v1::UploadNetworkResponse response;
    grpc::Status status = Upload(*stub, bundle.requests, &response, token);
    if (!status.ok()) {
      return absl::InternalError(StrCat("setup upload: ", StatusCodeName(status.error_code()), " ",
                                        status.error_message()));
    }
    bundle.digest = response.network().digest();
    ledger.Uploaded(token, response.network().name(), bundle.digest);
  }
  return absl::OkStatus();
}

CheckFigures CheckServer(TiersightdProcess& server, const std::string& data_dir,
                         CrashLedger& ledger, uint64_t sample_seed) {
  auto stub = v1::AuditService::NewStub(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
  return ledger.Check(*stub, data_dir, sample_seed);
}

void PrintFigures(const RunOptions& options, const Totals& totals, bool clean_stop) {
  const CheckFigures& c = totals.checks;
  std::printf("crash safety: %d cycles, seed %llu, %d clients, kills after %d..%d ms\n",
              options.cycles, static_cast<unsigned long long>(options.seed), options.clients,
              options.min_delay_ms, options.max_delay_ms);
  std::printf("calls in flight at the kills:");
  for (size_t k = 0; k < kOperationKinds; ++k) {
    std::printf("%s %s %lld", k == 0 ? "" : ",",
                std::string(OperationName(static_cast<Operation>(k))).c_str(),
                static_cast<long long>(totals.in_flight[k]));
  }
  std::printf("; kills with none in flight: %lld\n", static_cast<long long>(totals.idle_kills));
  std::printf(
      "acknowledged operations checked after a kill: %lld uploads, %lld deletes, %lld audits "
      "(%lld calls acknowledged in all)\n",
      static_cast<long long>(c.uploads_checked), static_cast<long long>(c.deletes_checked),
      static_cast<long long>(c.audits_checked), static_cast<long long>(totals.acknowledged));
  std::printf("listed networks exported and recomputed: %lld; audits read back: %lld\n",
              static_cast<long long>(c.networks_exported), static_cast<long long>(c.audits_read));
  std::printf(
      "cut short by a kill: uploads %lld committed, %lld not; deletes %lld done, %lld not; "
      "audits %lld recorded, %lld not\n",
      static_cast<long long>(c.uploads_committed), static_cast<long long>(c.uploads_lost),
      static_cast<long long>(c.deletes_done), static_cast<long long>(c.deletes_not_done),
      static_cast<long long>(c.audits_recorded), static_cast<long long>(c.audits_not_recorded));
  std::printf("restart time: p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
              Percentile(totals.restart_ms, 0.50), Percentile(totals.restart_ms, 0.99),
              Percentile(totals.restart_ms, 1.0));
  std::printf("clean stop after the last restart: %s\n", clean_stop ? "ok" : "FAILED");
  std::printf("failures: %zu\n", totals.failures.size());
  for (const std::string& f : totals.failures) std::printf("  %s\n", f.c_str());
}

int Run(const RunOptions& options) {
  std::optional<TempDir> temp;
  if (options.work_dir.empty()) temp.emplace();
  const std::filesystem::path work = temp ? temp->path() : std::filesystem::path(options.work_dir);
  std::filesystem::create_directories(work);
  const std::vector<std::string> tokens = Tokens(options.clients);
  const TiersightdCommand command{options.tiersightd, (work / "tiersightd.yaml").string(),
                                  (work / "data").string(), work.string(),
                                  (work / "tiersightd.log").string()};
  WriteConfig(command.config, tokens);
  absl::StatusOr<std::vector<CrashBundle>> bundles = GenerateBundles(options, work / "bundles");
  if (!bundles.ok()) {
    std::fprintf(stderr, "crash cycles: %s\n", std::string(bundles.status().message()).c_str());
    return 2;
  }

  CrashLedger ledger(tokens);
  Totals totals;
  double ignored_ms = 0;
  absl::StatusOr<TiersightdProcess> server = StartServing(command, tokens[0], &ignored_ms);
  absl::Status set_up = server.ok() ? Setup(*server, tokens[0], *bundles, ledger) : server.status();
  if (!set_up.ok()) {
    std::fprintf(stderr, "crash cycles: %s\n", std::string(set_up.message()).c_str());
    return 2;
  }
  totals.checks += CheckServer(*server, command.data_dir, ledger, options.seed);

  std::mt19937_64 random(options.seed);
  std::uniform_int_distribution<int> delay(options.min_delay_ms, options.max_delay_ms);
  for (int cycle = 1; cycle <= options.cycles; ++cycle) {
    CycleOptions cycle_options;
    cycle_options.seed = random();
    cycle_options.kill_after = std::chrono::milliseconds(delay(random));
    cycle_options.tokens = tokens;
    cycle_options.bundles = &*bundles;
    KillFigures killed = RunCycle(*server, cycle_options, ledger);
    int64_t in_flight = 0;
    for (size_t k = 0; k < kOperationKinds; ++k) {
      totals.in_flight[k] += killed.in_flight[k];
      in_flight += killed.in_flight[k];
    }
    if (in_flight == 0) ++totals.idle_kills;
    totals.acknowledged += killed.acknowledged;
    for (const std::string& f : killed.failures) {
      totals.failures.push_back(StrCat("cycle ", cycle, ", before the kill: ", f));
    }

    double restart_ms = 0;
    server = StartServing(command, tokens[0], &restart_ms);
    if (!server.ok()) {
      totals.failures.push_back(
          StrCat("cycle ", cycle, ": ", std::string(server.status().message())));
      break;
    }
    totals.restart_ms.push_back(restart_ms);
    CheckFigures checked = CheckServer(*server, command.data_dir, ledger, cycle_options.seed);
    for (const std::string& f : checked.failures) {
      totals.failures.push_back(StrCat("cycle ", cycle, ", after the restart: ", f));
    }
    checked.failures.clear();
    totals.checks += checked;
  }
  const bool clean_stop = server.ok() && server->Terminate(std::chrono::seconds(15));
  PrintFigures(options, totals, clean_stop);
  if (!totals.failures.empty() || !clean_stop) {
    std::printf("server log: %s\n", command.log_file.c_str());
    if (temp) std::printf("(removed with the work directory; pass --work DIR to keep it)\n");
  }
  return totals.failures.empty() && clean_stop ? 0 : 1;
}

}  // namespace
}  // namespace tiersight::services::testing

int main(int argc, char** argv) {
  tiersight::services::testing::RunOptions options;
  CLI::App app{"Kills tiersightd with SIGKILL at random points and checks what it kept."};
  app.add_option("--tiersightd", options.tiersightd, "The tiersightd binary")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--cycles", options.cycles, "Kill and restart cycles")->check(CLI::PositiveNumber);
  app.add_option("--seed", options.seed, "Seed of the kill delays and the clients' choices");
  app.add_option("--clients", options.clients, "Concurrent clients, one tenant each")
      ->check(CLI::Range(1, 32));
  app.add_option("--agents", options.agents, "Agents of the smallest generated bundle")
      ->check(CLI::PositiveNumber);
  app.add_option("--min-delay-ms", options.min_delay_ms, "Shortest delay before a kill");
  app.add_option("--max-delay-ms", options.max_delay_ms, "Longest delay before a kill");
  app.add_option("--work", options.work_dir, "Keep the data, bundles and server log here");
  CLI11_PARSE(app, argc, argv);
  if (options.min_delay_ms < 0 || options.max_delay_ms < options.min_delay_ms) {
    std::fprintf(stderr, "--min-delay-ms must be 0 or more and at most --max-delay-ms\n");
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);  // the generator's progress lines
  return tiersight::services::testing::Run(options);
}
