#include "core/pack_selection.h"

#include <algorithm>
#include <set>

#include "base/str_cat.h"

namespace tiersight::core {
namespace {

bool Declares(const rules::RulePack& pack, const std::string& code) {
  return std::find(pack.jurisdictions.begin(), pack.jurisdictions.end(), code) !=
         pack.jurisdictions.end();
}

}  // namespace

std::string_view PackChoiceName(PackChoice choice) {
  switch (choice) {
    case PackChoice::kByJurisdiction:
      return "jurisdiction";
    case PackChoice::kAll:
      return "all";
    case PackChoice::kNamed:
      return "named";
  }
  return "?";
}

std::vector<std::string> DeclaredJurisdictions(const LoadedPacks& packs) {
  std::set<std::string> codes;
  for (const rules::CompiledPack& pack : packs.compiled) {
    for (const std::string& code : pack.pack->jurisdictions) {
      if (code != "any") codes.insert(code);
    }
  }
  return {codes.begin(), codes.end()};
}

absl::Status CheckJurisdiction(const LoadedPacks& packs, const std::string& code,
                               const LoadedPacks* others) {
  std::set<std::string> known;
  for (const LoadedPacks* set : {&packs, others}) {
    if (set == nullptr) continue;
    for (std::string& c : DeclaredJurisdictions(*set)) known.insert(std::move(c));
  }
  if (known.contains(code)) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat("unknown jurisdiction '", code, "': the packs declare ",
                                           known.empty() ? "none" : StrJoin(known, ", ")));
}

absl::Status CheckParams(const LoadedPacks& packs,
                         const std::map<std::string, std::string>& overrides) {
  return rules::ResolveParams(packs.compiled, overrides).status();
}

SelectedPacks SelectPacks(const LoadedPacks& packs, PackChoice choice, const std::string& requested,
                          const std::string& declared,
                          const std::map<std::string, std::string>& overrides,
                          std::vector<graph::LoadIssue>& warnings) {
  SelectedPacks out;
  out.choice = choice;
  std::string code = requested.empty() ? declared : requested;
  if (choice == PackChoice::kByJurisdiction && !code.empty()) {
    const std::vector<std::string> known = DeclaredJurisdictions(packs);
    if (std::find(known.begin(), known.end(), code) == known.end()) {
      warnings.push_back(graph::LoadIssue{
          .file = "network.yaml",
          .line = 0,
          .reason = StrCat("jurisdiction '", code, "' is declared by no rule pack (they declare ",
                           StrJoin(known, ", "), "); every pack runs")});
      code.clear();
    }
  }
  out.jurisdiction = choice == PackChoice::kByJurisdiction ? code : requested;
  for (const rules::CompiledPack& pack : packs.compiled) {
    const bool runs = choice != PackChoice::kByJurisdiction || code.empty() ||
                      Declares(*pack.pack, code) || Declares(*pack.pack, "any");
    if (runs) out.compiled.push_back(pack);
  }
  std::map<std::string, std::string> applying;
  for (const auto& [key, value] : overrides) {
    const std::string pack = key.substr(0, key.find('.'));
    const bool runs =
        std::any_of(out.compiled.begin(), out.compiled.end(),
                    [&](const rules::CompiledPack& p) { return p.pack->name == pack; });
    if (runs) applying[key] = value;
  }
  // Checked against every pack loaded already (CheckParams).
  absl::StatusOr<rules::PackParamValues> params = rules::ResolveParams(out.compiled, applying);
  out.params = params.ok() ? *std::move(params) : *rules::ResolveParams(out.compiled, {});
  return out;
}

}  // namespace tiersight::core
