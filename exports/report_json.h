// The one JSON printer of reports, so that the CLI's stdout JSON and the
// exported report.json print every message the same way, and its reader.
// Thread-safe.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

// Proto field names, every field present (zeros included) except optional
// fields left unset, indented, a final newline. Doubles print as the
// shortest text that reads back to the same value, so the same message
// always gives the same bytes.
std::string ReportJson(const google::protobuf::Message& message);

// The audit report in a JSON report, printed by ReportJson or signed
// (canonical JSON); members that are no field, such as the signature, are
// ignored. INVALID_ARGUMENT with the parser's reason otherwise.
absl::StatusOr<tiersight::v1::AuditReport> ParseReportJson(std::string_view json);

}  // namespace tiersight::exports
