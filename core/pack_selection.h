// Which of the loaded packs an audit runs, and with which parameters.
//
// A network's jurisdiction (--jurisdiction, the request's field, or
// network.yaml's `jurisdiction`) picks the packs that declare it, and the
// packs that run everywhere (`any`); other packs run only when asked (all
// packs, or packs named). A jurisdiction that network.yaml gives and no
// pack declares is a load warning, and every pack runs; one a caller gives
// must be known (CheckJurisdiction). Without a jurisdiction every pack runs.
// Thread-safe (pure functions).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/pack_library.h"
#include "graph/load_report.h"
#include "rules/evaluator.h"

namespace tiersight::core {

enum class PackChoice {
  kByJurisdiction,  // the default: the jurisdiction's packs and `any`
  kAll,             // every pack loaded
  kNamed,           // exactly the packs loaded (named by the caller)
};

// "jurisdiction", "all" or "named", as provenance records it.
std::string_view PackChoiceName(PackChoice choice);

struct SelectedPacks {
  std::vector<rules::CompiledPack> compiled;
  rules::PackParamValues params;  // one entry per compiled pack
  std::string jurisdiction;       // that chose the packs; empty when every pack ran
  PackChoice choice = PackChoice::kByJurisdiction;
};

// Every jurisdiction code the packs declare (`any` left out), sorted.
std::vector<std::string> DeclaredJurisdictions(const LoadedPacks& packs);

// INVALID_ARGUMENT naming `code` and the known codes when no pack of
// `packs` declares it, nor of `others` when given: a network may be judged
// under a jurisdiction that only packs other than those named declare (the
// shipped packs, when some are named).
absl::Status CheckJurisdiction(const LoadedPacks& packs, const std::string& code,
                               const LoadedPacks* others = nullptr);

// INVALID_ARGUMENT naming the first bad override ("PACK.NAME" -> value):
// an unknown pack or parameter, not a number, or out of range.
absl::Status CheckParams(const LoadedPacks& packs,
                         const std::map<std::string, std::string>& overrides);

// The packs to run. `requested` is the caller's jurisdiction (may be
// empty), `declared` network.yaml's; a warning about an unknown declared
// code goes to `warnings`. Overrides for packs that do not run are dropped.
SelectedPacks SelectPacks(const LoadedPacks& packs, PackChoice choice, const std::string& requested,
                          const std::string& declared,
                          const std::map<std::string, std::string>& overrides,
                          std::vector<graph::LoadIssue>& warnings);

}  // namespace tiersight::core
