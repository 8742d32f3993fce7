// Runs compiled rule packs over a network's figure table: network, level and
// tier rules row by row, agent rules over the columns of millions of agents,
// reading only the figure columns the rules name (built once and shared by
// every rule). Returns the findings sorted deterministically (severity,
// pack, rule, subject). The packs are only read, so one compiled set may
// serve concurrent evaluations; each evaluation owns its table and parsers.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "graph/figure_table.h"
#include "graph/figures.h"
#include "graph/network.h"
#include "rules/finding.h"
#include "rules/rule_compiler.h"

namespace tiersight::rules {

struct EvaluateOptions {
  // Asked before each rule; once it returns true the run ends and Evaluate
  // returns nullopt (a cancelled or expired service call). Empty: never.
  std::function<bool()> stop;
};

std::optional<std::vector<Finding>> Evaluate(const std::vector<CompiledPack>& packs,
                                             graph::FigureTable& table,
                                             const EvaluateOptions& options);

// The same over a table of its own, never stopped.
std::vector<Finding> Evaluate(const std::vector<CompiledPack>& packs, const graph::Network& network,
                              const graph::Figures& figures);

// A rule's message template with its arguments: {figure}, {figure:%},
// {subject} (an agent id when `subject_is_agent`), {matches}.
base::Message RenderMessage(const std::string& message, const FigureValues& values,
                            const std::string& subject, bool subject_is_agent, int64_t matches);

}  // namespace tiersight::rules
