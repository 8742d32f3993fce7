// Renders figures and load reports as readable text tables, for `--format
// text`, from the report messages alone, so that a report computed elsewhere
// (a remote audit) prints exactly as a local one. Numbers use the same exact
// decimal text as the CSV. Thread-safe.
#pragma once

#include <string>

#include "tiersight/v1/figures.pb.h"
#include "tiersight/v1/load_report.pb.h"

namespace tiersight::cli {

// The figures part of a FiguresReport or an AuditReport.
struct FiguresTextInput {
  const tiersight::v1::BundleInfo& bundle;
  const tiersight::v1::NetworkFigures& network;
  const google::protobuf::RepeatedPtrField<tiersight::v1::LevelFigures>& levels;
  const google::protobuf::RepeatedPtrField<tiersight::v1::TierFigures>& tiers;
  const google::protobuf::RepeatedPtrField<std::string>& negative_on_hand_agent_ids;
};

// FiguresReport and AuditReport share these fields.
template <typename Report>
FiguresTextInput FiguresTextOf(const Report& report) {
  return {report.bundle(), report.network(), report.levels(), report.tiers(),
          report.negative_on_hand_agent_ids()};
}

std::string RenderLoadText(const tiersight::v1::LoadReport& report);

std::string RenderFiguresText(const FiguresTextInput& figures);

}  // namespace tiersight::cli
