// `tiersight audit --server HOST:PORT --network ID`: audits a network stored
// in tiersightd and prints the report as the local `audit` prints it.
#pragma once

#include "cli/audit_choice.h"
#include "cli/rules_commands.h"
#include "clients/cpp/remote_channel.h"

namespace tiersight::cli {

// The request for `options` and what they ask to run (ReadAuditChoice):
// shipped pack names become "rulePacks/NAME", a pack file (a path with '/',
// or an existing file) is sent inline, `--pack all` sets all_packs, and the
// jurisdiction and parameters go as they are, for the server to check
// against its packs. NOT_FOUND naming a pack file that cannot be read.
absl::StatusOr<tiersight::v1::AuditNetworkRequest> BuildAuditRequest(
    const AuditCommandOptions& options, const AuditChoice& choice);

// Exit codes as `tiersight audit`: 0, 1 (the call or an export failed,
// the server's INVALID_ARGUMENT for an unknown jurisdiction or parameter
// included), 2 no token or a malformed --pack or --param, 3 a finding
// reached --fail-on.
int RunRemoteAuditCommand(const AuditCommandOptions& options, const std::string& ca_file);

}  // namespace tiersight::cli
