// Replaces every agent id in an audit report, for exports that must not
// carry personal data.
//
// Where ids are:
// - structured fields: the subjects of agent-scope findings, evidence
//   deepest_chain and top_subjects, negative_on_hand_agent_ids;
// - finding messages, rendered from rule templates whose {subject} (and any
//   figure text) may name an agent: every id known from the structured fields
//   is replaced wherever it stands as a whole token (not inside a longer run of
//   letters, digits, '_' or '-');
// - load-issue reasons: the bundle reader quotes every value it names in
//   single quotes, and names agents as `<column>_id 'X'`, `agent 'X'` or
//   `same agent 'X'`, and cycles as `sponsor cycle: A -> B -> ... -> A`.
//   Those quoted values and cycle members are replaced even when no
//   structured field names them (a rejected agent is in no figure), as are
//   known ids anywhere in the reason.
// Agent names are never part of an audit report, so there is nothing to
// replace for them.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

using AgentIdMapping = std::function<std::string(std::string_view agent_id)>;

// Rewrites `report` in place, mapping every agent id through `map`.
void ReplaceAgentIds(tiersight::v1::AuditReport& report, const AgentIdMapping& map);

}  // namespace tiersight::exports
