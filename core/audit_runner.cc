#include "core/audit_runner.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/audit_proto.h"
#include "core/figures_proto.h"
#include "core/key_figures.h"
#include "core/organiser_teams.h"
#include "graph/dated_spend.h"
#include "rules/evaluator.h"

namespace tiersight::core {
namespace {

bool Cancelled(const AuditRunOptions& options) { return options.cancelled && options.cancelled(); }

size_t RuleCount(const std::vector<rules::CompiledPack>& packs) {
  size_t n = 0;
  for (const auto& p : packs) n += p.rules.size();
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
  graph::LoadReport& load = run.loaded.bundle.report;
  const graph::Network* network = run.loaded.bundle.network.get();
  const std::string declared = network != nullptr ? network->config.jurisdiction : std::string();
  run.selected = SelectPacks(packs, options.choice, options.jurisdiction, declared, options.params,
                             load.warnings);
  if (!load.Usable()) {
    run.report =
        AuditReportToProto(network, nullptr, load, run.loaded.digest, {}, run.selected, nullptr);
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
  std::optional<std::vector<rules::Finding>> evaluated =
      rules::Evaluate(run.selected.compiled, table,
                      rules::EvaluateOptions{.stop = [&] { return Cancelled(options); },
                                             .params = run.selected.params});
  if (!evaluated) {
    run.status = absl::CancelledError("audit cancelled while evaluating rules");
    return run;
  }
  std::vector<rules::Finding> findings = std::move(*evaluated);
  run.judgement =
      rules::Judge(run.selected.compiled, findings, table, run.selected.params,
                   run.selected.jurisdiction.empty() ? declared : run.selected.jurisdiction);
  spdlog::info("{} rules of {} packs evaluated in {:.2f} s: {} findings",
               RuleCount(run.selected.compiled), run.selected.compiled.size(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
               findings.size());
  run.report = AuditReportToProto(network, &*figures, load, run.loaded.digest, findings,
                                  run.selected, &run.judgement);
  AddKeyFigures(table, run.report);
  if (Cancelled(options)) {
    run.status = absl::CancelledError("audit cancelled after evaluating rules");
    return run;
  }
  // What the organisers and branches sections draw: the charted teams'
  // paid-in by day is read from the bundle once more (the load keeps no
  // dates).
  const auto teams_start = std::chrono::steady_clock::now();
  AddOrganiserTeams(
      *network, *figures, findings,
      [&](const graph::SpendVisitor& visit) {
        return graph::ForEachDatedSpend(bundle_dir, *network, load, visit);
      },
      run.report);
  AddBranchPyramids(*network, *figures, run.report);
  spdlog::info(
      "organiser teams and branch pyramids built in {:.2f} s: {} organisers",
      std::chrono::duration<double>(std::chrono::steady_clock::now() - teams_start).count(),
      run.report.organiser_teams_size());
  run.figures = std::move(*figures);
  run.findings = std::move(findings);
  return run;
}

}  // namespace tiersight::core
