// The subjects a service response leaves out: AuditNetwork and GetAudit name
// at most 10,000 subjects of a finding (subjects_truncated); this fetches
// the rest through ListFindingSubjects, so that the CLI prints and exports a
// remote audit's report with every subject, as it does a local one's.
// Thread-compatible (one report per call).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "clients/cpp/remote_channel.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::client {

// Replaces the subjects of each truncated finding of `report` (of the
// recorded audit `audit`, "audits/{id}") by all of them, paging through
// ListFindingSubjects, and clears subjects_truncated. The call's error,
// described (DescribeRpcError), when a page cannot be read; `report` may
// then be filled in part.
absl::Status FetchTruncatedSubjects(const RemoteConnection& connection, const std::string& audit,
                                    tiersight::v1::AuditReport& report);

}  // namespace tiersight::client
