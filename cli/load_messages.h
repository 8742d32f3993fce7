// What the CLI's verbs print about a load: results to stdout as they are,
// load errors and why a load cannot be used to stderr.
#pragma once

#include <optional>
#include <string>

#include "graph/figures.h"
#include "graph/load_report.h"
#include "graph/network.h"

namespace tiersight::cli {

// Writes to stdout as it is (results; logs go to stderr).
void PrintStdout(const std::string& text);

// Every load error as "file:line: reason" on stderr.
void PrintLoadErrors(const graph::LoadReport& report);

// Explains on stderr why a load cannot be used: every error, then a summary.
void ExplainUnusableLoad(const graph::LoadReport& report);

// The network's figures (core::ComputeFiguresLogged); on failure prints the
// reason to stderr and returns nullopt.
std::optional<graph::Figures> ComputeFiguresOrExplain(const graph::Network& network);

}  // namespace tiersight::cli
