// Finds, reads and compiles rule packs for the CLI: a shipped pack by name
// (rules/packs/NAME.yaml, or $TIERSIGHT_PACKS_DIR) or any pack by path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/rule_compiler.h"
#include "rules/rule_pack.h"

namespace tiersight::services {

// The directory of the shipped packs.
std::string ShippedPacksDir();

// Paths of every shipped pack, sorted by name.
std::vector<std::string> ShippedPackPaths();

// Packs read and compiled together. Packs live on the heap so that compiled
// rules can point at them.
struct LoadedPacks {
  std::vector<std::unique_ptr<rules::RulePack>> packs;
  std::vector<rules::CompiledPack> compiled;
  std::vector<rules::Diagnostic> diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// `names_or_paths` empty: every shipped pack.
LoadedPacks LoadPacks(const std::vector<std::string>& names_or_paths);

// Resolves a shipped pack name to its path; a path is returned as it is.
std::string ResolvePack(const std::string& name_or_path);

}  // namespace tiersight::services
