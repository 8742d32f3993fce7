// Reads a rule pack from YAML. Unknown keys, missing fields, wrong types,
// duplicate ids, unknown tags or severities, and a pack needing a newer
// engine are errors with file:line:column. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_pack.h"

namespace tiersight::rules {

// Reads `path`. Returns the pack when there was no error; every problem found
// is appended to `diagnostics`.
std::optional<RulePack> ReadRulePack(const std::string& path, std::vector<Diagnostic>& diagnostics);

// Reads a pack file's `text` (sent rather than stored) as the file `file`,
// which diagnostics and RulePack::file name and test bundles are relative to.
std::optional<RulePack> ReadRulePackText(std::string_view text, const std::string& file,
                                         std::vector<Diagnostic>& diagnostics);

// Parses "MAJOR.MINOR.PATCH"; false when malformed.
bool ParseVersion(std::string_view text, int& major, int& minor, int& patch);

}  // namespace tiersight::rules
