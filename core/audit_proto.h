// Converts findings and their provenance into tiersight.v1 messages.
#pragma once

#include <string>
#include <vector>

#include "rules/finding.h"
#include "core/pack_library.h"
#include "tiersight/v1/figures.pb.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

tiersight::v1::Finding FindingToProto(const rules::Finding& finding);

// The audit report: the figures report plus findings and provenance.
tiersight::v1::AuditReport AuditReportToProto(const tiersight::v1::FiguresReport& figures,
                                              const std::vector<rules::Finding>& findings,
                                              const LoadedPacks& packs);

}  // namespace tiersight::core
