#include "cli/rules_commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>

#include "base/str_cat.h"
#include "cli/audit_choice.h"
#include "cli/audit_output.h"
#include "cli/csv_exports.h"
#include "cli/load_messages.h"
#include "core/audit_proto.h"
#include "core/audit_runner.h"
#include "core/bundle_session.h"
#include "core/figures_proto.h"
#include "core/pack_library.h"
#include "graph/figures.h"
#include "rules/evaluator.h"
#include "rules/figure_names.h"
#include "rules/pack_reader.h"

namespace tiersight::cli {
namespace {

constexpr int kUsageError = 2;

// --jurisdiction against the packs loaded (with packs named: and the
// shipped ones), --param against the packs loaded.
absl::Status CheckJurisdictionAndParams(const core::LoadedPacks& packs, const AuditChoice& choice) {
  if (!choice.jurisdiction.empty()) {
    std::optional<core::LoadedPacks> shipped;
    if (choice.choice == core::PackChoice::kNamed) shipped = core::LoadPacks({});
    absl::Status known =
        core::CheckJurisdiction(packs, choice.jurisdiction, shipped ? &*shipped : nullptr);
    if (!known.ok()) {
      return absl::InvalidArgumentError(StrCat("--jurisdiction: ", std::string(known.message())));
    }
  }
  absl::Status params = core::CheckParams(packs, choice.params);
  if (!params.ok()) {
    return absl::InvalidArgumentError(StrCat("--param: ", std::string(params.message())));
  }
  return absl::OkStatus();
}

void PrintDiagnostics(const std::vector<rules::Diagnostic>& diagnostics) {
  for (const rules::Diagnostic& d : diagnostics) fmt::print(stderr, "{}\n", d.ToString());
}

// Loads a bundle strictly and evaluates `packs` over it; for `rules test`.
bool EvaluateBundle(const std::string& dir, const std::vector<rules::CompiledPack>& packs,
                    std::vector<rules::Finding>& findings) {
  core::LoadedWithDigest loaded = core::LoadWithDigest(dir, /*lenient=*/false);
  if (!loaded.bundle.report.Usable()) {
    PrintLoadErrors(loaded.bundle.report);
    return false;
  }
  absl::StatusOr<graph::Figures> figures = graph::ComputeFigures(*loaded.bundle.network);
  if (!figures.ok()) return false;
  findings = rules::Evaluate(packs, *loaded.bundle.network, *figures);
  return true;
}

}  // namespace

int RunAuditCommand(const AuditCommandOptions& options) {
  absl::StatusOr<AuditChoice> choice = ReadAuditChoice(options);
  absl::Status usable = choice.ok() ? core::CheckShippedPackNames(choice->packs) : choice.status();
  if (!usable.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(usable.message()));
    return kUsageError;
  }
  core::LoadedPacks packs = core::LoadPacks(choice->packs);
  if (!packs.ok()) {
    PrintDiagnostics(packs.diagnostics);
    fmt::print(stderr, "tiersight: the rule packs have {} errors\n", packs.diagnostics.size());
    return 1;
  }
  // Checked before the bundle is read, so that a mistyped flag costs no
  // load and writes nothing.
  if (absl::Status s = CheckJurisdictionAndParams(packs, *choice); !s.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(s.message()));
    return kUsageError;
  }
  core::AuditRun run = core::RunAudit(options.bundle, packs,
                                      core::AuditRunOptions{.lenient = options.lenient,
                                                            .choice = choice->choice,
                                                            .jurisdiction = choice->jurisdiction,
                                                            .params = choice->params});
  const graph::LoadReport& report = run.loaded.bundle.report;
  if (!options.rejects_csv.empty() && !WriteRejectsCsv(options.rejects_csv, report).ok()) {
    fmt::print(stderr, "tiersight: cannot write {}\n", options.rejects_csv);
    return 1;
  }
  if (!report.Usable()) {
    if (options.format == "json") PrintStdout(core::ToJson(run.report));
    ExplainUnusableLoad(report);
    return 1;
  }
  if (!run.status.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(run.status.message()));
    return 1;
  }
  return EmitAuditReport(run.report, options);
}

