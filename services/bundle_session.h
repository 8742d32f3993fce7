// Loads a bundle for a CLI verb: the network, its load report and its
// digest, with a summary line in the log.
#pragma once

#include <functional>
#include <string>

#include <optional>

#include "absl/status/statusor.h"
#include "graph/bundle_reader.h"
#include "graph/figures.h"

namespace tiersight::services {

struct LoadedWithDigest {
  graph::LoadedBundle bundle;
  std::string digest;  // empty when the bundle was refused
};

// `stop`: see graph::LoadOptions::stop; a stopped load has no digest.
LoadedWithDigest LoadWithDigest(const std::string& dir, bool lenient,
                                std::function<bool()> stop = {});

// Writes to stdout as it is (results; logs go to stderr).
void PrintStdout(const std::string& text);

// Every load error as "file:line: reason" on stderr.
void PrintLoadErrors(const graph::LoadReport& report);

// Explains on stderr why a load cannot be used: every error, then a summary.
void ExplainUnusableLoad(const graph::LoadReport& report);

// The network's figures; logs agents with inconsistent stock.
absl::StatusOr<graph::Figures> ComputeFiguresLogged(const graph::Network& network);

// The same for a CLI verb: on failure prints the reason to stderr and
// returns nullopt.
std::optional<graph::Figures> ComputeFiguresOrExplain(const graph::Network& network);

}  // namespace tiersight::services
