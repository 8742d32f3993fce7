// What `tiersight audit` does with a finished report, wherever it was
// computed (locally or by the service): print it as text or JSON, write the
// exports asked for with --out, and choose the exit code.
#pragma once

#include "cli/rules_commands.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::cli {

// Exit codes: 0, 1 when an export cannot be written, 3 when a finding
// reaches --fail-on.
int EmitAuditReport(const tiersight::v1::AuditReport& report, const AuditCommandOptions& options);

}  // namespace tiersight::cli
