// The service's resource names ("networks/{id}", "audits/{id}",
// "networks/{id}/agents/{agent_id}") parsed and built in one place, so that
// every RPC refuses a malformed name the same way. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::services {

std::string NetworkName(std::string_view network_id);
std::string AuditName(std::string_view audit_id);

// The id in "networks/{id}"; INVALID_ARGUMENT naming `field` and the
// expected form otherwise. An id of the right form that names nothing is for
// the store to answer (NOT_FOUND).
absl::StatusOr<std::string> ParseNetworkName(std::string_view name, std::string_view field);
absl::StatusOr<std::string> ParseAuditName(std::string_view name, std::string_view field);

struct AgentName {
  std::string network_id;
  std::string agent_id;  // everything after "/agents/", as in the bundle
};
absl::StatusOr<AgentName> ParseAgentName(std::string_view name, std::string_view field);

}  // namespace tiersight::services
