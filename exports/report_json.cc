#include "exports/report_json.h"

#include <google/protobuf/util/json_util.h>

#include "report/json_depth.h"

namespace tiersight::exports {

std::string ReportJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string json;
  // Printing a well-formed message cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  if (json.empty() || json.back() != '\n') json += '\n';
  return json;
}

absl::StatusOr<tiersight::v1::AuditReport> ParseReportJson(std::string_view json) {
  if (absl::Status depth = report::CheckJsonDepth(json); !depth.ok()) return depth;
  tiersight::v1::AuditReport report;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &report, options);
  if (!parsed.ok()) return absl::InvalidArgumentError(std::string(parsed.message()));
  return report;
}

}  // namespace tiersight::exports
