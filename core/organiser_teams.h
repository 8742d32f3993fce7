// What the report's organisers and branches sections draw, built from the
// network into the report model (AuditReport.organiser_teams and
// branch_pyramids), because the HTML renderer works from the model alone:
// every organiser a finding names with its row of the organiser table, and
// for the largest a genealogy (组织结构图) and a recruitment timeline; and
// the agents per level of the largest branches. Linear in the sizes of the
// charted teams and of the network. Thread-safe (reads its inputs only).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "graph/dated_spend.h"
#include "graph/figures.h"
#include "graph/network.h"
#include "rules/finding.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

struct TeamChartLimits {
  // Organisers charted (the largest by team size, ties by agent id); at
  // most 32.
  size_t charted = 20;
  // Genealogy nodes drawn one by one, the organiser's included: a level is
  // drawn whole while the nodes stay within the budget, and from the first
  // level that would exceed it (or below `drawn_levels`) levels are bands.
  size_t node_budget = 150;
  int drawn_levels = 3;
  // Bands of a genealogy: one per level, the last holding every level
  // from it down.
  size_t bands = 6;
  // Branches with a pyramid (the largest by agents, ties in branch order).
  size_t branch_pyramids = 10;
};

// Streams the dated spends of the audited bundle (graph::ForEachDatedSpend
// over its directory); called once, and only when a team is charted.
using SpendSource = std::function<absl::Status(const graph::SpendVisitor&)>;

// Fills report.organiser_teams from the organisers of `findings` (the
// findings the report carries, in its order). A charted team's paid-in
// timeline comes from `spends`; when they cannot be read, or do not sum to
// what the load counted, the team says so (paid_in_dated false) and the
// rest is drawn.
void AddOrganiserTeams(const graph::Network& network, const graph::Figures& figures,
                       const std::vector<rules::Finding>& findings, const SpendSource& spends,
                       tiersight::v1::AuditReport& report, const TeamChartLimits& limits = {});

// Fills report.branch_pyramids for the largest branches of `figures`.
void AddBranchPyramids(const graph::Network& network, const graph::Figures& figures,
                       tiersight::v1::AuditReport& report, const TeamChartLimits& limits = {});

}  // namespace tiersight::core
