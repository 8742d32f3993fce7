// Renders figures and load reports as readable text tables, for `--format
// text`. Numbers use the same exact decimal text as the CSV. Thread-safe.
#pragma once

#include <string>

#include "graph/figures.h"
#include "graph/load_report.h"
#include "graph/network.h"

namespace tiersight::services {

std::string RenderLoadText(const graph::LoadReport& report);

std::string RenderFiguresText(const graph::Network& network, const graph::Figures& figures,
                              const std::string& digest);

}  // namespace tiersight::services
