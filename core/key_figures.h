// The figures the first page of a report leads with, read from the figure
// catalogue and the findings' organisers. Thread-compatible.
#pragma once

#include "graph/figure_table.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

// Fills report.key_figures (see findings.proto) from `table`, and the
// organisers' gains from the organisers the report's findings name (their
// ids as the network has them, before any pseudonymisation).
void AddKeyFigures(graph::FigureTable& table, tiersight::v1::AuditReport& report);

}  // namespace tiersight::core