int RunRulesListCommand() {
  core::LoadedPacks packs = core::LoadPacks({});
  PrintDiagnostics(packs.diagnostics);
  for (const auto& pack : packs.packs) {
    PrintStdout(fmt::format("{} {} — {}\n", pack->name, pack->version, pack->title));
    PrintStdout(fmt::format("  jurisdictions: {}\n", fmt::join(pack->jurisdictions, ", ")));
    if (!pack->params.empty()) PrintStdout("  parameters (--param PACK.NAME=VALUE):\n");
    for (const rules::PackParam& p : pack->params) {
      PrintStdout(fmt::format("    {}.{:<28} default {:<10} {:<6} {}{}\n", pack->name, p.name,
                              p.default_value, graph::UnitName(p.unit),
                              p.heuristic ? "[heuristic] " : "", p.doc));
    }
    PrintStdout("  rules:\n");
    for (const rules::RuleSpec& r : pack->rules) {
      PrintStdout(fmt::format("    {:<36} {:<8} {:<7} [{}] {}\n", r.id,
                              rules::SeverityName(r.severity), rules::ScopeName(r.scope),
                              fmt::join(r.tags, ","), r.title));
    }
  }
  return packs.ok() ? 0 : 1;
}

int RunRulesLintCommand(const std::vector<std::string>& files) {
  int bad = 0;
  for (const std::string& file : files) {
    core::LoadedPacks packs = core::LoadPacks({file});
    if (packs.ok()) {
      PrintStdout(fmt::format("{}: ok ({} rules)\n", file, packs.packs[0]->rules.size()));
    } else {
      PrintDiagnostics(packs.diagnostics);
      ++bad;
    }
  }
  return bad == 0 ? 0 : 1;
}

int RunRulesTestCommand(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::directory_iterator(p)) {
        if (e.path().extension() == ".yaml") files.push_back(e.path().string());
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) files = core::ShippedPackPaths();
  int passed = 0, failed = 0;
  for (const std::string& file : files) {
    core::LoadedPacks packs = core::LoadPacks({file});
    if (!packs.ok()) {
      PrintDiagnostics(packs.diagnostics);
      ++failed;
      continue;
    }
    const rules::RulePack& pack = *packs.packs[0];
    if (pack.tests.empty()) {
      fmt::print(stderr, "{}: the pack has no test cases\n", file);
      ++failed;
    }
    for (const rules::PackTest& t : pack.tests) {
      std::vector<rules::Finding> findings;
      std::vector<std::string> problems;
      if (!EvaluateBundle(t.bundle, packs.compiled, findings)) {
        problems.push_back("the bundle does not load strictly");
      }
      auto fired = [&](const std::string& id) {
        for (const rules::Finding& f : findings) {
          if (f.rule_id == id) return true;
        }
        return false;
      };
      for (const std::string& id : t.fires) {
        if (!fired(id)) problems.push_back(fmt::format("'{}' did not fire", id));
      }
      for (const std::string& id : t.silent) {
        if (fired(id)) problems.push_back(fmt::format("'{}' fired", id));
      }
      const std::string where = fmt::format("{}:{} {}", file, t.where.line, t.bundle);
      if (problems.empty()) {
        ++passed;
        PrintStdout(fmt::format("PASS {}\n", where));
      } else {
        ++failed;
        PrintStdout(fmt::format("FAIL {}: {}\n", where, fmt::join(problems, "; ")));
      }
    }
  }
  PrintStdout(fmt::format("{} passed, {} failed\n", passed, failed));
  return failed == 0 ? 0 : 1;
}

int RunRulesFiguresCommand(const std::string& scope_name) {
  for (rules::Scope scope : graph::kFigureScopes) {
    if (!scope_name.empty() && rules::ScopeName(scope) != scope_name) continue;
    PrintStdout(fmt::format("{} rules:\n", rules::ScopeName(scope)));
    for (const rules::RuleFigureName& f : rules::RuleFigureNames(scope)) {
      PrintStdout(fmt::format("  {:<40} {:<7} {}\n", f.name, graph::UnitName(f.spec->unit),
                              f.spec->definition));
    }
  }
  return 0;
}

int RunRulesTagsCommand() {
  for (const auto& [tag, meaning] : rules::TagVocabulary()) {
    PrintStdout(fmt::format("  {:<20} {}\n", tag, meaning));
  }
  return 0;
}

}  // namespace tiersight::cli
