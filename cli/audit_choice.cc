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

}  // namespace tiersight::cli
