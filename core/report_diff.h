// Says how an audit report differs from a fresh audit of the same bundle,
// for `verify`: each difference names the section, the item and the field,
// with both values ("levels[3].spend: the report says 12, a fresh audit
// gives 13"). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

// Compares everything the bundle and the packs determine, field by field
// (protobuf's MessageDifferencer): the figures (network, levels, tiers,
// negative_on_hand_agent_ids, branches), the load report, the bundle's
// facts, the provenance's engine version and as-of date, the findings and
// the judgement (verdicts, risk, organiser_risks), and what the report
// draws of organisers and branches (organiser_teams, branch_pyramids). The
// bundle digest and the
// packs' digests are checked by the caller; how the report was exported is
// not compared. One line per section, per changed field of the load report,
// bundle facts and provenance, and per finding, verdict and organiser risk
// (named by its rule, jurisdiction or agent): its first difference in field
// order (a changed value, or an item count), sections in report order;
// values are shown as the report's
// JSON writes them, cut after 80 bytes at a character boundary. Empty when
// they match.
std::vector<std::string> DiffAuditReports(const tiersight::v1::AuditReport& stated,
                                          const tiersight::v1::AuditReport& fresh);

}  // namespace tiersight::core
