// Runs compiled rule packs over a network's figure table: network rules on
// its one row, level, tier and branch rules over their groups (one finding
// listing every failing group), agent rules over the columns of millions of
// agents, reading only the figure columns the rules name (built once and
// shared by every rule). Every subject is named; `top` limits only what the
// message and the evidence show. Returns the findings sorted
// deterministically (severity, pack, rule). The packs are only read, so
// one compiled set may serve concurrent evaluations; each evaluation owns
// its table and parsers.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/figure_table.h"
#include "graph/figures.h"
#include "graph/network.h"
#include "rules/finding.h"
#include "rules/rule_compiler.h"
#include "rules/rule_program.h"

namespace tiersight::rules {

// Every parameter of each pack with the value an audit uses (a pack's
// default unless overridden), in the order of the packs.
using PackParamValues = std::vector<ParamValues>;

// Applies overrides "PACK.NAME" -> value text to the packs' defaults.
// INVALID_ARGUMENT naming the override for an unknown pack or parameter, a
// value that is not a number (or not an integer for a count), or one
// outside the parameter's range.
absl::StatusOr<PackParamValues> ResolveParams(const std::vector<CompiledPack>& packs,
                                              const std::map<std::string, std::string>& overrides);

// The values of the catalogue's figure parameters for one pack: the pack's
// own where it declares them, the catalogue's defaults otherwise.
std::map<std::string, double> FigureParamValues(const CompiledPack& pack,
                                                const ParamValues& values);

struct EvaluateOptions {
  // Asked before each rule; once it returns true the run ends and Evaluate
  // returns nullopt (a cancelled or expired service call). Empty: never.
  std::function<bool()> stop;
  // One entry per pack (ResolveParams); empty: every pack's defaults.
  PackParamValues params;
};

std::optional<std::vector<Finding>> Evaluate(const std::vector<CompiledPack>& packs,
                                             graph::FigureTable& table,
                                             const EvaluateOptions& options);

// The same over a table of its own, with the packs' defaults, never stopped.
std::vector<Finding> Evaluate(const std::vector<CompiledPack>& packs, const graph::Network& network,
                              const graph::Figures& figures);

// A rule's message template with its arguments: {figure}, {figure:%},
// {param}, {subject} (an agent id when `subject_is_agent`), {matches}.
base::Message RenderMessage(const std::string& message, const FigureValues& values,
                            const std::string& subject, bool subject_is_agent, int64_t matches,
                            std::string_view currency = {});

}  // namespace tiersight::rules
