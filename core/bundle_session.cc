#include "core/bundle_session.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace tiersight::core {

LoadedWithDigest LoadWithDigest(const std::string& dir, bool lenient, std::function<bool()> stop) {
  const auto start = std::chrono::steady_clock::now();
  LoadedWithDigest out;
  out.bundle =
      graph::LoadBundle(dir, graph::LoadOptions{.lenient = lenient, .stop = std::move(stop)});
  if (out.bundle.stopped) return out;
  out.digest = out.bundle.digest;
  const graph::LoadReport& r = out.bundle.report;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{}: {} rows loaded, {} rejected, {} ignored after as_of ({:.1f} s)", dir,
               r.TotalLoaded(), r.TotalRejected(), r.TotalIgnored(), seconds);
  return out;
}

absl::StatusOr<graph::Figures> ComputeFiguresLogged(const graph::Network& network) {
  absl::StatusOr<graph::Figures> figures = graph::ComputeFigures(network);
  if (figures.ok() && figures->network.agents_with_negative_on_hand > 0) {
    spdlog::warn(
        "{} agents hold negative stock (sold more units than they bought): the records "
        "are inconsistent; the figures keep the numbers",
        figures->network.agents_with_negative_on_hand);
  }
  return figures;
}

}  // namespace tiersight::core
