#include "services/resource_names.h"

#include "absl/status/status.h"
#include "base/str_cat.h"

namespace tiersight::services {
namespace {

constexpr std::string_view kNetworks = "networks/";
constexpr std::string_view kAudits = "audits/";
constexpr std::string_view kAgents = "/agents/";

absl::Status Malformed(std::string_view field, std::string_view name, std::string_view form) {
  return absl::InvalidArgumentError(
      StrCat("`", field, "` \"", name, "\" is not a resource name of the form \"", form, "\""));
}

// Ids never contain '/', so a name with one more segment is malformed rather
// than a strange id.
bool IsIdSegment(std::string_view id) {
  return !id.empty() && id.find('/') == std::string_view::npos;
}

}  // namespace

std::string NetworkName(std::string_view network_id) { return StrCat(kNetworks, network_id); }
std::string AuditName(std::string_view audit_id) { return StrCat(kAudits, audit_id); }

absl::StatusOr<std::string> ParseNetworkName(std::string_view name, std::string_view field) {
  if (!name.starts_with(kNetworks) || !IsIdSegment(name.substr(kNetworks.size()))) {
    return Malformed(field, name, "networks/{network_id}");
  }
  return std::string(name.substr(kNetworks.size()));
}

absl::StatusOr<std::string> ParseAuditName(std::string_view name, std::string_view field) {
  if (!name.starts_with(kAudits) || !IsIdSegment(name.substr(kAudits.size()))) {
    return Malformed(field, name, "audits/{audit_id}");
  }
  return std::string(name.substr(kAudits.size()));
}

absl::StatusOr<AgentName> ParseAgentName(std::string_view name, std::string_view field) {
  constexpr std::string_view kForm = "networks/{network_id}/agents/{agent_id}";
  if (!name.starts_with(kNetworks)) return Malformed(field, name, kForm);
  const std::string_view rest = name.substr(kNetworks.size());
  const size_t agents = rest.find(kAgents);
  if (agents == std::string_view::npos) return Malformed(field, name, kForm);
  AgentName out{std::string(rest.substr(0, agents)),
                std::string(rest.substr(agents + kAgents.size()))};
  if (!IsIdSegment(out.network_id) || out.agent_id.empty()) return Malformed(field, name, kForm);
  return out;
}

}  // namespace tiersight::services
