// agents.csv read into columns, one slot per distinct agent id, and the
// sponsor references resolved: which agents are accepted into the network and,
// for every other row, why not (unknown sponsor, self-sponsor, sponsor cycle,
// a rejected or ignored sponsor somewhere above it).
//
// A slot is created for every id that agents.csv names, as an agent or as a
// sponsor, so one hash lookup answers both "known?" and "which row?".
// Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "base/civil_date.h"
#include "graph/csv_table.h"
#include "graph/load_report.h"
#include "graph/string_interner.h"

namespace tiersight::graph {

enum class SlotState : uint8_t {
  kUndefined,  // named only as a sponsor: no row defines it
  kValid,      // its row is well-formed; sponsors not yet resolved
  kInvalid,    // its row is malformed: rejected
  kIgnored,    // joined after as_of: not part of the network
  kRejected,   // well-formed, but its sponsor chain is broken
  kAccepted,   // part of the network
};

inline constexpr uint32_t kNoSlot = UINT32_MAX;

struct AgentRoster {
  StringInterner ids;
  std::vector<SlotState> state;
  std::vector<int64_t> line;      // agents.csv line of the defining row
  std::vector<uint64_t> offset;   // where that row starts in the decoded text
  std::vector<uint32_t> sponsor;  // slot of the sponsor, kNoSlot for a top
  std::vector<uint32_t> tier;     // index into tier_labels ("" is a label too)
  std::vector<base::Day> joined;
  std::vector<base::Day> left;
  std::vector<uint32_t> rows;  // defining slots in file order
  StringInterner tier_labels;  // in order of first appearance
  // Records of agents.csv that could not be read at all (a quoting error):
  // an agent named nowhere else may be in one of them.
  int64_t unreadable_records = 0;
  int64_t first_unreadable_line = 0;
  base::Day latest_day = base::kNoDay;  // latest joined_at/left_at of any row

  size_t slots() const { return state.size(); }
};

// Streams agents.csv into `roster`. Malformed and duplicate rows become
// errors in `report`; rows joined after `as_of` are counted as ignored.
void ReadAgents(CsvTable& table, std::optional<base::Day> as_of, AgentRoster& roster,
                LoadReport& report);

// Decides which valid agents are accepted: those whose whole sponsor chain up
// to a top is valid. Every other row gets an error naming the cause.
// REQUIRES: `table` is the table ReadAgents read (to quote rejected rows).
void ResolveSponsors(const CsvTable& table, AgentRoster& roster, LoadReport& report);

}  // namespace tiersight::graph
