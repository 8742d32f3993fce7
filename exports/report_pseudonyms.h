// Replaces every agent id in an audit report, for exports that must not
// carry personal data.
//
// Ids are found by structure only, never by reading text:
// - the subjects and evidence top_subjects of agent-scope and branch-scope
//   findings (a branch is named by the agent heading it), evidence
//   deepest_chain, the organisers of a finding (agent_id, within) and
//   organiser_risks, negative_on_hand_agent_ids, the tops heading branches
//   and branch pyramids, the organiser teams (agent_id, within and every
//   genealogy node);
// - the arguments of kind AGENT_ID of each finding's message and each load
//   issue's reason, whose text is then rendered again from its template.
// A message or reason that has text but no template (an audit recorded
// before messages kept their templates) cannot be rendered safely and is
// withheld, saying so. Agent names are never part of an audit report.
// Thread-safe (pure function of its arguments).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

using AgentIdMapping = std::function<std::string(std::string_view agent_id)>;

// Rewrites `report` in place, mapping every agent id through `map`.
void ReplaceAgentIds(tiersight::v1::AuditReport& report, const AgentIdMapping& map);

// What stands in for a message that names agents in a form that cannot be
// pseudonymised.
inline constexpr std::string_view kWithheldMessage =
    "[withheld from the export: this text was recorded without its template, so the agent "
    "ids in it cannot be replaced]";

}  // namespace tiersight::exports
