// Converts findings and their provenance into tiersight.v1 messages.
#pragma once

#include <string>
#include <vector>

#include "core/pack_library.h"
#include "graph/figures.h"
#include "graph/load_report.h"
#include "graph/network.h"
#include "rules/finding.h"
#include "tiersight/v1/figures.pb.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

tiersight::v1::Finding FindingToProto(const rules::Finding& finding);

// The audit report, built in its final message: the figures (as
// FiguresReportToProto has them; `figures` may be null for an unusable
// load), the findings and the provenance.
tiersight::v1::AuditReport AuditReportToProto(const graph::Network* network,
                                              const graph::Figures* figures,
                                              const graph::LoadReport& load,
                                              const std::string& digest,
                                              const std::vector<rules::Finding>& findings,
                                              const LoadedPacks& packs);

}  // namespace tiersight::core
