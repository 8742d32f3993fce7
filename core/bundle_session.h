// Loads a bundle for an audit, the CLI and the service alike: the network,
// its load report and its digest, with a summary line in the log.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "graph/bundle_reader.h"
#include "graph/figures.h"

namespace tiersight::core {

struct LoadedWithDigest {
  graph::LoadedBundle bundle;
  std::string digest;  // bundle.digest: empty when the bundle was refused
};

// `stop`: see graph::LoadOptions::stop; a stopped load has no digest.
LoadedWithDigest LoadWithDigest(const std::string& dir, bool lenient,
                                std::function<bool()> stop = {});

// The network's figures; logs agents with inconsistent stock.
absl::StatusOr<graph::Figures> ComputeFiguresLogged(const graph::Network& network);

}  // namespace tiersight::core
