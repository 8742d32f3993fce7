// The Network message of a stored network. What the store does not know (the
// facts as uploaded, the display name, the strict load report) is kept with
// the record as NetworkRecord::details, JSON of a partial v1::Network, so
// that GetNetwork and ListNetworks never reread the bundle. Thread-safe.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "graph/load_report.h"
#include "store/records.h"
#include "tiersight/v1/audit_service.pb.h"

namespace tiersight::services {

// How many errors and how many warnings a stored load report keeps. The
// counts always cover every row; the issues beyond these are left out so
// that a network with millions of bad rows still fits in a response.
inline constexpr int kMaxKeptLoadIssues = 1000;

// `report` as a LoadReport message, its issues cut to kMaxKeptLoadIssues.
tiersight::v1::LoadReport KeptLoadReport(const graph::LoadReport& report);

std::string NetworkDetailsJson(const tiersight::v1::UploadNetworkHeader& header,
                               const tiersight::v1::LoadReport& load);

// The record with its details. INTERNAL (naming the network) when the
// details do not parse.
absl::StatusOr<tiersight::v1::Network> NetworkToProto(const store::NetworkRecord& record);

}  // namespace tiersight::services
