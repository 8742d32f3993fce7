// Converts findings and their provenance into tiersight.v1 messages.
#pragma once

#include <string>
#include <vector>

#include "core/pack_library.h"
#include "core/pack_selection.h"
#include "graph/figures.h"
#include "graph/load_report.h"
#include "graph/network.h"
#include "rules/finding.h"
#include "rules/judgement.h"
#include "tiersight/v1/figures.pb.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

tiersight::v1::Finding FindingToProto(const rules::Finding& finding);

// A figure or parameter value with its unit and, where it has one, its
// exact decimal.
tiersight::v1::FigureValue FigureValueToProto(const rules::FigureValue& value);

// The audit report, built in its final message: the figures (as
// FiguresReportToProto has them; `figures` may be null for an unusable
// load), the findings, the verdicts and risk (`judgement`, null when there
// is none) and the provenance of the packs that ran.
tiersight::v1::AuditReport AuditReportToProto(
    const graph::Network* network, const graph::Figures* figures, const graph::LoadReport& load,
    const std::string& digest, const std::vector<rules::Finding>& findings,
    const SelectedPacks& packs, const rules::Judgement* judgement);

}  // namespace tiersight::core
