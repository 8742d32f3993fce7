// What `tiersight audit` is asked to run, read from --pack, --jurisdiction
// and --param once for the local audit and for `audit --server`: which packs
// and how they are chosen, the caller's jurisdiction and the parameter
// overrides. Thread-safe (pure functions).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/rules_commands.h"
#include "core/pack_selection.h"

namespace tiersight::cli {

// `--pack all`: every pack, whatever the network's jurisdiction.
inline constexpr char kAllPacks[] = "all";

struct AuditChoice {
  // No --pack: every shipped pack, chosen by jurisdiction; `--pack all`:
  // every shipped pack; packs named: exactly those.
  core::PackChoice choice = core::PackChoice::kByJurisdiction;
  std::vector<std::string> packs;             // the packs named (kNamed only)
  std::string jurisdiction;                   // empty: network.yaml's, if any
  std::map<std::string, std::string> params;  // "PACK.NAME" -> value text
};

// INVALID_ARGUMENT, naming the flag's value, for `all` among other packs,
// a --param that is not PACK.NAME=VALUE, or one parameter given twice.
// Whether packs, parameters and the jurisdiction exist is the packs'
// question (core::CheckParams, core::CheckJurisdiction).
absl::StatusOr<AuditChoice> ReadAuditChoice(const AuditCommandOptions& options);

}  // namespace tiersight::cli
