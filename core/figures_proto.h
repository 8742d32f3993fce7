// Converts figures and load reports into their tiersight.v1 messages, the one
// shape shared by the CLI's JSON and the gRPC service. Thread-safe.
#pragma once

#include <string>

#include "base/message.h"
#include "graph/figures.h"
#include "graph/load_report.h"
#include "graph/network.h"
#include "tiersight/v1/figures.pb.h"
#include "tiersight/v1/load_report.pb.h"

namespace tiersight::core {

tiersight::v1::LoadReport LoadReportToProto(const graph::LoadReport& report);

// Message arguments (base/message.h) as the proto carries them.
void CopyArgs(const std::vector<base::MessageArg>& from,
              google::protobuf::RepeatedPtrField<tiersight::v1::MessageArg>* to);

tiersight::v1::AgentFigures AgentFiguresToProto(const graph::Network& network,
                                                const graph::TreeMetrics& tree, uint32_t agent);

// Fills the fields FiguresReport and AuditReport share (network, levels,
// tiers, load, bundle, negative_on_hand_agent_ids) of either message, and
// an AuditReport's branches (each headed by its top's id).
// `figures` may be null when the load was not usable; then only `load` and
// `bundle` are filled.
template <typename Report>
void FillFiguresReport(const graph::Network* network, const graph::Figures* figures,
                       const graph::LoadReport& report, const std::string& digest, Report& out);

// The whole `figures` output. `figures` may be null when the load was not
// usable; then only `load` and `bundle` are filled.
tiersight::v1::FiguresReport FiguresReportToProto(const graph::Network* network,
                                                  const graph::Figures* figures,
                                                  const graph::LoadReport& report,
                                                  const std::string& digest);

// exports::ReportJson: the printer shared with exported reports.
std::string ToJson(const google::protobuf::Message& message);

}  // namespace tiersight::core
