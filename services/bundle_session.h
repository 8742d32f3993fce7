// Loads a bundle for a CLI verb: the network, its load report and its
// digest, with a summary line in the log.
#pragma once

#include <string>

#include "graph/bundle_reader.h"

namespace tiersight::services {

struct LoadedWithDigest {
  graph::LoadedBundle bundle;
  std::string digest;  // empty when the bundle was refused
};

LoadedWithDigest LoadWithDigest(const std::string& dir, bool lenient);

// Writes to stdout as it is (results; logs go to stderr).
void PrintStdout(const std::string& text);

// Every load error as "file:line: reason" on stderr.
void PrintLoadErrors(const graph::LoadReport& report);

}  // namespace tiersight::services
