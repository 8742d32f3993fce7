#include "cli/bundle_commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "cli/csv_exports.h"
#include "cli/figures_text.h"
#include "cli/load_messages.h"
#include "core/bundle_session.h"
#include "core/figures_proto.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_reader.h"
#include "graph/figures.h"

namespace tiersight::cli {
namespace {

bool WriteRejects(const std::string& path, const graph::LoadReport& report) {
  if (path.empty()) return true;
  if (absl::Status s = WriteRejectsCsv(path, report); !s.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(s.message()));
    return false;
  }
  spdlog::info("{} rejected rows written to {}", report.errors.size(), path);
  return true;
}

}  // namespace

int RunFiguresCommand(const FiguresCommandOptions& options) {
  core::LoadedWithDigest loaded = core::LoadWithDigest(options.bundle, options.lenient);
  const graph::LoadReport& report = loaded.bundle.report;
  if (!WriteRejects(options.rejects_csv, report)) return 1;
  if (!report.Usable()) {
    // Scripts still get the load report, with every error, on stdout.
    if (options.format == "json") {
      PrintStdout(core::ToJson(
          core::FiguresReportToProto(loaded.bundle.network.get(), nullptr, report, loaded.digest)));
    }
    ExplainUnusableLoad(report);
    return 1;
  }
  const graph::Network& network = *loaded.bundle.network;
  std::optional<graph::Figures> figures = ComputeFiguresOrExplain(network);
  if (!figures) return 1;
  if (!options.agents_csv.empty()) {
    if (absl::Status s = WriteAgentFiguresCsv(options.agents_csv, network, figures->tree);
        !s.ok()) {
      fmt::print(stderr, "tiersight: {}\n", std::string(s.message()));
      return 1;
    }
    spdlog::info("figures of {} agents written to {}", network.size(), options.agents_csv);
  }
  const tiersight::v1::FiguresReport proto =
      core::FiguresReportToProto(&network, &*figures, report, loaded.digest);
  if (options.format == "json") {
    PrintStdout(core::ToJson(proto));
  } else {
    PrintStdout(RenderFiguresText(FiguresTextOf(proto)));
    PrintStdout("\n");
    PrintStdout(RenderLoadText(proto.load()));
  }
  return 0;
}

int RunCheckCommand(const CheckCommandOptions& options) {
  core::LoadedWithDigest loaded = core::LoadWithDigest(options.bundle, options.lenient);
  const graph::LoadReport& report = loaded.bundle.report;
  if (!WriteRejects(options.rejects_csv, report)) return 1;
  if (options.format == "json") {
    tiersight::v1::CheckReport out;
    *out.mutable_load() = core::LoadReportToProto(report);
    out.mutable_bundle()->set_digest(loaded.digest);
    out.mutable_bundle()->set_as_of(report.as_of);
    if (loaded.bundle.network) {
      out.mutable_bundle()->set_name(loaded.bundle.network->config.name);
      out.mutable_bundle()->set_currency(loaded.bundle.network->config.currency);
    }
    PrintStdout(core::ToJson(out));
  } else {
    PrintStdout(RenderLoadText(core::LoadReportToProto(report)));
    if (!loaded.digest.empty()) PrintStdout(fmt::format("bundle digest {}\n", loaded.digest));
  }
  return report.errors.empty() ? 0 : 1;
}

}  // namespace tiersight::cli
