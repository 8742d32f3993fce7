// Runs compiled rule packs over a network's figures: network and level and
// tier rules row by row, agent rules in one pass over the columnar agent
// figures (millions of rows), and returns the findings sorted
// deterministically (severity, pack, rule, subject). Not thread-safe: it
// writes the compiled rules' variable slots.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "graph/figures.h"
#include "graph/network.h"
#include "rules/finding.h"
#include "rules/rule_compiler.h"

namespace tiersight::rules {

std::vector<Finding> Evaluate(std::vector<CompiledPack>& packs, const graph::Network& network,
                              const graph::Figures& figures);

// The same, asking `stop` before each rule: once it returns true the run ends
// and nullopt is returned (a cancelled or expired service call).
std::optional<std::vector<Finding>> EvaluateUnlessStopped(std::vector<CompiledPack>& packs,
                                                          const graph::Network& network,
                                                          const graph::Figures& figures,
                                                          const std::function<bool()>& stop);

// Renders a message template: {figure}, {figure:%}, {subject}, {matches}.
std::string RenderMessage(const std::string& message, const FigureValues& values,
                          const std::string& subject, int64_t matches);

}  // namespace tiersight::rules
