// Finds, reads and compiles rule packs for the CLI and the server: a shipped
// pack by name (rules/packs/NAME.yaml, or $TIERSIGHT_PACKS_DIR), any pack by
// path, or a pack sent as YAML text.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "rules/rule_compiler.h"
#include "rules/rule_pack.h"

namespace tiersight::core {

// The directory of the shipped packs.
std::string ShippedPacksDir();

// Paths of every shipped pack, sorted by name.
std::vector<std::string> ShippedPackPaths();

// Paths of every pack (*.yaml) in `dir`, sorted by name.
std::vector<std::string> PackPathsIn(const std::string& dir);

// Packs read and compiled together. Immutable once loaded: one LoadedPacks
// may serve any number of concurrent audits (the server keeps the shipped
// packs compiled for its whole life).
struct LoadedPacks {
  std::vector<std::shared_ptr<const rules::RulePack>> packs;
  std::vector<rules::CompiledPack> compiled;
  std::vector<rules::Diagnostic> diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// `names_or_paths` empty: every shipped pack.
LoadedPacks LoadPacks(const std::vector<std::string>& names_or_paths);

// A pack file's text that did not come from a file, e.g. sent to the server.
struct InlinePack {
  std::string file;  // what diagnostics and provenance call it; empty: "inline.yaml"
  std::string yaml;
};

// Reads `pack` as ReadRulePack reads a file's text; diagnostics and
// RulePack::file name pack.file. Its tests are dropped: their bundles are
// relative to a pack file that does not exist.
std::optional<rules::RulePack> ReadInlinePack(const InlinePack& pack,
                                              std::vector<rules::Diagnostic>& diagnostics);

// The packs at `paths` then the inline ones, read and compiled together. No
// default: both empty gives no packs.
LoadedPacks LoadPacks(const std::vector<std::string>& paths,
                      const std::vector<InlinePack>& inline_packs);

// The packs of `compiled` at `picked` (indices, in that order), then the
// inline ones: what LoadPacks(paths, inline_packs) gives for the same files,
// a pack name given twice included, but only the inline packs are read and
// compiled; the picked ones are shared with `compiled`, which a server keeps
// for its life. REQUIRES: compiled.ok().
LoadedPacks LoadPacks(const LoadedPacks& compiled, const std::vector<size_t>& picked,
                      const std::vector<InlinePack>& inline_packs);

// Whether `name_or_path` is a pack file rather than a shipped pack's name:
// it has a '/' or names an existing file.
bool IsPackPath(const std::string& name_or_path);

// Resolves a shipped pack name to its path; a path is returned as it is.
std::string ResolvePack(const std::string& name_or_path);

// The names of the shipped packs, sorted.
std::vector<std::string> ShippedPackNames();

// NOT_FOUND naming the first of `names_or_paths` that is a name (not a
// path) no shipped pack has, and the names there are; pack files are
// LoadPacks' to read.
absl::Status CheckShippedPackNames(const std::vector<std::string>& names_or_paths);

}  // namespace tiersight::core
