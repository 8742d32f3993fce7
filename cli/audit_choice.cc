#include "cli/audit_choice.h"

#include "base/str_cat.h"

namespace tiersight::cli {

absl::StatusOr<AuditChoice> ReadAuditChoice(const AuditCommandOptions& options) {
  AuditChoice out;
  out.jurisdiction = options.jurisdiction;
  for (const std::string& pack : options.packs) {
    if (pack != kAllPacks) continue;
    if (options.packs.size() > 1) {
      return absl::InvalidArgumentError(
          "--pack all runs every shipped pack; it cannot be given with other packs");
    }
    out.choice = core::PackChoice::kAll;
  }
  if (out.choice != core::PackChoice::kAll && !options.packs.empty()) {
    out.choice = core::PackChoice::kNamed;
    out.packs = options.packs;
  }
  for (const std::string& param : options.params) {
    const size_t equals = param.find('=');
    const std::string key = param.substr(0, equals);
    const size_t dot = key.find('.');
    if (equals == std::string::npos || dot == std::string::npos || dot == 0 ||
        dot + 1 == key.size() || equals + 1 == param.size()) {
      return absl::InvalidArgumentError(
          StrCat("--param '", param, "': give it as PACK.NAME=VALUE, e.g. cn.join_share=0.5"));
    }
    if (!out.params.emplace(key, param.substr(equals + 1)).second) {
      return absl::InvalidArgumentError(StrCat("--param ", key, " is given twice"));
    }
  }
  return out;
}

absl::Status CheckPackFileNames(const std::vector<std::string>& given,
                                const core::LoadedPacks& packs) {
  if (packs.packs.size() != given.size()) return absl::OkStatus();
  for (size_t i = 0; i < given.size(); ++i) {
    if (!core::IsPackPath(given[i])) continue;
    for (size_t j = 0; j < given.size(); ++j) {
      if (core::IsPackPath(given[j]) || packs.packs[j]->name != packs.packs[i]->name) continue;
      return absl::InvalidArgumentError(
          StrCat(given[i], ": pack name '", packs.packs[i]->name, "' is the shipped pack ",
                 given[j], "'s, which this audit runs too: give the pack a name of its own"));
    }
  }
  return absl::OkStatus();
}

}  // namespace tiersight::cli
