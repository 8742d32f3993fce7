#include "core/audit_runner.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/audit_proto.h"
#include "core/figures_proto.h"
#include "rules/evaluator.h"

namespace tiersight::core {
namespace {

bool Cancelled(const AuditRunOptions& options) { return options.cancelled && options.cancelled(); }

size_t RuleCount(const LoadedPacks& packs) {
  size_t n = 0;
  for (const auto& p : packs.compiled) n += p.rules.size();
  return n;
}

}  // namespace

AuditRun RunAudit(const std::string& bundle_dir, const LoadedPacks& packs,
                  const AuditRunOptions& options) {
  AuditRun run;
  run.loaded = LoadWithDigest(bundle_dir, options.lenient, options.cancelled);
  if (run.loaded.bundle.stopped) {
    run.status = absl::CancelledError("audit cancelled while loading the network");
    return run;
  }
  const graph::LoadReport& load = run.loaded.bundle.report;
  const graph::Network* network = run.loaded.bundle.network.get();
  if (!load.Usable()) {
    run.report = AuditReportToProto(network, nullptr, load, run.loaded.digest, {}, packs);
    run.status = absl::FailedPreconditionError(
        load.refused ? "the bundle was refused"
                     : "the strict load has errors; audit leniently to reject the bad rows");
    return run;
  }
  if (Cancelled(options)) {
    run.status = absl::CancelledError("audit cancelled after loading");
    return run;
  }
  absl::StatusOr<graph::Figures> figures = ComputeFiguresLogged(*network);
  if (!figures.ok()) {
    run.status = absl::InternalError(std::string(figures.status().message()));
    return run;
  }
  const auto start = std::chrono::steady_clock::now();
  graph::FigureTable table(*network, *figures);
  std::optional<std::vector<rules::Finding>> evaluated = rules::Evaluate(
      packs.compiled, table, rules::EvaluateOptions{.stop = [&] { return Cancelled(options); }});
  if (!evaluated) {
    run.status = absl::CancelledError("audit cancelled while evaluating rules");
    return run;
  }
  std::vector<rules::Finding> findings = std::move(*evaluated);
  spdlog::info("{} rules of {} packs evaluated in {:.2f} s: {} findings", RuleCount(packs),
               packs.compiled.size(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
               findings.size());
  run.report = AuditReportToProto(network, &*figures, load, run.loaded.digest, findings, packs);
  run.figures = std::move(*figures);
  run.findings = std::move(findings);
  return run;
}

}  // namespace tiersight::core
