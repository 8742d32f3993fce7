#include "cli/load_messages.h"

#include <fmt/format.h>

#include <cstdio>

#include "core/bundle_session.h"

namespace tiersight::cli {

void PrintStdout(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

void PrintLoadErrors(const graph::LoadReport& report) {
  for (const graph::LoadIssue& e : report.errors) {
    if (e.line > 0) {
      fmt::print(stderr, "{}:{}: {}\n", e.file, e.line, e.reason);
    } else {
      fmt::print(stderr, "{}: {}\n", e.file, e.reason);
    }
  }
}

void ExplainUnusableLoad(const graph::LoadReport& report) {
  PrintLoadErrors(report);
  if (report.refused) {
    fmt::print(stderr, "tiersight: the bundle was refused ({} errors above)\n",
               report.errors.size());
  } else {
    fmt::print(stderr, "tiersight: {} errors (strict load); fix them or rerun with --lenient\n",
               report.errors.size());
  }
}

std::optional<graph::Figures> ComputeFiguresOrExplain(const graph::Network& network) {
  absl::StatusOr<graph::Figures> figures = core::ComputeFiguresLogged(network);
  if (!figures.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(figures.status().message()));
    return std::nullopt;
  }
  return std::move(*figures);
}

}  // namespace tiersight::cli
