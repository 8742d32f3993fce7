// Writes an inline rule pack to a temporary file and reads/compiles it.
#pragma once

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "rules/pack_reader.h"
#include "rules/rule_compiler.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::testing {

struct PackResult {
  std::optional<rules::RulePack> pack;
  std::vector<rules::Diagnostic> diagnostics;
  std::string All() const {
    std::string out;
    for (const auto& d : diagnostics) out += d.ToString() + "\n";
    return out;
  }
};

inline PackResult ReadPackText(const TempBundle& dir, const std::string& yaml) {
  const std::string path = dir.path("pack.yaml");
  std::ofstream(path) << yaml;
  PackResult r;
  r.pack = rules::ReadRulePack(path, r.diagnostics);
  return r;
}

}  // namespace tiersight::testing
