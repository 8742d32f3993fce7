#include "services/bundle_commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "graph/bundle_digest.h"
#include "graph/bundle_reader.h"
#include "graph/figures.h"
#include "services/csv_exports.h"
#include "services/figures_proto.h"
#include "services/figures_text.h"

namespace tiersight::services {
namespace {

struct LoadedWithDigest {
  graph::LoadedBundle bundle;
  std::string digest;
};

LoadedWithDigest Load(const std::string& dir, bool lenient) {
  const auto start = std::chrono::steady_clock::now();
  LoadedWithDigest out;
  out.bundle = graph::LoadBundle(dir, graph::LoadOptions{.lenient = lenient});
  if (!out.bundle.report.refused) {
    absl::StatusOr<std::string> digest = graph::BundleDigest(dir);
    if (digest.ok()) {
      out.digest = *digest;
    } else {
      spdlog::error("cannot compute the bundle digest: {}", std::string(digest.status().message()));
    }
  }
  const graph::LoadReport& r = out.bundle.report;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{}: {} rows loaded, {} rejected, {} ignored after as_of ({:.1f} s)", dir,
               r.TotalLoaded(), r.TotalRejected(), r.TotalIgnored(), seconds);
  return out;
}

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

void PrintErrorsToStderr(const graph::LoadReport& report) {
  for (const graph::LoadIssue& e : report.errors) {
    if (e.line > 0) {
      fmt::print(stderr, "{}:{}: {}\n", e.file, e.line, e.reason);
    } else {
      fmt::print(stderr, "{}: {}\n", e.file, e.reason);
    }
  }
}

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
  LoadedWithDigest loaded = Load(options.bundle, options.lenient);
  const graph::LoadReport& report = loaded.bundle.report;
  if (!WriteRejects(options.rejects_csv, report)) return 1;
  if (!report.Usable()) {
    // Scripts still get the load report, with every error, on stdout.
    if (options.format == "json") {
      Print(ToJson(FiguresReportToProto(loaded.bundle.network.get(), nullptr, report,
                                        loaded.digest)));
    }
    PrintErrorsToStderr(report);
    if (report.refused) {
      fmt::print(stderr, "tiersight: the bundle was refused ({} errors above)\n",
                 report.errors.size());
    } else {
      fmt::print(stderr, "tiersight: {} errors (strict load); fix them or rerun with --lenient\n",
                 report.errors.size());
    }
    return 1;
  }
  const graph::Network& network = *loaded.bundle.network;
  absl::StatusOr<graph::Figures> figures = graph::ComputeFigures(network);
  if (!figures.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(figures.status().message()));
    return 1;
  }
  if (figures->network.agents_with_negative_on_hand > 0) {
    spdlog::warn("{} agents hold negative stock (sold more units than they bought): the records "
                 "are inconsistent; the figures keep the numbers",
                 figures->network.agents_with_negative_on_hand);
  }
  if (!options.agents_csv.empty()) {
    if (absl::Status s = WriteAgentFiguresCsv(options.agents_csv, network, figures->tree); !s.ok()) {
      fmt::print(stderr, "tiersight: {}\n", std::string(s.message()));
      return 1;
    }
    spdlog::info("figures of {} agents written to {}", network.size(), options.agents_csv);
  }
  if (options.format == "json") {
    Print(ToJson(FiguresReportToProto(&network, &*figures, report, loaded.digest)));
  } else {
    Print(RenderFiguresText(network, *figures, loaded.digest));
    Print("\n");
    Print(RenderLoadText(report));
  }
  return 0;
}

int RunCheckCommand(const CheckCommandOptions& options) {
  LoadedWithDigest loaded = Load(options.bundle, options.lenient);
  const graph::LoadReport& report = loaded.bundle.report;
  if (!WriteRejects(options.rejects_csv, report)) return 1;
  if (options.format == "json") {
    tiersight::v1::CheckReport out;
    *out.mutable_load() = LoadReportToProto(report);
    out.mutable_bundle()->set_digest(loaded.digest);
    out.mutable_bundle()->set_as_of(report.as_of);
    if (loaded.bundle.network) {
      out.mutable_bundle()->set_name(loaded.bundle.network->config.name);
      out.mutable_bundle()->set_currency(loaded.bundle.network->config.currency);
    }
    Print(ToJson(out));
  } else {
    Print(RenderLoadText(report));
    if (!loaded.digest.empty()) Print(fmt::format("bundle digest {}\n", loaded.digest));
  }
  return report.errors.empty() ? 0 : 1;
}

}  // namespace tiersight::services
