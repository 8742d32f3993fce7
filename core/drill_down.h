// Drill-down into one loaded network and its audits, as the service's
// GetAgent, ListLevels, ListTiers and ListFindingSubjects answer it: an agent
// with its upline, a page of its direct recruits and the findings that name
// it; a page of the level or tier table; a page of a finding's subjects, and
// the cap on the subjects a response names.
// Works on a load already made and on list positions, not page tokens, so
// that the caller decides how loads are kept and how pages are named.
// Thread-safe: reads its inputs only.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/network.h"
#include "graph/tree_metrics.h"
#include "tiersight/v1/figures.pb.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

// One page of a list computed in memory: at most `limit` items from the
// position `offset` on.
struct PageRequest {
  size_t offset = 0;
  size_t limit = 0;
};

// The items of one page, and the position the next page starts at (none on
// the last page).
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<size_t> next_offset;
};

struct AgentQuery {
  std::string_view agent_id;
  PageRequest recruits;
  // The load's network id and mode; only for the message when the agent is
  // not found.
  std::string_view network_id;
  bool lenient = false;
};

struct AgentDrillDown {
  uint32_t agent = graph::kNoAgent;  // the agent's number in the network
  tiersight::v1::AgentFigures figures;
  // Its sponsors, top first and ending with its direct sponsor.
  std::vector<std::string> upline_agent_ids;
  // Its direct recruits in upload order (agents are numbered in agents.csv
  // order), the page asked for.
  Page<tiersight::v1::AgentFigures> recruits;
};

// NOT_FOUND naming the agent and the network when the load has no agent of
// that id.
absl::StatusOr<AgentDrillDown> DrillDownAgent(const graph::Network& network,
                                              const graph::TreeMetrics& tree,
                                              const AgentQuery& query);

// The findings whose subjects include `agent_id`, in their order.
std::vector<tiersight::v1::Finding> FindingsNaming(
    const google::protobuf::RepeatedPtrField<tiersight::v1::Finding>& findings,
    std::string_view agent_id);

// A service response names at most this many subjects of a finding; the
// recorded report names them all (ListFindingSubjects pages through them).
inline constexpr int kMaxSubjectsPerFinding = 10'000;

// Cuts each finding's subjects to `max`, marking the finding
// subjects_truncated; subject_count keeps the whole count (set from the
// subjects for a report recorded before findings counted them).
void CapFindingSubjects(google::protobuf::RepeatedPtrField<tiersight::v1::Finding>& findings,
                        int max = kMaxSubjectsPerFinding);

// A page of the subjects of the finding at index `finding` of `findings`.
// INVALID_ARGUMENT naming the index and how many findings there are when
// it is outside them.
absl::StatusOr<Page<std::string>> FindingSubjectsPage(
    const google::protobuf::RepeatedPtrField<tiersight::v1::Finding>& findings, int finding,
    PageRequest page);

// A page of the level (or tier) table of a network's figures.
Page<tiersight::v1::LevelFigures> LevelsPage(const tiersight::v1::FiguresReport& report,
                                             PageRequest page);
Page<tiersight::v1::TierFigures> TiersPage(const tiersight::v1::FiguresReport& report,
                                           PageRequest page);

}  // namespace tiersight::core
