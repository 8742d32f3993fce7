// The shipped rule packs as tiersightd serves them: every pack file of the
// packs directory read and compiled once when the server starts, and again
// when the operator asks for a reload (SIGHUP). A call takes the set serving
// when it starts and keeps it to its end, so a reload never changes the
// packs under a call in flight; a reload that fails leaves the set that was
// serving in place. Thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/pack_library.h"

namespace tiersight::services {

// One reading of the packs directory, compiled. Immutable, so that any
// number of concurrent audits share it.
struct ShippedPackSet {
  // Every pack, compiled: packs.packs[i] and packs.compiled[i] are of the
  // file ids[i].yaml.
  core::LoadedPacks packs;
  // File names without ".yaml", in the order the CLI runs every shipped
  // pack in (core::PackPathsIn).
  std::vector<std::string> ids;
  std::vector<std::string> yaml;  // each file's text, as compiled

  // The index of the pack file `id`, if the set has it.
  std::optional<size_t> Find(std::string_view id) const;

  // INVALID_ARGUMENT when `pack`, a pack sent by a client (read from
  // `file`), takes the name of a shipped pack (its `pack:` name or its
  // file's): shipped names are reserved, so that a report never shows a
  // client's pack under a shipped pack's name.
  absl::Status CheckNotReserved(const rules::RulePack& pack, std::string_view file) const;
};

// The first of `diagnostics` as "file:line:column: message", and how many
// more there are.
std::string DescribePackProblems(const std::vector<rules::Diagnostic>& diagnostics);

class ShippedPacks {
 public:
  // Reads and compiles every pack (*.yaml) in `dir`; a missing directory
  // holds none. FAILED_PRECONDITION naming the first problem's
  // file:line:column when a pack does not read or compile.
  static absl::StatusOr<std::unique_ptr<ShippedPacks>> Load(const std::string& dir);

  // The set serving now; the caller keeps it for as long as it uses it.
  std::shared_ptr<const ShippedPackSet> Current() const;

  // Reads and compiles the directory again. On success the new set serves
  // the calls that start afterwards; otherwise the serving set stays and the
  // status says why, as Load's does.
  absl::Status Reload();

  const std::string& dir() const { return dir_; }

 private:
  ShippedPacks(std::string dir, std::shared_ptr<const ShippedPackSet> set)
      : dir_(std::move(dir)), current_(std::move(set)) {}

  const std::string dir_;
  std::mutex reload_mu_;  // one reload reads the directory at a time
  mutable std::mutex mu_;
  std::shared_ptr<const ShippedPackSet> current_;  // guarded by mu_
};

}  // namespace tiersight::services
